import { conflictReason } from './conflictReason';

describe('conflictReason', () => {
  it.each([
    ['A bootstrap of demo is already in progress', false, 'already-running'],
    ['cluster is locked by run boot-2', false, 'already-running'],
    ['The plan hash no longer matches the cluster', false, 'plan-changed'],
    ['Stale plan', true, 'plan-changed'],
    ['Conflict', true, 'already-running'],
    ['Conflict', false, 'plan-changed'],
  ] as const)(
    '%s (running in history: %s) is %s',
    (message, running, expected) => {
      expect(conflictReason(message, running)).toBe(expected);
    },
  );
});
