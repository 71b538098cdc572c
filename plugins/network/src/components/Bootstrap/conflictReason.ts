/** Why the backend answered 409 to a bootstrap start. */
export type BootstrapConflict = 'already-running' | 'plan-changed';

/**
 * Tells the two 409s apart: the backend's message when it says, otherwise whether the
 * history has a running run (then the plan was fine and another run holds the lock).
 */
export function conflictReason(
  message: string,
  anotherRunIsRunning: boolean,
): BootstrapConflict {
  if (/already|in progress|running|lock/i.test(message))
    return 'already-running';
  if (/hash|plan|stale|changed/i.test(message)) return 'plan-changed';
  return anotherRunIsRunning ? 'already-running' : 'plan-changed';
}
