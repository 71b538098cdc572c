/**
 * How apid picks the machine a request runs on, from the gRPC metadata:
 * - `node: <address>` (single value): proxy one-to-one to that node; several values are an
 *   InvalidArgument; an address no node has fails like a proxy that cannot dial it.
 * - `nodes: <address>...` (legacy fan-out, deprecated since Talos v1.14): run on each node and
 *   merge, a failing node contributing an entry with metadata.error instead of failing all.
 * - neither: the endpoint node itself (the first control-plane node in the demo cluster).
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Metadata } from '@grpc/grpc-js';
import { TalosApiError } from './api-error.ts';
import type { TalosClusterState, TalosNodeSpec } from './types.ts';

/** The apid port real clients dial; used in proxy failure messages. */
export const APID_PORT = 50000;

/** One target of a request: the metadata value and the node it names, when one does. */
export interface NodeTarget {
  /** The `node`/`nodes` value as given (or the endpoint node's address). */
  target: string;
  node: TalosNodeSpec | undefined;
}

/** Where a request goes: one node (errors become the call's status) or a fan-out. */
export type NodeRouting =
  | { mode: 'single'; node: TalosNodeSpec }
  | { mode: 'fanout'; targets: NodeTarget[] };

/** Finds a node by address or hostname. */
export function findNode(state: TalosClusterState, target: string): TalosNodeSpec | undefined {
  return state.nodes.find((node) => node.address === target || node.hostname === target);
}

/** The node that answers requests without a `node` key: the first control-plane node. */
export function endpointNode(state: TalosClusterState): TalosNodeSpec {
  const node = state.nodes.find((candidate) => candidate.role === 'controlplane') ?? state.nodes[0];
  if (!node) throw new TalosApiError(GrpcStatus.UNAVAILABLE, 'no nodes in the cluster');
  return node;
}

/** The status a proxied call to an unknown address fails with. */
export function unreachableNodeError(target: string): TalosApiError {
  const hostPort = target.includes(':') && !target.startsWith('[') ? `[${target}]:${APID_PORT}` : `${target}:${APID_PORT}`;
  return new TalosApiError(
    GrpcStatus.UNAVAILABLE,
    `connection error: desc = "transport: Error while dialing: dial tcp ${hostPort}: connect: no route to host"`,
  );
}

/**
 * The values of a text metadata key. Node's HTTP/2 layer joins repeated header fields with
 * ", ", so a key sent twice arrives as one comma-separated string; node addresses and
 * hostnames never contain commas, so splitting restores the original values.
 */
function metadataValues(metadata: Metadata, key: string): string[] {
  return metadata
    .get(key)
    .flatMap((value) => (typeof value === 'string' ? value : value.toString('utf8')).split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

/** Decides the routing of a request from its metadata; throws TalosApiError on bad metadata. */
export function routeRequest(state: TalosClusterState, metadata: Metadata): NodeRouting {
  const single = metadataValues(metadata, 'node');
  if (single.length > 1) {
    throw new TalosApiError(GrpcStatus.INVALID_ARGUMENT, 'node metadata must be single-valued');
  }
  if (single.length === 1) {
    const target = single[0]!;
    const node = findNode(state, target);
    if (!node) throw unreachableNodeError(target);
    return { mode: 'single', node };
  }
  const many = metadataValues(metadata, 'nodes');
  if (many.length > 0) {
    return { mode: 'fanout', targets: many.map((target) => ({ target, node: findNode(state, target) })) };
  }
  return { mode: 'single', node: endpointNode(state) };
}
