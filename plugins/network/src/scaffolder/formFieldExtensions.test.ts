import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  bootstrapPlanConfirmField,
  clusterPickerField,
  gatewayPickerField,
  hostnamePickerField,
  ipPoolPickerField,
  issuerPickerField,
} from './formFieldExtensions';
import * as legacy from './legacyFieldExtensions';

describe('the network form fields', () => {
  it.each([
    ['GatewayPicker', gatewayPickerField],
    ['HostnamePicker', hostnamePickerField],
    ['IssuerPicker', issuerPickerField],
    ['IpPoolPicker', ipPoolPickerField],
    ['NetworkClusterPicker', clusterPickerField],
    ['BootstrapPlanConfirm', bootstrapPlanConfirmField],
  ])('loads the field the templates name as %s', async (uiField, extension) => {
    const loader = createExtensionTester(
      extension as typeof gatewayPickerField,
    ).get(FormFieldBlueprint.dataRefs.formFieldLoader);
    // The loaded field is opaque to apps; its options carry the ui:field name.
    const field = (await loader()) as any;
    expect(field.name).toBe(uiField);
    expect(typeof field.component).toBe('function');
    expect(typeof field.validation).toBe('function');
  });

  it('offers the same fields to legacy apps', () => {
    expect(Object.keys(legacy).sort()).toEqual([
      'BootstrapPlanConfirmFieldExtension',
      'GatewayPickerFieldExtension',
      'HostnamePickerFieldExtension',
      'IpPoolPickerFieldExtension',
      'IssuerPickerFieldExtension',
      'NetworkClusterPickerFieldExtension',
    ]);
  });
});
