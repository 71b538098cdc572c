/**
 * Renders the portal's own production manifests with the network-common renderers.
 *
 * @packageDocumentation
 */
export * from './portalDeploySettings';
export * from './portalServiceSpec';
export * from './renderPortalManifests';
export * from './parseRenderArguments';
export * from './writeGeneratedFiles';
