import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { startKubeApiFixture } from './kube-api-fixture.ts';
import type { KubeApiFixture } from './kube-api-fixture.ts';
import type { ExecHandler } from '../src/store/types.ts';

let fixture: KubeApiFixture;

// A stand-in for the cilium-dbg handler: echoes, fails on request, and knows nothing else.
const execHandler: ExecHandler = (request) => {
  if (request.command[0] === 'echo') return { stdout: `${request.command.slice(1).join(' ')}\n`, stderr: '', exitCode: 0 };
  if (request.command[0] === 'where') return { stdout: `${request.namespace}/${request.pod}/${request.container}\n`, stderr: '', exitCode: 0 };
  if (request.command[0] === 'fail') return { stdout: 'partial\n', stderr: 'it broke\n', exitCode: 3 };
  return undefined;
};

before(async () => {
  fixture = await startKubeApiFixture({ execHandler });
  const { store } = fixture;
  store.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'cilium', namespace: 'kube-system', labels: { 'k8s-app': 'cilium' } },
    spec: { selector: { matchLabels: { 'k8s-app': 'cilium' } }, template: { metadata: { labels: { 'k8s-app': 'cilium' } }, spec: { containers: [{ name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.18.4' }] } } },
    status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1 },
  });
  store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'cilium-x7k2p', namespace: 'kube-system', labels: { 'k8s-app': 'cilium' } },
    spec: { nodeName: 'talos-cp-1', containers: [{ name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.18.4' }] },
    status: { phase: 'Running', podIP: '127.10.0.11', containerStatuses: [{ name: 'cilium-agent', ready: true, restartCount: 0 }] },
  });
  store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'cilium-gateway-envoy-external', namespace: 'default' },
    spec: { type: 'LoadBalancer', clusterIP: '127.43.0.10', ports: [{ port: 443, protocol: 'TCP' }] },
    status: { loadBalancer: { ingress: [{ ip: '127.20.0.1' }] } },
  });
  store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'internal', namespace: 'kube-system' },
    spec: { type: 'ClusterIP', clusterIP: '127.43.0.11', ports: [{ port: 53, protocol: 'UDP' }] },
  });
  store.create({
    apiVersion: 'cilium.io/v2alpha1',
    kind: 'CiliumLoadBalancerIPPool',
    metadata: { name: 'main-pool' },
    spec: { blocks: [{ start: '127.20.0.1', stop: '127.20.0.50' }] },
    status: {
      conditions: [
        { type: 'cilium.io/PoolConflict', status: 'False', reason: 'resolved', message: '' },
        { type: 'cilium.io/IPsAvailable', status: 'Unknown', reason: 'noreason', message: '49' },
      ],
    },
  });
});
after(async () => {
  await fixture.stop();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      'kubectl',
      ['--kubeconfig', fixture.kubeconfigPath, '--cache-dir', join(fixture.dir, 'cache'), ...args],
      { timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

const KINDS = [
  'namespaces', 'nodes', 'pods', 'services', 'endpoints', 'endpointslices', 'configmaps', 'secrets', 'events', 'serviceaccounts',
  'deployments', 'daemonsets', 'ingresses', 'ingressclasses', 'networkpolicies', 'leases', 'customresourcedefinitions',
  'gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'referencegrants',
  'ciliumloadbalancerippools', 'ciliuml2announcementpolicies', 'ciliumnetworkpolicies', 'ciliumclusterwidenetworkpolicies', 'ciliumnodes',
  'certificates', 'clusterissuers', 'issuers', 'certificaterequests', 'dnsendpoints',
  'statefulsets', 'jobs', 'cronjobs', 'horizontalpodautoscalers', 'limitranges', 'resourcequotas', 'persistentvolumeclaims',
];

test('kubectl get works for every kind', async () => {
  const run = await kubectl(['get', KINDS.join(','), '-A']);
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /error/i);
  assert.match(run.stdout, /daemonset\.apps\/cilium/);
  assert.match(run.stdout, /ciliumloadbalancerippool\.cilium\.io\/main-pool/);
  assert.match(run.stdout, /customresourcedefinition\.apiextensions\.k8s\.io\/httproutes\.gateway\.networking\.k8s\.io/);
});

test('kubectl get ciliumloadbalancerippools and short names print server-side columns', async () => {
  const run = await kubectl(['get', 'ciliumloadbalancerippools']);
  assert.equal(run.code, 0, run.stderr);
  const [header, row] = run.stdout.trim().split('\n');
  assert.match(header!, /^NAME\s+DISABLED\s+CONFLICTING\s+IPS AVAILABLE\s+AGE$/);
  assert.match(row!, /^main-pool\s+false\s+False\s+49\s+\d+s$/);
  const short = await kubectl(['get', 'ippools', '-o', 'name']);
  assert.equal(short.stdout.trim(), 'ciliumloadbalancerippool.cilium.io/main-pool');
  const old = await kubectl(['get', 'ciliumloadbalancerippools.v2alpha1.cilium.io', 'main-pool', '-o', 'jsonpath={.apiVersion}']);
  assert.equal(old.stdout, 'cilium.io/v2alpha1');
});

test('kubectl get svc -A --field-selector spec.type=LoadBalancer', async () => {
  const run = await kubectl(['get', 'svc', '-A', '--field-selector', 'spec.type=LoadBalancer']);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1]!, /^default\s+cilium-gateway-envoy-external\s+LoadBalancer\s+127\.43\.0\.10\s+127\.20\.0\.1\s+443\/TCP/);
});

test('kubectl describe', async () => {
  const run = await kubectl(['describe', 'ds', 'cilium', '-n', 'kube-system']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Name:\s+cilium$/m);
  assert.match(run.stdout, /Selector:\s+k8s-app=cilium/);
  const pool = await kubectl(['describe', 'ippool', 'main-pool']);
  assert.equal(pool.code, 0, pool.stderr);
  assert.match(pool.stdout, /Kind:\s+CiliumLoadBalancerIPPool/);
});

test('kubectl apply, apply --server-side (with a conflict), --dry-run=server and delete', async () => {
  const manifest = (replicas: number, image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: ${image}\n        ports:\n        - containerPort: 8080\n`;
  const created = await kubectl(['apply', '-f', '-'], manifest(1, 'nginx:1.27'));
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.stdout.trim(), 'deployment.apps/web created');
  const configured = await kubectl(['apply', '-f', '-'], manifest(1, 'nginx:1.28'));
  assert.equal(configured.stdout.trim(), 'deployment.apps/web configured');
  assert.equal((fixture.store.get({ group: 'apps', plural: 'deployments' }, 'default', 'web')!.spec as any).template.spec.containers[0].image, 'nginx:1.28');

  const serverSide = await kubectl(['apply', '--server-side', '-f', '-'], manifest(1, 'nginx:1.28'));
  assert.equal(serverSide.code, 0, serverSide.stderr);
  assert.equal(serverSide.stdout.trim(), 'deployment.apps/web serverside-applied');
  const conflict = await kubectl(['apply', '--server-side', '--field-manager', 'other-team', '-f', '-'], manifest(4, 'nginx:1.28'));
  assert.notEqual(conflict.code, 0);
  assert.match(conflict.stderr, /Apply failed with \d+ conflicts?: conflict with "kubectl" using apps\/v1: \.spec\.replicas/);
  const forced = await kubectl(['apply', '--server-side', '--field-manager', 'other-team', '--force-conflicts', '-f', '-'], manifest(4, 'nginx:1.28'));
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal((fixture.store.get({ group: 'apps', plural: 'deployments' }, 'default', 'web')!.spec as any).replicas, 4);

  const dry = await kubectl(['apply', '--dry-run=server', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: only-dry\n  namespace: default\ndata: {a: b}\n');
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(dry.stdout.trim(), 'configmap/only-dry created (server dry run)');
  assert.equal(fixture.store.get({ group: '', plural: 'configmaps' }, 'default', 'only-dry'), undefined);

  const deleted = await kubectl(['delete', 'deployment', 'web']);
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(deleted.stdout.trim(), 'deployment.apps "web" deleted');
  const missing = await kubectl(['get', 'deployment', 'web']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Error from server \(NotFound\): deployments\.apps "web" not found/);
});

test('kubectl get -w prints the changes', async () => {
  fixture.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched-0', namespace: 'default' } });
  const child = spawn('kubectl', ['--kubeconfig', fixture.kubeconfigPath, '--cache-dir', join(fixture.dir, 'cache'), 'get', 'configmaps', '-n', 'default', '-w']);
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const seen = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/watched-b/.test(output)) resolve();
    });
  });
  // Wait for the initial list (header) before changing anything.
  const deadline = Date.now() + 10_000;
  while (!/watched-0/.test(output)) {
    assert.ok(Date.now() < deadline && child.exitCode === null, `kubectl get -w printed no list: ${output} ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fixture.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched-a', namespace: 'default' }, data: { a: '1' } });
  fixture.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched-b', namespace: 'default' } });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([seen, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no watch output: ${output}`)), 10_000)))]);
  clearTimeout(timer);
  child.kill('SIGTERM');
  assert.match(output, /^watched-a\s+1\s+\d+s$/m);
  assert.match(output, /^watched-b\s+0\s+\d+s$/m);
});

test('kubectl exec over WebSocket: ds/cilium, exit codes, unknown command and container', async () => {
  const viaDaemonSet = await kubectl(['exec', '-n', 'kube-system', 'ds/cilium', '--', 'where']);
  assert.equal(viaDaemonSet.code, 0, viaDaemonSet.stderr);
  assert.equal(viaDaemonSet.stdout, 'kube-system/cilium-x7k2p/cilium-agent\n');
  const echoed = await kubectl(['exec', '-n', 'kube-system', 'cilium-x7k2p', '--', 'echo', 'hello', 'world']);
  assert.equal(echoed.stdout, 'hello world\n');
  const failing = await kubectl(['exec', '-n', 'kube-system', 'cilium-x7k2p', '--', 'fail']);
  assert.equal(failing.code, 3);
  assert.equal(failing.stdout, 'partial\n');
  assert.match(failing.stderr, /it broke/);
  const unknown = await kubectl(['exec', '-n', 'kube-system', 'cilium-x7k2p', '--', 'frobnicate']);
  assert.equal(unknown.code, 127);
  assert.match(unknown.stderr, /exec: "frobnicate": executable file not found in \$PATH/);
  const badContainer = await kubectl(['exec', '-n', 'kube-system', 'cilium-x7k2p', '-c', 'nope', '--', 'echo']);
  assert.notEqual(badContainer.code, 0);
  assert.match(badContainer.stderr, /container nope is not valid for pod cilium-x7k2p/);
  const noPod = await kubectl(['exec', '-n', 'kube-system', 'ghost', '--', 'echo']);
  assert.match(noPod.stderr, /pods "ghost" not found/);
});

test('kubectl reports Status errors from the server', async () => {
  const invalid = await kubectl(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n');
  assert.notEqual(invalid.code, 0);
  assert.match(invalid.stderr, /ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"/);
  const exists = await kubectl(['create', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n');
  assert.match(exists.stderr, /Error from server \(AlreadyExists\): .*namespaces "default" already exists/);
  const unknown = await kubectl(['get', 'widgets']);
  assert.match(unknown.stderr, /the server doesn't have a resource type "widgets"/);
});

test('kubectl create generators (protobuf bodies): namespace, configmap, secret, serviceaccount', async () => {
  const namespace = await kubectl(['create', 'namespace', 'made-by-kubectl']);
  assert.equal(namespace.code, 0, namespace.stderr);
  assert.equal(namespace.stdout.trim(), 'namespace/made-by-kubectl created');
  const configMap = await kubectl(['create', 'configmap', 'settings', '-n', 'made-by-kubectl', '--from-literal=mode=demo', '--from-literal=level=3']);
  assert.equal(configMap.code, 0, configMap.stderr);
  assert.deepEqual(fixture.store.get({ group: '', plural: 'configmaps' }, 'made-by-kubectl', 'settings')?.data, { level: '3', mode: 'demo' });
  const secret = await kubectl(['create', 'secret', 'generic', 'cloudflare-api-token', '-n', 'made-by-kubectl', '--from-literal=api-token=s3cr3t']);
  assert.equal(secret.code, 0, secret.stderr);
  const stored = fixture.store.get({ group: '', plural: 'secrets' }, 'made-by-kubectl', 'cloudflare-api-token')!;
  assert.equal(stored.type, 'Opaque');
  assert.equal(Buffer.from((stored.data as Record<string, string>)['api-token']!, 'base64').toString(), 's3cr3t');
  const account = await kubectl(['create', 'serviceaccount', 'portal', '-n', 'made-by-kubectl']);
  assert.equal(account.code, 0, account.stderr);
  const invalid = await kubectl(['create', 'configmap', 'Bad_Name']);
  assert.match(invalid.stderr, /ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"/);
  const duplicate = await kubectl(['create', 'namespace', 'made-by-kubectl']);
  assert.match(duplicate.stderr, /Error from server \(AlreadyExists\): namespaces "made-by-kubectl" already exists/);
});

test('kubectl scale goes through the scale subresource', async () => {
  const created = await kubectl(
    ['create', '-f', '-'],
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: scaled, namespace: default}\nspec:\n  selector: {matchLabels: {app: scaled}}\n  template:\n    metadata: {labels: {app: scaled}}\n    spec: {containers: [{name: app, image: nginx}]}\n',
  );
  assert.equal(created.code, 0, created.stderr);
  const scaled = await kubectl(['scale', 'deployment', 'scaled', '--replicas=4']);
  assert.equal(scaled.code, 0, scaled.stderr);
  assert.equal(scaled.stdout.trim(), 'deployment.apps/scaled scaled');
  assert.equal((fixture.store.get({ group: 'apps', plural: 'deployments' }, 'default', 'scaled')!.spec as { replicas: number }).replicas, 4);
  const negative = await kubectl(['scale', 'deployment', 'scaled', '--replicas=-1']);
  assert.notEqual(negative.code, 0);
});

test('kubectl top pod reads the metrics.k8s.io API', async () => {
  const first = await kubectl(['top', 'pod', '-n', 'kube-system', '--containers']);
  assert.equal(first.code, 0, first.stderr);
  const row = first.stdout.trim().split('\n')[1]!;
  assert.match(row, /^cilium-x7k2p\s+cilium-agent\s+\d+m\s+\d+Mi$/);
  // The figures are stable for the same pod.
  const second = await kubectl(['top', 'pod', '-n', 'kube-system', '--containers']);
  assert.equal(second.stdout, first.stdout);
  const missing = await kubectl(['top', 'pod', 'ghost', '-n', 'kube-system']);
  assert.notEqual(missing.code, 0);
});

test('an applied CustomResourceDefinition is served at once; deleting it removes the kind', async () => {
  const definition = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: tlsroutes.gateway.networking.k8s.io
spec:
  group: gateway.networking.k8s.io
  names: {kind: TLSRoute, listKind: TLSRouteList, plural: tlsroutes, singular: tlsroute, categories: [gateway-api]}
  scope: Namespaced
  versions:
  - name: v1alpha2
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
    subresources: {status: {}}
`;
  const applied = await kubectl(['apply', '--server-side', '-f', '-'], definition);
  assert.equal(applied.code, 0, applied.stderr);
  const established = await kubectl(['wait', '--for=condition=Established', 'crd/tlsroutes.gateway.networking.k8s.io', '--timeout=5s']);
  assert.equal(established.code, 0, established.stderr);
  const route = await kubectl(
    ['apply', '-f', '-'],
    'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata: {name: passthrough, namespace: default}\nspec:\n  hostnames: [vault.demo.lab]\n',
  );
  assert.equal(route.code, 0, route.stderr);
  assert.equal(route.stdout.trim(), 'tlsroute.gateway.networking.k8s.io/passthrough created');
  const listed = await kubectl(['get', 'tlsroutes', '-o', 'jsonpath={.items[*].spec.hostnames[0]}']);
  assert.equal(listed.stdout, 'vault.demo.lab');
  const removed = await kubectl(['delete', 'crd', 'tlsroutes.gateway.networking.k8s.io']);
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(fixture.store.resources.byKey({ group: 'gateway.networking.k8s.io', plural: 'tlsroutes' }), undefined);
  const gone = await kubectl(['get', 'tlsroutes']);
  assert.notEqual(gone.code, 0);
  const invalid = await kubectl(['create', '-f', '-'], 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: wrong-name}\nspec: {group: example.com, names: {kind: Thing, plural: things}, scope: Cluster, versions: [{name: v1, served: true, storage: true}]}\n');
  assert.match(invalid.stderr, /is invalid/);
});

test('kubectl auth can-i and whoami: the demo token is a cluster admin', async () => {
  const canI = await kubectl(['auth', 'can-i', 'delete', 'ciliumloadbalancerippools']);
  assert.equal(canI.code, 0, canI.stderr);
  assert.equal(canI.stdout.trim(), 'yes');
  const list = await kubectl(['auth', 'can-i', '--list']);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/);
  const whoami = await kubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
  assert.equal(whoami.code, 0, whoami.stderr);
  assert.equal(whoami.stdout, 'demo-admin');
});
