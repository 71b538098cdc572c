/**
 * Loads the Talos API protos of `@internal/talos-api` (packages/talos-api/proto) with
 * @grpc/proto-loader. The demo apid serves from these definitions and the portal's Talos
 * client builds its stubs from the same package, so both sides agree on field numbers by
 * construction.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { TALOS_PROTO_DIR, TALOS_PROTO_FILES, TALOS_PROTO_LOADER_OPTIONS } from '@internal/talos-api';

export { TALOS_PROTO_DIR, TALOS_PROTO_FILES, TALOS_PROTO_LOADER_OPTIONS };

/** The grpc-js service constructors of the Talos API, keyed like the proto packages. */
export interface TalosGrpcPackages {
  machine: { MachineService: grpc.ServiceClientConstructor };
  cluster: { ClusterService: grpc.ServiceClientConstructor };
}

/** Loads the package definition (for servers: `.service` of each constructor). */
export function loadTalosPackageDefinition(): protoLoader.PackageDefinition {
  return protoLoader.loadSync([...TALOS_PROTO_FILES], { ...TALOS_PROTO_LOADER_OPTIONS });
}

/** Loads the protos and returns the service constructors, usable as client classes. */
export function loadTalosGrpcPackages(): TalosGrpcPackages {
  const loaded = grpc.loadPackageDefinition(loadTalosPackageDefinition()) as unknown as TalosGrpcPackages;
  return loaded;
}
