export { BootstrapTab } from './BootstrapTab';
