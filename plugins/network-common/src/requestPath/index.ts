export * from './hopStates';
