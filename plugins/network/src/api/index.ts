export { networkApiRef } from './NetworkApi';
export type { NetworkApi } from './NetworkApi';
export { NetworkClient } from './NetworkClient';
