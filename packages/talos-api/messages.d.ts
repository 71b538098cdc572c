/**
 * The Talos API messages as @grpc/proto-loader hands them over with TALOS_PROTO_LOADER_OPTIONS
 * (keepCase field names, 64-bit integers as decimal strings, defaults filled). Shared by the
 * demo apid and the portal's Talos client, so both read the wire the same way.
 */

export interface TimestampMessage {
  seconds: string | number;
  nanos: number;
}

/** google.protobuf.Duration; same encoding as TimestampMessage. */
export interface DurationMessage {
  seconds: string | number;
  nanos: number;
}

/** google.rpc.Status. */
export interface RpcStatusMessage {
  code: number;
  message: string;
  details: unknown[];
}

/** common.Metadata. */
export interface MetadataMessage {
  hostname: string;
  error: string;
  status: RpcStatusMessage | null;
}

/** machine.Version (one entry of VersionResponse.messages). */
export interface VersionMessage {
  metadata: MetadataMessage | null;
  version: { tag: string; sha: string; built: string; go_version: string; os: string; arch: string } | null;
  platform: { name: string; mode: string } | null;
  features: { rbac: boolean } | null;
}

/** machine.ServiceInfo. */
export interface ServiceInfoMessage {
  id: string;
  state: string;
  events: { events: Array<{ msg: string; state: string; ts: TimestampMessage | null }> } | null;
  health: { unknown: boolean; healthy: boolean; last_message: string; last_change: TimestampMessage | null } | null;
}

/** machine.ServiceList. */
export interface ServiceListMessage {
  metadata: MetadataMessage | null;
  services: ServiceInfoMessage[];
}

/** machine.EtcdMember; `id` is a uint64 as a decimal string. */
export interface EtcdMemberMessage {
  id: string;
  hostname: string;
  peer_urls: string[];
  client_urls: string[];
  is_learner: boolean;
}

/** machine.EtcdMembers. */
export interface EtcdMembersMessage {
  metadata: MetadataMessage | null;
  legacy_members: string[];
  members: EtcdMemberMessage[];
}

/** machine.Bootstrap. */
export interface BootstrapMessage {
  metadata: MetadataMessage | null;
}

/** machine.Reboot. */
export interface RebootMessage {
  metadata: MetadataMessage | null;
  actor_id: string;
}

/** cluster.HealthCheckProgress. */
export interface HealthCheckProgressMessage {
  metadata: MetadataMessage | null;
  message: string;
}

/** The `{ messages: [...] }` envelope every unary Talos response uses. */
export interface MessagesEnvelope<T> {
  messages: T[];
}
