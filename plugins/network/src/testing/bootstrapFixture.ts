import type {
  BootstrapPlan,
  BootstrapRun,
} from '@internal/plugin-network-common';

/** A plan that skips the etcd bootstrap and applies a baseline of three objects. */
export function bootstrapPlan(
  overrides: Partial<BootstrapPlan> = {},
): BootstrapPlan {
  return {
    cluster: 'demo',
    hash: 'sha256:4f2a9c0d1e',
    createdAt: '2026-11-22T05:00:00.000Z',
    totals: { create: 1, update: 1, unchanged: 1 },
    steps: [
      {
        id: 'etcd',
        kind: 'talos-etcd-bootstrap',
        title: 'Bootstrap etcd',
        description: 'Bootstraps etcd on the first control plane node.',
        intent: 'skip',
        note: 'etcd already bootstrapped on talos-cp-1',
      },
      {
        id: 'api',
        kind: 'wait-kubernetes-api',
        title: 'Wait for the Kubernetes API',
        description: 'Waits until the API server answers.',
        intent: 'run',
      },
      {
        id: 'baseline',
        kind: 'apply-baseline',
        title: 'Apply the network baseline',
        description: 'Server-side applies the pools, L2 policy and gateway.',
        intent: 'run',
        objects: [
          {
            ref: {
              apiVersion: 'cilium.io/v2alpha1',
              kind: 'CiliumLoadBalancerIPPool',
              name: 'default-pool',
            },
            change: 'update',
            fieldChanges: [
              {
                path: 'spec.blocks[0].start',
                before: '10.0.10.10',
                after: '10.0.10.20',
              },
            ],
          },
          {
            ref: {
              apiVersion: 'cilium.io/v2alpha1',
              kind: 'CiliumL2AnnouncementPolicy',
              name: 'default-l2',
            },
            change: 'create',
            fieldChanges: [{ path: 'spec.loadBalancerIPs', after: true }],
          },
          {
            ref: {
              apiVersion: 'gateway.networking.k8s.io/v1',
              kind: 'Gateway',
              namespace: 'gateway',
              name: 'main',
            },
            change: 'unchanged',
            fieldChanges: [],
          },
        ],
      },
      {
        id: 'verify',
        kind: 'verify-diagnostics',
        title: 'Verify with diagnostics',
        description: 'Runs the diagnostic checklist.',
        intent: 'run',
      },
    ],
    ...overrides,
  };
}

/** A bootstrap run as the audit history lists it. */
export function bootstrapRun(
  overrides: Partial<BootstrapRun> = {},
): BootstrapRun {
  return {
    id: 'boot-1',
    cluster: 'demo',
    planHash: 'sha256:4f2a9c0d1e',
    status: 'succeeded',
    actor: 'user:default/admin',
    startedAt: '2026-11-21T10:00:00.000Z',
    finishedAt: '2026-11-21T10:01:00.000Z',
    steps: [
      {
        id: 'etcd',
        kind: 'talos-etcd-bootstrap',
        title: 'Bootstrap etcd',
        status: 'skipped',
      },
      {
        id: 'api',
        kind: 'wait-kubernetes-api',
        title: 'Wait for the Kubernetes API',
        status: 'succeeded',
      },
      {
        id: 'baseline',
        kind: 'apply-baseline',
        title: 'Apply the network baseline',
        status: 'succeeded',
        message: 'created 1, updated 1, unchanged 1',
      },
      {
        id: 'verify',
        kind: 'verify-diagnostics',
        title: 'Verify with diagnostics',
        status: 'succeeded',
      },
    ],
    ...overrides,
  };
}
