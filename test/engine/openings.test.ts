/**
 * The generic parts definitions use to read and open other cases: figures written with every step (and
 * computed for rows written before), related cases read at opening, and cases a definition opens by itself each
 * fiscal year (once per school, on both databases, even with two nodes passing at once).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { checkRule, rules, rulesGuard } from '../../definitions/common/rules.js';
import { createRegistry } from '../../definitions/registry.js';
import type { AnyProcedureDefinition, RelatedCase } from '../../definitions/types.js';
import { manualClock } from '../../src/clock.js';
import { addOrganization, type Principal, addUser } from '../../src/db/directory.js';
import { cases } from '../../src/db/schema.js';
import { createEngine } from '../../src/engine/engine.js';
import { backfillFigures } from '../../src/engine/figures-backfill.js';
import { createOpenings } from '../../src/engine/openings.js';
import { freshDatabase } from '../support/database.js';

const always = checkRule<object>('always', () => null, '—');

/** A procedure that counts: every COUNTED adds n examinees of the course. */
function counted(withStatistics = true): AnyProcedureDefinition {
  const machine = setup({
    guards: { rules: rulesGuard({ always }) },
    actions: { add: assign({ n: ({ context, event }) => (context as { n: number }).n + (event as unknown as { data: { n: number } }).data.n }) },
  }).createMachine({
    id: 'counted',
    initial: 'open',
    context: ({ input }: { input: unknown }) => ({ ...(input as object), n: 0 }),
    states: {
      open: { meta: { label: '受付中' }, on: { COUNTED: { guard: rules('always'), actions: 'add' }, CLOSED: { target: 'closed', guard: rules('always') } } },
      closed: { type: 'final', meta: { label: '廃止' } },
    },
  } as never) as unknown as AnyProcedureDefinition['machine'];
  return {
    id: 'counted',
    version: 1,
    title: '数える手続',
    description: 'テスト用',
    machine,
    rules: { always },
    inputSchema: z.object({ fiscalYear: z.number().int(), course: z.string() }),
    createRoles: ['school'],
    fiscalYearOf: (input: { fiscalYear: number }) => input.fiscalYear,
    settings: [],
    caseTitle: () => '数える案件',
    facts: () => [],
    events: {
      COUNTED: { type: 'COUNTED', label: '計上', roles: ['school'], schema: z.object({ n: z.number().int() }) },
      CLOSED: { type: 'CLOSED', label: '廃止', roles: ['school'], schema: z.object({}) },
    },
    deadlines: {},
    ...(withStatistics
      ? {
          statistics: {
            figures: [{ key: 'examinees', label: '受検者数' }],
            rows: (c: { course: string; n: number }) => (c.n ? [{ family: '機械系', course: c.course, values: { examinees: c.n } }] : []),
          },
        }
      : {}),
  };
}

/** A yearly report opened for every school on 1 May that has not closed a `counted` case, reading last year's. */
function yearly(): AnyProcedureDefinition {
  const machine = setup({ guards: { rules: rulesGuard({ always }) } }).createMachine({
    id: 'yearly',
    initial: 'drafting',
    context: ({ input }: { input: unknown }) => ({ ...(input as object) }),
    states: {
      drafting: { meta: { label: '作成中', waitingOn: 'school' }, on: { FILED: { target: 'filed', guard: rules('always') } } },
      filed: { type: 'final', meta: { label: '提出済み' } },
    },
  } as never) as unknown as AnyProcedureDefinition['machine'];
  return {
    id: 'yearly',
    version: 1,
    title: '年次報告',
    description: 'テスト用',
    machine,
    rules: { always },
    inputSchema: z.object({ fiscalYear: z.number().int(), schoolOrgId: z.string().uuid().optional() }),
    createRoles: ['hq'],
    fiscalYearOf: (input: { fiscalYear: number }) => input.fiscalYear,
    settings: [],
    caseTitle: (c: { fiscalYear: number }) => `${c.fiscalYear}年度 年次報告`,
    facts: () => [],
    events: { FILED: { type: 'FILED', label: '提出', roles: ['school'], schema: z.object({}) } },
    deadlines: {},
    related: { procedures: ['counted'], fiscalYearOf: (input: { fiscalYear: number }) => input.fiscalYear - 1 },
    openings: {
      opensOn: (fy) => `${fy}-05-01`,
      appliesTo: (_school, schoolCases) => !schoolCases.some((c) => c.procedure === 'counted' && c.state === 'closed'),
      input: (fy) => ({ fiscalYear: fy }),
    },
  };
}

describe('figures, related cases and automatic openings', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = manualClock('2027-04-20T10:00:00+09:00');
  const registry = createRegistry([counted(), yearly()]);
  let engine: ReturnType<typeof createEngine>;
  let schools: { id: string; principal: Principal }[];
  let centerId: string;
  let hqId: string;

  beforeAll(async () => {
    database = await freshDatabase();
    engine = createEngine({ db: database.db, clock, registry });
    hqId = (await addOrganization(database.db, { kind: 'hq', name: '本庁' })).id;
    centerId = (await addOrganization(database.db, { kind: 'center', name: '城南職業能力開発センター' })).id;
    schools = [];
    for (const name of ['第一校', '第二校', '第三校']) {
      const org = await addOrganization(database.db, { kind: 'school', name, centerId });
      const u = await addUser(database.db, { role: 'school', email: `${name}@example.test`, orgId: org.id }, clock.now());
      schools.push({ id: org.id, principal: { userId: u.id, role: 'school', orgId: org.id } });
    }
  });
  afterAll(async () => database.close());

  const figuresOf = async (id: string) => (await database.db.select({ figures: cases.figures }).from(cases).where(eq(cases.id, id)))[0]!.figures;

  it('writes the definition figures with every step', async () => {
    const a = await engine.createCase(schools[0]!.principal, 'counted', { fiscalYear: 2026, course: '機械加工科' });
    expect(await figuresOf(a.id)).toEqual([]);
    await engine.applyEvent(schools[0]!.principal, a.id, { type: 'COUNTED', data: { n: 3 } });
    await engine.applyEvent(schools[0]!.principal, a.id, { type: 'COUNTED', data: { n: 2 } });
    expect(await figuresOf(a.id)).toEqual([{ family: '機械系', course: '機械加工科', values: { examinees: 5 } }]);
    // The third school's training is abolished: its case is closed.
    const c = await engine.createCase(schools[2]!.principal, 'counted', { fiscalYear: 2026, course: '塗装科' });
    await engine.applyEvent(schools[2]!.principal, c.id, { type: 'CLOSED', data: {} });
  });

  it('computes figures for cases written before their definition had statistics, leaving newer steps alone', async () => {
    const before = createEngine({ db: database.db, clock, registry: createRegistry([counted(false), yearly()]) });
    const old = await before.createCase(schools[1]!.principal, 'counted', { fiscalYear: 2026, course: '電気工事科' });
    await before.applyEvent(schools[1]!.principal, old.id, { type: 'COUNTED', data: { n: 4 } });
    expect(await figuresOf(old.id)).toBeNull();
    expect(await backfillFigures(database.db, registry)).toBe(1);
    expect(await figuresOf(old.id)).toEqual([{ family: '機械系', course: '電気工事科', values: { examinees: 4 } }]);
    expect(await backfillFigures(database.db, registry)).toBe(0);
  });

  it('opens nothing before the opening day, then one case per school it applies to, reading last year', async () => {
    const openings = createOpenings({ db: database.db, clock, registry, engine });
    expect((await openings.runOnce()).opened).toEqual([]);
    clock.set('2027-05-01T00:05:00+09:00');
    // Two nodes pass at the same moment: still one case per school.
    const [p1, p2] = await Promise.all([openings.runOnce(), openings.runOnce()]);
    const opened = [...p1.opened, ...p2.opened];
    expect(opened.map((o) => o.schoolOrgId).sort()).toEqual([schools[0]!.id, schools[1]!.id].sort());
    expect((await openings.runOnce()).opened).toEqual([]);

    const rows = await database.db.select().from(cases).where(eq(cases.procedure, 'yearly'));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.openedAutomatically && r.fiscalYear === 2027 && r.state === 'drafting')).toBe(true);
    const first = rows.find((r) => r.schoolOrgId === schools[0]!.id)!;
    const related = (first.snapshot as { context: { relatedCases: RelatedCase[] } }).context.relatedCases;
    expect(related).toEqual([
      expect.objectContaining({ procedure: 'counted', state: 'open', done: false, figures: [{ family: '機械系', course: '機械加工科', values: { examinees: 5 } }] }),
    ]);
  });

  it('leaves a school alone that opened its own case of the year', async () => {
    const fourth = await addOrganization(database.db, { kind: 'school', name: '第四校', centerId });
    const hq = await addUser(database.db, { role: 'hq', email: 'hq@example.test', orgId: hqId }, clock.now());
    await engine.createCase({ userId: hq.id, role: 'hq', orgId: hqId }, 'yearly', { fiscalYear: 2027, schoolOrgId: fourth.id });
    const openings = createOpenings({ db: database.db, clock, registry, engine });
    expect((await openings.runOnce()).opened).toEqual([]);
  });
});
