/**
 * cluster.ClusterService/HealthCheck: the staged checks `talosctl health` runs server-side.
 * The stream starts with `discovered nodes: [...]`; then each check in turn sends
 * `waiting for <check>: ...` and a new line whenever its state text changes, until it reads
 * `OK` (or `SKIP`). Checks are re-evaluated against the live cluster state, so a Bootstrap
 * during the wait lets the etcd check pass. When the wait timeout runs out the stream ends
 * with DeadlineExceeded, as the server's context expiring does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { TalosApiError } from './api-error.ts';
import { effectiveServices } from './effective-services.ts';
import type { ObjectStore, KubeObject } from '../store/types.ts';
import type { TalosClusterState, TalosNodeSpec } from './types.ts';

/** Tunables of the health check. */
export interface HealthCheckSettings {
  /** Pause between re-evaluations and after each line, so progress is visibly streamed. */
  stepDelayMs: number;
  /** Used when the request has no wait_timeout (talosctl's default is 20 minutes). */
  defaultWaitTimeoutMs: number;
  /** With Cilium's kube-proxy replacement there is no kube-proxy; its check reports SKIP. */
  kubeProxyReplacement: boolean;
  /** When given, the Kubernetes checks read Node and Deployment objects from it. */
  store?: ObjectStore;
}

/** One health-check run, as the server sets it up. */
export interface HealthCheckRun {
  state: TalosClusterState;
  /** Addresses from HealthCheckRequest.cluster_info; empty means "all known nodes". */
  controlPlaneNodes: string[];
  workerNodes: string[];
  /** Milliseconds from HealthCheckRequest.wait_timeout; 0 when unset. */
  waitTimeoutMs: number;
  send(message: string): void;
  /** True once the client cancelled or went away. */
  isCancelled(): boolean;
}

/** One named condition; `evaluate` returns 'OK', 'SKIP' or the text of what it is waiting on. */
interface ClusterCheck {
  description: string;
  evaluate(): string;
}

/** Formats several failures the way Go's multierror prints them. */
function multiError(errors: string[]): string {
  const heading = errors.length === 1 ? '1 error occurred:' : `${errors.length} errors occurred:`;
  return [heading, ...errors.map((error) => `\t* ${error}`)].join('\n');
}

/** A check that some service runs (and, when `needHealthy`, passes its health check) on nodes. */
function serviceCheck(state: TalosClusterState, nodes: () => TalosNodeSpec[], serviceId: string, needHealthy: boolean): () => string {
  return () => {
    const errors: string[] = [];
    for (const node of nodes()) {
      const service = effectiveServices(node, state).find((candidate) => candidate.id === serviceId);
      if (!service) {
        errors.push(`${node.address}: service "${serviceId}" not found`);
      } else if (service.state !== 'Running') {
        errors.push(
          `${node.address}: service "${serviceId}" not in expected state "Running": current state [${service.state}] ${service.lastMessage}`,
        );
      } else if (needHealthy && !service.healthUnknown && !service.healthy) {
        errors.push(`${node.address}: service is not healthy: ${serviceId}`);
      }
    }
    return errors.length === 0 ? 'OK' : multiError(errors);
  };
}

function nodeInternalIps(object: KubeObject): string[] {
  const addresses = (object.status as { addresses?: Array<{ type?: string; address?: string }> } | undefined)?.addresses ?? [];
  return addresses.filter((entry) => entry.type === 'InternalIP' && entry.address).map((entry) => entry.address!);
}

function isNodeReady(object: KubeObject): boolean {
  const conditions = (object.status as { conditions?: Array<{ type?: string; status?: string }> } | undefined)?.conditions ?? [];
  return conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True');
}

/** Builds the ordered check list of upstream `talosctl health` (pkg/cluster/check). */
function buildChecks(run: HealthCheckRun, settings: HealthCheckSettings, nodes: TalosNodeSpec[]): ClusterCheck[] {
  const state = run.state;
  const store = settings.store;
  const all = () => nodes;
  const controlPlanes = () => nodes.filter((node) => node.role === 'controlplane');
  const kubeNodes = (): KubeObject[] => (store ? store.list({ group: '', plural: 'nodes' }) : []);
  const kubeNodeFor = (node: TalosNodeSpec, objects: KubeObject[]): KubeObject | undefined =>
    objects.find((object) => object.metadata.name === node.hostname || nodeInternalIps(object).includes(node.address));

  return [
    { description: 'etcd to be healthy', evaluate: serviceCheck(state, controlPlanes, 'etcd', true) },
    {
      description: 'etcd members to be consistent across nodes',
      evaluate: () => (state.etcdBootstrapped ? 'OK' : multiError(controlPlanes().map((node) => `${node.address}: etcd is not running`))),
    },
    {
      description: 'etcd members to be control plane nodes',
      evaluate: () => {
        const learners = state.etcdLearners.filter((hostname) => controlPlanes().some((node) => node.hostname === hostname));
        return learners.length === 0 ? 'OK' : `etcd members are still learners: [${learners.join(' ')}]`;
      },
    },
    { description: 'apid to be ready', evaluate: serviceCheck(state, all, 'apid', false) },
    { description: 'all nodes memory sizes', evaluate: () => 'OK' },
    { description: 'all nodes disk sizes', evaluate: () => 'OK' },
    { description: 'kubelet to be healthy', evaluate: serviceCheck(state, all, 'kubelet', true) },
    { description: 'all nodes to finish boot sequence', evaluate: serviceCheck(state, all, 'machined', false) },
    {
      description: 'all k8s nodes to report',
      evaluate: () => {
        if (!store) return 'OK';
        const objects = kubeNodes();
        const missing = nodes.filter((node) => !kubeNodeFor(node, objects));
        return missing.length === 0 ? 'OK' : `can't find expected node with IPs [${missing.map((node) => JSON.stringify(node.address)).join(' ')}]`;
      },
    },
    {
      description: 'all k8s nodes to report ready',
      evaluate: () => {
        if (!store) return 'OK';
        const objects = kubeNodes();
        const notReady = nodes.map((node) => kubeNodeFor(node, objects)).filter((object) => object && !isNodeReady(object));
        return notReady.length === 0 ? 'OK' : `some nodes are not ready: [${notReady.map((object) => object!.metadata.name).join(' ')}]`;
      },
    },
    { description: 'all control plane static pods to be running', evaluate: () => 'OK' },
    { description: 'all control plane components to be ready', evaluate: () => 'OK' },
    { description: 'kube-proxy to report ready', evaluate: () => (settings.kubeProxyReplacement ? 'SKIP' : 'OK') },
    {
      description: 'coredns to report ready',
      evaluate: () => {
        const deployment = store?.get({ group: 'apps', plural: 'deployments' }, 'kube-system', 'coredns');
        if (!deployment) return 'OK';
        const wanted = (deployment.spec as { replicas?: number } | undefined)?.replicas ?? 1;
        const ready = (deployment.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
        return ready >= wanted ? 'OK' : `coredns is not ready: ${ready}/${wanted} replicas ready`;
      },
    },
    {
      description: 'all k8s nodes to report schedulable',
      evaluate: () => {
        if (!store) return 'OK';
        const objects = kubeNodes();
        const cordoned = nodes
          .map((node) => kubeNodeFor(node, objects))
          .filter((object) => object && (object.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true);
        return cordoned.length === 0 ? 'OK' : `some nodes are not schedulable: [${cordoned.map((object) => object!.metadata.name).join(' ')}]`;
      },
    },
  ];
}

/** Resolves the nodes to check: the request's lists, or every node of the cluster. */
function nodesToCheck(run: HealthCheckRun): TalosNodeSpec[] {
  const requested = [...run.controlPlaneNodes, ...run.workerNodes];
  if (requested.length === 0) return run.state.nodes;
  return requested.map((address, index): TalosNodeSpec => {
    const known = run.state.nodes.find((node) => node.address === address || node.hostname === address);
    if (known) return known;
    // A node that does not exist never gets its services running; checks keep waiting on it.
    const role = index < run.controlPlaneNodes.length ? 'controlplane' : 'worker';
    return { hostname: address, address, role, talosVersion: '', services: [{ id: 'apid', state: 'Failed', healthy: false, healthUnknown: false, lastMessage: 'unreachable' }] };
  });
}

/** Runs the checks, streaming progress through `run.send`; throws TalosApiError on timeout. */
export async function runHealthCheck(run: HealthCheckRun, settings: HealthCheckSettings): Promise<void> {
  const deadline = Date.now() + (run.waitTimeoutMs > 0 ? run.waitTimeoutMs : settings.defaultWaitTimeoutMs);
  const nodes = nodesToCheck(run);
  run.send(`discovered nodes: [${nodes.map((node) => JSON.stringify(node.address)).join(' ')}]`);

  for (const check of buildChecks(run, settings, nodes)) {
    let lastSent = '...';
    run.send(`waiting for ${check.description}: ${lastSent}`);
    for (;;) {
      await sleep(settings.stepDelayMs);
      if (run.isCancelled()) return;
      const result = check.evaluate();
      if (result !== lastSent) {
        lastSent = result;
        run.send(`waiting for ${check.description}: ${result}`);
      }
      if (result === 'OK' || result === 'SKIP') break;
      if (Date.now() >= deadline) {
        throw new TalosApiError(GrpcStatus.DEADLINE_EXCEEDED, 'context deadline exceeded');
      }
    }
  }
}
