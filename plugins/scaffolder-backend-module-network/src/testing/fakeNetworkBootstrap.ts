import {
  BootstrapPlan,
  BootstrapRun,
  BootstrapStepKind,
} from '@internal/plugin-network-common';
import { NetworkBootstrap } from '../services/NetworkBootstrap/NetworkBootstrap';

/** A plan hash as the backend computes them (sha256 hex). */
export const PLAN_HASH = 'a'.repeat(64);

/** A plan for `cluster`; `etcd` says whether the Talos step would run or is skipped. */
export function bootstrapPlan(
  etcd: 'run' | 'skip',
  hash = PLAN_HASH,
): BootstrapPlan {
  const step = (
    kind: BootstrapStepKind,
    title: string,
    intent: 'run' | 'skip' = 'run',
  ) => ({
    id: kind,
    kind,
    title,
    description: title,
    intent,
  });
  return {
    cluster: 'demo',
    hash,
    createdAt: '2026-11-22T05:00:00Z',
    totals: { create: 1, update: 1, unchanged: 0 },
    steps: [
      {
        ...step('talos-etcd-bootstrap', 'Bootstrap etcd', etcd),
        note:
          etcd === 'skip'
            ? 'etcd already bootstrapped on talos-cp-1'
            : undefined,
      },
      step('wait-kubernetes-api', 'Wait for the Kubernetes API'),
      {
        ...step('apply-baseline', 'Apply the network baseline'),
        objects: [
          {
            ref: { kind: 'CiliumLoadBalancerIPPool', name: 'main' },
            change: 'create',
            fieldChanges: [],
          },
          {
            ref: {
              kind: 'Gateway',
              namespace: 'network',
              name: 'envoy-internal',
            },
            change: 'update',
            fieldChanges: [
              { path: 'spec.listeners[0].port', before: 80, after: 443 },
            ],
          },
        ],
      },
      step('verify-diagnostics', 'Verify with diagnostics'),
    ],
  };
}

/** A run of the plan with every step `succeeded` or the given statuses. */
export function bootstrapRun(
  status: BootstrapRun['status'],
  overrides: Partial<BootstrapRun> = {},
): BootstrapRun {
  return {
    id: 'run-1',
    cluster: 'demo',
    planHash: PLAN_HASH,
    status,
    actor: 'user:default/mock',
    startedAt: '2026-11-22T05:00:01Z',
    steps: [
      {
        id: 'apply-baseline',
        kind: 'apply-baseline',
        title: 'Apply the network baseline',
        status: status === 'running' ? 'running' : 'succeeded',
        message: 'created 1, updated 1, unchanged 0',
      },
    ],
    ...overrides,
  };
}

/** A {@link NetworkBootstrap} with jest mocks: a plan, and a run that finishes after `runningReads` reads. */
export function fakeNetworkBootstrap(options: {
  plan: BootstrapPlan;
  finalRun?: BootstrapRun;
  runningReads?: number;
}): jest.Mocked<NetworkBootstrap> {
  let reads = 0;
  const finalRun = options.finalRun ?? bootstrapRun('succeeded');
  return {
    plan: jest.fn<
      ReturnType<NetworkBootstrap['plan']>,
      Parameters<NetworkBootstrap['plan']>
    >(async () => options.plan),
    startRun: jest.fn<
      ReturnType<NetworkBootstrap['startRun']>,
      Parameters<NetworkBootstrap['startRun']>
    >(async () => bootstrapRun('running')),
    run: jest.fn<
      ReturnType<NetworkBootstrap['run']>,
      Parameters<NetworkBootstrap['run']>
    >(async () =>
      reads++ < (options.runningReads ?? 1)
        ? bootstrapRun('running')
        : finalRun,
    ),
  };
}
