export * from './gatewayObjects';
export * from './hostnameMatching';
export * from './routeAttachment';
export * from './hostnameClaims';
export * from './routeState';
export * from './routeSelection';
