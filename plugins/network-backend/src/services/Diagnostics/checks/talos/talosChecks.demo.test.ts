import { TalosClient } from '../../../TalosClient/TalosClient';
import { CheckContext } from '../../DiagnosticCheck';
import {
  DemoClusterChecks,
  startDemoClusterChecks,
} from '../../testing/demoClusterChecks';
import {
  createTalosClient,
  createTalosHealthCheckCheck,
  talosChecks,
  talosEtcdMembersCheck,
  talosHealthCheckCheck,
  talosServicesCheck,
  talosVersionCheck,
} from '.';

jest.setTimeout(120_000);

const CONTROL_PLANES = [
  'talos-cp-1 (127.0.1.50)',
  'talos-cp-2 (127.0.1.51)',
  'talos-cp-3 (127.0.1.52)',
];
const ALL_NODES = [...CONTROL_PLANES, 'talos-worker-1 (127.0.1.53)'];

describe('Talos checks against the seeded demo cluster', () => {
  let checks: DemoClusterChecks;
  let talos: TalosClient;

  beforeAll(async () => {
    checks = await startDemoClusterChecks();
    talos = createTalosClient(checks.clusters.definition('demo')!)!;
  });

  afterAll(async () => {
    talos?.close();
    await checks?.stop();
  });

  it('talos.version: every node answers, all on v1.11.5', async () => {
    const report = await checks.run(talosVersionCheck, { talos });
    expect(
      report.findings.map(finding => `${finding.outcome} ${finding.subject}`),
    ).toEqual(ALL_NODES.map(node => `pass node ${node}`));
    expect(report.summary).toBe('4 nodes answer, all on v1.11.5');
    expect(report.evidence?.command?.output).toContain(
      '127.0.1.53\ttalos-worker-1\tv1.11.5',
    );
  });

  it('talos.services: every service of every node runs and is healthy (talos-worker-1 included)', async () => {
    const report = await checks.run(talosServicesCheck, { talos });
    expect(report.findings.map(finding => finding.outcome)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(report.findings[3]).toMatchObject({
      subject: 'node talos-worker-1 (127.0.1.53)',
      message: '9 services running, none failing a health check',
    });
    expect(report.summary).toBe('4 nodes, every service running and healthy');
  });

  it('talos.etcd-members: the three control planes are voting members', async () => {
    const report = await checks.run(talosEtcdMembersCheck, { talos });
    expect(
      report.findings.map(finding => `${finding.outcome} ${finding.subject}`),
    ).toEqual(CONTROL_PLANES.map(node => `pass node ${node}`));
    expect(report.summary).toBe('3 control-plane nodes, all etcd members');
    expect(report.evidence?.command?.text).toBe(
      'talosctl -n 127.0.1.50 etcd members',
    );
  });

  it('talos.health-check: streams every stage into the run log and passes', async () => {
    const logs: string[] = [];
    const report = await checks.run(talosHealthCheckCheck, { talos, logs });
    expect(logs[0]).toBe(
      'discovered nodes: ["127.0.1.50" "127.0.1.51" "127.0.1.52" "127.0.1.53"]',
    );
    expect(logs).toContain(
      'waiting for etcd members to be control plane nodes: OK',
    );
    expect(logs).toContain('waiting for kube-proxy to report ready: SKIP');
    expect(report.findings).toEqual([
      {
        outcome: 'pass',
        subject: 'health check on talos-cp-1',
        message: '15 stages passed',
      },
    ]);
    expect(report.evidence?.command?.output.split('\n')).toEqual(logs);
  });

  it('every Talos check is skipped without a Talos client', async () => {
    for (const check of talosChecks) {
      expect((await checks.run(check)).skippedBecause).toBe(
        'no talosconfig is configured for cluster demo (network.clusters.demo.talos)',
      );
    }
  });
});

describe('Talos checks against an empty (not bootstrapped) demo cluster', () => {
  let checks: DemoClusterChecks;
  let talos: TalosClient;
  let context: (logs?: string[]) => CheckContext;

  beforeAll(async () => {
    checks = await startDemoClusterChecks({ state: 'empty' });
    talos = createTalosClient(checks.clusters.definition('demo')!)!;
    context = (logs = []) => checks.context({ talos, logs });
  });

  afterAll(async () => {
    talos?.close();
    await checks?.stop();
  });

  it('talos.services fails etcd waiting for bootstrap on each control plane', async () => {
    const report = await talosServicesCheck.run(context());
    expect(
      report.findings
        .filter(finding => finding.outcome === 'fail')
        .map(finding => `${finding.subject}: ${finding.message}`),
    ).toEqual(
      CONTROL_PLANES.map(
        node => `node ${node} service etcd: Preparing: Running pre state`,
      ),
    );
  });

  it('talos.etcd-members fails: no control plane can list members before bootstrap', async () => {
    const report = await talosEtcdMembersCheck.run(context());
    expect(report.summary).toBe(
      'no control-plane node answered EtcdMemberList (3 asked)',
    );
    expect(report.findings.map(finding => finding.outcome)).toEqual([
      'fail',
      'fail',
      'fail',
    ]);
    expect(report.findings[0].message).toContain('connection refused');
  });

  it('talos.health-check fails at the etcd stage when the wait runs out', async () => {
    const logs: string[] = [];
    const report = await createTalosHealthCheckCheck({
      waitTimeoutMs: 1500,
    }).run(context(logs));
    expect(logs.slice(0, 2)).toEqual([
      'discovered nodes: ["127.0.1.50" "127.0.1.51" "127.0.1.52" "127.0.1.53"]',
      'waiting for etcd to be healthy: ...',
    ]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      outcome: 'fail',
      subject: 'stage etcd to be healthy',
    });
    expect(report.findings[0].message).toMatch(
      /^did not pass within 1\.5 s: .*127\.0\.1\.50: service "etcd" not in expected state "Running": current state \[Preparing\] Running pre state/s,
    );
    expect(report.summary).toBe('stage "etcd to be healthy" did not pass');
  });

  it('after Bootstrap every control plane is an etcd member', async () => {
    await expect(talos.bootstrap('127.0.1.50')).resolves.toMatchObject({
      result: 'bootstrapped',
    });
    const report = await talosEtcdMembersCheck.run(context());
    expect(report.summary).toBe('3 control-plane nodes, all etcd members');
    const services = await talosServicesCheck.run(context());
    expect(services.findings.filter(finding => finding.outcome === 'fail')).toEqual([]);
  });
});
