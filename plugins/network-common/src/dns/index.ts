export * from './externalDnsAnnotations';
