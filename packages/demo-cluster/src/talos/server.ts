/**
 * The simulated Talos apid: a gRPC server with mutual TLS that serves the MachineService and
 * ClusterService subsets from our protos against a TalosClusterState. Clients must present a
 * certificate signed by the Talos CA (others fail the TLS handshake); the certificate's
 * Organization carries the role that authorizes each call.
 */
import * as grpc from '@grpc/grpc-js';
import { isIP } from 'node:net';
import type { PeerCertificate } from 'node:tls';
import { goErrorText, toServiceError, TalosApiError } from './api-error.ts';
import { ADMIN_ROLES, OPERATE_ROLES, READ_ROLES, requireRole } from './client-roles.ts';
import type { TalosRole } from './client-roles.ts';
import { runHealthCheck } from './health-check.ts';
import type { HealthCheckSettings } from './health-check.ts';
import { bootstrapOn, etcdMemberListOf, rebootOn, serviceListOf, versionOf } from './machine-service.ts';
import type { MachineContext } from './machine-service.ts';
import type { DurationMessage, HealthCheckProgressMessage, MessagesEnvelope } from './messages.ts';
import { routeRequest, unreachableNodeError } from './node-routing.ts';
import { loadTalosGrpcPackages } from './proto-loader.ts';
import type { ObjectStore } from '../store/types.ts';
import type { TalosClusterState, TalosNodeSpec } from './types.ts';

/** Where and how the apid listens, and the tunables of its simulation. */
export interface TalosApidOptions {
  /** A loopback address (127.0.0.0/8 or ::1). */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The Talos OS CA (trusted for client certificates) and the server certificate and key. */
  tls: { caPem: string; certPem: string; keyPem: string };
  /** Pause between HealthCheck progress lines in ms (default 40). */
  healthCheckStepDelayMs?: number;
  /** HealthCheck wait timeout when the request sets none, in ms (default 20 minutes, as talosctl). */
  healthCheckDefaultTimeoutMs?: number;
  /** True (default) when Cilium replaces kube-proxy: the kube-proxy check reports SKIP. */
  kubeProxyReplacement?: boolean;
  /** When given, HealthCheck's Kubernetes checks read Node and Deployment objects from it. */
  store?: ObjectStore;
}

/** A running apid. */
export interface TalosApidHandle {
  host: string;
  port: number;
  /** Stops accepting calls, cancels running streams and closes the port. */
  stop(): Promise<void>;
}

interface HealthCheckRequestMessage {
  wait_timeout: DurationMessage | null;
  cluster_info: { control_plane_nodes: string[]; worker_nodes: string[]; force_endpoint: string } | null;
}

function isLoopback(host: string): boolean {
  if (host === '::1' || host === 'localhost') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function durationMs(duration: DurationMessage | null): number {
  if (!duration) return 0;
  return Number(duration.seconds) * 1000 + Math.floor(duration.nanos / 1_000_000);
}

function peerCertificateOf(call: { getAuthContext(): { sslPeerCertificate?: PeerCertificate } }): PeerCertificate | undefined {
  return call.getAuthContext().sslPeerCertificate;
}

/** The fan-out entry of a node whose call failed: only metadata, carrying the error. */
function failedNodeEntry(target: string, error: unknown): { metadata: object } {
  const { code, details } = toServiceError(error);
  return { metadata: { hostname: target, error: goErrorText(code, details), status: { code, message: details, details: [] } } };
}

/**
 * Wraps a per-node handler into a unary gRPC handler: checks the role, routes by `node` /
 * `nodes` metadata and wraps the node answers into the `{ messages }` envelope.
 */
function unaryHandler<Request, Message>(
  state: TalosClusterState,
  allowed: readonly TalosRole[],
  perNode: (node: TalosNodeSpec, request: Request) => Message,
): grpc.handleUnaryCall<Request, MessagesEnvelope<Message | { metadata: object }>> {
  return (call, callback) => {
    try {
      requireRole(peerCertificateOf(call), allowed);
      const routing = routeRequest(state, call.metadata);
      if (routing.mode === 'single') {
        callback(null, { messages: [perNode(routing.node, call.request)] });
        return;
      }
      const messages = routing.targets.map(({ target, node }) => {
        try {
          if (!node) throw unreachableNodeError(target);
          return perNode(node, call.request);
        } catch (error) {
          return failedNodeEntry(target, error);
        }
      });
      callback(null, { messages });
    } catch (error) {
      callback(toServiceError(error));
    }
  };
}

/** Starts the apid on `options.host:options.port`; resolves once it listens. */
export async function startTalosApid(state: TalosClusterState, options: TalosApidOptions): Promise<TalosApidHandle> {
  if (!isLoopback(options.host)) {
    throw new Error(`the demo apid listens on loopback only, not ${options.host}`);
  }
  const packages = loadTalosGrpcPackages();
  const context: MachineContext = { state, bootTime: new Date(Date.now() - 60 * 60 * 1000) };
  const healthSettings: HealthCheckSettings = {
    stepDelayMs: options.healthCheckStepDelayMs ?? 40,
    defaultWaitTimeoutMs: options.healthCheckDefaultTimeoutMs ?? 20 * 60 * 1000,
    kubeProxyReplacement: options.kubeProxyReplacement ?? true,
    store: options.store,
  };

  const server = new grpc.Server();
  server.addService(packages.machine.MachineService.service, {
    Version: unaryHandler(state, READ_ROLES, (node) => versionOf(node)),
    ServiceList: unaryHandler(state, READ_ROLES, (node) => serviceListOf(node, context)),
    EtcdMemberList: unaryHandler(state, READ_ROLES, (node) => etcdMemberListOf(node, context)),
    Bootstrap: unaryHandler(state, ADMIN_ROLES, (node) => bootstrapOn(node, context)),
    Reboot: unaryHandler(state, OPERATE_ROLES, (node, request: { mode?: string }) =>
      rebootOn(node, request.mode || 'DEFAULT', context),
    ),
  });

  const healthCheck: grpc.handleServerStreamingCall<HealthCheckRequestMessage, HealthCheckProgressMessage> = (call) => {
    let cancelled = false;
    call.on('cancelled', () => {
      cancelled = true;
    });
    const fail = (error: unknown): void => {
      if (cancelled) return;
      call.emit('error', toServiceError(error));
    };
    let node: TalosNodeSpec;
    try {
      requireRole(peerCertificateOf(call), READ_ROLES);
      const routing = routeRequest(state, call.metadata);
      // A health check is one stream; with legacy fan-out it runs on the first named node.
      if (routing.mode === 'single') {
        node = routing.node;
      } else {
        const first = routing.targets[0]!;
        if (!first.node) throw unreachableNodeError(first.target);
        node = first.node;
      }
    } catch (error) {
      fail(error);
      return;
    }
    const request = call.request;
    runHealthCheck(
      {
        state,
        controlPlaneNodes: request.cluster_info?.control_plane_nodes ?? [],
        workerNodes: request.cluster_info?.worker_nodes ?? [],
        waitTimeoutMs: durationMs(request.wait_timeout),
        send: (message) => {
          call.write({ metadata: { hostname: node.hostname, error: '', status: null }, message });
        },
        isCancelled: () => cancelled || call.cancelled,
      },
      healthSettings,
    ).then(
      () => {
        if (!cancelled) call.end();
      },
      (error: unknown) => fail(error instanceof TalosApiError ? error : new TalosApiError(grpc.status.INTERNAL, String(error))),
    );
  };
  server.addService(packages.cluster.ClusterService.service, { HealthCheck: healthCheck });

  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(options.tls.caPem),
    [{ cert_chain: Buffer.from(options.tls.certPem), private_key: Buffer.from(options.tls.keyPem) }],
    true,
  );
  const address = isIP(options.host) === 6 ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentials, (error, boundPort) => (error ? reject(error) : resolve(boundPort)));
  });

  return {
    host: options.host,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        // Give unary calls a moment to finish, then cut long-running health-check streams.
        const force = setTimeout(() => server.forceShutdown(), 500);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
