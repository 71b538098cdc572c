export * from './conditions';
export * from './requestPath';
export * from './overview';
