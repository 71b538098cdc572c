import { CheckFinding } from '@internal/plugin-network-common';
import { createPodExec } from '../../../PodExec';
import { DemoClusterChecks, startDemoClusterChecks } from '../../testing/demoClusterChecks';
import { PodExec } from '../../DiagnosticCheck';
import { ciliumChecks } from '.';
import { agentsReadyCheck } from './agentsReadyCheck';
import { agentStatusCheck } from './agentStatusCheck';
import { l2AnnouncementsCheck } from './l2AnnouncementsCheck';
import { lbFrontendsCheck } from './lbFrontendsCheck';
import { operatorReadyCheck } from './operatorReadyCheck';

jest.setTimeout(90_000);

// The seeded broken cases (packages/demo-cluster/src/topology/broken-cases.ts).
const FAULTY_NODE = 'talos-worker-1';
const ENVOY_EXTERNAL = { apiVersion: 'v1', kind: 'Service', namespace: 'network', name: 'cilium-gateway-envoy-external' };

describe('Cilium checks against the demo cluster', () => {
  let checks: DemoClusterChecks;
  let exec: PodExec;
  let faultyPod: string;
  const execCalls: string[] = [];

  beforeAll(async () => {
    checks = await startDemoClusterChecks();
    const podExec = createPodExec(checks.clusters.definition('demo')!);
    exec = (target, command, options) => {
      execCalls.push(`${target.pod} ${command.join(' ')}`);
      return podExec(target, command, options);
    };
    const cache = checks.clusters.cache('demo')!;
    faultyPod = cache.byIndex('Pod', 'label', 'k8s-app=cilium').find(pod => pod.spec.nodeName === FAULTY_NODE).metadata.name;
  });

  afterAll(async () => {
    await checks?.stop();
  });

  beforeEach(() => execCalls.splice(0));

  const bySubject = (findings: CheckFinding[], subject: string) => findings.filter(finding => finding.subject === subject);

  it('lists five checks of the cilium category', () => {
    expect(ciliumChecks.map(check => check.id)).toEqual([
      'cilium.agents-ready',
      'cilium.operator-ready',
      'cilium.agent-status',
      'cilium.lb-frontends',
      'cilium.l2-announcements',
    ]);
    expect(ciliumChecks.every(check => check.category === 'cilium' && check.remediation.length > 40 && check.manualCommand)).toBe(true);
  });

  it('cilium.agents-ready catches cilium-agent-not-ready on talos-worker-1 and passes the other nodes', async () => {
    const report = await checks.run(agentsReadyCheck);
    expect(report.summary).toBe(`1 of 4 nodes without a Ready Cilium agent (${FAULTY_NODE})`);
    const failing = report.findings.filter(finding => finding.outcome === 'fail');
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({
      subject: `node ${FAULTY_NODE}`,
      object: { kind: 'Pod', namespace: 'kube-system', name: faultyPod },
      message: expect.stringContaining('Ready=False (ContainersNotReady)'),
    });
    // The watch cache keeps state and restarts of containers (not lastState).
    expect(failing[0].message).toMatch(/cilium-agent: running but not ready, \d+ restarts$/);
    expect(failing[0].evidence?.objects).toEqual(
      expect.arrayContaining([
        { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'cilium' },
        { apiVersion: 'v1', kind: 'Node', name: FAULTY_NODE },
      ]),
    );
    expect(report.findings.filter(finding => finding.outcome === 'pass').map(finding => finding.subject)).toEqual([
      'node talos-cp-1',
      'node talos-cp-2',
      'node talos-cp-3',
    ]);
    expect(report.evidence?.fields).toEqual({ 'status.desiredNumberScheduled': '4', 'status.numberReady': '3', 'status.numberAvailable': '3' });
  });

  it('cilium.operator-ready passes with both replicas Ready', async () => {
    const report = await checks.run(operatorReadyCheck);
    expect(report.summary).toBe('2 of 2 operator replicas Ready');
    expect(report.findings.map(finding => finding.outcome)).toEqual(['pass', 'pass']);
  });

  it('cilium.agent-status reports the not-ready agent with its failing controllers, the others healthy', async () => {
    const report = await checks.run(agentStatusCheck, { exec });
    expect(execCalls).toHaveLength(4);
    expect(execCalls.every(call => call.endsWith('cilium-dbg status -o json'))).toBe(true);
    expect(report.summary).toBe(`1 of 4 agents report problems (${FAULTY_NODE})`);
    const [faulty] = bySubject(report.findings, `node ${FAULTY_NODE}`);
    expect(faulty.outcome).toBe('fail');
    expect(faulty.message).toContain(`agent pod ${faultyPod} is not Ready (False (ContainersNotReady))`);
    expect(faulty.message).toContain('controller cilium-health-ep failing');
    expect(faulty.message).toContain('controller sync-lb-maps-with-k8s-services failing');
    expect(faulty.message).toContain('cluster health Warning');
    expect(faulty.evidence?.command?.text).toBe(`kubectl exec -n kube-system ${faultyPod} -c cilium-agent -- cilium-dbg status -o json`);
    expect(JSON.parse(faulty.evidence!.command!.output).cilium.state).toBe('Warning');
    expect(faulty.evidence?.fields).toMatchObject({ 'cilium.state': 'Warning', 'kube-proxy-replacement.mode': 'True', 'controllers failing': '2 of 16' });
    const healthy = report.findings.filter(finding => finding.subject !== `node ${FAULTY_NODE}`);
    expect(healthy).toHaveLength(3);
    // A healthy agent sees the faulty node's health endpoint down but its own state is Ok.
    for (const finding of healthy) expect(finding.outcome).toBe('pass');
  });

  it('cilium.lb-frontends catches cilium-lb-frontend-not-programmed with the bpf lb list evidence', async () => {
    const logs: string[] = [];
    const report = await checks.run(lbFrontendsCheck, { exec, logs });
    expect(execCalls.filter(call => call.endsWith('cilium-dbg bpf lb list'))).toHaveLength(4);
    // The not-ready agent is asked first and its progress line names the missing service.
    expect(execCalls[0]).toBe(`${faultyPod} cilium-dbg bpf lb list`);
    expect(logs).toHaveLength(4);
    expect(logs).toContainEqual(expect.stringMatching(new RegExp(`^${FAULTY_NODE}: \\d+ frontends, 1 services missing$`)));
    const failing = report.findings.filter(finding => finding.outcome === 'fail');
    expect(failing).toHaveLength(1);
    const [finding] = failing;
    expect(finding.subject).toBe('Service network/cilium-gateway-envoy-external');
    expect(finding.object).toEqual(ENVOY_EXTERNAL);
    const ip = finding.evidence!.fields!['status.loadBalancer.ingress'];
    expect(ip).toMatch(/^127\.\d+\.\d+\.\d+$/);
    expect(finding.message).toBe(
      `FrontendNotProgrammed: ${ip}:80/TCP, ${ip}:443/TCP missing from the BPF LB map of the agent on node ${FAULTY_NODE} (kube-system/${faultyPod})`,
    );
    expect(finding.evidence?.objects).toEqual([
      ENVOY_EXTERNAL,
      { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: faultyPod },
      { apiVersion: 'v1', kind: 'Node', name: FAULTY_NODE },
    ]);
    expect(finding.evidence?.command?.text).toBe(`kubectl exec -n kube-system ${faultyPod} -c cilium-agent -- cilium-dbg bpf lb list`);
    expect(finding.evidence?.command?.output).toMatch(/^SERVICE ADDRESS\s+BACKEND ADDRESS/);
    expect(finding.evidence?.command?.output).toContain(`(no rows for ${ip} among`);
    // The whole map of that agent is the check's evidence; the address is absent from it.
    expect(report.evidence?.command?.output).toContain('[LoadBalancer');
    expect(report.evidence?.command?.output).not.toContain(`${ip}:443`);
    // Every other LoadBalancer service with an address passes (mosquitto has none).
    const passing = report.findings.filter(f => f.outcome === 'pass').map(f => f.subject);
    expect(passing).toEqual(
      expect.arrayContaining(['Service network/cilium-gateway-envoy-internal', 'Service network/k8s-gateway', 'Service home/matter-server']),
    );
    expect(passing).not.toContain('Service home/mosquitto');
    expect(report.summary).toBe('1 service/agent pairs with LoadBalancer frontends missing from the BPF map');
  });

  it('cilium.l2-announcements passes: every selected service has a Ready holder that announces its IP', async () => {
    const report = await checks.run(l2AnnouncementsCheck, { exec });
    expect(report.skippedBecause).toBeUndefined();
    expect(report.findings.length).toBeGreaterThanOrEqual(6);
    for (const finding of report.findings) {
      expect(finding).toMatchObject({ outcome: 'pass', message: expect.stringMatching(/announced by talos-cp-\d$/) });
      expect(finding.evidence?.command?.text).toMatch(/cilium-dbg statedb l2-announce$/);
    }
    // One exec per distinct holder, not per service.
    expect(new Set(execCalls).size).toBe(execCalls.length);
    expect(execCalls.length).toBeLessThanOrEqual(3);
  });

  it('narrows to a namespace: only its services, only the agents on its pods\' nodes', async () => {
    const scope = { kind: 'namespace' as const, namespace: 'home' };
    const frontends = await checks.run(lbFrontendsCheck, { exec, scope });
    expect(frontends.findings.every(finding => finding.subject.startsWith('Service home/'))).toBe(true);
    expect(frontends.findings.every(finding => finding.outcome === 'pass')).toBe(true);

    const cache = checks.clusters.cache('demo')!;
    const homeNodes = new Set(cache.list('Pod', 'home').map(pod => pod.spec.nodeName));
    const agents = await checks.run(agentsReadyCheck, { scope });
    expect(new Set(agents.findings.map(finding => finding.subject.replace('node ', '')))).toEqual(homeNodes);
  });

  it('keeps an entity run to the entity\'s services', async () => {
    const scope = {
      kind: 'entity' as const,
      entityRef: 'component:default/envoy',
      namespaces: ['network'],
      objects: [ENVOY_EXTERNAL],
      hostnames: [],
    };
    const report = await checks.run(lbFrontendsCheck, { exec, scope });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject}`)).toEqual(['fail Service network/cilium-gateway-envoy-external']);
  });
});
