import http from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { KubernetesClient } from '../KubernetesClient/KubernetesClient';
import { DemoClusterProcess, startDemoClusterProcess } from '../../testing/demoClusterProcess';
import { createPodExec, PodExecTimeoutError } from './createPodExec';

jest.setTimeout(60_000);

describe('createPodExec against the demo cluster', () => {
  let demo: DemoClusterProcess;
  let agentPod: string;
  const connection = () => ({ name: 'demo', url: demo.endpoints.kubernetesApiUrl, token: demo.token, caData: demo.caData });

  beforeAll(async () => {
    demo = await startDemoClusterProcess();
    const client = new KubernetesClient(connection());
    const pods = await client.getJson('/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dcilium');
    client.close();
    agentPod = pods.items[0].metadata.name;
  });

  afterAll(async () => {
    await demo?.stop();
  });

  it('returns stdout and exit code 0', async () => {
    const exec = createPodExec(connection());
    const result = await exec({ namespace: 'kube-system', pod: agentPod, container: 'cilium-agent' }, ['cilium-dbg', 'status', '-o', 'json']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const status = JSON.parse(result.stdout);
    expect(['Ok', 'Warning']).toContain(status.cilium.state);
    expect(Array.isArray(status.controllers)).toBe(true);
  });

  it('returns stderr and the exit code of a failing command', async () => {
    const exec = createPodExec(connection());
    const failed = await exec({ namespace: 'kube-system', pod: agentPod, container: 'cilium-agent' }, ['cilium-dbg', 'no-such-command']);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('unknown command "no-such-command" for "cilium-dbg"');

    const missing = await exec({ namespace: 'kube-system', pod: agentPod, container: 'cilium-agent' }, ['ls', '/']);
    expect(missing.exitCode).toBe(127);
  });

  it('reports an unknown pod as not found, naming it', async () => {
    const exec = createPodExec(connection());
    await expect(exec({ namespace: 'kube-system', pod: 'cilium-nope' }, ['cilium-dbg', 'version'])).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('pod kube-system/cilium-nope not found'),
    });
  });

  it('reports an unknown container as bad input', async () => {
    const exec = createPodExec(connection());
    await expect(exec({ namespace: 'kube-system', pod: agentPod, container: 'nope' }, ['cilium-dbg', 'version'])).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('container nope is not valid'),
    });
  });

  it('reports a token the API server does not accept', async () => {
    const exec = createPodExec({ ...connection(), token: 'wrong' });
    await expect(exec({ namespace: 'kube-system', pod: agentPod }, ['cilium-dbg', 'version'])).rejects.toMatchObject({ name: 'AuthenticationError' });
  });

  it('refuses a server certificate not signed by the cluster CA', async () => {
    const exec = createPodExec({ ...connection(), caData: undefined });
    await expect(exec({ namespace: 'kube-system', pod: agentPod }, ['cilium-dbg', 'version'])).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/certificate/i),
    });
  });
});

/** A plain-HTTP WebSocket server on loopback that behaves as told, for what the demo cannot do. */
async function startFakeApiServer(options: {
  refuse?: { status: number; body: unknown };
  protocol?: string;
  onConnection?: (socket: import('ws').WebSocket) => void;
}) {
  const server = http.createServer();
  const closed: number[] = [];
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: protocols => (options.protocol && protocols.has(options.protocol) ? options.protocol : false),
  });
  server.on('upgrade', (request, socket, head) => {
    if (options.refuse) {
      const body = JSON.stringify(options.refuse.body);
      socket.end(`HTTP/1.1 ${options.refuse.status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(request, socket, head, ws => {
      ws.on('close', code => closed.push(code));
      options.onConnection?.(ws);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    closed,
    stop: () => {
      for (const client of wss.clients) client.terminate();
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

const frame = (channel: number, text: string) => Buffer.concat([Buffer.from([channel]), Buffer.from(text)]);

describe('createPodExec against a scripted API server', () => {
  const target = { namespace: 'kube-system', pod: 'cilium-abcde', container: 'cilium-agent' };

  it('times out, closes the socket and says so', async () => {
    const server = await startFakeApiServer({ protocol: 'v5.channel.k8s.io' });
    try {
      const exec = createPodExec({ name: 'fake', url: server.url });
      const started = Date.now();
      const error = await exec(target, ['cilium-dbg', 'status'], { timeoutMs: 300 }).catch(e => e);
      expect(error).toBeInstanceOf(PodExecTimeoutError);
      expect(error.message).toBe('exec into pod kube-system/cilium-abcde (container cilium-agent) timed out after 300 ms: cilium-dbg status');
      expect(Date.now() - started).toBeLessThan(2000);
      // The server sees the connection go away.
      await new Promise(resolve => setTimeout(resolve, 200));
      expect(server.closed).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('stops when the caller aborts', async () => {
    const server = await startFakeApiServer({ protocol: 'v5.channel.k8s.io' });
    try {
      const exec = createPodExec({ name: 'fake', url: server.url });
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('check timed out')), 100);
      await expect(exec(target, ['cilium-dbg', 'status'], { signal: controller.signal })).rejects.toThrow(
        'exec into pod kube-system/cilium-abcde (container cilium-agent) stopped: check timed out',
      );
    } finally {
      await server.stop();
    }
  });

  it('names the verb when exec is forbidden', async () => {
    const server = await startFakeApiServer({
      refuse: {
        status: 403,
        body: {
          kind: 'Status',
          status: 'Failure',
          reason: 'Forbidden',
          code: 403,
          message: 'pods "cilium-abcde" is forbidden: User "system:serviceaccount:backstage:portal" cannot create resource "pods/exec" in API group "" in the namespace "kube-system"',
        },
      },
    });
    try {
      const exec = createPodExec({ name: 'fake', url: server.url });
      await expect(exec(target, ['cilium-dbg', 'status'])).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('need the "create" verb on "pods/exec" in namespace kube-system'),
      });
    } finally {
      await server.stop();
    }
  });

  it('reads v4 frames: empty channel openers, split output, the exit code in the status', async () => {
    const server = await startFakeApiServer({
      protocol: 'v4.channel.k8s.io',
      onConnection: ws => {
        ws.send(Buffer.from([1]));
        ws.send(Buffer.from([2]));
        ws.send(frame(1, 'first '));
        ws.send(frame(2, 'warning\n'));
        // A multi-byte character split across two frames stays intact.
        const euro = Buffer.from('€');
        ws.send(Buffer.concat([Buffer.from([1]), euro.subarray(0, 1)]));
        ws.send(Buffer.concat([Buffer.from([1]), euro.subarray(1)]));
        ws.send(frame(3, JSON.stringify({ metadata: {}, status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '2' }] } })));
      },
    });
    try {
      const exec = createPodExec({ name: 'fake', url: server.url });
      await expect(exec(target, ['sh', '-c', 'x'])).resolves.toEqual({ stdout: 'first €', stderr: 'warning\n', exitCode: 2 });
    } finally {
      await server.stop();
    }
  });

  it('stops a command whose output passes the cap', async () => {
    const server = await startFakeApiServer({
      protocol: 'v5.channel.k8s.io',
      onConnection: ws => {
        ws.send(frame(1, 'x'.repeat(600)));
        ws.send(frame(1, 'x'.repeat(600)));
      },
    });
    try {
      const exec = createPodExec({ name: 'fake', url: server.url }, { maxOutputBytes: 1000 });
      await expect(exec(target, ['cilium-dbg', 'bpf', 'lb', 'list'])).rejects.toThrow('output exceeded 1000 bytes');
    } finally {
      await server.stop();
    }
  });

  it('reports a connection that closes without an exit status', async () => {
    const server = await startFakeApiServer({ protocol: 'v5.channel.k8s.io', onConnection: ws => ws.close(1011) });
    try {
      const exec = createPodExec({ name: 'fake', url: server.url });
      await expect(exec(target, ['cilium-dbg', 'status'])).rejects.toThrow('closed (code 1011) before the exit status arrived');
    } finally {
      await server.stop();
    }
  });
});
