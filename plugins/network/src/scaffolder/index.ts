export { networkScaffolderFieldsModule } from './formFieldExtensions';
export {
  GatewayPickerFieldExtension,
  HostnamePickerFieldExtension,
  IssuerPickerFieldExtension,
  IpPoolPickerFieldExtension,
  NetworkClusterPickerFieldExtension,
  BootstrapPlanConfirmFieldExtension,
} from './legacyFieldExtensions';
export type { GatewayPickerOptions } from './GatewayPicker/GatewayPicker';
export type { HostnamePickerOptions } from './HostnamePicker/HostnamePicker';
export type { IssuerPickerOptions } from './IssuerPicker/IssuerPicker';
export type { IpPoolPickerOptions } from './IpPoolPicker/IpPoolPicker';
