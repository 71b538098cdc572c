export { networkApiRef } from './NetworkApi';
export type { NetworkApi } from './NetworkApi';
export { NetworkClient } from './NetworkClient';
export type { RunEventHandlers } from './NetworkApi';
export { EventStreamParser } from './EventStreamParser';
export type { EventStreamMessage } from './EventStreamParser';
