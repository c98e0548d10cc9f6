/**
 * A fixed-window counter per key (e-mail address, client address) for sign-in requests. One per process,
 * created by the web plugin and passed in; with several server processes each limits on its own.
 */
import type { Clock } from '../../clock.js';

export interface RateLimiter {
  /** Counts one attempt; false when the key has used up its window. */
  hit(key: string): boolean;
}

export function createRateLimiter({ limit, windowMs, clock }: { limit: number; windowMs: number; clock: Clock }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const now = clock.now().getTime();
      // Forget finished windows now and then so the map does not grow without bound.
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
      const w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      w.count += 1;
      return w.count <= limit;
    },
  };
}
