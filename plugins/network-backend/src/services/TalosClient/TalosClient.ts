import * as grpc from '@grpc/grpc-js';
import { TalosAccess } from '../ClusterRegistry/ClusterRegistry';
import {
  checkClientCertificate,
  clientCertificateRoles,
} from './checkClientCertificate';
import { FailedCall, grpcErrorToTalosError } from './grpcErrorToTalosError';
import { probeTlsHandshake } from './probeTlsHandshake';
import {
  resolveTalosCredentials,
  TalosCredentials,
} from './resolveTalosCredentials';
import { TalosClientError } from './TalosClientError';
import { talosGrpcServices } from './talosGrpcServices';
import { TalosEndpoint } from './talosEndpoint';
import {
  BootstrapMessage,
  EtcdMembersMessage,
  HealthCheckProgressMessage,
  MessagesEnvelope,
  MetadataMessage,
  ServiceInfoMessage,
  ServiceListMessage,
  TimestampMessage,
  VersionMessage,
} from '@internal/talos-api';
import {
  TalosBootstrapResult,
  TalosEtcdMembers,
  TalosHealthCheckRequest,
  TalosHealthCheckResult,
  TalosNodeResult,
  TalosService,
  TalosVersion,
} from './talosResults';

/** How to build a client. */
export interface TalosClientOptions {
  /** The cluster's name, for config keys in messages (`network.clusters.<name>.talos.ca`). */
  clusterName: string;
  access: TalosAccess;
  /** Deadline of each unary call in milliseconds. Default 10 000. */
  callTimeoutMs?: number;
  /** Extra time the health-check stream gets beyond its wait timeout. Default 10 000. */
  healthCheckGraceMs?: number;
  /** Clock for certificate validity (tests). */
  now?: () => Date;
  /** Reads the talosconfig file (tests). */
  readFile?: (path: string) => string;
}

/** Per-call options. */
export interface TalosCallOptions {
  /** Overrides the client's callTimeoutMs. */
  timeoutMs?: number;
  /** Cancels the call (a check's timeout or a cancelled run). */
  signal?: AbortSignal;
}

/** A health-check progress line and the node that sent it. */
export type TalosHealthProgress = (message: string, hostname: string) => void;

interface Channel {
  endpoint: TalosEndpoint;
  machine: grpc.Client;
  cluster: grpc.Client;
}

interface Connection {
  credentials: TalosCredentials;
  roles: string[];
  channels: Channel[];
}

/**
 * Our client of the Talos API (apid, gRPC with mutual TLS from a talosconfig). Each request
 * targets one node through the `node` metadata, as talosctl does; calls to several nodes run
 * side by side and report each node's answer or error. Endpoints are tried in order, moving to
 * the next one only when an endpoint cannot be reached. Credentials are read on first use, so
 * a bad talosconfig fails every call with the same `bad-config` error naming the field.
 */
export class TalosClient {
  private readonly options: TalosClientOptions;
  private connection: Connection | undefined;
  private preferredEndpoint = 0;
  private closed = false;

  constructor(options: TalosClientOptions) {
    this.options = options;
  }

  /**
   * The decoded credentials; throws the TalosClientError a call would fail with when the
   * talosconfig cannot be used (bad base64, missing or expired certificate).
   */
  credentials(): TalosCredentials {
    return this.connect().credentials;
  }

  /** The nodes calls target when given none: the talosconfig context's (or config's) `nodes`. */
  defaultNodes(): string[] {
    return this.connect().credentials.nodes;
  }

  /** machine.MachineService/Version on each node (default: the default nodes). */
  async version(
    nodes?: string[],
    options: TalosCallOptions = {},
  ): Promise<Array<TalosNodeResult<TalosVersion>>> {
    return this.perNode<VersionMessage, TalosVersion>(
      'Version',
      {},
      nodes,
      options,
      message => ({
        tag: message.version?.tag ?? '',
        sha: message.version?.sha ?? '',
        goVersion: message.version?.go_version ?? '',
        os: message.version?.os ?? '',
        arch: message.version?.arch ?? '',
        platform: message.platform?.name ?? '',
        platformMode: message.platform?.mode ?? '',
        rbac: message.features?.rbac ?? false,
      }),
    );
  }

  /** machine.MachineService/ServiceList on each node (default: the default nodes). */
  async serviceList(
    nodes?: string[],
    options: TalosCallOptions = {},
  ): Promise<Array<TalosNodeResult<TalosService[]>>> {
    return this.perNode<ServiceListMessage, TalosService[]>(
      'ServiceList',
      {},
      nodes,
      options,
      message => message.services.map(toService),
    );
  }

  /** machine.MachineService/EtcdMemberList on one control-plane node (default: the first default node). */
  async etcdMemberList(
    node?: string,
    options: TalosCallOptions = {},
  ): Promise<TalosEtcdMembers> {
    const target = node ?? this.defaultNodes()[0];
    const message = await this.singleNode<EtcdMembersMessage>(
      'machine',
      'EtcdMemberList',
      { query_local: false },
      target,
      options,
    );
    return {
      node: target ?? this.endpointLabel(),
      hostname: message.metadata?.hostname ?? '',
      members: message.members.map(member => ({
        id: String(member.id),
        hostname: member.hostname,
        peerUrls: member.peer_urls,
        clientUrls: member.client_urls,
        isLearner: member.is_learner,
      })),
    };
  }

  /**
   * machine.MachineService/Bootstrap on one control-plane node. AlreadyExists ("etcd data
   * directory is not empty") is `already-bootstrapped`; FailedPrecondition throws
   * TalosRetryableError; anything else throws TalosClientError.
   */
  async bootstrap(
    node: string,
    options: TalosCallOptions = {},
  ): Promise<TalosBootstrapResult> {
    try {
      const message = await this.singleNode<BootstrapMessage>(
        'machine',
        'Bootstrap',
        { recover_etcd: false, recover_skip_hash_check: false },
        node,
        options,
      );
      return {
        result: 'bootstrapped',
        node,
        hostname: message.metadata?.hostname || undefined,
      };
    } catch (error) {
      if (
        error instanceof TalosClientError &&
        error.context.grpcCode === 'AlreadyExists'
      ) {
        return { result: 'already-bootstrapped', node, message: error.message };
      }
      throw error;
    }
  }

  /**
   * cluster.ClusterService/HealthCheck: the staged checks of `talosctl health`, run by one
   * node. Each progress line goes to `onProgress` as it arrives; resolves when every stage
   * passed, rejects with a TalosClientError when a stage fails or the wait times out (`timeout`).
   */
  async healthCheck(
    request: TalosHealthCheckRequest,
    onProgress: TalosHealthProgress,
    options: Omit<TalosCallOptions, 'timeoutMs'> = {},
  ): Promise<TalosHealthCheckResult> {
    const connection = this.connect();
    const node = request.node ?? connection.credentials.nodes[0];
    const timeoutMs =
      request.waitTimeoutMs + (this.options.healthCheckGraceMs ?? 10_000);
    const grpcRequest = {
      wait_timeout: {
        seconds: Math.floor(request.waitTimeoutMs / 1000),
        nanos: (request.waitTimeoutMs % 1000) * 1_000_000,
      },
      cluster_info: {
        control_plane_nodes: request.controlPlaneNodes,
        worker_nodes: request.workerNodes,
        force_endpoint: '',
      },
    };
    return this.onEndpoints(
      connection,
      'cluster.ClusterService/HealthCheck',
      node,
      request.waitTimeoutMs,
      options.signal,
      channel =>
        new Promise<TalosHealthCheckResult>((resolve, reject) => {
          const lines: string[] = [];
          let hostname = '';
          const stream = (channel.cluster as any).HealthCheck(
            grpcRequest,
            nodeMetadata(node),
            { deadline: Date.now() + timeoutMs },
          ) as grpc.ClientReadableStream<HealthCheckProgressMessage>;
          const onAbort = () => stream.cancel();
          options.signal?.addEventListener('abort', onAbort, { once: true });
          stream.on('data', (progress: HealthCheckProgressMessage) => {
            hostname = progress.metadata?.hostname || hostname;
            lines.push(progress.message);
            onProgress(progress.message, hostname);
          });
          stream.on('error', error => {
            options.signal?.removeEventListener('abort', onAbort);
            reject(error);
          });
          stream.on('end', () => {
            options.signal?.removeEventListener('abort', onAbort);
            resolve({ hostname, lines });
          });
        }),
    );
  }

  /** Closes the gRPC channels; calls after this fail. */
  close(): void {
    this.closed = true;
    for (const channel of this.connection?.channels ?? []) {
      channel.cluster.close();
      channel.machine.close();
    }
    this.connection = undefined;
  }

  private connect(): Connection {
    if (this.closed)
      throw new TalosClientError(
        'bad-config',
        `the Talos client of cluster ${this.options.clusterName} is closed`,
      );
    if (!this.connection) {
      const credentials = resolveTalosCredentials(
        this.options.access,
        this.options.clusterName,
        this.options.readFile,
      );
      checkClientCertificate(credentials, this.now());
      const channelCredentials = grpc.credentials.createSsl(
        Buffer.from(credentials.caPem),
        Buffer.from(credentials.keyPem),
        Buffer.from(credentials.certPem),
      );
      const services = talosGrpcServices();
      const channels = credentials.endpoints.map(endpoint => {
        const machine = new services.MachineService(
          endpoint.target,
          channelCredentials,
        );
        // Both services share one HTTP/2 channel per endpoint.
        const cluster = new services.ClusterService(
          endpoint.target,
          channelCredentials,
          { channelOverride: machine.getChannel() },
        );
        return { endpoint, machine, cluster };
      });
      this.connection = {
        credentials,
        roles: clientCertificateRoles(credentials.certPem),
        channels,
      };
    } else {
      // Certificates expire while the backend runs: check again before each call.
      checkClientCertificate(this.connection.credentials, this.now());
    }
    return this.connection;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private endpointLabel(): string {
    const channels = this.connection?.channels ?? [];
    return channels[this.preferredEndpoint]?.endpoint.target ?? 'endpoint';
  }

  /** Calls a unary method on each node side by side; one node's failure does not fail the others. */
  private async perNode<
    Message extends { metadata: MetadataMessage | null },
    Value,
  >(
    method: string,
    request: object,
    nodes: string[] | undefined,
    options: TalosCallOptions,
    convert: (message: Message) => Value,
  ): Promise<Array<TalosNodeResult<Value>>> {
    const connection = this.connect();
    const targets: Array<string | undefined> =
      nodes ?? connection.credentials.nodes;
    const effective = targets.length > 0 ? targets : [undefined];
    return Promise.all(
      effective.map(async (node): Promise<TalosNodeResult<Value>> => {
        const label = node ?? this.endpointLabel();
        try {
          const message = await this.singleNode<Message>(
            'machine',
            method,
            request,
            node,
            options,
          );
          return {
            node: label,
            hostname: message.metadata?.hostname ?? '',
            ok: true,
            value: convert(message),
          };
        } catch (error) {
          if (error instanceof TalosClientError)
            return { node: label, ok: false, error };
          throw error;
        }
      }),
    );
  }

  /** Calls a unary method on one node and returns that node's entry of `messages[]`. */
  private async singleNode<
    Message extends { metadata: MetadataMessage | null },
  >(
    service: 'machine' | 'cluster',
    method: string,
    request: object,
    node: string | undefined,
    options: TalosCallOptions,
  ): Promise<Message> {
    const connection = this.connect();
    const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs ?? 10_000;
    const fullMethod = `${service}.${
      service === 'machine' ? 'MachineService' : 'ClusterService'
    }/${method}`;
    const envelope = await this.onEndpoints(
      connection,
      fullMethod,
      node,
      timeoutMs,
      options.signal,
      channel =>
        new Promise<MessagesEnvelope<Message>>((resolve, reject) => {
          const client = channel[service] as any;
          // A run's signal outlives many calls: drop the listener when the call ends.
          const pending: { call?: grpc.ClientUnaryCall } = {};
          const onAbort = () => pending.call?.cancel();
          pending.call = client[method](
            request,
            nodeMetadata(node),
            { deadline: Date.now() + timeoutMs },
            (
              error: grpc.ServiceError | null,
              response: MessagesEnvelope<Message>,
            ) => {
              options.signal?.removeEventListener('abort', onAbort);
              if (error) reject(error);
              else resolve(response);
            },
          ) as grpc.ClientUnaryCall;
          options.signal?.addEventListener('abort', onAbort, { once: true });
        }),
    );
    const message = envelope.messages[0];
    if (!message) {
      throw new TalosClientError(
        'api-error',
        `${fullMethod} on ${
          node ? `node ${node}` : this.endpointLabel()
        } returned no answer`,
        { node, method: fullMethod },
      );
    }
    // A proxying apid reports a node's failure inside the envelope instead of as the call's status.
    if (message.metadata?.error) {
      const failed = this.failedCall(connection, fullMethod, node, timeoutMs);
      throw grpcErrorToTalosError(
        {
          code: message.metadata.status?.code ?? grpc.status.UNKNOWN,
          details: message.metadata.status?.message || message.metadata.error,
        },
        failed,
      );
    }
    return message;
  }

  /**
   * Runs a call on the preferred endpoint; when that endpoint cannot be reached, on the next
   * ones. gRPC errors become TalosClientErrors naming the endpoint and node.
   */
  private async onEndpoints<T>(
    connection: Connection,
    method: string,
    node: string | undefined,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    call: (channel: Channel) => Promise<T>,
  ): Promise<T> {
    let lastError: TalosClientError | undefined;
    for (let attempt = 0; attempt < connection.channels.length; attempt++) {
      const index =
        (this.preferredEndpoint + attempt) % connection.channels.length;
      const channel = connection.channels[index];
      if (signal?.aborted) break;
      try {
        const result = await call(channel);
        this.preferredEndpoint = index;
        return result;
      } catch (error) {
        const failed = this.failedCall(
          connection,
          method,
          node,
          timeoutMs,
          channel.endpoint.target,
        );
        if (signal?.aborted) {
          throw new TalosClientError(
            'timeout',
            `${method} on ${node ? `node ${node} via ` : ''}endpoint ${
              channel.endpoint.target
            } was cancelled before it answered`,
            {
              endpoint: channel.endpoint.target,
              node,
              method,
            },
          );
        }
        lastError = grpcErrorToTalosError(error as grpc.ServiceError, failed);
        if (
          lastError.kind === 'unreachable' &&
          lastError.context.field === connection.credentials.origin.endpoints
        ) {
          lastError = await this.explainFailedConnection(
            connection,
            channel.endpoint,
            failed,
            lastError,
          );
        }
        const endpointDown =
          lastError.kind === 'unreachable' &&
          lastError.context.field === connection.credentials.origin.endpoints;
        if (!endpointDown) throw lastError;
      }
    }
    throw (
      lastError ??
      new TalosClientError(
        'timeout',
        `${method} was cancelled before it was sent`,
        { node, method },
      )
    );
  }

  /**
   * grpc-js says only "Failed to connect"; a plain TLS handshake tells a closed port from a
   * certificate the other side refuses, so the error names the right talosconfig field.
   */
  private async explainFailedConnection(
    connection: Connection,
    endpoint: TalosEndpoint,
    failed: FailedCall,
    reported: TalosClientError,
  ): Promise<TalosClientError> {
    const probe = await probeTlsHandshake(
      endpoint,
      connection.credentials,
      Math.min(failed.timeoutMs, 3000),
    );
    if (probe.ok) return reported;
    return grpcErrorToTalosError(
      { code: grpc.status.UNAVAILABLE, details: probe.error },
      failed,
    );
  }

  private failedCall(
    connection: Connection,
    method: string,
    node: string | undefined,
    timeoutMs: number,
    endpoint?: string,
  ): FailedCall {
    return {
      method,
      endpoint: endpoint ?? this.endpointLabel(),
      node,
      timeoutMs,
      origin: connection.credentials.origin,
      roles: connection.roles,
    };
  }
}

function nodeMetadata(node: string | undefined): grpc.Metadata {
  const metadata = new grpc.Metadata();
  if (node) metadata.set('node', node);
  return metadata;
}

function toService(service: ServiceInfoMessage): TalosService {
  return {
    id: service.id,
    state: service.state,
    healthy: service.health?.healthy ?? false,
    healthUnknown: service.health?.unknown ?? true,
    lastMessage: service.health?.last_message ?? '',
    lastChange: timestampToIso(service.health?.last_change ?? null),
  };
}

function timestampToIso(
  timestamp: TimestampMessage | null,
): string | undefined {
  if (!timestamp) return undefined;
  const ms =
    Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000);
  return ms > 0 ? new Date(ms).toISOString() : undefined;
}
