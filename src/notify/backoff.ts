/**
 * Retry delays for failed deliveries: exponential with "equal jitter", so a crowd of rows that failed together
 * (the SMTP server was down) does not come back in one burst. The random source is passed in so tests are exact.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before attempt `attempt + 1`, given `attempt` (>= 1) attempts so far; random() returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const half = exp / 2;
  return Math.round(half + half * random());
}
