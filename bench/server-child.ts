/**
 * The real server (startServer) in its own process, for the HTTP and memory scenarios: the load generator
 * must not share its event loop. The parent moves the injected clock between flow phases over IPC.
 */
import { manualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';

type Message = { type: 'clock'; at: string } | { type: 'stop' };

const clock = manualClock(process.env.BENCH_CLOCK ?? '2026-09-01T10:00:00+09:00');
const running = await startServer(loadConfig(process.env), { clock, runScheduler: false, listen: true });

process.on('message', (m: Message) => {
  if (m.type === 'clock') {
    clock.set(m.at);
    process.send?.({ type: 'clock-set', at: m.at });
  } else if (m.type === 'stop') {
    void running.stop().finally(() => process.exit(0));
  }
});
process.send?.({ type: 'ready' });
