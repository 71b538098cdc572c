import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { TalosClient } from '../../../TalosClient/TalosClient';
import { TalosClientError } from '../../../TalosClient/TalosClientError';
import {
  TalosEtcdMember,
  TalosNodeResult,
  TalosService,
  TalosVersion,
} from '../../../TalosClient/talosResults';
import { checkContextWithObjects } from '../../testing/checkContextWithObjects';
import {
  createTalosHealthCheckCheck,
  talosChecks,
  talosEtcdMembersCheck,
  talosServicesCheck,
  talosVersionCheck,
} from '.';
import { DiagnosticCheck } from '../../DiagnosticCheck';

const caches: ClusterCache[] = [];
afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

const kubeNode = (name: string, address: string, controlPlane: boolean) => ({
  metadata: {
    name,
    labels: controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {},
  },
  status: {
    addresses: [
      { type: 'InternalIP', address },
      { type: 'Hostname', address: name },
    ],
  },
});
const NODES = [
  kubeNode('cp-1', '10.0.0.11', true),
  kubeNode('cp-2', '10.0.0.12', true),
  kubeNode('worker-1', '10.0.0.21', false),
];
const HOSTNAMES: Record<string, string> = {
  '10.0.0.11': 'cp-1',
  '10.0.0.12': 'cp-2',
  '10.0.0.21': 'worker-1',
};

const version = (tag: string): TalosVersion => ({
  tag,
  sha: 'abc',
  goVersion: 'go1.24',
  os: 'linux',
  arch: 'amd64',
  platform: 'metal',
  platformMode: 'metal',
  rbac: true,
});
const running = (id: string): TalosService => ({
  id,
  state: 'Running',
  healthy: true,
  healthUnknown: false,
  lastMessage: 'Health check successful',
});
const member = (
  hostname: string,
  address: string,
  isLearner = false,
): TalosEtcdMember => ({
  id: String(1000 + Number(address.split('.').pop())),
  hostname,
  peerUrls: [`https://${address}:2380`],
  clientUrls: [`https://${address}:2379`],
  isLearner,
});

/** A TalosClient stand-in answering per node from tables. */
function fakeTalos(answers: {
  versions?: Record<string, TalosVersion | TalosClientError>;
  services?: Record<string, TalosService[] | TalosClientError>;
  members?: TalosEtcdMember[] | TalosClientError;
  health?: { lines: string[]; error?: TalosClientError };
  defaultNodes?: string[];
}): TalosClient {
  const perNode = <T>(
    table: Record<string, T | TalosClientError> | undefined,
    nodes: string[] | undefined,
  ): Array<TalosNodeResult<T>> =>
    (nodes ?? []).map(node => {
      const answer = table?.[node];
      if (answer instanceof TalosClientError)
        return { node, ok: false, error: answer };
      if (answer === undefined)
        return {
          node,
          ok: false,
          error: new TalosClientError(
            'unreachable',
            `cannot reach node ${node}`,
            { node },
          ),
        };
      return {
        node,
        hostname: HOSTNAMES[node] ?? node,
        ok: true,
        value: answer,
      };
    });
  const fake = {
    defaultNodes: () => answers.defaultNodes ?? [],
    version: async (nodes?: string[]) => perNode(answers.versions, nodes),
    serviceList: async (nodes?: string[]) => perNode(answers.services, nodes),
    etcdMemberList: async (node?: string) => {
      if (answers.members instanceof TalosClientError) throw answers.members;
      return {
        node: node ?? '',
        hostname: HOSTNAMES[node ?? ''] ?? '',
        members: answers.members ?? [],
      };
    },
    healthCheck: async (
      _request: unknown,
      onProgress: (line: string, hostname: string) => void,
    ) => {
      answers.health?.lines.forEach(line => onProgress(line, 'cp-1'));
      if (answers.health?.error) throw answers.health.error;
      return { hostname: 'cp-1', lines: answers.health?.lines ?? [] };
    },
  };
  return fake as unknown as TalosClient;
}

async function run(
  check: DiagnosticCheck,
  talos: TalosClient | undefined,
  objects = { Node: NODES },
) {
  const { context, cache, logs } = await checkContextWithObjects(objects);
  caches.push(cache);
  const report = await check.run({ ...context, talos });
  return { report, logs };
}

const lines = (report: {
  findings: Array<{ outcome: string; subject: string; message: string }>;
}) =>
  report.findings.map(
    finding => `${finding.outcome} ${finding.subject}: ${finding.message}`,
  );

describe('Talos checks', () => {
  it('are the four Talos checks, cluster-scoped, in the talos category', () => {
    expect(talosChecks.map(check => check.id)).toEqual([
      'talos.version',
      'talos.services',
      'talos.etcd-members',
      'talos.health-check',
    ]);
    expect(
      talosChecks.every(
        check =>
          check.category === 'talos' && check.scopes.join() === 'cluster',
      ),
    ).toBe(true);
  });

  it.each(talosChecks.map(check => [check.id, check]))(
    '%s is skipped without Talos access',
    async (_id, check) => {
      const { report } = await run(check as DiagnosticCheck, undefined);
      expect(report.skippedBecause).toBe(
        'no talosconfig is configured for cluster test (network.clusters.test.talos)',
      );
    },
  );
});

describe('talos.version', () => {
  it('warns a node on another release and fails a node that does not answer', async () => {
    const talos = fakeTalos({
      versions: {
        '10.0.0.11': version('v1.11.5'),
        '10.0.0.12': version('v1.11.5'),
        '10.0.0.21': version('v1.10.7'),
      },
    });
    const { report } = await run(talosVersionCheck, talos);
    expect(lines(report)).toEqual([
      'pass node cp-1 (10.0.0.11): Talos v1.11.5 (metal, amd64)',
      'pass node cp-2 (10.0.0.12): Talos v1.11.5 (metal, amd64)',
      'warn node worker-1 (10.0.0.21): runs Talos v1.10.7 while 2 node(s) run v1.11.5',
    ]);
    expect(report.summary).toBe(
      '3 nodes answer on 2 versions: v1.11.5 (2), v1.10.7 (1)',
    );

    const missing = await run(
      talosVersionCheck,
      fakeTalos({
        versions: {
          '10.0.0.11': version('v1.11.5'),
          '10.0.0.12': version('v1.11.5'),
        },
      }),
    );
    expect(lines(missing.report)[2]).toBe(
      'fail node worker-1 (10.0.0.21): cannot reach node 10.0.0.21',
    );
    expect(missing.report.summary).toBe(
      '1 of 3 nodes did not answer; versions: v1.11.5 (2)',
    );
  });

  it('reports access errors as error (the check cannot decide), not as a failing node', async () => {
    const wrongCa = new TalosClientError(
      'wrong-ca',
      'endpoint 10.0.0.11:50000 presented a certificate not signed by the CA',
      { field: 'network.clusters.test.talos.ca' },
    );
    const talos = fakeTalos({
      versions: {
        '10.0.0.11': wrongCa,
        '10.0.0.12': wrongCa,
        '10.0.0.21': wrongCa,
      },
    });
    const { report } = await run(talosVersionCheck, talos);
    expect(report.findings.map(finding => finding.outcome)).toEqual([
      'error',
      'error',
      'error',
    ]);
    expect(report.findings[0].evidence?.fields).toMatchObject({
      kind: 'wrong-ca',
      field: 'network.clusters.test.talos.ca',
    });
  });

  it('adds talosconfig nodes Kubernetes does not list', async () => {
    const talos = fakeTalos({
      defaultNodes: ['10.0.0.99', 'cp-1'],
      versions: {
        '10.0.0.11': version('v1.11.5'),
        '10.0.0.12': version('v1.11.5'),
        '10.0.0.21': version('v1.11.5'),
        '10.0.0.99': version('v1.11.5'),
      },
    });
    const { report } = await run(talosVersionCheck, talos);
    expect(report.findings.map(finding => finding.subject)).toEqual([
      'node cp-1 (10.0.0.11)',
      'node cp-2 (10.0.0.12)',
      'node worker-1 (10.0.0.21)',
      'node 10.0.0.99',
    ]);
    expect(report.summary).toBe('4 nodes answer, all on v1.11.5');
  });
});

describe('talos.services', () => {
  it('fails services that are not running or fail their health check, per node', async () => {
    const healthy = [running('apid'), running('etcd'), running('kubelet')];
    const talos = fakeTalos({
      services: {
        '10.0.0.11': healthy,
        '10.0.0.12': [
          running('apid'),
          {
            id: 'etcd',
            state: 'Preparing',
            healthy: false,
            healthUnknown: true,
            lastMessage: 'Running pre state',
          },
          running('kubelet'),
        ],
        '10.0.0.21': [
          running('apid'),
          {
            ...running('kubelet'),
            healthy: false,
            lastMessage:
              'Get "http://127.0.0.1:10248/healthz": connection refused',
          },
        ],
      },
    });
    const { report } = await run(talosServicesCheck, talos);
    expect(lines(report)).toEqual([
      'pass node cp-1 (10.0.0.11): 3 services running, none failing a health check',
      'fail node cp-2 (10.0.0.12) service etcd: Preparing: Running pre state',
      'fail node worker-1 (10.0.0.21) service kubelet: Running but its health check fails: Get "http://127.0.0.1:10248/healthz": connection refused',
    ]);
    expect(report.summary).toBe(
      '2 service(s) not running or unhealthy; 2 of 3 nodes with problems',
    );
    expect(report.evidence?.command?.output).toContain(
      '10.0.0.12\tetcd\tPreparing\t?\tRunning pre state',
    );
  });
});

describe('talos.etcd-members', () => {
  it('passes voting members, warns learners and members that are no control plane', async () => {
    const talos = fakeTalos({
      members: [
        member('cp-1', '10.0.0.11'),
        member('cp-2', '10.0.0.12', true),
        member('old-cp', '10.0.0.13'),
      ],
    });
    const { report } = await run(talosEtcdMembersCheck, talos);
    expect(lines(report)).toEqual([
      'pass node cp-1 (10.0.0.11): voting etcd member 1011',
      'warn node cp-2 (10.0.0.12): is etcd member 1012 but still a learner (not a voting member yet)',
      'warn etcd member old-cp: member 1013 is not a control-plane node of the cluster',
    ]);
    expect(report.summary).toBe(
      '2 control-plane nodes, all etcd members; 1 learner(s)',
    );
  });

  it('fails a control-plane node that is not a member (matched by peer address when hostnames differ)', async () => {
    const talos = fakeTalos({
      members: [{ ...member('talos-abc', '10.0.0.11') }],
    });
    const { report } = await run(talosEtcdMembersCheck, talos);
    expect(lines(report)).toEqual([
      'pass node cp-1 (10.0.0.11): voting etcd member 1011',
      'fail node cp-2 (10.0.0.12): is a control-plane node but not an etcd member',
    ]);
    expect(report.summary).toBe('1 of 2 control-plane nodes not etcd members');
  });

  it('fails when no control-plane node answers', async () => {
    const talos = fakeTalos({
      members: new TalosClientError(
        'api-error',
        'EtcdMemberList on node x failed: Unavailable: etcd is not running',
        { grpcCode: 'Unavailable' },
      ),
    });
    const { report } = await run(talosEtcdMembersCheck, talos);
    expect(report.findings.map(finding => finding.outcome)).toEqual([
      'fail',
      'fail',
    ]);
    expect(report.summary).toBe(
      'no control-plane node answered EtcdMemberList (2 asked)',
    );
  });
});

describe('talos.health-check', () => {
  it('streams each progress line into the run log and names the stage that did not pass', async () => {
    const progress = [
      'discovered nodes: ["10.0.0.11" "10.0.0.12" "10.0.0.21"]',
      'waiting for etcd to be healthy: ...',
      'waiting for etcd to be healthy: OK',
      'waiting for kubelet to be healthy: ...',
      'waiting for kubelet to be healthy: 10.0.0.21: service is not healthy: kubelet',
    ];
    const talos = fakeTalos({
      health: {
        lines: progress,
        error: new TalosClientError('timeout', 'HealthCheck timed out', {
          grpcCode: 'DeadlineExceeded',
        }),
      },
    });
    const { report, logs } = await run(
      createTalosHealthCheckCheck({ waitTimeoutMs: 5000 }),
      talos,
    );
    expect(logs).toEqual(progress);
    expect(lines(report)).toEqual([
      'fail stage kubelet to be healthy: did not pass within 5 s: 10.0.0.21: service is not healthy: kubelet',
    ]);
    expect(report.evidence?.command?.text).toBe(
      'talosctl -n 10.0.0.11 health --wait-timeout 5s --control-plane-nodes 10.0.0.11,10.0.0.12 --worker-nodes 10.0.0.21',
    );
  });

  it('reports an access error as error with the error kind', async () => {
    const talos = fakeTalos({
      health: {
        lines: [],
        error: new TalosClientError(
          'certificate-expired',
          'the client certificate expired',
          { field: 'crt' },
        ),
      },
    });
    const { report } = await run(createTalosHealthCheckCheck(), talos);
    expect(report.findings.map(finding => finding.outcome)).toEqual(['error']);
    expect(report.summary).toBe(
      'the health check could not run: certificate-expired',
    );
  });
});
