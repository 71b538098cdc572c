/** The Talos message shapes live with the protos, in @internal/talos-api. */
export type * from '@internal/talos-api';
