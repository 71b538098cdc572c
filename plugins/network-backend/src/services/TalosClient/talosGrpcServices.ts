import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import {
  TALOS_PROTO_FILES,
  TALOS_PROTO_LOADER_OPTIONS,
} from '@internal/talos-api';

/** The grpc-js client constructors of the Talos services we call. */
export interface TalosGrpcServices {
  MachineService: grpc.ServiceClientConstructor;
  ClusterService: grpc.ServiceClientConstructor;
}

let loaded: TalosGrpcServices | undefined;

/** Loads the shared Talos protos once (the demo apid serves from the same files). */
export function talosGrpcServices(): TalosGrpcServices {
  if (!loaded) {
    const definition = protoLoader.loadSync([...TALOS_PROTO_FILES], {
      ...TALOS_PROTO_LOADER_OPTIONS,
    });
    const packages = grpc.loadPackageDefinition(definition) as any;
    loaded = {
      MachineService: packages.machine.MachineService,
      ClusterService: packages.cluster.ClusterService,
    };
  }
  return loaded;
}
