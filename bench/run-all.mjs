#!/usr/bin/env node
/**
 * Runs every benchmark of the project one after another (never two at once: they measure
 * latency and the machine is small) and prints one table of figures vs targets at the end.
 *
 *   npm run bench                               every benchmark, full length
 *   npm run bench -- --quick                    short load, small scale where supported
 *   npm run bench -- --only request-path,load   some of them
 *   npm run bench -- --list                     names and what each measures
 *   npm run bench -- --markdown FILE            also write the table as Markdown to FILE
 *
 * Exit code 1 when a benchmark failed or printed no figures; targets not met are reported in
 * the table but do not fail the run (figures on a shared machine vary).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarks } from './benchmarks.mjs';
import { runBenchmark } from './runBenchmark.mjs';
import {
  formatMarkdownTable,
  formatTextTable,
  tableRows,
} from './resultTable.mjs';
import { parseOptions } from './runOptions.mjs';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    benchmarks.map(benchmark => benchmark.name),
  );
  if (options.list) {
    for (const benchmark of benchmarks)
      console.log(`${benchmark.name.padEnd(24)} ${benchmark.measures}`);
    return 0;
  }
  const selected = benchmarks.filter(
    benchmark =>
      options.only.length === 0 || options.only.includes(benchmark.name),
  );
  const outcomes = [];
  for (const benchmark of selected) {
    console.log(
      `\n=== ${benchmark.name}${options.quick ? ' (quick)' : ''}: ${
        benchmark.measures
      }`,
    );
    const outcome = await runBenchmark(benchmark, {
      repoRoot,
      quick: options.quick,
    });
    console.log(
      `=== ${benchmark.name}: ${outcome.status}${
        outcome.reason ? ` (${outcome.reason})` : ''
      } in ${outcome.seconds.toFixed(0)} s, ${outcome.figures.length} figures`,
    );
    outcomes.push(outcome);
    // Ctrl-C stops the whole sequence; the table still shows what was measured.
    if (outcome.interrupted) break;
  }

  const rows = tableRows(outcomes);
  console.log(
    `\nBenchmarks (${
      options.quick ? 'quick' : 'full'
    } run, ${new Date().toISOString()}):\n`,
  );
  console.log(formatTextTable(rows));
  // Whole reasons, which the table cuts to its column width.
  const notRun = outcomes.filter(outcome => outcome.reason);
  if (notRun.length > 0) console.log('');
  for (const outcome of notRun)
    console.log(`${outcome.name} ${outcome.status}: ${outcome.reason}`);
  if (options.markdown) {
    fs.writeFileSync(options.markdown, `${formatMarkdownTable(rows)}\n`);
    console.log(`\nMarkdown table written to ${options.markdown}`);
  }
  const broken = outcomes.some(
    outcome =>
      outcome.status === 'failed' ||
      outcome.malformed.length > 0 ||
      (outcome.status === 'ran' && outcome.figures.length === 0),
  );
  return broken ? 1 : 0;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
