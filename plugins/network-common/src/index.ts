/**
 * Isomorphic types, permissions and pure logic shared by the network plugins.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './types';
export * from './ip';
export * from './selectors';
export * from './gateway';
export * from './policies';
export * from './dns';
export * from './certificates';
export * from './requestPath';
export * from './manifests';
export * from './baseline';
