import type { ApiHolder } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { BootstrapPlanConfirm } from './BootstrapPlanConfirm/BootstrapPlanConfirm';
import { validateBootstrapPlanConfirm } from './BootstrapPlanConfirm/bootstrapPlanValidation';
import { ClusterPicker } from './ClusterPicker/ClusterPicker';
import { validateClusterPicker } from './ClusterPicker/clusterValidation';
import type { FieldReads } from './fieldReads';
import { isFieldUsed } from './fieldUsedWhen';
import type { ErrorCollector } from './fieldValidation';
import { GatewayPicker } from './GatewayPicker/GatewayPicker';
import { validateGatewayPicker } from './GatewayPicker/gatewayValidation';
import { HostnamePicker } from './HostnamePicker/HostnamePicker';
import { validateHostnamePicker } from './HostnamePicker/hostnameValidation';
import { IpPoolPicker } from './IpPoolPicker/IpPoolPicker';
import { validateIpPoolPicker } from './IpPoolPicker/poolValidation';
import { IssuerPicker } from './IssuerPicker/IssuerPicker';
import { validateIssuerPicker } from './IssuerPicker/issuerValidation';
import { readsFromApiHolder } from './readsFromApiHolder';

/** A field's validation as this plugin writes them: testable with fake reads. */
type NetworkFieldValidation<TOptions> = (
  value: string | undefined,
  validation: ErrorCollector,
  context: {
    reads?: FieldReads;
    formData: Record<string, unknown>;
    options?: TOptions;
  },
) => Promise<void>;

/** The scaffolder's validator signature, shared by both frontend systems. */
type ScaffolderValidator = (
  data: string,
  field: ErrorCollector,
  context: {
    apiHolder: ApiHolder;
    formData: Record<string, any>;
    uiSchema?: { 'ui:options'?: any };
  },
) => Promise<void>;

/**
 * Adapts a {@link NetworkFieldValidation} to the scaffolder's validator signature; a field
 * the answers make irrelevant (`ui:options.usedWhen`) is not checked.
 */
function scaffolderValidator<TOptions>(
  validate: NetworkFieldValidation<TOptions>,
): ScaffolderValidator {
  return async (data, field, context) => {
    const options = context.uiSchema?.['ui:options'];
    const formData = context.formData ?? {};
    if (!isFieldUsed(options?.usedWhen, formData)) return;
    await validate(data, field, {
      reads: readsFromApiHolder(context.apiHolder),
      formData,
      options,
    });
  };
}

/** One field extension: the `ui:field` name, its component and its validation. */
export interface NetworkFieldDefinition {
  name: string;
  component: (
    props: FieldExtensionComponentProps<string, any>,
  ) => JSX.Element | null;
  validation: ScaffolderValidator;
}

/** The `ui:field` names the templates use, mapped to each field, for both frontend systems. */
export const networkFieldDefinitions = {
  GatewayPicker: {
    name: 'GatewayPicker',
    component: GatewayPicker,
    validation: scaffolderValidator(validateGatewayPicker),
  },
  HostnamePicker: {
    name: 'HostnamePicker',
    component: HostnamePicker,
    validation: scaffolderValidator(validateHostnamePicker),
  },
  IssuerPicker: {
    name: 'IssuerPicker',
    component: IssuerPicker,
    validation: scaffolderValidator(validateIssuerPicker),
  },
  IpPoolPicker: {
    name: 'IpPoolPicker',
    component: IpPoolPicker,
    validation: scaffolderValidator(validateIpPoolPicker),
  },
  ClusterPicker: {
    name: 'NetworkClusterPicker',
    component: ClusterPicker,
    validation: scaffolderValidator(validateClusterPicker),
  },
  BootstrapPlanConfirm: {
    name: 'BootstrapPlanConfirm',
    component: BootstrapPlanConfirm,
    validation: scaffolderValidator(validateBootstrapPlanConfirm),
  },
} satisfies Record<string, NetworkFieldDefinition>;
