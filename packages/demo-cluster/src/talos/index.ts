/** Public surface of the simulated Talos apid (see proto/README.md for the client side). */
export { startTalosApid } from './server.ts';
export type { TalosApidHandle, TalosApidOptions } from './server.ts';
export { renderTalosconfig, parseTalosconfig } from './talosconfig.ts';
export type { TalosconfigOptions, TalosconfigCredentials, TalosconfigDocument } from './talosconfig.ts';
export { defaultTalosServices } from './default-services.ts';
export { etcdMemberId } from './machine-service.ts';
export {
  loadTalosGrpcPackages,
  loadTalosPackageDefinition,
  TALOS_PROTO_DIR,
  TALOS_PROTO_FILES,
  TALOS_PROTO_LOADER_OPTIONS,
} from './proto-loader.ts';
export type { TalosGrpcPackages } from './proto-loader.ts';
export { APID_PORT } from './node-routing.ts';
export type * from './messages.ts';
export type * from './types.ts';
