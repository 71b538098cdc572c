import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBenchLines, parseTarget, verdictOf } from '../benchLine.mjs';

test('reads BENCH lines among human lines and ignores the rest', () => {
  const output = [
    'request-path p95   3.05 ms (target <= 25 ms)',
    'BENCH {"name": "request-path p95", "value": 3.05, "unit": "ms", "target": "<= 25"}',
    '  BENCH {"name":"backend RSS","value":212,"unit":"MB"}\r',
    'NOT BENCH {"name": "x", "value": 1}',
  ].join('\n');
  assert.deepEqual(parseBenchLines(output), {
    figures: [
      { name: 'request-path p95', value: 3.05, unit: 'ms', target: '<= 25' },
      { name: 'backend RSS', value: 212, unit: 'MB', target: undefined },
    ],
    malformed: [],
  });
});

test('reports broken BENCH lines as malformed instead of dropping them', () => {
  const cases = [
    'BENCH {"name": "x", "value": 1',
    'BENCH {"name": "x", "value": "12"}',
    'BENCH {"value": 12}',
    'BENCH {"name": "x", "value": 1, "target": "about 5"}',
    'BENCH null',
  ];
  const { figures, malformed } = parseBenchLines(cases.join('\n'));
  assert.deepEqual(figures, []);
  assert.deepEqual(malformed, cases);
});

test('parses targets', () => {
  assert.deepEqual(parseTarget('<= 25'), { operator: '<=', bound: 25 });
  assert.deepEqual(parseTarget('>=10'), { operator: '>=', bound: 10 });
  assert.deepEqual(parseTarget(' < 1.5 '), { operator: '<', bound: 1.5 });
  assert.deepEqual(parseTarget('== 0'), { operator: '==', bound: 0 });
  assert.equal(parseTarget('25'), undefined);
  assert.equal(parseTarget('<= ms'), undefined);
  assert.equal(parseTarget(undefined), undefined);
});

test('verdicts follow the operator, boundaries included where the operator says so', () => {
  const table = [
    [{ value: 25, target: '<= 25' }, 'met'],
    [{ value: 25.01, target: '<= 25' }, 'not met'],
    [{ value: 25, target: '< 25' }, 'not met'],
    [{ value: 10, target: '>= 10' }, 'met'],
    [{ value: 9.9, target: '>= 10' }, 'not met'],
    [{ value: 11, target: '> 10' }, 'met'],
    [{ value: 0, target: '<= 0' }, 'met'],
    [{ value: 3, target: '<= 0' }, 'not met'],
    [{ value: 3 }, 'no target'],
  ];
  for (const [figure, verdict] of table)
    assert.equal(
      verdictOf({ name: 'f', unit: '', ...figure }),
      verdict,
      JSON.stringify(figure),
    );
});
