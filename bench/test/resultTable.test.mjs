import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatMarkdownTable,
  formatTextTable,
  formatValue,
  tableRows,
} from '../resultTable.mjs';

const outcomes = [
  {
    name: 'request-path',
    status: 'ran',
    figures: [
      { name: 'request-path p95', value: 3.0512, unit: 'ms', target: '<= 25' },
      {
        name: 'kubernetes plugin p50 / request-path p50',
        value: 8.4,
        unit: 'x',
        target: '>= 10',
      },
      { name: 'backend RSS', value: 212.4, unit: 'MB' },
    ],
    malformed: [],
  },
  {
    name: 'load',
    status: 'failed',
    reason: 'exit code 1',
    figures: [],
    malformed: [],
  },
  {
    name: 'create-service-dry-run',
    status: 'skipped',
    reason: 'no portal backend',
    figures: [],
    malformed: [],
  },
  { name: 'quiet', status: 'ran', figures: [], malformed: [] },
];

test('one row per figure with its verdict; failed, skipped and silent benchmarks say so', () => {
  assert.deepEqual(tableRows(outcomes), [
    ['request-path', 'request-path p95', '3.05 ms', '<= 25 ms', 'met'],
    [
      'request-path',
      'kubernetes plugin p50 / request-path p50',
      '8.40 x',
      '>= 10 x',
      'not met',
    ],
    ['request-path', 'backend RSS', '212 MB', '', 'no target'],
    ['load', 'failed: exit code 1', '', '', 'failed'],
    ['create-service-dry-run', 'skipped: no portal backend', '', '', 'skipped'],
    ['quiet', 'no BENCH lines printed', '', '', 'failed'],
  ]);
});

test('values keep fewer decimals as they grow', () => {
  assert.equal(formatValue(0, 'errors'), '0 errors');
  assert.equal(formatValue(1.23456, 's'), '1.23 s');
  assert.equal(formatValue(12.345, 'ms'), '12.3 ms');
  assert.equal(formatValue(49123.7, 'events/s'), '49124 events/s');
  assert.equal(formatValue(5, ''), '5');
});

test('the text table aligns its columns', () => {
  const lines = formatTextTable([
    ['a', 'long figure name', '1 ms', '<= 2 ms', 'met'],
  ]).split('\n');
  assert.equal(
    lines[0],
    'benchmark | figure           | value | target  | verdict',
  );
  assert.equal(
    lines[2],
    'a         | long figure name | 1 ms  | <= 2 ms | met',
  );
});

test('the Markdown table escapes pipes', () => {
  assert.equal(
    formatMarkdownTable([['a', 'x | y', '1', '', 'no target']]),
    '| benchmark | figure | value | target | verdict |\n| --- | --- | --- | --- | --- |\n| a | x \\| y | 1 |  | no target |',
  );
});

test('the text table cuts long cells so one failure reason does not widen every row', () => {
  const reason = `failed: ${'x'.repeat(100)}`;
  const lines = formatTextTable([['a', reason, '', '', 'failed']]).split('\n');
  assert.equal(
    lines[2],
    `a         | ${reason.slice(0, 57)}... |       |        | failed`,
  );
});
