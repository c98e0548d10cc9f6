/**
 * Scenario 2, the engine in-process: many skill-check cases driven through the 9-event flow by
 * engine.applyEvent at a fixed concurrency. Each applyEvent is the product's full step: scope and payload
 * checks, row lock, pure transition, snapshot + history + timers + outbox in one transaction.
 */
import { defaultRegistry } from '../definitions/index.js';
import { manualClock } from '../src/clock.js';
import type { Database } from '../src/db/client.js';
import { createEngine } from '../src/engine/engine.js';
import { FLOW, openCases, type Directory } from './flow.js';
import type { LevelResult } from './floor.js';
import { seconds, summarise, pool } from './stats.js';

export async function engineLevel(database: Database, dir: Directory, concurrency: number, cases: number, maxMs: number): Promise<LevelResult> {
  const clock = manualClock('2026-09-01T10:00:00+09:00');
  const engine = createEngine({ db: database.db, clock, registry: defaultRegistry() });
  const open = await openCases(engine, clock, dir, cases);
  const latencies: number[] = [];
  const t0 = performance.now();
  for (const step of FLOW) {
    clock.set(step.at);
    const lat = await pool(open, concurrency, maxMs, async (c) => {
      const who = step.role === 'hq' ? dir.hq.principal : c.school.principal;
      await engine.applyEvent(who, c.id, { type: step.type, data: step.data });
    });
    latencies.push(...lat);
  }
  return { concurrency, summary: summarise(latencies, seconds(t0)) };
}

/**
 * Timing breakdown: the SQL statements one applyEvent sends, counted from the driver. The product makes
 * postgres.js prepare them (src/db/prepared-statements.ts): one round trip each, like the floor's.
 */
export async function statementsPerTransition(url: string, dir: Directory): Promise<{ perTransition: number; kinds: Record<string, number> }> {
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const postgres = (await import('postgres')).default;
  const schema = await import('../src/db/schema.js');
  let log: string[] | null = null;
  const client = postgres(url, { max: 2, onnotice: () => {}, debug: (_c, query) => log?.push(query) });
  const db = drizzle(client, { schema }) as unknown as Database['db'];
  const clock = manualClock('2026-09-01T10:00:00+09:00');
  const engine = createEngine({ db, clock, registry: defaultRegistry() });
  const open = await openCases(engine, clock, dir, 3);
  log = [];
  for (const step of FLOW) {
    clock.set(step.at);
    for (const c of open) await engine.applyEvent(step.role === 'hq' ? dir.hq.principal : c.school.principal, c.id, { type: step.type, data: step.data });
  }
  const kinds: Record<string, number> = {};
  for (const q of log) {
    const m = /^\s*(\w+)(?:\s+(?:into|from)?\s*"?(\w+)"?)?/i.exec(q.replace(/^select .*? from "(\w+)".*/is, 'select from $1'));
    const key = `${m?.[1]?.toLowerCase() ?? '?'} ${m?.[2] ?? ''}`.trim();
    kinds[key] = (kinds[key] ?? 0) + 1;
  }
  const transitions = open.length * FLOW.length;
  for (const k of Object.keys(kinds)) kinds[k] = Math.round((kinds[k]! / transitions) * 100) / 100;
  await client.end();
  return { perTransition: log.length / transitions, kinds };
}
