import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOptions } from '../runOptions.mjs';

const names = ['demo-cluster', 'request-path', 'load'];

test('defaults: every benchmark, full length', () => {
  assert.deepEqual(parseOptions([], names), {
    quick: false,
    list: false,
    only: [],
    markdown: undefined,
  });
});

test('--quick, --only (spaced or with =, repeated) and --markdown', () => {
  assert.deepEqual(
    parseOptions(
      [
        '--quick',
        '--only',
        'load, demo-cluster',
        '--only=request-path',
        '--markdown=/tmp/t.md',
      ],
      names,
    ),
    {
      quick: true,
      list: false,
      only: ['load', 'demo-cluster', 'request-path'],
      markdown: '/tmp/t.md',
    },
  );
});

test('refuses unknown options, unknown names and missing values', () => {
  assert.throws(() => parseOptions(['--fast'], names), /unknown option --fast/);
  assert.throws(
    () => parseOptions(['--only', 'load,nope'], names),
    /unknown benchmark nope/,
  );
  assert.throws(() => parseOptions(['--only'], names), /--only needs a value/);
});
