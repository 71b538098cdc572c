export { RequirePermission } from './RequirePermission';
