import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/** `scaffolder-form-field:scaffolder/network-gateway-picker`: `ui:field: GatewayPicker`. */
export const gatewayPickerField = FormFieldBlueprint.make({
  name: 'network-gateway-picker',
  params: {
    field: () => import('./formFields').then(m => m.gatewayPickerFormField),
  },
});

/** `scaffolder-form-field:scaffolder/network-hostname-picker`: `ui:field: HostnamePicker`. */
export const hostnamePickerField = FormFieldBlueprint.make({
  name: 'network-hostname-picker',
  params: {
    field: () => import('./formFields').then(m => m.hostnamePickerFormField),
  },
});

/** `scaffolder-form-field:scaffolder/network-issuer-picker`: `ui:field: IssuerPicker`. */
export const issuerPickerField = FormFieldBlueprint.make({
  name: 'network-issuer-picker',
  params: {
    field: () => import('./formFields').then(m => m.issuerPickerFormField),
  },
});

/** `scaffolder-form-field:scaffolder/network-ip-pool-picker`: `ui:field: IpPoolPicker`. */
export const ipPoolPickerField = FormFieldBlueprint.make({
  name: 'network-ip-pool-picker',
  params: {
    field: () => import('./formFields').then(m => m.ipPoolPickerFormField),
  },
});

/** `scaffolder-form-field:scaffolder/network-cluster-picker`: `ui:field: NetworkClusterPicker`. */
export const clusterPickerField = FormFieldBlueprint.make({
  name: 'network-cluster-picker',
  params: {
    field: () => import('./formFields').then(m => m.clusterPickerFormField),
  },
});

/** `scaffolder-form-field:scaffolder/network-bootstrap-plan-confirm`: `ui:field: BootstrapPlanConfirm`. */
export const bootstrapPlanConfirmField = FormFieldBlueprint.make({
  name: 'network-bootstrap-plan-confirm',
  params: {
    field: () =>
      import('./formFields').then(m => m.bootstrapPlanConfirmFormField),
  },
});

/**
 * The wizard's network fields for an app on the new frontend system, as a module of the
 * scaffolder plugin: `createApp({ features: [networkScaffolderFieldsModule] })`.
 */
export const networkScaffolderFieldsModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    gatewayPickerField,
    hostnamePickerField,
    issuerPickerField,
    ipPoolPickerField,
    clusterPickerField,
    bootstrapPlanConfirmField,
  ],
});
