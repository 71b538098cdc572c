export * from './certificateCoverage';
export * from './certificateSummary';
