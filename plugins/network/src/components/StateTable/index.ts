export { StateTable } from './StateTable';
export type { StateTableColumn } from './StateTable';
