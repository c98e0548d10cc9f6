/** The "why" section of the results: what the measured figures and the profiles say about each missed goal. */
import { byLevel, goals, type Results } from './table.js';

const n0 = (n: number) => Math.round(n).toLocaleString('en-US');

/** What the two durable peers do more or less than the engine, beside their figures. */
function peerLines(r: Results): string[] {
  const lines: string[] = [];
  if (r.dbos?.length) {
    const top = Math.max(...r.dbos.map((d) => d.concurrency));
    const d = byLevel(r.dbos, top).summary;
    const e = byLevel(r.engine, top).summary;
    lines.push(
      `- **DBOS Transact ${r.machine.dbos ?? ''}** (${n0(d.perSecond)} tr/s at c=${top}, ours ${(e.perSecond / d.perSecond).toFixed(1)}×): each event is a`,
      '  send (a row in its notifications table), the workflow waking from recv (a poll or LISTEN), the step (our two writes',
      '  plus its checkpoint), setEvent, and the sender polling getEvent: several round trips more than our',
      '  transition, and no validation, statutory rules, timers, or outbox. It is exactly-once per step through its',
      "  checkpoints; the engine is exactly-once per transition through the case row's version.",
    );
  }
  const tuned = (r.graphile ?? []).filter((g) => g.tuned);
  if (tuned.length) {
    const best = tuned.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    lines.push(
      `- **graphile-worker ${r.machine.graphileWorker ?? ''}** (best tuned ${n0(best.perSecond)} jobs/s with ${best.workers} worker process${best.workers > 1 ? 'es' : ''}): a job is one small`,
      '  transaction for our three writes plus its own fetch and completion (batched when tuned); it is at-least-once',
      '  (the task guards the write), knows no office days, catch-up or states, and a worker never runs dry on its own.',
      '  Our scheduler does more per timer (restores the machine, computes the next snapshot, re-plans the deadlines,',
      '  writes history and outbox) and skips stale reminders in a catch-up, which is why its handled rate is above',
      '  its fired rate.',
    );
  }
  return lines;
}

export function explain(r: Results): string {
  const top = Math.max(...r.engine.map((e) => e.concurrency));
  const floorTop = byLevel(r.floor, top).summary;
  const engTop = byLevel(r.engine, top).summary;
  const sat = r.http.find((h) => h.offeredRate === null)!;
  const two = r.timers.find((t) => t.schedulers === 2)!;
  const kinds = Object.entries(r.statements.kinds)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
  const missed = goals(r).filter((g) => !g.met);
  const open = r.http.filter((h) => (h as { fraction?: number }).fraction !== undefined);
  return [
    '## Where the time goes',
    '',
    `- **Statements.** One engine transition sends **${r.statements.perTransition.toFixed(1)} SQL statements** (${kinds}):`,
    '  one read (the case row with its procedure\'s settings and its live timers, as JSON subqueries) and one',
    '  data-modifying statement that writes the case row (only if its version is still the one read), the history row,',
    '  the timer changes and the outbox rows (`src/engine/step-writes.ts`), both prepared, with no BEGIN/COMMIT. When',
    '  another writer came in between, a second try takes the row lock (BEGIN, SELECT … FOR UPDATE, the write, COMMIT).',
    '  The floor sends 4 (BEGIN, UPDATE … RETURNING, INSERT, COMMIT): the engine has fewer round trips than the floor.',
    '- **Profile of the in-process engine** (`npx tsx bench/profile-engine.ts 150 32`, c=32, self time): Node\'s thread is',
    '  busy about 95% of the time; about 35–43% of the samples are in `writeBuffer` (socket writes to PostgreSQL: the',
    '  thread is descheduled while the backends it wakes run on the same 2 cores), drizzle query building 10%, postgres.js',
    '  9%, the engine shell 10%, XState 7%, definitions and machines 6%, deadline dates 3.5%, GC 4%, zod 2%. Per step, the',
    '  synchronous work is led by the transition (8%), staging the writes (8%, of which the messages 4%) and the write',
    '  statement (5%); the read and the case view are about 1% each. So the engine spends a few ms of CPU per step where the',
    '  floor spends a fraction of one, and on 2 cores that CPU is taken from PostgreSQL: the floor ratio is bounded by',
    '  CPU, not by round trips. The analyst aggregates\' triggers (migration 0010) add PostgreSQL work to every step',
    '  (`PROFILE_NO_TRIGGERS=1` runs the same profile without them; on this loaded machine about 20% more transitions/s).',
    `- **Engine vs floor** at c=${top}: ${n0(engTop.perSecond)} transitions/s against ${n0(floorTop.perSecond)} floor transactions/s.`,
    '- **HTTP.** The p99 of 277–691 ms "at half the saturated rate" in earlier runs was mostly the load generator: autocannon\'s',
    '  `overallRate` gives each connection a quota per second, so every connection fires at the top of each second and the',
    '  burst queues for the 10-connection pool (pool wait p99 338–754 ms). The open-loop passes here send at a constant',
    '  arrival rate and measure from each request\'s intended send time (`bench/open-loop.ts`). Two real per-request costs',
    '  were removed: the body limit made @hono/node-server build a web Request and ReadableStream per request and',
    '  `compress()` rebuilt every response as a web stream (0.44–0.58 → 0.11–0.16 ms CPU per request in isolation), and',
    '  logs are buffered. What is left of the tail is transaction time under CPU contention on the shared cores.',
    ...open.map((h) => {
      const o = h as unknown as { fraction: number; offeredRate: number; achievedRate: number; p999: number };
      return `  ${Math.round(o.fraction * 100)}%: ${n0(o.offeredRate)} req/s offered, ${n0(o.achievedRate)} achieved, p50 ${h.summary.p50.toFixed(1)} / p99 ${h.summary.p99.toFixed(1)} / p99.9 ${o.p999.toFixed(1)} ms, ${h.errors} errors.`;
    }),
    `  Saturated (closed loop, ${sat.connections} connections): ${n0(sat.summary.perSecond)} req/s.`,
    `- **Timers.** The scheduler claims a batch (one statement) and fires its cases in groups of 20 per transaction: the`,
    '  cases locked with their settings and live timers (one statement), their due timers (one), every step staged in',
    '  memory and written by one statement. A group that fails is fired again one case per transaction, so one broken case',
    `  does not hold back the others. Two scheduler processes fired ${n0(two.perSecond)} timers/s as steps and handled ${n0(two.timers / two.seconds)}/s in all`,
    `  (CPU time / wall time ${two.cpuShare.map((c) => `${Math.round(100 * c)}%`).join(' and ')}).`,
    ...peerLines(r),
    '- **Queries.** The plans follow the indexes at any size: the inbox walks `cases_inbox_idx` (waiting_on, status, next_due),',
    '  the dashboard `cases_school_idx`, with an incremental sort on id for ties; database cost follows the page, not the table.',
    ...r.queries.map(
      (q) =>
        `  ${q.name}: ${q.plan.ms.toFixed(1)} ms inside PostgreSQL, p50 ${q.p50.toFixed(1)} ms / p95 ${q.p95.toFixed(1)} ms in Node for ${q.rows} rows` +
        (q.p50 > 5 * Math.max(q.plan.ms, 1) ? ' — the time is in moving and decoding rows, not in the query.' : '.'),
    ),
    ...(r.analyst
      ? [
          '- **Analyst queries** (scenario 8, below): counts, transitions, paths and lateness come from aggregate tables the',
          '  triggers keep in the step\'s own transaction; median and p90 of time in state from a histogram of finished stays',
          '  plus one window over the open ones. The unfiltered page and the case list of a common transition are the slow',
          '  ones (per-state counts scan the year index; the transition list looks up every matching case).',
        ]
      : []),
    `- **Memory.** The server keeps no per-case state: RSS is ${n0(r.memory.rssStartMb)} MB at start (Node + tsx loader + modules) and`,
    `  ${n0(r.memory.rssMb)} MB after ${n0(r.memory.requests)} list requests over the JSON API (\`GET /api/cases\`, engine.listCases: HQ and`,
    '  centre inboxes, school lists; the web pages need a browser session, so the API stands in for them).',
    '- **Noise.** The machine is shared (other jobs ran during this run); compare the peer ratio at every concurrency',
    '  level, not only at the top one.',
    '',
    '## Engine changes applied, and what is left',
    '',
    'Applied: prepared statements; a step is one read and one write statement, optimistic on the case version with one',
    'locked retry; the HQ organisation looked up once; due timers of up to 20 cases per transaction in three statements.',
    '',
    'Left: the step\'s CPU in Node (drizzle query building could be replaced by fixed prepared texts, the messages staged',
    'only for steps that send any, the case view not rebuilt for callers that ignore it); the analyst triggers\' cost per',
    'step (or aggregates refreshed outside the step); more cores, or PostgreSQL on other cores than the engine.',
    '',
    missed.length ? `Missed goals: ${missed.map((g) => g.goal).join('; ')}.` : 'All goals met.',
  ].join('\n');
}
