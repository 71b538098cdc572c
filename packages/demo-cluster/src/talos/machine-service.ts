/**
 * What each MachineService method answers on one node. The functions take the node the request
 * was routed to and return that node's entry of the response's `messages`; apid-level concerns
 * (routing, roles, fan-out merging) live in server.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { TalosApiError } from './api-error.ts';
import { effectiveServices } from './effective-services.ts';
import type {
  BootstrapMessage,
  EtcdMembersMessage,
  RebootMessage,
  ServiceInfoMessage,
  ServiceListMessage,
  TimestampMessage,
  VersionMessage,
} from './messages.ts';
import type { TalosClusterState, TalosNodeSpec, TalosServiceSpec } from './types.ts';

/** Shared, per-server facts the handlers need. */
export interface MachineContext {
  state: TalosClusterState;
  /** When the simulated machines booted; service event times are derived from it. */
  bootTime: Date;
}

/**
 * Approximate Go toolchain per Talos minor release, for the cosmetic `go_version` field
 * (not checked against each release's build; v1.7.0 reported go1.22.2).
 */
const GO_VERSION_BY_TALOS_MINOR: Record<string, string> = {
  'v1.8': 'go1.22.9',
  'v1.9': 'go1.23.4',
  'v1.10': 'go1.24.2',
  'v1.11': 'go1.24.9',
  'v1.12': 'go1.25.3',
};

function timestamp(date: Date): TimestampMessage {
  const milliseconds = date.getTime();
  return { seconds: Math.floor(milliseconds / 1000), nanos: (milliseconds % 1000) * 1_000_000 };
}

function metadataFor(node: TalosNodeSpec): { hostname: string; error: string; status: null } {
  return { hostname: node.hostname, error: '', status: null };
}

/** A stable pseudo-commit per release tag, 8 hex digits like Talos' short SHA. */
function shortShaOf(tag: string): string {
  return createHash('sha256').update(`talos ${tag}`).digest('hex').slice(0, 8);
}

/** The etcd member id of a host: a stable non-zero uint64 derived from its hostname. */
export function etcdMemberId(hostname: string): string {
  const value = createHash('sha256').update(`etcd member ${hostname}`).digest().readBigUInt64BE(0);
  return (value === 0n ? 1n : value).toString(10);
}

function requireControlPlane(node: TalosNodeSpec, apiName: string): void {
  if (node.role !== 'controlplane') {
    throw new TalosApiError(GrpcStatus.UNIMPLEMENTED, `${apiName} is only available on control plane nodes`);
  }
}

/** machine.MachineService/Version on one node. */
export function versionOf(node: TalosNodeSpec): VersionMessage {
  const minor = /^v\d+\.\d+/.exec(node.talosVersion)?.[0] ?? '';
  return {
    metadata: metadataFor(node),
    version: {
      tag: node.talosVersion,
      sha: shortShaOf(node.talosVersion),
      built: '',
      go_version: GO_VERSION_BY_TALOS_MINOR[minor] ?? 'go1.24.9',
      os: 'linux',
      arch: 'amd64',
    },
    platform: { name: 'metal', mode: 'metal' },
    features: { rbac: true },
  };
}

/** A plausible event history for a service in its current state. */
function serviceEvents(service: TalosServiceSpec, bootTime: Date): ServiceInfoMessage['events'] {
  const at = (seconds: number): TimestampMessage => timestamp(new Date(bootTime.getTime() + seconds * 1000));
  if (service.state === 'Preparing') {
    // A control plane's etcd before bootstrap: it waited for cri, then sits in its pre state.
    return {
      events: [
        { msg: 'Waiting for service "cri" to be "up"', state: 'Waiting', ts: at(2) },
        { msg: service.lastMessage || 'Running pre state', state: 'Preparing', ts: at(3) },
      ],
    };
  }
  const events = [
    { msg: 'Running pre state', state: 'Preparing', ts: at(2) },
    { msg: 'Creating service runner', state: 'Preparing', ts: at(2) },
  ];
  if (service.state !== 'Running') {
    events.push({ msg: service.lastMessage || service.state, state: service.state, ts: at(5) });
    return { events };
  }
  events.push({ msg: `Service ${service.id} started`, state: 'Running', ts: at(3) });
  if (!service.healthUnknown) {
    const msg = service.healthy ? 'Health check successful' : `Health check failed: ${service.lastMessage}`;
    events.push({ msg, state: 'Running', ts: at(8) });
  }
  return { events };
}

/** machine.MachineService/ServiceList on one node. */
export function serviceListOf(node: TalosNodeSpec, context: MachineContext): ServiceListMessage {
  const services = effectiveServices(node, context.state).map((service): ServiceInfoMessage => {
    const events = serviceEvents(service, context.bootTime);
    const lastEvent = events?.events.at(-1);
    return {
      id: service.id,
      state: service.state,
      events,
      health: {
        unknown: service.healthUnknown,
        healthy: service.healthUnknown ? false : service.healthy,
        last_message: service.lastMessage,
        last_change: service.healthUnknown ? null : lastEvent?.ts ?? timestamp(context.bootTime),
      },
    };
  });
  return { metadata: metadataFor(node), services };
}

/**
 * machine.MachineService/EtcdMemberList on one node. Before bootstrap no etcd listens on the
 * node, so the etcd client in machined cannot connect and the call fails with Unavailable.
 */
export function etcdMemberListOf(node: TalosNodeSpec, context: MachineContext): EtcdMembersMessage {
  requireControlPlane(node, 'member list');
  const { state } = context;
  if (!state.etcdBootstrapped) {
    throw new TalosApiError(
      GrpcStatus.UNAVAILABLE,
      'connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused"',
    );
  }
  const members = state.nodes
    .filter((candidate) => candidate.role === 'controlplane')
    .map((member) => ({
      id: etcdMemberId(member.hostname),
      hostname: member.hostname,
      peer_urls: [`https://${member.address}:2380`],
      client_urls: [`https://${member.address}:2379`],
      is_learner: state.etcdLearners.includes(member.hostname),
    }));
  return { metadata: metadataFor(node), legacy_members: members.map((member) => member.hostname), members };
}

/**
 * machine.MachineService/Bootstrap on one node: succeeds once per cluster on a control-plane
 * node; afterwards every control-plane node already has (or joined) etcd data.
 */
export function bootstrapOn(node: TalosNodeSpec, context: MachineContext): BootstrapMessage {
  requireControlPlane(node, 'bootstrap');
  const { state } = context;
  if (state.etcdBootstrapped) {
    throw new TalosApiError(GrpcStatus.ALREADY_EXISTS, 'etcd data directory is not empty');
  }
  state.etcdBootstrapped = true;
  state.bootstrappedOn = node.hostname;
  state.bootstrappedAt = new Date().toISOString();
  return { metadata: metadataFor(node) };
}

/** machine.MachineService/Reboot on one node: recorded in the state, no other effect. */
export function rebootOn(node: TalosNodeSpec, mode: string, context: MachineContext): RebootMessage {
  const actorId = randomUUID();
  context.state.rebootRequests ??= [];
  context.state.rebootRequests.push({ hostname: node.hostname, mode, requestedAt: new Date().toISOString(), actorId });
  return { metadata: metadataFor(node), actor_id: actorId };
}
