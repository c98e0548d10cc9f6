/**
 * Scenario 3, HTTP: the same 9-event flow through the real server (its own process) over loopback, driven by
 * autocannon with 64 connections. Pass 1 saturates (closed loop: each connection sends its next request as
 * soon as the last answers); pass 2 offers a fixed rate of half that, to show latency below saturation.
 */
import autocannon from 'autocannon';
import type { Engine } from '../src/engine/engine.js';
import type { manualClock } from '../src/clock.js';
import { FLOW, openCases, type Directory, type FlowCase } from './flow.js';
import type { ServerProcess } from './server-process.js';
import { summarise, type Summary } from './stats.js';

export interface HttpPass {
  label: string;
  connections: number;
  offeredRate: number | null;
  summary: Summary;
  errors: number;
}

async function phase(server: ServerProcess, dir: Directory, cases: FlowCase[], step: (typeof FLOW)[number], connections: number, rate: number | null, latencies: number[]) {
  const queue = [...cases];
  let errors = 0;
  const body = (c: FlowCase) => ({ token: step.role === 'hq' ? dir.hq.token : c.school.token, id: c.id });
  const phaseLatencies: number[] = [];
  let done!: (err: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => (done = (err) => (err ? reject(err) : resolve())));
  const instance = autocannon({
    url: server.baseUrl,
    connections,
    amount: cases.length,
    ...(rate ? { overallRate: rate } : {}),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const c = queue.shift();
          // autocannon may ask for one request beyond `amount`; send a harmless probe that is not counted.
          if (!c) return { ...req, method: 'GET', path: '/healthz' };
          const { token, id } = body(c);
          return {
            ...req,
            path: `/api/cases/${id}/events`,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: step.type, data: step.data }),
          };
        },
      },
    ],
  }, (err) => done(err));
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    phaseLatencies.push(ms);
    if (status !== 200) errors++;
  });
  await finished;
  // Probes (if any) answer last; the phase's own requests are the first `cases.length` answers.
  latencies.push(...phaseLatencies.slice(0, cases.length));
  return errors;
}

export async function httpPass(
  server: ServerProcess,
  engine: Engine,
  clock: ReturnType<typeof manualClock>,
  dir: Directory,
  n: number,
  connections: number,
  rate: number | null,
): Promise<HttpPass> {
  const cases = await openCases(engine, clock, dir, n);
  const latencies: number[] = [];
  let errors = 0;
  let busyMs = 0;
  for (const step of FLOW) {
    await server.setClock(step.at);
    const t0 = performance.now();
    errors += await phase(server, dir, cases, step, connections, rate, latencies);
    busyMs += performance.now() - t0;
  }
  return {
    label: rate ? `HTTP ${connections} conns @ ${Math.round(rate)} req/s offered` : `HTTP ${connections} conns, saturated`,
    connections,
    offeredRate: rate,
    summary: summarise(latencies, busyMs / 1000),
    errors,
  };
}
