/**
 * The network backend plugin: cluster watch cache, request paths and the network overview API.
 *
 * @packageDocumentation
 */
export { networkPlugin as default } from './plugin';
