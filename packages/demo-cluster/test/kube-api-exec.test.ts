import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { startKubeApiFixture } from './kube-api-fixture.ts';
import type { KubeApiFixture } from './kube-api-fixture.ts';

let fixture: KubeApiFixture;

before(async () => {
  fixture = await startKubeApiFixture({
    execHandler: (request) => (request.command[0] === 'hello' ? { stdout: `hi from ${request.container}\n`, stderr: 'note\n', exitCode: 0 } : undefined),
  });
  fixture.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'two', namespace: 'default' },
    spec: { containers: [{ name: 'main', image: 'x' }, { name: 'side', image: 'y' }] },
  });
});
after(async () => {
  await fixture.stop();
});

interface ExecOutcome {
  protocol: string;
  frames: Array<{ channel: number; text: string }>;
  closeCode: number;
  httpStatus?: number;
  httpBody?: string;
}

function execOverWebSocket(query: string, protocols: string[], token = fixture.token): Promise<ExecOutcome> {
  return new Promise((resolve, reject) => {
    const url = `${fixture.server.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/${query}`;
    const socket = new WebSocket(url, protocols, { ca: fixture.caPem, headers: { Authorization: `Bearer ${token}` } });
    const frames: ExecOutcome['frames'] = [];
    socket.on('message', (data: Buffer) => frames.push({ channel: data[0]!, text: data.subarray(1).toString('utf8') }));
    socket.on('close', (closeCode) => resolve({ protocol: socket.protocol, frames, closeCode }));
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ protocol: '', frames, closeCode: 0, httpStatus: response.statusCode, httpBody: body }));
    });
    socket.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

test('v5, v4 and channel.k8s.io: stdout, stderr and a status frame, then a normal close', async () => {
  for (const protocol of ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io']) {
    const outcome = await execOverWebSocket('two/exec?container=side&command=hello&stdout=true&stderr=true', [protocol]);
    assert.equal(outcome.protocol, protocol);
    assert.deepEqual(outcome.frames.slice(0, 2), [
      { channel: 1, text: 'hi from side\n' },
      { channel: 2, text: 'note\n' },
    ]);
    if (protocol === 'channel.k8s.io') {
      // The original protocol says nothing on the error channel when the command succeeded.
      assert.equal(outcome.frames.length, 2);
    } else {
      assert.equal(outcome.frames[2]!.channel, 3);
      assert.deepEqual(JSON.parse(outcome.frames[2]!.text), { metadata: {}, status: 'Success' });
    }
    assert.equal(outcome.closeCode, 1000);
  }
  const legacyFailure = await execOverWebSocket('two/exec?container=main&command=nothing', ['channel.k8s.io']);
  assert.deepEqual(legacyFailure.frames[1], {
    channel: 3,
    text: 'command terminated with non-zero exit code: error executing command [nothing], exit code 127',
  });
  const preferred = await execOverWebSocket('two/exec?container=main&command=hello', ['channel.k8s.io', 'v4.channel.k8s.io', 'v5.channel.k8s.io']);
  assert.equal(preferred.protocol, 'v5.channel.k8s.io');
});

test('an unknown command exits 127 with the runtime message', async () => {
  const outcome = await execOverWebSocket('two/exec?container=main&command=ls&command=-l', ['v5.channel.k8s.io']);
  assert.deepEqual(outcome.frames[0], { channel: 2, text: 'exec: "ls": executable file not found in $PATH\n' });
  const status = JSON.parse(outcome.frames[1]!.text);
  assert.equal(status.status, 'Failure');
  assert.equal(status.reason, 'NonZeroExitCode');
  assert.deepEqual(status.details.causes, [{ reason: 'ExitCode', message: '127' }]);
});

test('upgrade errors: missing pod, ambiguous or unknown container, no command, wrong token', async () => {
  const noPod = await execOverWebSocket('ghost/exec?command=hello', ['v5.channel.k8s.io']);
  assert.equal(noPod.httpStatus, 404);
  assert.equal(JSON.parse(noPod.httpBody!).message, 'pods "ghost" not found');
  const ambiguous = await execOverWebSocket('two/exec?command=hello', ['v5.channel.k8s.io']);
  assert.equal(ambiguous.httpStatus, 400);
  assert.equal(JSON.parse(ambiguous.httpBody!).message, 'a container name must be specified for pod two, choose one of: [main side]');
  const unknown = await execOverWebSocket('two/exec?container=nope&command=hello', ['v5.channel.k8s.io']);
  assert.equal(unknown.httpStatus, 400);
  assert.equal(JSON.parse(unknown.httpBody!).message, 'container nope is not valid for pod two');
  const noCommand = await execOverWebSocket('two/exec?container=main', ['v5.channel.k8s.io']);
  assert.equal(noCommand.httpStatus, 400);
  const unauthorized = await execOverWebSocket('two/exec?container=main&command=hello', ['v5.channel.k8s.io'], 'bad');
  assert.equal(unauthorized.httpStatus, 401);
});
