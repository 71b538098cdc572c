/** The store's public surface: the contract types, the memory store, selectors and errors. */
export type * from './types.ts';
export { createMemoryStore } from './memory-store.ts';
export type { MemoryStore, MemoryStoreOptions, StoreSnapshot } from './memory-store.ts';
export { BUILTIN_RESOURCES, createResourceRegistry, formatApiVersion, parseApiVersion, qualifiedResourceName, resourceTypeFromDefinition } from './resources.ts';
export type { MutableResourceRegistry } from './resources.ts';
export { cloneJson } from './json-clone.ts';
export { StoreError, notFoundError, alreadyExistsError, conflictError, invalidError } from './errors.ts';
export type { StatusCause } from './errors.ts';
export { parseLabelSelector, parseFieldSelector, matchesLabels, matchesFields, matchesLabelSelectorObject, fieldValue } from './selectors.ts';
