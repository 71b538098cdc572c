export * from './conditions';
export * from './requestPath';
export * from './overview';
export * from './diagnostics';
export * from './bootstrap';
