/**
 * Scenario 3b, HTTP as users feel it: an open-loop load. Requests are planned at a constant arrival rate
 * (request i is due at t0 + i/rate) and sent at their due time whether or not earlier ones have answered;
 * latency runs from each request's *intended* send time, so time a request spends waiting behind a slow one
 * (in the generator, a socket queue or the server) is counted (coordinated-omission correction).
 *
 * The flow is bench/http.ts's: the 9-event skill-check flow, one event type for all cases per phase, the
 * server's injected clock moved between phases. Each pass offers a fraction of the saturated rate (closed loop,
 * bench/http.ts's httpPass, measured first in the same call).
 *
 * Why not autocannon's `overallRate`: it gives each connection a per-second quota reset by a 1 s interval, so
 * every connection sends at the start of each second: a burst of `rate` requests at once, then silence. That
 * measures a burst, not a rate (it was the "half rate" pass until now).
 */
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { manualClock } from '../src/clock.js';
import type { Engine } from '../src/engine/engine.js';
import { FLOW, openCases, type Directory, type FlowCase } from './flow.js';
import { httpPass, type HttpPass } from './http.js';
import type { ServerProcess, ServerStats } from './server-process.js';
import { percentile, summarise } from './stats.js';


/** A server figure in ms, or '–' when the period had none (a step outside an explicit transaction is not timed as one). */
const ms = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(1) : '–');
export interface PlannedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PhaseResult {
  /** Per request, from its intended send time to the end of its response (ms); failed requests included. */
  latencies: number[];
  ok: number;
  errors: number;
  /** Answers by HTTP status, and 'network' for a request that got none (refused, reset, timed out). */
  statuses: Record<string, number>;
  /** From the first intended send to the last answer (s). */
  seconds: number;
  /** How late the generator sent its latest request against the plan (ms): large means the client lagged. */
  maxSendLagMs: number;
}

/** Sends `requests` at `rate` per second on keep-alive connections (opened as needed, up to `maxSockets`). */
export async function openLoopPhase(baseUrl: string, requests: PlannedRequest[], rate: number, agent: Agent, timeoutMs = 30_000): Promise<PhaseResult> {
  const url = new URL(baseUrl);
  const interval = 1000 / rate;
  const latencies: number[] = new Array(requests.length);
  let ok = 0;
  let errors = 0;
  const statuses: Record<string, number> = {};
  let maxSendLagMs = 0;
  let lastEnd = 0;
  const inflight: Promise<void>[] = [];
  const send = (r: PlannedRequest, intended: number, i: number) =>
    new Promise<void>((resolve) => {
      const finish = (good: boolean, status: string) => {
        const end = performance.now();
        statuses[status] = (statuses[status] ?? 0) + 1;
        latencies[i] = end - intended;
        lastEnd = Math.max(lastEnd, end);
        if (good) ok++;
        else errors++;
        resolve();
      };
      const body = r.body === undefined ? undefined : Buffer.from(r.body);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          const code = res.statusCode ?? 0;
          res.on('end', () => finish(code >= 200 && code < 300, String(code)));
          res.on('error', () => finish(false, 'network'));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => finish(false, 'network'));
      req.end(body);
    });
  const t0 = performance.now() + 2;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < requests.length && t0 + next * interval <= now) {
        const intended = t0 + next * interval;
        maxSendLagMs = Math.max(maxSendLagMs, now - intended);
        inflight.push(send(requests[next]!, intended, next));
        next++;
      }
      if (next < requests.length) setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  return { latencies, ok, errors, statuses, seconds: (lastEnd - t0) / 1000, maxSendLagMs };
}

/** The event requests of one flow step for `cases` (the same bodies bench/http.ts sends). */
export function stepRequests(dir: Directory, cases: FlowCase[], step: (typeof FLOW)[number]): PlannedRequest[] {
  const data = JSON.stringify({ type: step.type, data: step.data });
  return cases.map((c) => ({
    method: 'POST',
    path: `/api/cases/${c.id}/events`,
    headers: { authorization: `Bearer ${step.role === 'hq' ? dir.hq.token : c.school.token}`, 'content-type': 'application/json' },
    body: data,
  }));
}

export interface OpenLoopPass extends HttpPass {
  /** The share of the saturated rate offered. */
  fraction: number;
  offeredRate: number;
  /** Answers (2xx or not) per second over the passes' phases. */
  achievedRate: number;
  p999: number;
  max: number;
  maxSendLagMs: number;
  /** Answers by HTTP status ('network': none). */
  statuses: Record<string, number>;
  /** Server-side figures for the pass (bench/server-child.ts), when the server process reports them. */
  server?: ServerStats;
}

export interface OpenLoopOptions {
  /** Closed-loop connections for the saturated pass (bench/http.ts). */
  connections: number;
  /** Cases for the saturated pass (each gets 9 events). */
  saturatedCases: number;
  fractions?: number[];
  /** Target length of each open-loop pass (9 phases); the case count follows from the rate. */
  secondsPerPass: number;
  /** Bounds on the cases per open-loop pass. */
  minCases?: number;
  maxCases?: number;
  /** Keep-alive connections the generator may open (requests beyond wait for one, and that wait counts). */
  maxSockets?: number;
  log?: (msg: string) => void;
  /** A folder: each pass's server CPU profile is written there (saturated.cpuprofile, open-50.cpuprofile, ...). */
  profileDir?: string;
}

export interface OpenLoopResults {
  saturated: HttpPass;
  /** Server-side figures during the saturated pass. */
  saturatedServer?: ServerStats;
  passes: OpenLoopPass[];
}

/**
 * The saturated rate (closed loop, as bench/http.ts measures it), then one open-loop pass per fraction of it.
 * `passes` are HttpPass rows too (offeredRate set), so bench/table.ts's goal lookup finds the 50 % one.
 */
export async function openLoopPasses(
  server: ServerProcess,
  engine: Engine,
  clock: ReturnType<typeof manualClock>,
  dir: Directory,
  opts: OpenLoopOptions,
): Promise<OpenLoopResults> {
  const log = opts.log ?? (() => {});
  const profiled = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    if (!opts.profileDir || !server.startProfile || !server.stopProfile) return run();
    await server.startProfile();
    try {
      return await run();
    } finally {
      await server.stopProfile(join(opts.profileDir, `${name}.cpuprofile`));
    }
  };
  await server.resetStats?.();
  const saturated = await profiled('saturated', () => httpPass(server, engine, clock, dir, opts.saturatedCases, opts.connections, null));
  const saturatedServer = await server.stats?.();
  log(`saturated: ${saturated.summary.perSecond.toFixed(0)} req/s, p50 ${saturated.summary.p50.toFixed(1)} p99 ${saturated.summary.p99.toFixed(1)} ms`);
  const passes: OpenLoopPass[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 256 });
  try {
    for (const fraction of opts.fractions ?? [0.25, 0.5, 0.75]) {
      const rate = Math.max(1, saturated.summary.perSecond * fraction);
      const n = Math.min(opts.maxCases ?? 2000, Math.max(opts.minCases ?? 32, Math.round((rate * opts.secondsPerPass) / FLOW.length)));
      const cases = await openCases(engine, clock, dir, n);
      await server.resetStats?.();
      const latencies: number[] = [];
      let errors = 0;
      let seconds = 0;
      let maxSendLagMs = 0;
      const statuses: Record<string, number> = {};
      await profiled(`open-${Math.round(fraction * 100)}`, async () => {
        for (const step of FLOW) {
          await server.setClock(step.at);
          const r = await openLoopPhase(server.baseUrl, stepRequests(dir, cases, step), rate, agent);
          latencies.push(...r.latencies);
          errors += r.errors;
          seconds += r.seconds;
          maxSendLagMs = Math.max(maxSendLagMs, r.maxSendLagMs);
          for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
        }
      });
      const sorted = [...latencies].sort((a, b) => a - b);
      const pass: OpenLoopPass = {
        label: `HTTP open loop @ ${Math.round(rate)} req/s (${Math.round(fraction * 100)} % of saturated)`,
        connections: opts.maxSockets ?? 256,
        fraction,
        offeredRate: rate,
        summary: summarise(latencies, seconds),
        errors,
        achievedRate: latencies.length / seconds,
        p999: percentile(sorted, 99.9),
        max: sorted[sorted.length - 1] ?? NaN,
        maxSendLagMs,
        statuses,
        ...(server.stats ? { server: await server.stats() } : {}),
      };
      log(
        `${Math.round(fraction * 100)} %: ${rate.toFixed(0)} offered, ${pass.achievedRate.toFixed(0)} achieved, p50 ${pass.summary.p50.toFixed(1)} p99 ${pass.summary.p99.toFixed(1)} p99.9 ${pass.p999.toFixed(1)} ms, ${errors} errors${errors ? ` ${JSON.stringify(statuses)}` : ''}` +
          (pass.server ? `; server p99 ${ms(pass.server.requestP99)} ms, loop delay p99 ${ms(pass.server.loopDelayP99)} ms, pool wait p99 ${ms(pass.server.beginWaitP99)} ms, tx p99 ${ms(pass.server.transactionP99)} ms` : ''),
      );
      passes.push(pass);
    }
  } finally {
    agent.destroy();
  }
  return { saturated, ...(saturatedServer ? { saturatedServer } : {}), passes };
}
