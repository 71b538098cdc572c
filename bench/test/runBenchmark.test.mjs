import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runBenchmark } from '../runBenchmark.mjs';

const repoRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-runner-'));
const script = (name, body) => {
  fs.writeFileSync(path.join(repoRoot, name), body);
  return ['node', name];
};

test('captures the figures of a benchmark and applies --quick environment', async () => {
  const command = script(
    'ok.mjs',
    'console.log("human line"); console.log(`BENCH ${JSON.stringify({ name: "seconds", value: Number(process.env.SECONDS_FIGURE), unit: "s", target: "<= 5" })}`);',
  );
  const benchmark = {
    name: 'ok',
    cwd: '.',
    command,
    quick: { env: { SECONDS_FIGURE: '1.5' } },
    timeoutMinutes: 1,
  };
  const outcome = await runBenchmark(benchmark, { repoRoot, quick: true });
  assert.equal(outcome.status, 'ran');
  assert.deepEqual(outcome.figures, [
    { name: 'seconds', value: 1.5, unit: 's', target: '<= 5' },
  ]);
  assert.match(outcome.output, /human line/);
});

test('a non-zero exit is a failure that keeps the figures printed before it', async () => {
  const command = script(
    'fails.mjs',
    'console.log(\'BENCH {"name":"a","value":1}\'); console.error("warming up"); console.error("the dry run fails\\n"); process.exit(3);',
  );
  const outcome = await runBenchmark(
    { name: 'fails', cwd: '.', command, timeoutMinutes: 1 },
    { repoRoot, quick: false },
  );
  assert.equal(outcome.status, 'failed');
  assert.equal(outcome.reason, 'exit code 3: the dry run fails');
  assert.equal(outcome.figures.length, 1);
});

test('a benchmark over its time limit is stopped', async () => {
  const command = script('hangs.mjs', 'setInterval(() => {}, 1000);');
  const outcome = await runBenchmark(
    { name: 'hangs', cwd: '.', command, timeoutMinutes: 0.01 },
    { repoRoot, quick: false },
  );
  assert.equal(outcome.status, 'failed');
  assert.match(outcome.reason, /timed out/);
});

test('a failed precondition skips the benchmark without running it', async () => {
  const marker = path.join(repoRoot, 'ran');
  const command = script(
    'marks.mjs',
    `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`,
  );
  const benchmark = {
    name: 'needs',
    cwd: '.',
    command,
    timeoutMinutes: 1,
    precondition: async () => 'no portal',
  };
  const outcome = await runBenchmark(benchmark, { repoRoot, quick: false });
  assert.deepEqual(
    [outcome.status, outcome.reason, fs.existsSync(marker)],
    ['skipped', 'no portal', false],
  );
});

test('SIGINT to the runner stops the benchmark and says it was interrupted', async () => {
  const command = script(
    'waits.mjs',
    'console.log(\'BENCH {"name":"before","value":1}\'); setInterval(() => {}, 1000);',
  );
  const running = runBenchmark(
    { name: 'waits', cwd: '.', command, timeoutMinutes: 1 },
    { repoRoot, quick: false },
  );
  // Time for the script to start and print its figure, even on a busy machine.
  await new Promise(resolve => setTimeout(resolve, 2000));
  process.emit('SIGINT');
  const outcome = await running;
  assert.deepEqual(
    [
      outcome.status,
      outcome.reason,
      outcome.interrupted,
      outcome.figures.length,
    ],
    ['failed', 'interrupted', true, 1],
  );
});
