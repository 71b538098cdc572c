/**
 * Exponential backoff with full jitter: a random delay up to base * 2^(failures-1), capped, so
 * many informers failing at once (API server restart) do not retry in lockstep. The 8 s cap
 * bounds how long an API server that has come back waits to be followed again.
 */
export function backoffDelayMs(failures: number, baseMs = 500, maxMs = 8_000, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  // Never zero: half the ceiling is fixed, the other half random.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
