import { conflictReason } from './conflictReason';

describe('conflictReason', () => {
  it.each([
    ['A bootstrap of demo is already in progress', false, 'already-running'],
    ['cluster is locked by run boot-2', false, 'already-running'],
    ['The plan hash no longer matches the cluster', false, 'plan-changed'],
    ['Stale plan', true, 'plan-changed'],
    ['Conflict', true, 'already-running'],
    ['Conflict', false, 'plan-changed'],
    // The network backend's own messages (BootstrapStore, BootstrapRunner).
    [
      'a bootstrap of demo is running (run 42, started by user:default/guest)',
      false,
      'already-running',
    ],
    [
      'The bootstrap plan of demo has changed since it was shown (confirmed sha256:aaaa, now sha256:bbbb): re-plan, review the changes and confirm the new hash',
      true,
      'plan-changed',
    ],
  ] as const)(
    '%s (running in history: %s) is %s',
    (message, running, expected) => {
      expect(conflictReason(message, running)).toBe(expected);
    },
  );
});
