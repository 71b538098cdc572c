/**
 * Exponential backoff with full jitter: a random delay up to base * 2^(failures-1), capped, so
 * many informers failing at once (API server restart) do not retry in lockstep.
 */
export function backoffDelayMs(failures: number, baseMs = 500, maxMs = 30_000, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  // Never zero: half the ceiling is fixed, the other half random.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
