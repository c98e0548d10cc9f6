/** Renders the one results table (plus goals and query plans) as Markdown for the console and latest.md. */
import type { LevelResult } from './floor.js';
import type { HttpPass } from './http.js';
import type { OpenLoopPass } from './open-loop.js';
import type { MemoryResult } from './memory.js';
import type { StartupResult } from './startup.js';
import type { QueryResult, QueryWorld } from './queries.js';
import type { TimerRun } from './timers.js';
import type { GraphileRun } from './peer-graphile.js';
import type { AnalystScenarioResult } from './analyst-queries.js';

export interface Results {
  date: string;
  mode: 'full' | 'quick';
  machine: { node: string; postgres: string; cpu: string; cores: number; memGb: number; pglite: string; bpmnEngine: string; dbos?: string; graphileWorker?: string };
  /** The built server's start-up (absent from results written before it was measured). */
  startup?: { buildMs: number; runs: StartupResult[] };
  floor: LevelResult[];
  engine: LevelResult[];
  pglite: { floor: LevelResult; engine: LevelResult };
  peer: (LevelResult & { finished: number })[];
  /** Absent from results written before the peers were measured. */
  dbos?: (LevelResult & { finished: number })[];
  graphile?: GraphileRun[];
  statements: { perTransition: number; kinds: Record<string, number> };
  http: HttpPass[];
  timers: TimerRun[];
  queryWorld: QueryWorld & { cases: number };
  queries: QueryResult[];
  memory: MemoryResult;
  /** Absent from results written before the analyst queries were measured. */
  analyst?: AnalystScenarioResult;
  minutes: number;
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function byLevel(xs: LevelResult[], c: number) {
  return xs.find((x) => x.concurrency === c)!;
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

export function goals(r: Results): Goal[] {
  const top = Math.max(...r.engine.map((e) => e.concurrency));
  const eng = byLevel(r.engine, top).summary.perSecond;
  const floor = byLevel(r.floor, top).summary.perSecond;
  const peer = byLevel(r.peer, top).summary.perSecond;
  const sat = r.http.find((h) => h.offeredRate === null)!;
  const two = r.timers.find((t) => t.schedulers === 2)!;
  // Every due timer is handled once: fired (a DEADLINE step) or, for a reminder whose moment has passed, skipped.
  const twoFor100k = (100_000 / two.timers) * two.seconds;
  const exact = r.timers.every((t) => t.proof.pending === 0 && t.proof.casesWithWrongCount === 0 && t.proof.fired === t.timers);
  const worstQ = Math.max(...r.queries.map((q) => q.p95));
  const low = Math.min(...r.engine.map((e) => e.concurrency));
  const engLow = byLevel(r.engine, low).summary.perSecond;
  const floorLow = byLevel(r.floor, low).summary.perSecond;
  const dbosTop = r.dbos?.length ? byLevel(r.dbos, top).summary.perSecond : NaN;
  const half = r.http.filter((h) => h.offeredRate !== null).sort((a, b) => Math.abs(a.offeredRate! / sat.summary.perSecond - 0.5) - Math.abs(b.offeredRate! / sat.summary.perSecond - 0.5))[0];
  const gwTuned = Math.max(...(r.graphile ?? []).filter((g) => g.tuned).map((g) => g.perSecond));
  return [
    { goal: `Engine at concurrency ${top} ≥ 50% of the floor's tx/s`, measured: `${((100 * eng) / floor).toFixed(0)}% (${f0(eng)} vs ${f0(floor)} /s)`, met: eng >= 0.5 * floor },
    { goal: `Engine at concurrency ${low} ≥ 50% of the floor's tx/s`, measured: `${((100 * engLow) / floorLow).toFixed(0)}% (${f0(engLow)} vs ${f0(floorLow)} /s)`, met: engLow >= 0.5 * floorLow },
    { goal: `Engine at concurrency ${top} ≥ 4× DBOS Transact in the same run`, measured: `${ratio(eng, dbosTop)} (${f0(eng)} vs ${f0(dbosTop)} /s)`, met: eng >= 4 * dbosTop },
    { goal: `Engine at concurrency ${top} ≥ 2× the bpmn-engine peer`, measured: `${ratio(eng, peer)} (${f0(eng)} vs ${f0(peer)} /s)`, met: eng >= 2 * peer },
    {
      goal: 'HTTP p99 ≤ 25 ms at 50% of the saturated rate',
      measured: half ? `p99 ${f1(half.summary.p99)} ms at ${f0(half.offeredRate!)} req/s offered (saturated ${f0(sat.summary.perSecond)} req/s, p99 ${f1(sat.summary.p99)} ms)` : 'not measured',
      met: !!half && half.summary.p99 <= 25,
    },
    { goal: `HTTP saturated rate ≥ 0.6× the in-process engine at c=${top}`, measured: `${ratio(sat.summary.perSecond, eng)} (${f0(sat.summary.perSecond)} vs ${f0(eng)} /s)`, met: sat.summary.perSecond >= 0.6 * eng },
    {
      goal: '100,000 timers in ≤ 60 s with two schedulers, each exactly once',
      measured: `${f0(two.timers)} handled in ${f1(two.seconds)} s (${f0(two.timers / two.seconds)}/s → ${f0(twoFor100k)} s per 100k; ${f0(two.perSecond)}/s fired as steps, the rest stale reminders skipped); exactly once: ${exact ? 'yes' : 'NO'}`,
      met: twoFor100k <= 60 && exact,
    },
    {
      goal: "Timers ≥ 1.5× graphile-worker's tuned jobs/s (same writes, same run)",
      measured: `${ratio(two.perSecond, gwTuned)} counting timers fired as steps (${f0(two.perSecond)} vs ${f0(gwTuned)} /s); ${ratio(two.timers / two.seconds, gwTuned)} counting every timer handled`,
      met: two.perSecond >= 1.5 * gwTuned,
    },
    { goal: `Inbox and dashboard p95 ≤ 50 ms at 1,000,000 cases`, measured: `worst p95 ${f1(worstQ)} ms at ${f0(r.queryWorld.cases)} cases`, met: worstQ <= 50 && r.queryWorld.cases >= 1_000_000 },
    ...(r.analyst ? [analystGoal(r.analyst)] : []),
    { goal: 'Server RSS ≤ 200 MB after the query scenario', measured: `${f0(r.memory.rssMb)} MB (peak ${f0(r.memory.hwmMb)} MB)`, met: r.memory.rssMb <= 200 },
  ];
}

function analystGoal(a: AnalystScenarioResult): Goal {
  const worst = a.rows.reduce((w, x) => (x.p95 > w.p95 ? x : w), a.rows[0]!);
  const page = a.rows.filter((x) => x.query.startsWith('page '));
  const worstPage = page.reduce((w, x) => (x.p95 > w.p95 ? x : w), page[0] ?? worst);
  return {
    goal: 'Analyst pages p95 ≤ 300 ms at 1,000,000 cases / 10,000,000 history rows',
    measured: `${f0(a.cases)} cases, ${f0(a.historyRows)} history rows: whole page worst p95 ${f1(worstPage.p95)} ms (${worstPage.filter}); slowest query ${worst.query} (${worst.filter}) p95 ${f1(worst.p95)} ms`,
    met: a.cases >= 1_000_000 && a.historyRows >= 10_000_000 && a.rows.every((x) => x.p95 <= 300),
  };
}

export function renderTable(r: Results): string {
  const lines = [row(['Scenario', 'Setting', 'Throughput', 'p50 ms', 'p95 ms', 'p99 ms', 'Ratio (same run)']), row(['---', '---', '---:', '---:', '---:', '---:', '---'])];
  for (const s of r.startup?.runs ?? []) {
    const runs = s.runs > 1 ? `median of ${s.runs} starts, slowest ${f0(s.maxMs)} ms` : 'one start';
    lines.push(row(['0 Start-up: `node dist/src/main.js` to the first /healthz 200', `${s.setting}; ${runs}`, `${f0(s.ms)} ms`, '', '', '', `RSS ${f0(s.rssMb)} MB at start`]));
  }
  for (const x of r.floor) lines.push(row(['1 Floor: raw postgres.js tx (update case + insert history)', `c=${x.concurrency}`, `${f0(x.summary.perSecond)} tx/s`, f1(x.summary.p50), f1(x.summary.p95), f1(x.summary.p99), 'baseline']));
  for (const x of r.engine) {
    const fl = byLevel(r.floor, x.concurrency).summary.perSecond;
    lines.push(row(['2 Engine in-process (applyEvent, 9-event flow)', `c=${x.concurrency}`, `${f0(x.summary.perSecond)} tr/s`, f1(x.summary.p50), f1(x.summary.p95), f1(x.summary.p99), `${ratio(x.summary.perSecond, fl)} of floor`]));
  }
  const pf = r.pglite.floor.summary;
  const pe = r.pglite.engine.summary;
  lines.push(row(['1 Floor on PGlite (reference)', 'c=1, in memory', `${f0(pf.perSecond)} tx/s`, f1(pf.p50), f1(pf.p95), f1(pf.p99), 'baseline']));
  lines.push(row(['2 Engine on PGlite (reference)', 'c=1, in memory', `${f0(pe.perSecond)} tr/s`, f1(pe.p50), f1(pe.p95), f1(pe.p99), `${ratio(pe.perSecond, pf.perSecond)} of PGlite floor`]));
  for (const h of r.http as (HttpPass & Partial<OpenLoopPass>)[]) {
    const eng = byLevel(r.engine, Math.max(...r.engine.map((e) => e.concurrency))).summary.perSecond;
    const open = h.fraction !== undefined;
    const kind = open ? 'open loop, constant arrival rate, latency from the intended send time' : 'closed loop, autocannon';
    const setting = h.offeredRate
      ? `${open ? `${Math.round(h.fraction! * 100)}% of saturated: ` : ''}${f0(h.offeredRate)} req/s offered${open ? `, ${f0(h.achievedRate!)} achieved` : ''}`
      : `${h.connections} conns, saturated`;
    const extra = open ? `p99.9 ${f1(h.p999!)} ms, max ${f1(h.max!)} ms; ${h.errors} errors` : `${ratio(h.summary.perSecond, eng)} of in-process`;
    lines.push(row([`3 HTTP (Hono server process, ${kind}, loopback)${h.errors && !open ? ` — ${h.errors} non-200` : ''}`, setting, `${f0(h.summary.perSecond)} req/s`, f1(h.summary.p50), f1(h.summary.p95), f1(h.summary.p99), extra]));
  }
  for (const x of r.peer) {
    const ours = byLevel(r.engine, x.concurrency).summary.perSecond;
    lines.push(row([`4 Peer: bpmn-engine 25, state recovered/saved per step${x.finished < 1 ? ' (did not finish!)' : ''}`, `c=${x.concurrency}`, `${f0(x.summary.perSecond)} tr/s`, f1(x.summary.p50), f1(x.summary.p95), f1(x.summary.p99), `ours ${ratio(ours, x.summary.perSecond)}`]));
  }
  for (const x of r.dbos ?? []) {
    const ours = byLevel(r.engine, x.concurrency).summary.perSecond;
    lines.push(row([`4 Peer: DBOS Transact ${r.machine.dbos ?? ''} (workflow per case: recv, step writes, setEvent; sender waits on getEvent)${x.finished < 1 ? ' (did not finish!)' : ''}`, `c=${x.concurrency}`, `${f0(x.summary.perSecond)} tr/s`, f1(x.summary.p50), f1(x.summary.p95), f1(x.summary.p99), `ours ${ratio(ours, x.summary.perSecond)}`]));
  }
  for (const t of r.timers) {
    const ok = t.proof.pending === 0 && t.proof.casesWithWrongCount === 0 && t.proof.fired === t.timers;
    lines.push(row([`5 Timers: ${f0(t.timers)} due, ${t.schedulers} scheduler process${t.schedulers > 1 ? 'es' : ''}`, `all handled in ${f1(t.seconds)} s (${f0(t.timers / t.seconds)}/s); fired as steps ${t.firedBySchedulers.map(f0).join(' + ')}, the rest stale reminders skipped`, `${f0(t.perSecond)} fired/s`, '', '', '', ok ? 'each fired exactly once ✓' : `NOT exactly once: ${JSON.stringify(t.proof)}`]));
  }
  for (const g of r.graphile ?? []) {
    const ours = r.timers.find((t) => t.schedulers === Math.min(2, g.workers))?.perSecond ?? NaN;
    const ok = g.proof.pending === 0 && g.proof.casesWithWrongCount === 0 && g.proof.fired === g.jobs;
    lines.push(row([`5 Peer: graphile-worker ${r.machine.graphileWorker ?? ''}, ${f0(g.jobs)} due jobs, ${g.workers} worker process${g.workers > 1 ? 'es' : ''}, ${g.tuned ? 'tuned (local queue 200, batched completion)' : 'default settings'}`, `ran ${g.firedByWorkers.map(f0).join(' + ')} in ${f1(g.seconds)} s`, `${f0(g.perSecond)} jobs/s`, '', '', '', `${ok ? 'writes exactly once ✓' : `NOT exactly once: ${JSON.stringify(g.proof)}`}; ours ${ratio(ours, g.perSecond)}`]));
  }
  for (const q of r.queries) {
    lines.push(row([`6 Query: ${q.name}`, `${f0(r.queryWorld.cases)} cases, ${q.rows} rows`, '', f1(q.p50), f1(q.p95), '', `index: ${q.plan.indexes.join(', ') || 'none (seq scan)'}`]));
  }
  const m = r.memory;
  lines.push(row(['7 Memory: server RSS after HTTP query load', `${f0(m.requests)} list requests, 32 conns`, `${f0(m.perSecond)} req/s`, f1(m.p50), '', f1(m.p99), `RSS ${f0(m.rssMb)} MB (start ${f0(m.rssStartMb)}, peak ${f0(m.hwmMb)})`]));
  return lines.join('\n');
}

export function renderGoals(r: Results): string {
  return [row(['Goal', 'Measured', 'Met']), row(['---', '---', '---']), ...goals(r).map((g) => row([g.goal, g.measured, g.met ? 'yes' : '**no**']))].join('\n');
}

export function renderPlans(r: Results): string {
  return r.queries
    .map((q) => `- **${q.name}** (${q.via}): ${q.plan.nodes}; ${f1(q.plan.ms)} ms in EXPLAIN ANALYZE, ${q.plan.sharedHit} buffers hit, ${q.plan.sharedRead} read.`)
    .join('\n');
}

export function renderHeader(r: Results): string {
  const m = r.machine;
  return [
    `Date: ${r.date} · mode: ${r.mode} · total ${f1(r.minutes)} min`,
    `Node ${m.node} · PostgreSQL ${m.postgres} · PGlite ${m.pglite} · bpmn-engine ${m.bpmnEngine}${m.dbos ? ` · DBOS Transact ${m.dbos}` : ''}${m.graphileWorker ? ` · graphile-worker ${m.graphileWorker}` : ''}`,
    `CPU: ${m.cpu} × ${m.cores} cores · RAM ${m.memGb} GB · load generator, server and PostgreSQL share these cores`,
    ...(r.startup ? [`Build before the start-up rows: \`npm run build\` (tsc, incremental) ${f1(r.startup.buildMs / 1000)} s`] : []),
  ].join('  \n');
}
