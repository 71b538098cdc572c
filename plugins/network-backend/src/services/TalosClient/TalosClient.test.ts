import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  DemoClusterProcess,
  startDemoClusterProcess,
} from '../../testing/demoClusterProcess';
import { TalosClient } from './TalosClient';
import { TalosClientError, TalosRetryableError } from './TalosClientError';
import { base64Pem, generateTestPki, TestPki } from './testing/testPki';

jest.setTimeout(90_000);

interface DemoNode {
  name: string;
  address: string;
  role: 'controlplane' | 'worker';
}

function demoNodes(demo: DemoClusterProcess): DemoNode[] {
  return JSON.parse(
    fs.readFileSync(path.join(demo.stateDir, 'endpoints.json'), 'utf8'),
  ).nodes;
}

function clientFor(
  demo: DemoClusterProcess,
  overrides: Partial<
    ConstructorParameters<typeof TalosClient>[0]['access']
  > = {},
  callTimeoutMs = 5000,
) {
  return new TalosClient({
    clusterName: 'demo',
    access: {
      talosconfigPath: path.join(demo.stateDir, 'talosconfig'),
      ...overrides,
    },
    callTimeoutMs,
  });
}

async function rejection(promise: Promise<unknown>): Promise<TalosClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TalosClientError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('TalosClient against the demo apid (seeded cluster)', () => {
  let demo: DemoClusterProcess;
  let nodes: DemoNode[];
  let client: TalosClient;
  let pki: TestPki;

  beforeAll(async () => {
    demo = await startDemoClusterProcess();
    nodes = demoNodes(demo);
    client = clientFor(demo);
    pki = generateTestPki();
  });

  afterAll(async () => {
    client?.close();
    await demo?.stop();
  });

  it('reads endpoints and nodes from the talosconfig context', () => {
    expect(client.credentials().context).toBe('demo');
    expect(
      client.credentials().endpoints.map(endpoint => endpoint.target),
    ).toEqual([demo.endpoints.talosApid]);
    expect(client.defaultNodes()).toEqual([
      nodes.find(node => node.role === 'controlplane')!.address,
    ]);
  });

  it('asks each node for its version through the node metadata', async () => {
    const results = await client.version(nodes.map(node => node.address));
    expect(
      results.map(result => [
        result.node,
        result.ok && result.hostname,
        result.ok && result.value.tag,
      ]),
    ).toEqual(nodes.map(node => [node.address, node.name, 'v1.11.5']));
  });

  it('reports a node apid cannot reach without failing the other nodes', async () => {
    const results = await client.version([nodes[0].address, '127.0.9.9']);
    expect(results[0]).toMatchObject({ ok: true, hostname: nodes[0].name });
    expect(results[1].ok).toBe(false);
    const error = (results[1] as { error: TalosClientError }).error;
    expect(error.kind).toBe('unreachable');
    expect(error.context.node).toBe('127.0.9.9');
    expect(error.message).toContain('cannot reach node 127.0.9.9');
    expect(error.message).toContain('field "nodes"');
  });

  it('lists the services of each node', async () => {
    const results = await client.serviceList([
      nodes[0].address,
      nodes[3].address,
    ]);
    const controlPlane = results[0].ok ? results[0].value : [];
    const worker = results[1].ok ? results[1].value : [];
    expect(controlPlane.find(service => service.id === 'etcd')).toMatchObject({
      state: 'Running',
      healthy: true,
      healthUnknown: false,
    });
    expect(worker.map(service => service.id)).not.toContain('etcd');
    expect(worker.find(service => service.id === 'kubelet')).toMatchObject({
      state: 'Running',
      healthy: true,
    });
  });

  it('lists the etcd members from a control-plane node', async () => {
    const members = await client.etcdMemberList(nodes[0].address);
    expect(members.hostname).toBe(nodes[0].name);
    expect(members.members.map(member => member.hostname).sort()).toEqual(
      nodes
        .filter(node => node.role === 'controlplane')
        .map(node => node.name)
        .sort(),
    );
    expect(members.members[0].id).toMatch(/^\d+$/);
    expect(members.members.every(member => !member.isLearner)).toBe(true);
  });

  it('maps Unimplemented (EtcdMemberList on a worker) to api-error naming the node', async () => {
    const error = await rejection(client.etcdMemberList(nodes[3].address));
    expect(error.kind).toBe('api-error');
    expect(error.context.grpcCode).toBe('Unimplemented');
    expect(error.message).toContain(`node ${nodes[3].address}`);
  });

  it('streams the staged health check progress', async () => {
    const progress: string[] = [];
    const result = await client.healthCheck(
      {
        controlPlaneNodes: nodes
          .filter(node => node.role === 'controlplane')
          .map(node => node.address),
        workerNodes: nodes
          .filter(node => node.role === 'worker')
          .map(node => node.address),
        waitTimeoutMs: 30_000,
      },
      message => progress.push(message),
    );
    expect(result.hostname).toBe(nodes[0].name);
    expect(progress).toEqual(result.lines);
    expect(progress[0]).toBe(
      `discovered nodes: [${nodes
        .map(node => JSON.stringify(node.address))
        .join(' ')}]`,
    );
    expect(progress).toContain('waiting for etcd to be healthy: OK');
    expect(progress).toContain('waiting for kube-proxy to report ready: SKIP');
    expect(progress[progress.length - 1]).toBe(
      'waiting for all k8s nodes to report schedulable: OK',
    );
  });

  it('ends a health check that cannot pass with a timeout error', async () => {
    const progress: string[] = [];
    const error = await rejection(
      client.healthCheck(
        {
          controlPlaneNodes: ['127.0.9.9'],
          workerNodes: [],
          waitTimeoutMs: 1000,
        },
        message => progress.push(message),
      ),
    );
    expect(error.kind).toBe('timeout');
    expect(progress).toContain('waiting for etcd to be healthy: ...');
  });

  it('maps AlreadyExists of Bootstrap on a bootstrapped cluster to already-bootstrapped', async () => {
    await expect(client.bootstrap(nodes[0].address)).resolves.toMatchObject({
      result: 'already-bootstrapped',
      node: nodes[0].address,
    });
  });

  it('refuses a server certificate from another CA as wrong-ca, naming the ca field', async () => {
    const wrongCa = clientFor(demo, { ca: base64Pem(pki.otherCa.certPem) });
    try {
      const error = await rejection(
        wrongCa
          .version([nodes[0].address])
          .then(
            results =>
              results[0].ok || Promise.reject((results[0] as any).error),
          ),
      );
      expect(error.kind).toBe('wrong-ca');
      expect(error.context.field).toBe('network.clusters.demo.talos.ca');
      expect(error.message).toContain(`endpoint ${demo.endpoints.talosApid}`);
    } finally {
      wrongCa.close();
    }
  });

  it('reports a client certificate the node does not trust as wrong-ca, naming the crt field', async () => {
    const untrusted = clientFor(demo, {
      crt: base64Pem(pki.otherClient.certPem),
      key: base64Pem(pki.otherClient.keyPem),
    });
    try {
      const [result] = await untrusted.version([nodes[0].address]);
      expect(result.ok).toBe(false);
      const error = (result as { error: TalosClientError }).error;
      expect(error.kind).toBe('wrong-ca');
      expect(error.context.field).toBe('network.clusters.demo.talos.crt');
    } finally {
      untrusted.close();
    }
  });

  it('detects an expired client certificate before connecting', async () => {
    const expired = clientFor(demo, {
      crt: base64Pem(pki.expiredClient.certPem),
      key: base64Pem(pki.expiredClient.keyPem),
    });
    const error = await rejection(expired.version());
    expect(error.kind).toBe('certificate-expired');
    expect(error.context.field).toBe('network.clusters.demo.talos.crt');
    expect(error.message).toMatch(
      /client certificate in network\.clusters\.demo\.talos\.crt \(.*CN=admin\) expired on \d{4}-/,
    );
    expired.close();
  });

  it('refuses garbage base64 with the field named, before connecting', async () => {
    const garbage = clientFor(demo, { key: 'not*base64!' });
    const error = await rejection(garbage.serviceList());
    expect(error).toMatchObject({
      kind: 'bad-config',
      context: { field: 'network.clusters.demo.talos.key' },
    });
    expect(error.message).toBe(
      'network.clusters.demo.talos.key is not valid base64 (expected base64 of a PEM private key)',
    );
  });

  it('falls over to the next endpoint when the first one is closed', async () => {
    const closedPort = await freeLoopbackPort();
    const failover = clientFor(demo, {
      endpoints: [`127.0.0.1:${closedPort}`, demo.endpoints.talosApid],
    });
    try {
      const [result] = await failover.version([nodes[0].address]);
      expect(result).toMatchObject({ ok: true, hostname: nodes[0].name });
    } finally {
      failover.close();
    }
  });
});

describe('TalosClient lifecycle', () => {
  it('refuses calls after close()', async () => {
    const client = new TalosClient({
      clusterName: 'lab',
      access: { endpoints: ['127.0.0.1'] },
    });
    client.close();
    const error = await rejection(client.version());
    expect(error.kind).toBe('bad-config');
    expect(error.message).toBe('the Talos client of cluster lab is closed');
  });
});

describe('TalosClient connection failures', () => {
  let talosconfigPath: string;
  let pki: TestPki;
  let dir: string;

  beforeAll(() => {
    pki = generateTestPki();
    dir = fs.mkdtempSync(
      path.join(require('node:os').tmpdir(), 'talos-client-'),
    );
    talosconfigPath = path.join(dir, 'talosconfig');
    fs.writeFileSync(
      talosconfigPath,
      stringifyYaml({
        context: 'lab',
        contexts: {
          lab: {
            endpoints: ['127.0.0.1'],
            nodes: ['127.0.0.1'],
            ca: base64Pem(pki.otherCa.certPem),
            crt: base64Pem(pki.otherClient.certPem),
            key: base64Pem(pki.otherClient.keyPem),
          },
        },
      }),
    );
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports a closed loopback port as unreachable, naming the endpoint and the talosconfig field', async () => {
    const port = await freeLoopbackPort();
    const client = new TalosClient({
      clusterName: 'lab',
      access: { talosconfigPath, endpoints: [`127.0.0.1:${port}`] },
      callTimeoutMs: 3000,
    });
    try {
      const [result] = await client.version();
      const error = (result as { error: TalosClientError }).error;
      expect(error.kind).toBe('unreachable');
      expect(error.message).toContain(
        `Talos endpoint 127.0.0.1:${port} is unreachable`,
      );
      expect(error.context.field).toBe('network.clusters.lab.talos.endpoints');
    } finally {
      client.close();
    }
  });

  it('times out on an endpoint that accepts connections and never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer(socket => sockets.push(socket));
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const client = new TalosClient({
      clusterName: 'lab',
      access: { talosconfigPath, endpoints: [`127.0.0.1:${port}`] },
      callTimeoutMs: 800,
    });
    try {
      const started = Date.now();
      const [result] = await client.version();
      const error = (result as { error: TalosClientError }).error;
      expect(error.kind).toBe('timeout');
      expect(error.message).toContain(
        `endpoint 127.0.0.1:${port} timed out after 800 ms`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      client.close();
      sockets.forEach(socket => socket.destroy());
      await new Promise(resolve => silent.close(resolve));
    }
  });

  it('uses the talosconfig context named in config, and says which contexts exist otherwise', () => {
    const client = new TalosClient({
      clusterName: 'lab',
      access: { talosconfigPath, context: 'prod' },
    });
    expect(() => client.credentials()).toThrow(
      `talosconfig ${talosconfigPath} has no context "prod" (contexts: lab)`,
    );
    const parsed = parseYaml(fs.readFileSync(talosconfigPath, 'utf8'));
    expect(parsed.context).toBe('lab');
  });
});

describe('TalosClient bootstrap (empty cluster)', () => {
  let demo: DemoClusterProcess;
  let client: TalosClient;

  beforeAll(async () => {
    demo = await startDemoClusterProcess({ state: 'empty' });
    client = clientFor(demo);
  });

  afterAll(async () => {
    client?.close();
    await demo?.stop();
  });

  it('bootstraps etcd once, then reports already-bootstrapped', async () => {
    const [first] = demoNodes(demo);
    const before = await rejection(client.etcdMemberList(first.address));
    expect(before).toMatchObject({
      kind: 'api-error',
      context: { grpcCode: 'Unavailable' },
    });

    await expect(client.bootstrap(first.address)).resolves.toEqual({
      result: 'bootstrapped',
      node: first.address,
      hostname: first.name,
    });
    const again = await client.bootstrap(first.address);
    expect(again.result).toBe('already-bootstrapped');
    expect(again.message).toContain('etcd data directory is not empty');
    expect((await client.etcdMemberList(first.address)).members).toHaveLength(
      3,
    );
  });

  it('refuses Bootstrap on a worker as api-error (Unimplemented), not as retryable', async () => {
    const worker = demoNodes(demo).find(node => node.role === 'worker')!;
    const error = await rejection(client.bootstrap(worker.address));
    expect(error).not.toBeInstanceOf(TalosRetryableError);
    expect(error.context.grpcCode).toBe('Unimplemented');
  });
});

async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(resolve => server.close(resolve));
  return port;
}
