import { NotAllowedError } from '@backstage/errors';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { ObjectsByKind } from '../../../../testing/FakeKubernetesApi';
import { checkContextWithObjects, CheckContextWithObjectsOptions, entityScope } from '../../testing/checkContextWithObjects';
import { DiagnosticCheck, ExecResult, PodExec } from '../../DiagnosticCheck';
import { ciliumChecks } from '.';
import { agentStatusCheck } from './agentStatusCheck';
import { agentsReadyCheck } from './agentsReadyCheck';
import { l2AnnouncementsCheck } from './l2AnnouncementsCheck';
import { lbFrontendsCheck } from './lbFrontendsCheck';
import { forEachAgentExec } from './execInAgents';
import { findCiliumAgents } from './ciliumAgents';
import { operatorReadyCheck } from './operatorReadyCheck';

const caches: ClusterCache[] = [];
afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

async function run(check: DiagnosticCheck, objects: ObjectsByKind, options?: CheckContextWithObjectsOptions) {
  const { context, cache } = await checkContextWithObjects(objects, options);
  caches.push(cache);
  return check.run(context);
}

const readyCondition = (ready: boolean) => ({ type: 'Ready', status: ready ? 'True' : 'False', ...(ready ? {} : { reason: 'ContainersNotReady' }) });
const agentPod = (name: string, nodeName: string, ready = true) => ({
  metadata: { namespace: 'kube-system', name, labels: { 'k8s-app': 'cilium' } },
  spec: { nodeName, containers: [{ name: 'cilium-agent' }] },
  status: {
    phase: 'Running',
    conditions: [readyCondition(ready)],
    containerStatuses: [{ name: 'cilium-agent', ready, restartCount: ready ? 0 : 4, state: ready ? { running: {} } : { waiting: { reason: 'CrashLoopBackOff' } } }],
  },
});
const node = (name: string) => ({ metadata: { name, labels: { 'kubernetes.io/os': 'linux' } } });
const daemonSet = { metadata: { namespace: 'kube-system', name: 'cilium', labels: { 'k8s-app': 'cilium' } }, status: { desiredNumberScheduled: 2, numberReady: 1, numberAvailable: 1 } };
const lbService = (namespace: string, name: string, ip: string, labels: Record<string, string> = {}) => ({
  metadata: { namespace, name, labels },
  spec: { type: 'LoadBalancer', ports: [{ port: 443, protocol: 'TCP' }] },
  status: { loadBalancer: { ingress: [{ ip }] } },
});
const lease = (service: string, holder: string, renewTime = new Date().toISOString()) => ({
  metadata: { namespace: 'kube-system', name: `cilium-l2announce-${service}` },
  spec: { holderIdentity: holder, leaseDurationSeconds: 15, renewTime },
});
const l2Policy = (serviceSelector?: any) => ({
  metadata: { name: 'default-l2' },
  spec: { loadBalancerIPs: true, ...(serviceSelector ? { serviceSelector } : {}) },
});

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const healthyStatus = (kpr = 'True') =>
  JSON.stringify({
    cilium: { state: 'Ok', msg: '1.19.3' },
    kubernetes: { state: 'Ok', msg: '1.34' },
    cluster: { ciliumHealth: { state: 'Ok', msg: '' }, nodes: [{}, {}] },
    'kube-proxy-replacement': { mode: kpr },
    controllers: [{ name: 'k8s-heartbeat', status: { 'consecutive-failure-count': 0 } }],
  });

/** An exec that answers per pod and records what it was asked and how many ran at once. */
function scriptedExec(answer: (pod: string, command: string[]) => ExecResult | Error) {
  const calls: Array<{ pod: string; command: string; container?: string; signal?: AbortSignal }> = [];
  let running = 0;
  let maxRunning = 0;
  const exec: PodExec = async (target, command, options) => {
    calls.push({ pod: target.pod, command: command.join(' '), container: target.container, signal: options?.signal });
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    await new Promise(resolve => setTimeout(resolve, 5));
    running -= 1;
    const result = answer(target.pod, command);
    if (result instanceof Error) throw result;
    return result;
  };
  return { exec, calls, maxRunning: () => maxRunning };
}

describe('Cilium checks without Cilium', () => {
  it('are all skipped with the reason', async () => {
    for (const check of ciliumChecks) {
      const report = await run(check, { Pod: [], DaemonSet: [], Node: [node('n1')], Service: [lbService('a', 'b', '10.0.0.1')] });
      expect(report.skippedBecause).toBe('Cilium is not installed: no DaemonSet or pods labelled k8s-app=cilium');
      expect(report.findings).toEqual([]);
    }
  });
});

describe('cilium.agents-ready', () => {
  it('fails a node without an agent pod and a node whose agent crash-loops', async () => {
    const report = await run(agentsReadyCheck, {
      Node: [node('n1'), node('n2'), node('n3')],
      DaemonSet: [daemonSet],
      Pod: [agentPod('cilium-a', 'n1'), agentPod('cilium-b', 'n2', false)],
    });
    expect(report.findings.map(finding => [finding.outcome, finding.subject])).toEqual([
      ['pass', 'node n1'],
      ['fail', 'node n2'],
      ['fail', 'node n3'],
    ]);
    expect(report.findings[1].message).toBe(
      'Cilium agent kube-system/cilium-b on node n2 is not Ready: Ready=False (ContainersNotReady); cilium-agent: waiting: CrashLoopBackOff, 4 restarts',
    );
    expect(report.findings[2].message).toBe('No Cilium agent pod is scheduled on node n3');
    expect(report.summary).toBe('2 of 3 nodes without a Ready Cilium agent (n2, n3)');
  });
});

describe('cilium.agents-ready in a narrowed run', () => {
  it('looks only at the nodes of the namespace\'s pods, and says so when it has none', async () => {
    const objects = {
      Node: [node('n1'), node('n2')],
      DaemonSet: [daemonSet],
      Pod: [agentPod('cilium-a', 'n1'), agentPod('cilium-b', 'n2', false), { metadata: { namespace: 'web', name: 'web-1' }, spec: { nodeName: 'n1' }, status: {} }],
    };
    const web = await run(agentsReadyCheck, objects, { scope: { kind: 'namespace', namespace: 'web' } });
    expect(web.findings.map(finding => [finding.outcome, finding.subject])).toEqual([['pass', 'node n1']]);
    const empty = await run(agentsReadyCheck, objects, { scope: { kind: 'namespace', namespace: 'quiet' } });
    expect(empty).toEqual({ findings: [], summary: 'No pods of this scope run on any node' });
  });
});

describe('cilium.operator-ready', () => {
  it('fails when no operator replica is Ready and when the Deployment is missing', async () => {
    const operatorPod = {
      metadata: { namespace: 'kube-system', name: 'cilium-operator-x', labels: { 'io.cilium/app': 'operator' } },
      spec: { nodeName: 'n1' },
      status: { conditions: [readyCondition(false)] },
    };
    const deployment = {
      metadata: { namespace: 'kube-system', name: 'cilium-operator', labels: { 'io.cilium/app': 'operator' } },
      spec: { replicas: 1 },
      status: { readyReplicas: 0 },
    };
    const down = await run(operatorReadyCheck, { DaemonSet: [daemonSet], Deployment: [deployment], Pod: [operatorPod] });
    expect(down.findings.map(finding => finding.outcome)).toEqual(['warn', 'fail']);
    expect(down.findings[1].message).toBe('0 of 1 operator replicas Ready: no operator is running, LoadBalancer IPs are not assigned');

    const missing = await run(operatorReadyCheck, { DaemonSet: [daemonSet], Deployment: [], Pod: [] });
    expect(missing.findings).toMatchObject([{ outcome: 'fail', subject: 'Deployment cilium-operator' }]);
  });
});

describe('cilium.agent-status', () => {
  const objects = { DaemonSet: [daemonSet], Pod: [agentPod('cilium-a', 'n1'), agentPod('cilium-b', 'n2', false)], Node: [node('n1'), node('n2')] };

  it('reports a not-ready agent whose exec fails as a finding, not as an error of the check', async () => {
    const { exec, calls } = scriptedExec(pod => (pod === 'cilium-b' ? new Error('container not running') : ok(healthyStatus())));
    const report = await run(agentStatusCheck, objects, { exec });
    expect(calls.map(call => [call.pod, call.container, call.command])).toEqual([
      ['cilium-a', 'cilium-agent', 'cilium-dbg status -o json'],
      ['cilium-b', 'cilium-agent', 'cilium-dbg status -o json'],
    ]);
    expect(calls.every(call => call.signal !== undefined)).toBe(true);
    expect(report.findings.map(finding => [finding.outcome, finding.subject])).toEqual([
      ['pass', 'node n1'],
      ['fail', 'node n2'],
    ]);
    expect(report.findings[1].message).toBe(
      'agent pod cilium-b is not Ready (False (ContainersNotReady)); status could not be read: container not running',
    );
  });

  it('throws when exec is refused for every Ready agent (the check cannot decide)', async () => {
    const { exec } = scriptedExec(() => new NotAllowedError('exec into pod kube-system/cilium-a is forbidden'));
    await expect(run(agentStatusCheck, { DaemonSet: [daemonSet], Pod: [agentPod('cilium-a', 'n1')] }, { exec })).rejects.toThrow('forbidden');
  });

  it('fails an agent whose kube-proxy replacement differs from cilium-config', async () => {
    const { exec } = scriptedExec(() => ok(healthyStatus('False')));
    const report = await run(
      agentStatusCheck,
      {
        DaemonSet: [daemonSet],
        Pod: [agentPod('cilium-a', 'n1')],
        ConfigMap: [{ metadata: { namespace: 'kube-system', name: 'cilium-config' }, data: { 'kube-proxy-replacement': 'true' } }],
      },
      { exec },
    );
    expect(report.findings).toMatchObject([
      { outcome: 'fail', message: 'kube-proxy replacement is False in the agent but cilium-config sets kube-proxy-replacement=true' },
    ]);
  });

  it('runs at most four execs at once', async () => {
    const pods = Array.from({ length: 10 }, (_, index) => agentPod(`cilium-${index}`, `n${index}`));
    const scripted = scriptedExec(() => ok(healthyStatus()));
    const report = await run(agentStatusCheck, { DaemonSet: [daemonSet], Pod: pods }, { exec: scripted.exec });
    expect(scripted.calls).toHaveLength(10);
    expect(scripted.maxRunning()).toBe(4);
    expect(report.summary).toBe('10 of 10 agents report a healthy status');
  });

  it('asks only the agents on the nodes of an entity\'s pods', async () => {
    const appPod = { metadata: { namespace: 'web', name: 'web-1' }, spec: { nodeName: 'n2' }, status: {} };
    const { exec, calls } = scriptedExec(() => ok(healthyStatus()));
    await run(agentStatusCheck, { ...objects, Pod: [...objects.Pod, appPod] }, {
      exec,
      scope: entityScope([{ kind: 'Pod', namespace: 'web', name: 'web-1' }]),
    });
    expect(calls.map(call => call.pod)).toEqual(['cilium-b']);
  });
});

describe('cilium.lb-frontends', () => {
  it('reads the older bpf lb list format and fails a missing frontend', async () => {
    const older = 'SERVICE ADDRESS     BACKEND ADDRESS\n10.0.10.1:443       0.0.0.0:0 (5) [LoadBalancer]\n                    10.42.0.7:8443 (5)\n';
    const { exec } = scriptedExec(pod => ok(pod === 'cilium-a' ? older : 'SERVICE ADDRESS     BACKEND ADDRESS\n'));
    const report = await run(
      lbFrontendsCheck,
      { DaemonSet: [daemonSet], Pod: [agentPod('cilium-a', 'n1'), agentPod('cilium-b', 'n2')], Service: [lbService('web', 'site', '10.0.10.1')] },
      { exec },
    );
    expect(report.findings).toMatchObject([
      {
        outcome: 'fail',
        subject: 'Service web/site',
        message: 'FrontendNotProgrammed: 10.0.10.1:443/TCP missing from the BPF LB map of the agent on node n2 (kube-system/cilium-b)',
      },
    ]);
  });

  it('asks agents that are not Ready first', async () => {
    const { exec, calls } = scriptedExec(() => ok('SERVICE ADDRESS     BACKEND ADDRESS\n10.0.10.1:443/TCP (0)   0.0.0.0:0 (1) (0) [LoadBalancer]\n'));
    const pods = [agentPod('cilium-a', 'n1'), agentPod('cilium-b', 'n2'), agentPod('cilium-c', 'n3'), agentPod('cilium-d', 'n4'), agentPod('cilium-e', 'n5', false)];
    const report = await run(lbFrontendsCheck, { DaemonSet: [daemonSet], Pod: pods, Service: [lbService('web', 'site', '10.0.10.1')] }, { exec });
    expect(calls[0].pod).toBe('cilium-e');
    expect(report.findings).toMatchObject([{ outcome: 'pass', message: '10.0.10.1:443/TCP programmed on 5 of 5 agents' }]);
  });

  it('runs no exec when no LoadBalancer service has an address', async () => {
    const { exec, calls } = scriptedExec(() => ok(''));
    const report = await run(lbFrontendsCheck, { DaemonSet: [daemonSet], Pod: [agentPod('cilium-a', 'n1')], Service: [] }, { exec });
    expect(calls).toHaveLength(0);
    expect(report.summary).toBe('No LoadBalancer service with an address in scope');
  });
});

describe('cilium.l2-announcements', () => {
  const base = {
    DaemonSet: [daemonSet],
    Pod: [agentPod('cilium-a', 'n1'), agentPod('cilium-b', 'n2', false)],
    Node: [node('n1'), node('n2')],
  };

  it('is skipped without policies', async () => {
    const report = await run(l2AnnouncementsCheck, { ...base, CiliumL2AnnouncementPolicy: [], Service: [lbService('web', 'site', '10.0.10.1')] });
    expect(report.skippedBecause).toMatch(/^No CiliumL2AnnouncementPolicy/);
  });

  it('compares leases with what the holders announce', async () => {
    const { exec, calls } = scriptedExec(() => ok('IP          NetworkInterface\n10.0.10.1   eth0\n'));
    const report = await run(
      l2AnnouncementsCheck,
      {
        ...base,
        CiliumL2AnnouncementPolicy: [l2Policy({ matchLabels: { announce: 'l2' } })],
        Service: [
          lbService('web', 'site', '10.0.10.1', { announce: 'l2' }),
          lbService('web', 'shop', '10.0.10.2', { announce: 'l2' }),
          lbService('web', 'api', '10.0.10.3', { announce: 'l2' }),
          lbService('web', 'orphan', '10.0.10.4', { announce: 'l2' }),
          lbService('web', 'stale', '10.0.10.5', { announce: 'l2' }),
          lbService('web', 'bgp', '10.0.20.1'),
        ],
        Lease: [
          lease('web-site', 'n1'),
          lease('web-shop', 'n1'),
          lease('web-api', 'n2'),
          lease('web-stale', 'n1', new Date(Date.now() - 10 * 60_000).toISOString()),
        ],
      },
      { exec },
    );
    const bySubject = Object.fromEntries(report.findings.map(finding => [finding.subject, [finding.outcome, finding.message]]));
    expect(bySubject).toEqual({
      'Service web/bgp': ['warn', '10.0.20.1 is not selected by any CiliumL2AnnouncementPolicy with loadBalancerIPs: true, so no node answers ARP for it'],
      'Service web/site': ['pass', '10.0.10.1 announced by n1'],
      'Service web/shop': ['fail', 'Lease holder n1 does not announce 10.0.10.2 (absent from statedb l2-announce)'],
      'Service web/api': ['fail', 'Lease cilium-l2announce-web-api is held by n2 but its agent kube-system/cilium-b is not Ready: 10.0.10.3 may not be answered'],
      'Service web/orphan': ['fail', 'No holder for lease kube-system/cilium-l2announce-web-orphan: no agent announces 10.0.10.4'],
      'Service web/stale': ['fail', expect.stringMatching(/^Lease cilium-l2announce-web-stale is held by n1 but the lease expired \d+ s ago/)],
    });
    // A pass shows the holder's row for the address, not its whole table.
    expect(report.findings.find(finding => finding.subject === 'Service web/site')?.evidence?.command).toEqual({
      text: 'kubectl exec -n kube-system cilium-a -c cilium-agent -- cilium-dbg statedb l2-announce',
      output: 'IP          NetworkInterface\n10.0.10.1   eth0',
      exitCode: 0,
    });
    // One exec for the one Ready holder.
    expect(calls.map(call => [call.pod, call.command])).toEqual([['cilium-a', 'cilium-dbg statedb l2-announce']]);
  });
});

describe('forEachAgentExec', () => {
  it('starts no exec after the start-by time and returns those agents as not asked', async () => {
    const { exec, calls } = scriptedExec(() => ok(''));
    const { context, cache } = await checkContextWithObjects({ Pod: [agentPod('cilium-a', 'n1'), agentPod('cilium-b', 'n2')] }, { exec });
    caches.push(cache);
    const digested: string[] = [];
    const { notAsked } = await forEachAgentExec(context, findCiliumAgents(cache), ['cilium-dbg', 'version'], answer => digested.push(answer.agent.pod), {
      startBy: Date.now() - 1,
    });
    expect(calls).toEqual([]);
    expect(digested).toEqual([]);
    expect(notAsked.map(agent => agent.pod)).toEqual(['cilium-a', 'cilium-b']);
  });
});
