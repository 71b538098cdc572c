import type { Options } from '@grpc/proto-loader';

/** Absolute path of the `proto/` directory: the include root of all Talos protos. */
export declare const TALOS_PROTO_DIR: string;

/** The proto files that define the services, relative to TALOS_PROTO_DIR. */
export declare const TALOS_PROTO_FILES: readonly string[];

/**
 * The @grpc/proto-loader options the Talos protos are loaded with: `keepCase`, longs and
 * enums as strings, defaults filled, oneofs, and TALOS_PROTO_DIR as the include directory.
 */
export declare const TALOS_PROTO_LOADER_OPTIONS: Readonly<Options>;

export type * from './messages';
