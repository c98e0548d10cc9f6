/**
 * Opens the cases definitions ask for by themselves (`openings`: a plan every school files each fiscal year).
 * Each pass looks, for the current fiscal year (Tokyo), at every definition with openings whose opening day has
 * come, and opens one case for each school that has none of that procedure and year and that the definition
 * says it applies to. Passes are idempotent and any number of nodes may run them: the engine's unique index on
 * automatic openings keeps one case per school, procedure and year.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Registry } from '../../definitions/registry.js';
import type { AnyProcedureDefinition, SchoolCaseSummary } from '../../definitions/types.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { cases, organizations } from '../db/schema.js';
import { compareDates, tokyoDate } from '../domain/dates.js';
import { fiscalYearOf } from '../domain/fiscal-year.js';
import { createLoop } from '../loop.js';
import type { Engine } from './engine.js';

export interface OpeningsDeps {
  db: Db;
  clock: Clock;
  registry: Registry;
  engine: Pick<Engine, 'openForSchool'>;
  onError?: (err: unknown, procedure: string) => void;
}

export interface OpeningsPass {
  opened: { procedure: string; schoolOrgId: string; caseId: string }[];
}

export function createOpenings({ db, clock, registry, engine, onError }: OpeningsDeps) {
  async function openFor(definition: AnyProcedureDefinition, fiscalYear: number, pass: OpeningsPass) {
    const rule = definition.openings!;
    const candidates = await db
      .select({ id: organizations.id, name: organizations.name, trainingCorporation: organizations.trainingCorporation })
      .from(organizations)
      .where(
        and(
          eq(organizations.kind, 'school'),
          sql`not exists (select 1 from ${cases} c where c.procedure = ${definition.id} and c.school_org_id = ${organizations.id} and c.fiscal_year = ${fiscalYear})`,
        ),
      )
      .orderBy(organizations.createdAt, organizations.id);
    if (!candidates.length) return;
    const summaries = new Map<string, SchoolCaseSummary[]>();
    if (rule.appliesTo) {
      const rows = await db
        .selectDistinct({ schoolOrgId: cases.schoolOrgId, procedure: cases.procedure, state: cases.state, status: cases.status, fiscalYear: cases.fiscalYear })
        .from(cases)
        .where(inArray(cases.schoolOrgId, candidates.map((c) => c.id)));
      for (const r of rows) {
        const list = summaries.get(r.schoolOrgId) ?? [];
        list.push({ procedure: r.procedure, state: r.state, done: r.status === 'done', fiscalYear: r.fiscalYear });
        summaries.set(r.schoolOrgId, list);
      }
    }
    for (const school of candidates) {
      if (rule.appliesTo && !rule.appliesTo(school, summaries.get(school.id) ?? [], fiscalYear)) continue;
      const caseId = await engine.openForSchool(definition, school.id, fiscalYear, school);
      if (caseId) pass.opened.push({ procedure: definition.id, schoolOrgId: school.id, caseId });
    }
  }

  async function runOnce(): Promise<OpeningsPass> {
    const today = tokyoDate(clock.now());
    const fiscalYear = fiscalYearOf(today);
    const pass: OpeningsPass = { opened: [] };
    for (const definition of registry.list()) {
      if (!definition.openings || compareDates(today, definition.openings.opensOn(fiscalYear)) < 0) continue;
      try {
        await openFor(definition, fiscalYear, pass);
      } catch (err) {
        // One procedure's failure (a school whose input the definition cannot build) does not stop the others.
        if (!onError) throw err;
        onError(err, definition.id);
      }
    }
    return pass;
  }

  const loop = createLoop(async () => void (await runOnce()), (err) => onError?.(err, '*'));
  return { runOnce, start: loop.start, stop: loop.stop };
}

export type Openings = ReturnType<typeof createOpenings>;
