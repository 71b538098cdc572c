/**
 * The network plugin: the Network page and the entity Network tab.
 *
 * The default export is the plugin for the new frontend system; the named legacy exports
 * (`legacyNetworkPlugin`, `NetworkPage`, `EntityNetworkContent`) serve apps on the legacy one.
 *
 * @packageDocumentation
 */
export { networkPlugin as default } from './plugin';
export { networkApiRef, NetworkClient } from './api';
export type { NetworkApi } from './api';
export { isNetworkAvailable } from './entityFilter';
export {
  legacyNetworkPlugin,
  legacyRootRouteRef,
  NetworkPage,
  EntityNetworkContent,
} from './legacy/plugin';
export {
  networkScaffolderFieldsModule,
  GatewayPickerFieldExtension,
  HostnamePickerFieldExtension,
  IssuerPickerFieldExtension,
  IpPoolPickerFieldExtension,
  NetworkClusterPickerFieldExtension,
  BootstrapPlanConfirmFieldExtension,
} from './scaffolder';
export type {
  GatewayPickerOptions,
  HostnamePickerOptions,
  IssuerPickerOptions,
  IpPoolPickerOptions,
} from './scaffolder';
