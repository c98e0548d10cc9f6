/** Latency samples, percentiles and a bounded worker pool. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i]!;
}

export interface Summary {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export function summarise(latenciesMs: number[], seconds: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/**
 * Runs `work` over `items` with `concurrency` workers; stops taking new items after `maxMs`, so a slow machine
 * shortens a run instead of hanging it. Returns each completed item's latency.
 */
export async function pool<T>(items: readonly T[], concurrency: number, maxMs: number, work: (item: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + maxMs;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && performance.now() < deadline) {
        const item = items[next++]!;
        const t0 = performance.now();
        await work(item);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

export const seconds = (t0: number) => (performance.now() - t0) / 1000;
