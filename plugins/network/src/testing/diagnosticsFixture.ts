import type {
  CheckDescriptor,
  CheckResult,
  DiagnosticRun,
  DiagnosticRunDetail,
} from '@internal/plugin-network-common';

/** Three checks in two categories, as the registry would list them. */
export const checkDescriptors: CheckDescriptor[] = [
  {
    id: 'gateway.routes-accepted',
    title: 'Routes accepted by their gateway',
    category: 'gateway',
    scopes: ['cluster', 'namespace', 'entity'],
    description: 'Every HTTPRoute parent reports Accepted=True.',
    manualCommand: 'kubectl get httproute -A',
  },
  {
    id: 'pools.free-ips',
    title: 'IP pools have free addresses',
    category: 'pools',
    scopes: ['cluster'],
    description: 'Each CiliumLoadBalancerIPPool has at least one free IP.',
  },
  {
    id: 'dns.answers-match',
    title: 'DNS answers match the gateway address',
    category: 'dns',
    scopes: ['cluster', 'entity'],
    description: 'The DNS servers answer each hostname with the gateway IP.',
  },
];

/** A failing routes check with a finding, command evidence and remediation. */
export const failingRoutesResult: CheckResult = {
  checkId: 'gateway.routes-accepted',
  title: 'Routes accepted by their gateway',
  category: 'gateway',
  outcome: 'fail',
  summary: '1 of 14 routes not Accepted',
  findings: [
    {
      outcome: 'fail',
      subject: 'HTTPRoute media/sonarr',
      message: 'Accepted=False (NotAllowedByListeners)',
      object: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        namespace: 'media',
        name: 'sonarr',
      },
      evidence: {
        fields: { 'status.parents[0].conditions[Accepted]': 'False' },
      },
    },
  ],
  evidence: {
    command: {
      text: 'kubectl get httproute -A',
      output:
        'NAMESPACE  NAME    HOSTNAMES\nmedia      sonarr  sonarr.example.com',
      exitCode: 0,
    },
  },
  remediation:
    'Allow the route namespace in the listener allowedRoutes, or move the route.',
  durationMs: 12,
};

/** A passing DNS check with DNS answers as evidence. */
export const passingDnsResult: CheckResult = {
  checkId: 'dns.answers-match',
  title: 'DNS answers match the gateway address',
  category: 'dns',
  outcome: 'pass',
  summary: '14 hostnames answered correctly',
  findings: [],
  evidence: {
    dns: [
      {
        server: '127.0.0.53',
        hostname: 'sonarr.example.com',
        addresses: ['10.0.10.20'],
      },
    ],
  },
  durationMs: 30,
};

/** A run as history lists it; override what a test needs. */
export function diagnosticRun(
  overrides: Partial<DiagnosticRun> = {},
): DiagnosticRun {
  return {
    id: 'run-1',
    cluster: 'demo',
    selection: { kind: 'all' },
    status: 'succeeded',
    trigger: 'manual',
    actor: 'user:default/guest',
    startedAt: '2026-11-22T05:00:00.000Z',
    finishedAt: '2026-11-22T05:00:03.000Z',
    progress: { done: 3, total: 3 },
    totals: { pass: 2, warn: 0, fail: 1, error: 0, skipped: 0 },
    ...overrides,
  };
}

/** A run with its results. */
export function diagnosticRunDetail(
  overrides: Partial<DiagnosticRunDetail> = {},
): DiagnosticRunDetail {
  return {
    ...diagnosticRun(),
    results: [failingRoutesResult, passingDnsResult],
    ...overrides,
  };
}
