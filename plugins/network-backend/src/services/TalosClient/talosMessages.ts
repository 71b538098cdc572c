/**
 * Shapes of the Talos API messages as @grpc/proto-loader decodes them with
 * TALOS_PROTO_LOADER_OPTIONS (field names as in the .proto, uint64 as decimal strings,
 * defaults filled). Only what the client reads.
 */

/** google.protobuf.Timestamp; `seconds` is a decimal string (int64). */
export interface TimestampMessage {
  seconds: string | number;
  nanos: number;
}

/** common.Metadata: which node answered, and its error when the proxied call failed. */
export interface MetadataMessage {
  hostname: string;
  error: string;
  status: { code: number; message: string } | null;
}

/** machine.Version. */
export interface VersionMessage {
  metadata: MetadataMessage | null;
  version: {
    tag: string;
    sha: string;
    built: string;
    go_version: string;
    os: string;
    arch: string;
  } | null;
  platform: { name: string; mode: string } | null;
  features: { rbac: boolean } | null;
}

/** machine.ServiceInfo. */
export interface ServiceInfoMessage {
  id: string;
  state: string;
  events: {
    events: Array<{ msg: string; state: string; ts: TimestampMessage | null }>;
  } | null;
  health: {
    unknown: boolean;
    healthy: boolean;
    last_message: string;
    last_change: TimestampMessage | null;
  } | null;
}

/** machine.ServiceList. */
export interface ServiceListMessage {
  metadata: MetadataMessage | null;
  services: ServiceInfoMessage[];
}

/** machine.EtcdMember. */
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

/** cluster.HealthCheckProgress. */
export interface HealthCheckProgressMessage {
  metadata: MetadataMessage | null;
  message: string;
}

/** The `{ messages: [...] }` envelope of every unary Talos response. */
export interface MessagesEnvelope<T> {
  messages: T[];
}
