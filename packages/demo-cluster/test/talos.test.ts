import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect as connectTls } from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { parse } from 'yaml';
import { createCertificateAuthority, issueCertificate } from '../src/pki/index.ts';
import { createMemoryStore } from '../src/store/memory-store.ts';
import type { CertificateAuthority } from '../src/pki/index.ts';
import { loadTalosGrpcPackages } from '../src/talos/proto-loader.ts';
import { startTalosApid } from '../src/talos/server.ts';
import type { TalosApidHandle } from '../src/talos/server.ts';
import { parseTalosconfig, renderTalosconfig } from '../src/talos/talosconfig.ts';
import { defaultTalosServices } from '../src/talos/default-services.ts';
import type {
  BootstrapMessage,
  EtcdMembersMessage,
  HealthCheckProgressMessage,
  MessagesEnvelope,
  ServiceListMessage,
  VersionMessage,
} from '../src/talos/messages.ts';
import type { TalosClusterState } from '../src/talos/types.ts';

const packages = loadTalosGrpcPackages();

function makeState(): TalosClusterState {
  const node = (hostname: string, address: string, role: 'controlplane' | 'worker') => ({
    hostname,
    address,
    role,
    talosVersion: 'v1.11.5',
    services: defaultTalosServices(role),
  });
  return {
    nodes: [
      node('talos-cp-1', '127.0.10.11', 'controlplane'),
      node('talos-cp-2', '127.0.10.12', 'controlplane'),
      node('talos-cp-3', '127.0.10.13', 'controlplane'),
      node('talos-worker-1', '127.0.10.21', 'worker'),
    ],
    etcdBootstrapped: false,
    etcdLearners: [],
  };
}

interface Clients {
  machine: grpc.Client & Record<string, Function>;
  cluster: grpc.Client & Record<string, Function>;
  close(): void;
}

function clientsFor(port: number, caPem: string, certPem: string, keyPem: string): Clients {
  const credentials = grpc.credentials.createSsl(Buffer.from(caPem), Buffer.from(keyPem), Buffer.from(certPem));
  const target = `127.0.0.1:${port}`;
  const machine = new packages.machine.MachineService(target, credentials) as Clients['machine'];
  const cluster = new packages.cluster.ClusterService(target, credentials) as Clients['cluster'];
  return {
    machine,
    cluster,
    close: () => {
      machine.close();
      cluster.close();
    },
  };
}

function unary<T>(client: Clients['machine'], method: string, request: object, metadata = new grpc.Metadata()): Promise<T> {
  return new Promise((resolve, reject) => {
    client[method]!(request, metadata, { deadline: Date.now() + 5000 }, (error: grpc.ServiceError | null, response: T) =>
      error ? reject(error) : resolve(response),
    );
  });
}

function nodeMetadata(...values: string[]): grpc.Metadata {
  const metadata = new grpc.Metadata();
  for (const value of values) metadata.add('node', value);
  return metadata;
}

/** Collects a HealthCheck stream: every message line, and the final status error if any. */
function collectHealthCheck(
  clients: Clients,
  request: object,
): Promise<{ lines: string[]; hostnames: Set<string>; error: grpc.ServiceError | undefined }> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    const hostnames = new Set<string>();
    const stream = clients.cluster.HealthCheck!(request, new grpc.Metadata()) as grpc.ClientReadableStream<HealthCheckProgressMessage>;
    stream.on('data', (progress: HealthCheckProgressMessage) => {
      lines.push(progress.message);
      hostnames.add(progress.metadata?.hostname ?? '');
    });
    stream.on('error', (error: grpc.ServiceError) => resolve({ lines, hostnames, error }));
    stream.on('end', () => resolve({ lines, hostnames, error: undefined }));
  });
}

/** Opens a bare TLS 1.2 connection with a client certificate and reports how it went. */
function rawHandshake(port: number, caPem: string, client: { certPem: string; keyPem: string }): Promise<{ secured: boolean; failed: boolean }> {
  return new Promise((resolve) => {
    let secured = false;
    let failed = false;
    const socket = connectTls({
      host: '127.0.0.1',
      port,
      ca: caPem,
      cert: client.certPem,
      key: client.keyPem,
      ALPNProtocols: ['h2'],
      servername: 'localhost',
      maxVersion: 'TLSv1.2',
    });
    socket.on('secureConnect', () => {
      secured = true;
      socket.end();
    });
    socket.on('error', () => {
      failed = true;
    });
    socket.on('close', () => resolve({ secured, failed }));
  });
}

async function expectStatus(promise: Promise<unknown>, code: grpc.status, message?: string): Promise<grpc.ServiceError> {
  const error = await promise.then(
    () => assert.fail(`expected gRPC status ${grpc.status[code]}, got a response`),
    (caught: grpc.ServiceError) => caught,
  );
  assert.equal(error.code, code, `expected ${grpc.status[code]}, got ${grpc.status[error.code]}: ${error.details}`);
  if (message !== undefined) assert.equal(error.details, message);
  return error;
}

describe('Talos apid', () => {
  let ca: CertificateAuthority;
  let state: TalosClusterState;
  let apid: TalosApidHandle;
  let talosconfig: string;
  let admin: Clients;
  let reader: Clients;

  before(async () => {
    ca = createCertificateAuthority('talos');
    const serverCert = issueCertificate(ca, { commonName: 'apid', usage: 'server', ipAddresses: ['127.0.0.1'], dnsNames: ['localhost'] });
    state = makeState();
    apid = await startTalosApid(state, {
      host: '127.0.0.1',
      port: 0,
      tls: { caPem: ca.certPem, certPem: serverCert.certPem, keyPem: serverCert.keyPem },
      healthCheckStepDelayMs: 5,
    });
    const adminCert = issueCertificate(ca, { commonName: 'admin', organizations: ['os:admin'], usage: 'client' });
    talosconfig = renderTalosconfig({
      context: 'demo',
      endpoints: [`127.0.0.1:${apid.port}`],
      nodes: ['127.0.10.11'],
      caPem: ca.certPem,
      clientCertPem: adminCert.certPem,
      clientKeyPem: adminCert.keyPem,
    });
    // The admin client is built only from what the rendered talosconfig carries.
    const credentials = parseTalosconfig(talosconfig);
    const port = Number(credentials.endpoints[0]!.split(':')[1]);
    admin = clientsFor(port, credentials.caPem, credentials.clientCertPem, credentials.clientKeyPem);
    const readerCert = issueCertificate(ca, { commonName: 'viewer', organizations: ['os:reader'], usage: 'client' });
    reader = clientsFor(apid.port, ca.certPem, readerCert.certPem, readerCert.keyPem);
  });

  after(async () => {
    admin?.close();
    reader?.close();
    await apid?.stop();
  });

  it('renders a talosconfig in the upstream format', () => {
    const document = parse(talosconfig) as { context: string; contexts: Record<string, Record<string, unknown>> };
    assert.equal(document.context, 'demo');
    const entry = document.contexts.demo!;
    assert.deepEqual(Object.keys(entry), ['endpoints', 'nodes', 'ca', 'crt', 'key']);
    assert.deepEqual(entry.endpoints, [`127.0.0.1:${apid.port}`]);
    assert.deepEqual(entry.nodes, ['127.0.10.11']);
    assert.equal(Buffer.from(entry.ca as string, 'base64').toString(), ca.certPem);
    assert.match(entry.crt as string, /^[A-Za-z0-9+/]+=*$/);
  });

  it('answers Version for the node named in the node metadata', async () => {
    const byAddress = await unary<MessagesEnvelope<VersionMessage>>(admin.machine, 'Version', {}, nodeMetadata('127.0.10.12'));
    assert.equal(byAddress.messages.length, 1);
    const version = byAddress.messages[0]!;
    assert.equal(version.metadata?.hostname, 'talos-cp-2');
    assert.equal(version.version?.tag, 'v1.11.5');
    assert.equal(version.version?.os, 'linux');
    assert.equal(version.version?.arch, 'amd64');
    assert.match(version.version?.sha ?? '', /^[0-9a-f]{8}$/);
    assert.match(version.version?.go_version ?? '', /^go1\.\d+/);
    assert.deepEqual(version.platform, { name: 'metal', mode: 'metal' });
    assert.deepEqual(version.features, { rbac: true });

    const byHostname = await unary<MessagesEnvelope<VersionMessage>>(admin.machine, 'Version', {}, nodeMetadata('talos-worker-1'));
    assert.equal(byHostname.messages[0]!.metadata?.hostname, 'talos-worker-1');

    const endpoint = await unary<MessagesEnvelope<VersionMessage>>(admin.machine, 'Version', {});
    assert.equal(endpoint.messages[0]!.metadata?.hostname, 'talos-cp-1', 'no node key runs on the endpoint node');

    // A read-only role may call Version.
    const asReader = await unary<MessagesEnvelope<VersionMessage>>(reader.machine, 'Version', {}, nodeMetadata('127.0.10.13'));
    assert.equal(asReader.messages[0]!.metadata?.hostname, 'talos-cp-3');
  });

  it('rejects a multi-valued node key and an unknown node', async () => {
    await expectStatus(
      unary(admin.machine, 'Version', {}, nodeMetadata('127.0.10.11', '127.0.10.12')),
      grpc.status.INVALID_ARGUMENT,
    );
    const error = await expectStatus(unary(admin.machine, 'Version', {}, nodeMetadata('127.0.99.99')), grpc.status.UNAVAILABLE);
    assert.match(error.details, /dial tcp 127\.0\.99\.99:50000/);
  });

  it('fans out with the legacy nodes key and reports failures per node', async () => {
    const metadata = new grpc.Metadata();
    for (const target of ['127.0.10.11', '127.0.10.21', '127.0.99.99']) metadata.add('nodes', target);
    const response = await unary<MessagesEnvelope<VersionMessage>>(admin.machine, 'Version', {}, metadata);
    assert.deepEqual(
      response.messages.map((message) => message.metadata?.hostname),
      ['talos-cp-1', 'talos-worker-1', '127.0.99.99'],
    );
    assert.equal(response.messages[0]!.version?.tag, 'v1.11.5');
    assert.equal(response.messages[0]!.metadata?.error, '');
    assert.match(response.messages[2]!.metadata?.error ?? '', /^rpc error: code = Unavailable desc = /);
    assert.equal(response.messages[2]!.metadata?.status?.code, grpc.status.UNAVAILABLE);
    assert.equal(response.messages[2]!.version, null);
  });

  it('lists services per role, etcd waiting until bootstrap', async () => {
    const worker = await unary<MessagesEnvelope<ServiceListMessage>>(admin.machine, 'ServiceList', {}, nodeMetadata('127.0.10.21'));
    assert.deepEqual(
      worker.messages[0]!.services.map((service) => service.id),
      ['apid', 'containerd', 'cri', 'kubelet', 'machined', 'udevd'],
    );
    const controlPlane = await unary<MessagesEnvelope<ServiceListMessage>>(admin.machine, 'ServiceList', {}, nodeMetadata('127.0.10.11'));
    const services = controlPlane.messages[0]!.services;
    assert.deepEqual(
      services.map((service) => service.id),
      ['apid', 'containerd', 'cri', 'etcd', 'kubelet', 'machined', 'trustd', 'udevd'],
    );
    const kubelet = services.find((service) => service.id === 'kubelet')!;
    assert.equal(kubelet.state, 'Running');
    assert.equal(kubelet.health?.healthy, true);
    assert.equal(kubelet.health?.unknown, false);
    assert.ok(Number(kubelet.health?.last_change?.seconds) > 1_700_000_000, 'last_change is a real timestamp');
    assert.ok((kubelet.events?.events.length ?? 0) >= 3);
    const etcd = services.find((service) => service.id === 'etcd')!;
    assert.equal(state.etcdBootstrapped, false);
    assert.equal(etcd.state, 'Preparing');
    assert.equal(etcd.health?.unknown, true);
  });

  it('fails EtcdMemberList before bootstrap and on a worker', async () => {
    await expectStatus(unary(admin.machine, 'EtcdMemberList', {}, nodeMetadata('127.0.10.11')), grpc.status.UNAVAILABLE);
    await expectStatus(
      unary(admin.machine, 'EtcdMemberList', {}, nodeMetadata('127.0.10.21')),
      grpc.status.UNIMPLEMENTED,
      'member list is only available on control plane nodes',
    );
  });

  it('runs the health check until the etcd check times out before bootstrap', async () => {
    const result = await collectHealthCheck(admin, { wait_timeout: { seconds: 0, nanos: 200_000_000 } });
    assert.equal(result.lines[0], 'discovered nodes: ["127.0.10.11" "127.0.10.12" "127.0.10.13" "127.0.10.21"]');
    assert.equal(result.lines[1], 'waiting for etcd to be healthy: ...');
    assert.match(
      result.lines[2] ?? '',
      /^waiting for etcd to be healthy: 3 errors occurred:\n\t\* 127\.0\.10\.11: service "etcd" not in expected state "Running": current state \[Preparing\] Running pre state/,
    );
    assert.equal(result.lines.length, 3, 'an unchanged state is not repeated');
    assert.equal(result.error?.code, grpc.status.DEADLINE_EXCEEDED);
  });

  it('enforces the bootstrap semantics and roles', async () => {
    await expectStatus(
      unary(reader.machine, 'Bootstrap', {}, nodeMetadata('127.0.10.11')),
      grpc.status.PERMISSION_DENIED,
    );
    assert.equal(state.etcdBootstrapped, false, 'a refused call changes nothing');
    await expectStatus(
      unary(admin.machine, 'Bootstrap', {}, nodeMetadata('127.0.10.21')),
      grpc.status.UNIMPLEMENTED,
    );
    const first = await unary<MessagesEnvelope<BootstrapMessage>>(admin.machine, 'Bootstrap', {}, nodeMetadata('127.0.10.12'));
    assert.equal(first.messages[0]!.metadata?.hostname, 'talos-cp-2');
    assert.equal(state.etcdBootstrapped, true);
    assert.equal(state.bootstrappedOn, 'talos-cp-2');
    await expectStatus(
      unary(admin.machine, 'Bootstrap', {}, nodeMetadata('127.0.10.12')),
      grpc.status.ALREADY_EXISTS,
      'etcd data directory is not empty',
    );
    await expectStatus(
      unary(admin.machine, 'Bootstrap', {}, nodeMetadata('127.0.10.13')),
      grpc.status.ALREADY_EXISTS,
      'etcd data directory is not empty',
    );
  });

  it('lists the etcd members once bootstrapped', async () => {
    const response = await unary<MessagesEnvelope<EtcdMembersMessage>>(admin.machine, 'EtcdMemberList', {}, nodeMetadata('127.0.10.13'));
    const entry = response.messages[0]!;
    assert.equal(entry.metadata?.hostname, 'talos-cp-3');
    assert.deepEqual(entry.members.map((member) => member.hostname), ['talos-cp-1', 'talos-cp-2', 'talos-cp-3']);
    const first = entry.members[0]!;
    assert.deepEqual(first.peer_urls, ['https://127.0.10.11:2380']);
    assert.deepEqual(first.client_urls, ['https://127.0.10.11:2379']);
    assert.equal(first.is_learner, false);
    assert.match(first.id, /^[1-9][0-9]*$/);
    assert.ok(BigInt(first.id) < 2n ** 64n);
    assert.equal(new Set(entry.members.map((member) => member.id)).size, 3, 'member ids are distinct');
    const etcd = (await unary<MessagesEnvelope<ServiceListMessage>>(admin.machine, 'ServiceList', {})).messages[0]!.services.find(
      (service) => service.id === 'etcd',
    );
    assert.equal(etcd?.state, 'Running');
  });

  it('streams the staged health check in order once bootstrapped', async () => {
    const started = Date.now();
    const result = await collectHealthCheck(admin, { wait_timeout: { seconds: 10, nanos: 0 } });
    assert.equal(result.error, undefined, result.error?.details);
    assert.deepEqual([...result.hostnames], ['talos-cp-1']);
    const checks = [
      'etcd to be healthy',
      'etcd members to be consistent across nodes',
      'etcd members to be control plane nodes',
      'apid to be ready',
      'all nodes memory sizes',
      'all nodes disk sizes',
      'kubelet to be healthy',
      'all nodes to finish boot sequence',
      'all k8s nodes to report',
      'all k8s nodes to report ready',
      'all control plane static pods to be running',
      'all control plane components to be ready',
      'kube-proxy to report ready',
      'coredns to report ready',
      'all k8s nodes to report schedulable',
    ];
    const expected = ['discovered nodes: ["127.0.10.11" "127.0.10.12" "127.0.10.13" "127.0.10.21"]'];
    for (const check of checks) {
      expected.push(`waiting for ${check}: ...`, `waiting for ${check}: ${check === 'kube-proxy to report ready' ? 'SKIP' : 'OK'}`);
    }
    assert.deepEqual(result.lines, expected);
    assert.ok(Date.now() - started >= 5 * checks.length, 'lines are spaced by the step delay');
  });

  it('records a Reboot from an operator without other effect', async () => {
    const response = await unary<MessagesEnvelope<{ actor_id: string }>>(admin.machine, 'Reboot', { mode: 'POWERCYCLE' }, nodeMetadata('127.0.10.21'));
    assert.match(response.messages[0]!.actor_id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      state.rebootRequests?.map((record) => [record.hostname, record.mode]),
      [['talos-worker-1', 'POWERCYCLE']],
    );
    await expectStatus(unary(reader.machine, 'Reboot', {}, nodeMetadata('127.0.10.21')), grpc.status.PERMISSION_DENIED);
  });

  it('refuses a client certificate from another CA at the TLS handshake', async () => {
    const foreignCa = createCertificateAuthority('talos');
    const foreignCert = issueCertificate(foreignCa, { commonName: 'admin', organizations: ['os:admin'], usage: 'client' });
    const intruder = clientsFor(apid.port, ca.certPem, foreignCert.certPem, foreignCert.keyPem);
    try {
      await expectStatus(unary(intruder.machine, 'Version', {}), grpc.status.UNAVAILABLE);
      await expectStatus(unary(intruder.machine, 'Bootstrap', {}), grpc.status.UNAVAILABLE);
    } finally {
      intruder.close();
    }
    // At the TLS level (1.2, where the client's handshake completes only after the server
    // accepted its certificate) a foreign certificate never gets a secure connection.
    assert.deepEqual(await rawHandshake(apid.port, ca.certPem, foreignCert), { secured: false, failed: true });
    const adminCert = parseTalosconfig(talosconfig);
    assert.deepEqual(
      await rawHandshake(apid.port, ca.certPem, { certPem: adminCert.clientCertPem, keyPem: adminCert.clientKeyPem }),
      { secured: true, failed: false },
    );
    // And a client without any certificate.
    const anonymous = new packages.machine.MachineService(`127.0.0.1:${apid.port}`, grpc.credentials.createSsl(Buffer.from(ca.certPem))) as Clients['machine'];
    try {
      await expectStatus(unary(anonymous, 'Version', {}), grpc.status.UNAVAILABLE);
    } finally {
      anonymous.close();
    }
  });
});

describe('Talos apid health check against a live cluster', () => {
  let ca: CertificateAuthority;
  let state: TalosClusterState;
  let store: ReturnType<typeof createMemoryStore>;
  let apid: TalosApidHandle;
  let admin: Clients;

  const kubeNode = (name: string, address: string, ready: boolean) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: {},
    status: {
      addresses: [{ type: 'InternalIP', address }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'KubeletReady' : 'KubeletNotReady' }],
    },
  });

  before(async () => {
    ca = createCertificateAuthority('talos');
    const serverCert = issueCertificate(ca, { commonName: 'apid', usage: 'server', ipAddresses: ['127.0.0.1'] });
    state = makeState();
    store = createMemoryStore();
    for (const node of state.nodes) store.create(kubeNode(node.hostname, node.address, node.role === 'controlplane'));
    apid = await startTalosApid(state, {
      host: '127.0.0.1',
      port: 0,
      tls: { caPem: ca.certPem, certPem: serverCert.certPem, keyPem: serverCert.keyPem },
      healthCheckStepDelayMs: 10,
      store,
    });
    const adminCert = issueCertificate(ca, { commonName: 'admin', organizations: ['os:admin'], usage: 'client' });
    admin = clientsFor(apid.port, ca.certPem, adminCert.certPem, adminCert.keyPem);
  });

  after(async () => {
    admin?.close();
    await apid?.stop();
  });

  it('stops streaming when the client cancels', async () => {
    const received: string[] = [];
    const stream = admin.cluster.HealthCheck!({}, new grpc.Metadata()) as grpc.ClientReadableStream<HealthCheckProgressMessage>;
    await new Promise<void>((resolve) => {
      stream.on('data', (progress: HealthCheckProgressMessage) => {
        received.push(progress.message);
        if (received.length === 3) {
          stream.cancel();
          resolve();
        }
      });
      stream.on('error', () => undefined);
    });
    const countAtCancel = received.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(received.length, countAtCancel, 'nothing arrives after cancelling');
    assert.match(received[2]!, /^waiting for etcd to be healthy: 3 errors occurred:/);
  });

  it('follows bootstrap and node readiness while it waits', async () => {
    const lines: string[] = [];
    const done = new Promise<grpc.ServiceError | undefined>((resolve) => {
      const stream = admin.cluster.HealthCheck!(
        { wait_timeout: { seconds: 10, nanos: 0 }, cluster_info: { control_plane_nodes: ['127.0.10.11', '127.0.10.12', '127.0.10.13'], worker_nodes: ['127.0.10.21'], force_endpoint: '' } },
        new grpc.Metadata(),
      ) as grpc.ClientReadableStream<HealthCheckProgressMessage>;
      stream.on('data', (progress: HealthCheckProgressMessage) => {
        lines.push(progress.message);
        if (progress.message.startsWith('waiting for etcd to be healthy: 3 errors occurred')) {
          // Bootstrapping while the check waits lets it pass.
          void unary(admin.machine, 'Bootstrap', {}, nodeMetadata('127.0.10.11'));
        }
        if (progress.message === 'waiting for all k8s nodes to report ready: some nodes are not ready: [talos-worker-1]') {
          const worker = store.get({ group: '', plural: 'nodes' }, undefined, 'talos-worker-1')!;
          store.updateStatus({ ...worker, status: kubeNode('talos-worker-1', '127.0.10.21', true).status });
        }
      });
      stream.on('error', (error: grpc.ServiceError) => resolve(error));
      stream.on('end', () => resolve(undefined));
    });
    const error = await done;
    assert.equal(error, undefined, error?.details);
    const etcdLines = lines.filter((line) => line.startsWith('waiting for etcd to be healthy'));
    assert.equal(etcdLines[0], 'waiting for etcd to be healthy: ...');
    assert.match(etcdLines[1]!, /3 errors occurred/);
    assert.equal(etcdLines.at(-1), 'waiting for etcd to be healthy: OK');
    assert.deepEqual(
      lines.filter((line) => line.startsWith('waiting for all k8s nodes to report ready')),
      [
        'waiting for all k8s nodes to report ready: ...',
        'waiting for all k8s nodes to report ready: some nodes are not ready: [talos-worker-1]',
        'waiting for all k8s nodes to report ready: OK',
      ],
    );
    assert.equal(lines.at(-1), 'waiting for all k8s nodes to report schedulable: OK');
    assert.equal(state.bootstrappedOn, 'talos-cp-1');
  });
});
