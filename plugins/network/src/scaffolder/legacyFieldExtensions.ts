import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { legacyNetworkPlugin } from '../legacy/plugin';
import { networkFieldDefinitions } from './fieldDefinitions';

// For apps on the legacy frontend system, inside `<ScaffolderFieldExtensions>`:
//   <GatewayPickerFieldExtension /> <HostnamePickerFieldExtension /> ...

/** `ui:field: GatewayPicker` for a legacy app. */
export const GatewayPickerFieldExtension = legacyNetworkPlugin.provide(
  createScaffolderFieldExtension(networkFieldDefinitions.GatewayPicker),
);
/** `ui:field: HostnamePicker` for a legacy app. */
export const HostnamePickerFieldExtension = legacyNetworkPlugin.provide(
  createScaffolderFieldExtension(networkFieldDefinitions.HostnamePicker),
);
/** `ui:field: IssuerPicker` for a legacy app. */
export const IssuerPickerFieldExtension = legacyNetworkPlugin.provide(
  createScaffolderFieldExtension(networkFieldDefinitions.IssuerPicker),
);
/** `ui:field: IpPoolPicker` for a legacy app. */
export const IpPoolPickerFieldExtension = legacyNetworkPlugin.provide(
  createScaffolderFieldExtension(networkFieldDefinitions.IpPoolPicker),
);
/** `ui:field: NetworkClusterPicker` for a legacy app. */
export const NetworkClusterPickerFieldExtension = legacyNetworkPlugin.provide(
  createScaffolderFieldExtension(networkFieldDefinitions.ClusterPicker),
);
/** `ui:field: BootstrapPlanConfirm` for a legacy app. */
export const BootstrapPlanConfirmFieldExtension = legacyNetworkPlugin.provide(
  createScaffolderFieldExtension(networkFieldDefinitions.BootstrapPlanConfirm),
);
