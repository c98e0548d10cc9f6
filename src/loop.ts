/**
 * A background loop: runs `tick`, waits `intervalMs`, again; stop() waits for the tick in flight. The timer
 * scheduler and the notification dispatcher both run on it, so it lives beside them rather than in either layer.
 */
export function createLoop(tick: () => Promise<void>, onError: (err: unknown) => void) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let interval = 0;
  const run = () => {
    running = tick()
      .catch(onError)
      .finally(() => {
        running = null;
        if (timer) timer = setTimeout(run, interval);
      });
  };
  return {
    start(intervalMs: number) {
      interval = intervalMs;
      timer = setTimeout(run, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
