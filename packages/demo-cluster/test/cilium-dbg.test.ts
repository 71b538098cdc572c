import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../src/store/memory-store.ts';
import type { ExecResult, KubeObject, ObjectStore } from '../src/store/types.ts';
import { startControllers, type RunningControllers } from '../src/controllers/index.ts';
import { ciliumDbgExecHandler } from '../src/cilium-dbg/index.ts';
import { FAULTY_CILIUM_NODE, FAULTY_CILIUM_POD, KEYS, seedTopology } from '../src/topology/index.ts';

let store: ObjectStore;
let controllers: RunningControllers;

before(async () => {
  store = createMemoryStore();
  seedTopology(store, { scale: 'small', seed: 1, state: 'seeded' });
  controllers = startControllers(store, { certificateIssuanceDelayMs: 20, leaseRenewIntervalMs: 0 });
  await controllers.whenIdle();
});
after(() => controllers.stop());

const agents = (): KubeObject[] => store.list(KEYS.pod, { namespace: 'kube-system', labelSelector: 'k8s-app=cilium' });
const nodeOf = (pod: KubeObject): string => (pod.spec as { nodeName: string }).nodeName;

function exec(pod: string, command: string, container = 'cilium-agent'): ExecResult {
  const result = ciliumDbgExecHandler({ namespace: 'kube-system', pod, container, command: command.split(' ') }, store);
  assert.ok(result, `${command} is answered in ${pod}`);
  return result;
}

function loadBalancerIps(): Map<string, { service: KubeObject; ports: { port: number; protocol: string }[] }> {
  const result = new Map<string, { service: KubeObject; ports: { port: number; protocol: string }[] }>();
  for (const service of store.list(KEYS.service)) {
    const ingress = (service.status as { loadBalancer?: { ingress?: { ip: string }[] } }).loadBalancer?.ingress ?? [];
    const ports = ((service.spec as { ports: { port: number; protocol?: string }[] }).ports).map((port) => ({ port: port.port, protocol: port.protocol ?? 'TCP' }));
    for (const entry of ingress) result.set(entry.ip, { service, ports });
  }
  return result;
}

interface JsonService {
  spec: {
    id: number;
    'frontend-address': { ip: string; port: number; protocol: string };
    'backend-addresses': { ip: string; port: number; nodeName?: string }[];
    flags: { type: string; name: string; namespace: string };
  };
  status: { realized: unknown };
}

test('status -o json is a StatusResponse reflecting the agent: healthy agents Ok, the one on the faulty node failing', () => {
  for (const pod of agents()) {
    const result = exec(pod.metadata.name, 'cilium-dbg status -o json');
    assert.equal(result.exitCode, 0);
    const status = JSON.parse(result.stdout);
    for (const key of ['cilium', 'kvstore', 'kubernetes', 'cluster', 'controllers', 'kube-proxy-replacement', 'ipam']) assert.ok(key in status, key);
    assert.ok(Array.isArray(status.kubernetes['k8s-api-versions']));
    assert.equal(status.cluster.self, `demo/${nodeOf(pod)}`);
    assert.equal(status.cluster.nodes.length, 4);
    assert.equal(status['kube-proxy-replacement'].mode, 'True');
    const failing = (status.controllers as { name: string; status: { 'consecutive-failure-count': number } }[]).filter((c) => c.status['consecutive-failure-count'] > 0);
    if (nodeOf(pod) === FAULTY_CILIUM_NODE) {
      assert.equal(pod.metadata.name, FAULTY_CILIUM_POD);
      assert.equal(status.cluster.ciliumHealth.state, 'Warning');
      assert.notEqual(status.cilium.state, 'Ok');
      assert.deepEqual(failing.map((c) => c.name).sort(), ['cilium-health-ep', 'sync-lb-maps-with-k8s-services']);
    } else {
      assert.equal(status.cilium.state, 'Ok');
      assert.equal(status.cluster.ciliumHealth.state, 'Ok');
      assert.equal(failing.length, 0);
      // Healthy agents report the faulty node as unreachable.
      const text = exec(pod.metadata.name, 'cilium-dbg status').stdout;
      assert.match(text, /^Cluster health:\s+3\/4 reachable/m);
      assert.match(text, new RegExp(`^  demo/${FAULTY_CILIUM_NODE}\\s+127\\.0\\.1\\.53\\s+0/1`, 'm'));
    }
    // The agent's IPAM lists exactly the non-host-network pods of its node.
    const podIps = store
      .list(KEYS.pod)
      .filter((other) => nodeOf(other) === nodeOf(pod) && !(other.spec as { hostNetwork?: boolean }).hostNetwork)
      .map((other) => (other.status as { podIP: string }).podIP);
    for (const ip of podIps) assert.ok(ip in status.ipam.allocations, `${ip} allocated on ${nodeOf(pod)}`);
  }
});

test('status text: healthy and failing agents read like the real report', () => {
  const healthy = agents().find((pod) => nodeOf(pod) !== FAULTY_CILIUM_NODE)!;
  const text = exec(healthy.metadata.name, 'cilium-dbg status').stdout;
  assert.match(text, /^KVStore:\s+Disabled/m);
  assert.match(text, /^Kubernetes:\s+Ok/m);
  assert.match(text, /^KubeProxyReplacement:\s+True/m);
  assert.match(text, /^Controller Status:\s+16\/16 healthy/m);
  assert.match(text, /^Cluster health:\s+3\/4 reachable/m);
  const failing = exec(FAULTY_CILIUM_POD, 'cilium status').stdout;
  assert.match(failing, /^Cilium health daemon:\s+Warning/m);
  assert.match(failing, /^Controller Status:\s+14\/16 healthy/m);
  assert.match(failing, /sync-lb-maps-with-k8s-services\s+never\s+\S+ ago\s+\d+\s+Unable to upsert LoadBalancer frontends of service network\/cilium-gateway-envoy-external/);
  assert.match(failing, /cilium-health-ep\s+never/);
  assert.equal(exec(healthy.metadata.name, 'cilium-dbg status --brief').stdout, 'OK\n');
  assert.notEqual(exec(FAULTY_CILIUM_POD, 'cilium-dbg status --brief').exitCode, 0);
});

test('service list -o json holds every ClusterIP and LoadBalancer frontend of the store, with the ready endpoints as backends', () => {
  const pod = agents().find((candidate) => nodeOf(candidate) === 'talos-cp-1')!;
  const entries = JSON.parse(exec(pod.metadata.name, 'cilium-dbg service list -o json').stdout) as JsonService[];
  const frontends = new Set(entries.map((entry) => `${entry.spec.flags.type} ${entry.spec['frontend-address'].ip}:${entry.spec['frontend-address'].port}/${entry.spec['frontend-address'].protocol}`));
  for (const [ip, { service, ports }] of loadBalancerIps()) {
    for (const port of ports) assert.ok(frontends.has(`LoadBalancer ${ip}:${port.port}/${port.protocol}`), `${service.metadata.namespace}/${service.metadata.name} ${ip}:${port.port}`);
  }
  const lbIps = [...entries.filter((entry) => entry.spec.flags.type === 'LoadBalancer').map((entry) => entry.spec['frontend-address'].ip)];
  assert.deepEqual([...new Set(lbIps)].sort(), [...loadBalancerIps().keys()].sort(), 'no LoadBalancer frontend without a Kubernetes address');
  assert.ok(!lbIps.includes('127.0.4.2'));

  // kube-dns: the ClusterIP frontend's backends are exactly the ready CoreDNS endpoints.
  const dns = entries.find((entry) => entry.spec.flags.name === 'kube-dns' && entry.spec['frontend-address'].protocol === 'UDP')!;
  assert.equal(dns.spec['frontend-address'].ip, '10.43.0.10');
  const endpoints = store.get(KEYS.endpoints, 'kube-system', 'kube-dns')!;
  const ready = (endpoints.subsets as { addresses?: { ip: string }[] }[]).flatMap((subset) => (subset.addresses ?? []).map((address) => address.ip)).sort();
  assert.deepEqual(dns.spec['backend-addresses'].map((backend) => backend.ip).sort(), ready);
  assert.ok(entries.every((entry) => entry.status.realized !== undefined));

  const text = exec(pod.metadata.name, 'cilium service list').stdout;
  assert.match(text, /^ID\s+Frontend\s+Service Type\s+Backend$/m);
  for (const ip of loadBalancerIps().keys()) assert.match(text, new RegExp(`\\s${ip.replaceAll('.', '\\.')}:\\d+/(TCP|UDP)\\s+LoadBalancer`));
});

test('bpf lb list and statedb l2-announce agree with the services and the L2 leases', () => {
  const announcedBy = new Map<string, string>();
  for (const pod of agents()) {
    const bpf = exec(pod.metadata.name, 'cilium-dbg bpf lb list').stdout;
    assert.match(bpf, /^SERVICE ADDRESS\s+BACKEND ADDRESS \(REVNAT_ID\) \(SLOT\)$/m);
    for (const [ip, { service, ports }] of loadBalancerIps()) {
      // The seeded stale datapath: the faulty agent never programmed envoy-external's frontend.
      const stale = nodeOf(pod) === FAULTY_CILIUM_NODE && service.metadata.name === 'cilium-gateway-envoy-external';
      for (const port of ports) {
        const line = new RegExp(`^${ip.replaceAll('.', '\\.')}:${port.port}/${port.protocol} \\(0\\)\\s+0\\.0\\.0\\.0:0 \\(\\d+\\) \\(0\\) \\[LoadBalancer`, 'm');
        if (stale) assert.doesNotMatch(bpf, line);
        else assert.match(bpf, line);
      }
    }
    const l2 = exec(pod.metadata.name, 'cilium-dbg statedb l2-announce').stdout.trim().split('\n');
    assert.match(l2[0]!, /^IP\s+NetworkInterface$/);
    for (const line of l2.slice(1)) {
      const ip = line.split(/\s+/)[0]!;
      assert.ok(!announcedBy.has(ip), `${ip} announced by one node only`);
      announcedBy.set(ip, nodeOf(pod));
    }
  }
  const expected = new Map<string, string>();
  for (const [ip, { service }] of loadBalancerIps()) {
    const lease = store.get(KEYS.lease, 'kube-system', `cilium-l2announce-${service.metadata.namespace}-${service.metadata.name}`)!;
    expected.set(ip, (lease.spec as { holderIdentity: string }).holderIdentity);
  }
  assert.deepEqual([...announcedBy].sort(), [...expected].sort());
});

test('the seeded stale datapath: only the faulty agent lacks the LoadBalancer frontend of envoy-external', () => {
  const gatewayIp = '127.0.2.12';
  for (const pod of agents()) {
    const entries = JSON.parse(exec(pod.metadata.name, 'cilium-dbg service list -o json').stdout) as JsonService[];
    const has = entries.some((entry) => entry.spec.flags.type === 'LoadBalancer' && entry.spec['frontend-address'].ip === gatewayIp);
    assert.equal(has, nodeOf(pod) !== FAULTY_CILIUM_NODE, nodeOf(pod));
    // The ClusterIP frontend of the same Service is there everywhere.
    assert.ok(entries.some((entry) => entry.spec.flags.name === 'cilium-gateway-envoy-external' && entry.spec.flags.type === 'ClusterIP'));
  }
});

test('outputs are computed at call time: a new LoadBalancer Service shows up once LB-IPAM gives it an address', async () => {
  store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'late', namespace: 'media' },
    spec: { type: 'LoadBalancer', clusterIP: '10.43.7.7', selector: { 'app.kubernetes.io/name': 'jellyfin' }, ports: [{ name: 'http', port: 8096, targetPort: 'http', protocol: 'TCP' }] },
  });
  await controllers.whenIdle();
  const ip = ((store.get(KEYS.service, 'media', 'late')!.status as { loadBalancer: { ingress: { ip: string }[] } }).loadBalancer.ingress[0]!).ip;
  assert.match(ip, /^127\.0\.2\.\d+$/);
  const pod = agents()[0]!;
  const entries = JSON.parse(exec(pod.metadata.name, 'cilium-dbg service list -o json').stdout) as JsonService[];
  const late = entries.find((entry) => entry.spec.flags.name === 'late' && entry.spec.flags.type === 'LoadBalancer')!;
  assert.equal(late.spec['frontend-address'].ip, ip);
  const jellyfin = store.list(KEYS.pod, { namespace: 'media', labelSelector: 'app.kubernetes.io/name=jellyfin' })[0]!;
  assert.deepEqual(late.spec['backend-addresses'].map((backend) => `${backend.ip}:${backend.port}`), [`${(jellyfin.status as { podIP: string }).podIP}:8096`]);
});

test('unknown subcommands fail like the CLI; other pods and containers have no cilium-dbg', () => {
  const pod = agents()[0]!.metadata.name;
  const unknown = exec(pod, 'cilium-dbg frobnicate');
  assert.equal(unknown.exitCode, 1);
  assert.match(unknown.stderr, /unknown command "frobnicate" for "cilium-dbg"/);
  assert.equal(unknown.stdout, '');
  assert.notEqual(exec(pod, 'cilium-dbg service lst').exitCode, 0);
  assert.notEqual(exec(pod, 'cilium-dbg status -o yaml').exitCode, 0);
  assert.equal(exec(pod, 'cilium-dbg').exitCode, 0);
  assert.equal(ciliumDbgExecHandler({ namespace: 'kube-system', pod, container: 'cilium-agent', command: ['ls'] }, store), undefined);
  assert.equal(ciliumDbgExecHandler({ namespace: 'kube-system', pod, container: 'mount-cgroup', command: ['cilium-dbg', 'status'] }, store), undefined);
  const coredns = store.list(KEYS.pod, { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' })[0]!;
  assert.equal(ciliumDbgExecHandler({ namespace: 'kube-system', pod: coredns.metadata.name, container: 'coredns', command: ['cilium-dbg', 'status'] }, store), undefined);
});
