export { DiagnosticsTab } from './DiagnosticsTab';
export { DiagnosticRunView } from './DiagnosticRunView';
