import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { networkFieldDefinitions } from './fieldDefinitions';

// Loaded lazily by the FormFieldBlueprint extensions, so the pickers' code is fetched only
// when a template form opens.

/** The GatewayPicker form field for the new frontend system. */
export const gatewayPickerFormField = createFormField(
  networkFieldDefinitions.GatewayPicker,
);
/** The HostnamePicker form field for the new frontend system. */
export const hostnamePickerFormField = createFormField(
  networkFieldDefinitions.HostnamePicker,
);
/** The IssuerPicker form field for the new frontend system. */
export const issuerPickerFormField = createFormField(
  networkFieldDefinitions.IssuerPicker,
);
/** The IpPoolPicker form field for the new frontend system. */
export const ipPoolPickerFormField = createFormField(
  networkFieldDefinitions.IpPoolPicker,
);
/** The NetworkClusterPicker form field for the new frontend system. */
export const clusterPickerFormField = createFormField(
  networkFieldDefinitions.ClusterPicker,
);
/** The BootstrapPlanConfirm form field for the new frontend system. */
export const bootstrapPlanConfirmFormField = createFormField(
  networkFieldDefinitions.BootstrapPlanConfirm,
);
