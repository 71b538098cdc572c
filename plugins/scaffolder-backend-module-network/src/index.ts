/**
 * Scaffolder actions of the Create service wizard.
 *
 * @packageDocumentation
 */
export { scaffolderModuleNetwork as default } from './module';
export { localRepositoryUrlReaderFactory } from './services/LocalRepositories/localRepositoryUrlReader';
export { createRenderManifestsAction } from './actions/renderManifests';
export { createCheckHostnameAction } from './actions/checkHostname';
export { createPreflightAction } from './actions/preflight';
export { createApplyManifestsAction } from './actions/applyManifests';
export { createPublishLocalAction } from './actions/publishLocal';
