export * from './networkBaseline';
export * from './parseNetworkBaseline';
export * from './ipPoolManifests';
export * from './l2PolicyManifests';
export * from './gatewayManifests';
export * from './clusterIssuerManifests';
export * from './defaultDenyManifests';
export * from './renderNetworkBaseline';
