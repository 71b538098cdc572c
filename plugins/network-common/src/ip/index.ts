export * from './ipAddress';
export * from './ipRange';
export * from './ipPool';
export * from './poolConflicts';
export * from './poolUsage';
export * from './poolServiceSelection';
