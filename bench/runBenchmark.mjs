/**
 * Runs one benchmark as a child process: its output is shown as it comes (each line prefixed
 * with the benchmark's name) and kept, so the BENCH lines can be read afterwards.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseBenchLines } from './benchLine.mjs';

/** The child's environment: this Node first on PATH, so `npm run` scripts use Node 24 too. */
function childEnv(extra) {
  const nodeDir = path.dirname(process.execPath);
  return {
    ...process.env,
    PATH: `${nodeDir}${path.delimiter}${process.env.PATH ?? ''}`,
    FORCE_COLOR: '0',
    ...extra,
  };
}

/** Kills the benchmark and everything it started (it runs in its own process group). */
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5000).unref();
}

/** Writes a chunk of child output with each complete line prefixed; returns the unfinished tail. */
function echoLines(name, pending, chunk, stream) {
  const text = pending + chunk;
  const lines = text.split('\n');
  const tail = lines.pop();
  for (const line of lines) stream.write(`[${name}] ${line}\n`);
  return tail;
}

/**
 * Runs `benchmark` (an entry of benchmarks.mjs) from `repoRoot`; `quick` applies its quick
 * options. Resolves with { name, status: 'ran' | 'failed' | 'skipped', reason?, figures,
 * malformed, output, seconds, interrupted? } (interrupted: the runner got SIGINT or SIGTERM).
 */
export async function runBenchmark(benchmark, { repoRoot, quick }) {
  const started = performance.now();
  const outcome = extra => ({
    name: benchmark.name,
    figures: [],
    malformed: [],
    output: '',
    ...extra,
    seconds: (performance.now() - started) / 1000,
  });

  const missing = benchmark.precondition
    ? await benchmark.precondition()
    : undefined;
  if (missing) return outcome({ status: 'skipped', reason: missing });

  const [command, ...baseArgs] = benchmark.command;
  const args = [...baseArgs, ...(quick ? benchmark.quick?.args ?? [] : [])];
  const env = childEnv(quick ? benchmark.quick?.env : undefined);
  const child = spawn(command, args, {
    cwd: path.join(repoRoot, benchmark.cwd),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const pending = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', chunk => {
    output += chunk;
    pending.stdout = echoLines(
      benchmark.name,
      pending.stdout,
      chunk,
      process.stdout,
    );
  });
  let errorOutput = '';
  child.stderr.on('data', chunk => {
    output += chunk;
    errorOutput += chunk;
    pending.stderr = echoLines(
      benchmark.name,
      pending.stderr,
      chunk,
      process.stderr,
    );
  });

  // Ctrl-C on the runner stops the benchmark's whole process group, not only npm.
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    killGroup(child);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child);
  }, benchmark.timeoutMinutes * 60_000);

  const exit = await new Promise(resolve => {
    child.on('error', error => resolve({ error }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(timer);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  for (const [stream, tail] of [
    [process.stdout, pending.stdout],
    [process.stderr, pending.stderr],
  ]) {
    if (tail) stream.write(`[${benchmark.name}] ${tail}\n`);
  }

  const { figures, malformed } = parseBenchLines(output);
  if (interrupted)
    return outcome({
      status: 'failed',
      reason: 'interrupted',
      interrupted: true,
      figures,
      malformed,
      output,
    });
  if (exit.error)
    return outcome({
      status: 'failed',
      reason: exit.error.message,
      figures,
      malformed,
      output,
    });
  if (timedOut)
    return outcome({
      status: 'failed',
      reason: `timed out after ${benchmark.timeoutMinutes} min`,
      figures,
      malformed,
      output,
    });
  if (exit.code !== 0) {
    // The last line on stderr usually says why; it goes into the table with the exit code.
    const lastError = errorOutput
      .trim()
      .split('\n')
      .pop()
      ?.trim()
      .slice(0, 300);
    const reason = exit.signal
      ? `killed by ${exit.signal}`
      : `exit code ${exit.code}${lastError ? `: ${lastError}` : ''}`;
    return outcome({ status: 'failed', reason, figures, malformed, output });
  }
  return outcome({ status: 'ran', figures, malformed, output });
}
