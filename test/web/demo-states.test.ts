/**
 * The demo data set tells a story: seeded on different days of the year, it holds a case at every state of
 * every registered procedure, dated on or before that day, with some due this week and some overdue.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../definitions/index.js';
import { describeStates } from '../../definitions/describe.js';
import { fixedClock } from '../../src/clock.js';
import { seedDemo } from '../../src/demo.js';
import { addDays } from '../../src/domain/dates.js';
import { freshDatabase } from '../support/database.js';

let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
afterEach(async () => {
  await database?.close();
  database = null;
});

// Procedures being added in this change whose demo stories are not written yet.
const NOT_YET: string[] = [];

/** Where a case can rest: leaf states, not the transient ones an eventless transition leaves at once. */
const restingStates = () =>
  defaultRegistry()
    .list()
    .filter((d) => !NOT_YET.includes(d.id))
    .flatMap((d) => {
      const paths = describeStates(d).map((s) => s.path);
      const transient = (path: string) => Boolean(d.machine.getStateNodeById(`${d.machine.id}.${path}`).always?.length);
      return paths.filter((p) => !paths.some((q) => q.startsWith(`${p}.`)) && !transient(p)).map((p) => `${d.id} ${p}`);
    });

describe('demo data', () => {
  for (const today of ['2026-12-02', '2027-04-05']) {
    it(`seeded on ${today}: a case at every state of every procedure, nothing dated after that day`, async () => {
      database = await freshDatabase();
      const { db } = database;
      await seedDemo({ db, clock: fixedClock(`${today}T10:00:00+09:00`), publicUrl: 'http://localhost:3000' });
      const rows = (await db.execute(sql`select procedure, state, status, next_due::text as next_due from cases`)) as unknown as { rows?: unknown[] };
      const cases = (rows.rows ?? rows) as { procedure: string; state: string; status: string; next_due: string | null }[];
      const seen = new Set(cases.map((c) => `${c.procedure} ${c.state}`));
      expect(restingStates().filter((s) => !seen.has(s))).toEqual([]);
      const latest = (await db.execute(sql`select max(at)::text as at from case_events`)) as unknown as { rows?: { at: string }[] };
      const last = ((latest.rows ?? latest) as { at: string }[])[0]!.at;
      expect(new Date(last).getTime()).toBeLessThanOrEqual(new Date(`${today}T10:00:00+09:00`).getTime());
      const active = cases.filter((c) => c.status === 'active' && c.next_due);
      expect(active.some((c) => c.next_due! < today)).toBe(true);
      const inAWeek = addDays(today, 7);
      expect(active.filter((c) => c.next_due! >= today && c.next_due! <= inAWeek).length).toBeGreaterThanOrEqual(2);
    }, 120_000);
  }
});
