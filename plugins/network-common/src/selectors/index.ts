export * from './labelSelector';
export * from './labelSelectorString';
