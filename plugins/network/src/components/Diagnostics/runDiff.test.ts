import type {
  CheckOutcome,
  CheckResult,
} from '@internal/plugin-network-common';
import { diffRuns, runOutcome } from './runDiff';

function result(checkId: string, outcome: CheckOutcome): CheckResult {
  return {
    checkId,
    title: checkId,
    category: 'gateway',
    outcome,
    summary: '',
    findings: [],
    durationMs: 1,
  };
}

describe('diffRuns', () => {
  it.each<[string, CheckOutcome | undefined, CheckOutcome | undefined, string]>(
    [
      ['fail to pass is fixed', 'fail', 'pass', 'fixed'],
      ['pass to warn is a regression', 'pass', 'warn', 'regressed'],
      ['error to fail is fixed (less severe)', 'error', 'fail', 'fixed'],
      ['same outcome is unchanged', 'warn', 'warn', 'unchanged'],
      ['pass to skipped is a change, not a fix', 'pass', 'skipped', 'changed'],
      ['only in the newer run is added', undefined, 'pass', 'added'],
      ['only in the older run is removed', 'fail', undefined, 'removed'],
    ],
  )('%s', (_name, before, after, change) => {
    const diff = diffRuns(
      before ? [result('a', before)] : [],
      after ? [result('a', after)] : [],
    );
    expect(diff).toEqual([{ checkId: 'a', title: 'a', before, after, change }]);
  });

  it('puts regressions first and unchanged last', () => {
    const diff = diffRuns(
      [
        result('same', 'pass'),
        result('fixed', 'fail'),
        result('worse', 'pass'),
      ],
      [
        result('same', 'pass'),
        result('fixed', 'pass'),
        result('worse', 'fail'),
      ],
    );
    expect(diff.map(entry => entry.checkId)).toEqual([
      'worse',
      'fixed',
      'same',
    ]);
  });
});

describe('runOutcome', () => {
  it.each([
    [{ pass: 3, warn: 1, fail: 0, error: 0, skipped: 2 }, 'warn'],
    [{ pass: 3, warn: 1, fail: 1, error: 1, skipped: 0 }, 'error'],
    [{ pass: 0, warn: 0, fail: 0, error: 0, skipped: 2 }, 'skipped'],
    [{ pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 }, undefined],
  ])('%j is %s', (totals, expected) => {
    expect(runOutcome(totals)).toBe(expected);
  });
});
