/**
 * The real server (startServer) in its own process, for the HTTP and memory scenarios: the load generator
 * must not share its event loop. The parent moves the injected clock between flow phases over IPC.
 *
 * It also measures itself, for telling queueing from work (asked for over IPC, reset between passes):
 * event-loop delay (perf_hooks.monitorEventLoopDelay), event-loop utilisation, each request's time in the
 * server (node:http's diagnostics channels: request parsed to response finished), the wait of each transaction
 * for a pool connection and its length (src/db/client.ts's channel) and the process's CPU time.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { manualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { TRANSACTION_TIMING_CHANNEL } from '../src/db/client.js';
import { startServer } from '../src/server.js';
import type { ServerStats } from './server-process.js';

type Message =
  | { type: 'clock'; at: string }
  | { type: 'stop' }
  | { type: 'stats'; reset: boolean }
  | { type: 'profile'; action: 'start' }
  | { type: 'profile'; action: 'stop'; file: string };

const clock = manualClock(process.env.BENCH_CLOCK ?? '2026-09-01T10:00:00+09:00');
// BENCH_BACKGROUND=1 also runs the timer scheduler and the notification dispatcher in this process, as
// `npm start` does (they share its event loop); by default the bench measures requests alone.
const running = await startServer(loadConfig(process.env), { clock, runScheduler: process.env.BENCH_BACKGROUND === '1', listen: true });

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let requestMs: number[] = [];
let beginWaitMs: number[] = [];
let transactionMs: number[] = [];
let inFlight = 0;
let maxInFlight = 0;
const started = new WeakMap<object, number>();
subscribe('http.server.request.start', (m) => {
  started.set((m as { request: object }).request, performance.now());
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
});
subscribe('http.server.response.finish', (m) => {
  const t0 = started.get((m as { request: object }).request);
  inFlight--;
  if (t0 !== undefined) requestMs.push(performance.now() - t0);
});
subscribe(TRANSACTION_TIMING_CHANNEL, (m) => {
  const t = m as { waitMs: number; txMs: number };
  beginWaitMs.push(t.waitMs);
  transactionMs.push(t.txMs);
});
let since = { at: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

function stats(): ServerStats {
  const seconds = (performance.now() - since.at) / 1000;
  const cpu = process.cpuUsage(since.cpu);
  return {
    seconds,
    requests: requestMs.length,
    requestP50: pct(requestMs, 50),
    requestP99: pct(requestMs, 99),
    requestP999: pct(requestMs, 99.9),
    maxInFlight,
    loopDelayP50: loopDelay.percentile(50) / 1e6,
    loopDelayP99: loopDelay.percentile(99) / 1e6,
    loopDelayMax: loopDelay.max / 1e6,
    loopUtilisation: performance.eventLoopUtilization(since.elu).utilization,
    transactions: beginWaitMs.length,
    beginWaitP50: pct(beginWaitMs, 50),
    beginWaitP99: pct(beginWaitMs, 99),
    transactionP50: pct(transactionMs, 50),
    transactionP99: pct(transactionMs, 99),
    cpuPerCent: (100 * (cpu.user + cpu.system)) / 1e6 / seconds,
  };
}

function reset() {
  loopDelay.reset();
  requestMs = [];
  beginWaitMs = [];
  transactionMs = [];
  maxInFlight = inFlight;
  since = { at: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
}

/** A CPU profile of one pass only (steady state, without start-up), written where the parent asks. */
let session: Session | null = null;
async function profile(m: Extract<Message, { type: 'profile' }>) {
  if (m.action === 'start') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  } else if (session) {
    const { profile: p } = await session.post('Profiler.stop');
    writeFileSync(m.file, JSON.stringify(p));
    session.disconnect();
    session = null;
  }
  process.send?.({ type: 'profiled' });
}

process.on('message', (m: Message) => {
  if (m.type === 'profile') {
    void profile(m);
    return;
  }
  if (m.type === 'clock') {
    clock.set(m.at);
    process.send?.({ type: 'clock-set', at: m.at });
  } else if (m.type === 'stats') {
    const s = stats();
    if (m.reset) reset();
    process.send?.({ type: 'stats', stats: s });
  } else if (m.type === 'stop') {
    void running.stop().finally(() => process.exit(0));
  }
});
process.send?.({ type: 'ready' });
