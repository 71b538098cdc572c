export * from './gatewayObjects';
export * from './hostnameMatching';
export * from './routeAttachment';
