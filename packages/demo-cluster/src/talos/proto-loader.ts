/**
 * Loads the Talos API protos in `packages/demo-cluster/proto` with @grpc/proto-loader.
 * The demo apid serves from these definitions and the portal's Talos client can build its
 * stubs from the same files, so both sides agree on field numbers by construction.
 */
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Absolute path of the `proto/` directory (the include root of all Talos protos). */
export const TALOS_PROTO_DIR = fileURLToPath(new URL('../../proto/', import.meta.url));

/** The proto files that define the services, relative to TALOS_PROTO_DIR. */
export const TALOS_PROTO_FILES = ['machine/machine.proto', 'cluster/cluster.proto'];

/**
 * Loader options, documented in proto/README.md: field names as written in the .proto
 * (`go_version`, `peer_urls`), 64-bit integers as decimal strings (etcd member ids exceed
 * 2^53), enums as their names, and defaults filled so absent scalars read as '' / false / 0.
 */
export const TALOS_PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [TALOS_PROTO_DIR],
};

/** The grpc-js service constructors of the Talos API, keyed like the proto packages. */
export interface TalosGrpcPackages {
  machine: { MachineService: grpc.ServiceClientConstructor };
  cluster: { ClusterService: grpc.ServiceClientConstructor };
}

/** Loads the package definition (for servers: `.service` of each constructor). */
export function loadTalosPackageDefinition(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(TALOS_PROTO_FILES, TALOS_PROTO_LOADER_OPTIONS);
}

/** Loads the protos and returns the service constructors, usable as client classes. */
export function loadTalosGrpcPackages(): TalosGrpcPackages {
  const loaded = grpc.loadPackageDefinition(loadTalosPackageDefinition()) as unknown as TalosGrpcPackages;
  return loaded;
}
