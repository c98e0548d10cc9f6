import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { caseEvents, cases, outbox, timers } from '../../src/db/schema.js';
import { AppError } from '../../src/errors.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => {
  await w.database.close();
});

async function footprint(caseId: string) {
  const [c] = await w.db.select().from(cases).where(eq(cases.id, caseId));
  const [h] = await w.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, caseId));
  const [t] = await w.db.select({ n: count() }).from(timers).where(eq(timers.caseId, caseId));
  const [o] = await w.db.select({ n: count() }).from(outbox).where(eq(outbox.caseId, caseId));
  return { version: c!.version, state: c!.state, snapshot: JSON.stringify(c!.snapshot), history: h!.n, timers: t!.n, outbox: o!.n };
}

async function rejected(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

const at = (iso: string) => w.clock.set(`${iso}T10:00:00+09:00`);

describe('engine on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('creates a case with its first history row and arms the question-filing timers', async () => {
    at('2026-09-01');
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    expect(c.state).toBe('questionsDrafting');
    expect(c.version).toBe(1);
    expect(c.centerOrgId).toBe(w.orgs.center.id);
    expect(c.deadlines).toEqual([
      expect.objectContaining({ name: 'questionFiling', nominal: '2026-10-07', effective: '2026-10-07', enforcement: 'soft', status: 'pending' }),
    ]);
    expect(c.allowedEvents).toEqual(expect.arrayContaining(['QUESTIONS_FILED', 'EXAM_DATE_CHANGED', 'WITHDRAWN']));
    const ts = await w.db.select().from(timers).where(eq(timers.caseId, c.id));
    expect(ts.map((t) => `${t.kind}@${t.fireAt.toISOString()}`).sort()).toEqual([
      'due@2026-10-07T00:00:00.000Z',
      'overdue@2026-10-08T00:00:00.000Z',
      'reminder@2026-09-23T00:00:00.000Z',
      'reminder@2026-09-30T00:00:00.000Z',
      'reminder@2026-10-06T00:00:00.000Z',
    ]);
    const h = await w.engine.history(w.users.school.principal, c.id);
    expect(h.map((r) => [r.seq, r.type, r.fromState, r.toState])).toEqual([[1, 'CASE_CREATED', null, 'questionsDrafting']]);
  });

  it('rejects bad input with the right status and writes nothing', async () => {
    at('2026-09-01');
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const before = await footprint(c.id);
    const school = w.users.school.principal;

    const invalid = await rejected(w.engine.applyEvent(school, c.id, { type: 'QUESTIONS_FILED', data: { ...pay.questionsFiled(), written: { mainQuestions: 90 } } }));
    expect(invalid.status).toBe(400);
    expect(invalid.message).toContain('様式18-1');

    expect((await rejected(w.engine.applyEvent(school, c.id, { type: 'NO_SUCH_EVENT' }))).status).toBe(400);
    expect((await rejected(w.engine.applyEvent(w.users.hq.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }))).status).toBe(403);
    expect((await rejected(w.engine.applyEvent(w.users.neighbour.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }))).status).toBe(403);
    expect((await rejected(w.engine.applyEvent(w.users.analyst.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }))).status).toBe(403);
    expect((await rejected(w.engine.applyEvent(w.users.hq.principal, c.id, { type: 'REVIEW_APPROVED', data: {} }))).status).toBe(409);
    expect((await rejected(w.engine.applyEvent(school, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }, { ifMatch: 7 }))).status).toBe(409);
    const outside = await rejected(w.engine.applyEvent(school, c.id, { type: 'EXAM_DATE_CHANGED', data: { examDate: '2027-01-05', reason: '会場の都合' } }));
    expect(outside.status).toBe(422);
    expect(outside.code).toBe('rule_violation');
    expect((outside.details as { rule: string }).rule).toBe('examWindow');
    expect((await rejected(w.engine.getCase(w.users.farSchool.principal, c.id))).status).toBe(403);
    expect((await rejected(w.engine.getCase(w.users.otherCenter.principal, c.id))).status).toBe(403);
    expect((await rejected(w.engine.getCase(school, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);

    expect(await footprint(c.id)).toEqual(before);
  });

  it('drives a skill check to delivery; a late implementation notice is refused with 422 until the exam date moves', async () => {
    const { school, hq, center } = w.users;
    at('2026-09-01');
    let c = await w.engine.createCase(school.principal, 'skill-check', pay.skillCheckInput());
    at('2026-10-01');
    c = await w.engine.applyEvent(school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }, { ifMatch: c.version });
    expect(c.state).toBe('questionReview');
    expect(c.waitingOn).toBe('hq');
    expect(c.deadlines.map((d) => d.name)).toEqual(['reviewResult']);
    at('2026-11-10');
    c = await w.engine.applyEvent(hq.principal, c.id, { type: 'REVIEW_APPROVED', data: {} });
    expect(c.state).toBe('preparing');
    expect(c.deadlines[0]).toMatchObject({ name: 'implementationNotice', nominal: '2027-01-15', effective: '2027-01-15' });

    at('2027-01-20');
    const before = await footprint(c.id);
    const late = await rejected(w.engine.applyEvent(school.principal, c.id, { type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-02-15') }));
    expect(late.status).toBe(422);
    expect(late.message).toContain('令和9年1月15日');
    expect(late.details).toMatchObject({ rule: 'implementationNotice', nominal: '2027-01-15', effective: '2027-01-15' });
    expect((late.details as { remedy: string }).remedy).toContain('試験実施予定日の変更');
    expect(await footprint(c.id)).toEqual(before);

    c = await w.engine.applyEvent(school.principal, c.id, { type: 'EXAM_DATE_CHANGED', data: { examDate: '2027-03-01', reason: '実習場改修のため' } });
    expect(c.deadlines[0]).toMatchObject({ name: 'implementationNotice', nominal: '2027-02-01', effective: '2027-02-01' });
    c = await w.engine.applyEvent(school.principal, c.id, { type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-03-01') });
    expect(c.state).toBe('examScheduled');

    // Centre can see the case of its region but may not file for the school.
    expect((await rejected(w.engine.applyEvent(center.principal, c.id, { type: 'RESULTS_RECORDED', data: pay.results() }))).status).toBe(403);
    const early = await rejected(w.engine.applyEvent(school.principal, c.id, { type: 'RESULTS_RECORDED', data: pay.results() }));
    expect(early.status).toBe(422);
    at('2027-03-02');
    c = await w.engine.applyEvent(school.principal, c.id, { type: 'RESULTS_RECORDED', data: pay.results() });
    const ctx = c.context as { results: { traineeId: string; writtenScore: number | null; passed: boolean }[] };
    expect(ctx.results.map((r) => [r.traineeId, r.writtenScore, r.passed])).toEqual([
      ['T1', 64, true],
      ['T2', 30, false],
      ['T3', null, false],
    ]);
    c = await w.engine.applyEvent(school.principal, c.id, { type: 'CERT_NUMBERS_REQUESTED', data: {} });
    at('2027-03-03');
    c = await w.engine.applyEvent(hq.principal, c.id, { type: 'CERT_NUMBERS_ISSUED', data: { numbers: [{ traineeId: 'T1', tokyoNumber: '8-機-001' }] } });
    expect(c.state).toBe('applying');
    // 2 weeks before a 2027-03-14 (Sunday) delivery is Sunday 2027-02-28: effective Friday 2027-02-26.
    const tooLate = await rejected(
      w.engine.applyEvent(school.principal, c.id, { type: 'CERT_APPLICATION_FILED', data: { representative: '甲野 乙男', deliveryDate: '2027-03-14', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] } }),
    );
    expect(tooLate.details).toMatchObject({ rule: 'certificationApplication', nominal: '2027-02-28', effective: '2027-02-26' });
    at('2027-03-04');
    c = await w.engine.applyEvent(school.principal, c.id, {
      type: 'CERT_APPLICATION_FILED',
      data: { representative: '甲野 乙男', deliveryDate: '2027-03-25', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] },
    });
    expect(c.state).toBe('certifying');
    at('2027-03-15');
    c = await w.engine.applyEvent(hq.principal, c.id, { type: 'CERTIFIED', data: { certifiedOn: '2027-03-15' } });
    at('2027-03-25');
    c = await w.engine.applyEvent(school.principal, c.id, { type: 'DELIVERED', data: { deliveredOn: '2027-03-25' } });
    expect(c.state).toBe('delivered');
    expect(c.deadlines).toEqual([]);
    const h = await w.engine.history(hq.principal, c.id);
    expect(h.map((r) => r.seq)).toEqual(h.map((_, i) => i + 1));
    expect(h.map((r) => r.type)).toEqual([
      'CASE_CREATED',
      'QUESTIONS_FILED',
      'REVIEW_APPROVED',
      'EXAM_DATE_CHANGED',
      'IMPLEMENTATION_NOTICE_FILED',
      'RESULTS_RECORDED',
      'CERT_NUMBERS_REQUESTED',
      'CERT_NUMBERS_ISSUED',
      'CERT_APPLICATION_FILED',
      'CERTIFIED',
      'DELIVERED',
    ]);
    const pending = await w.db.select().from(timers).where(eq(timers.caseId, c.id));
    expect(pending.filter((t) => t.status === 'pending')).toEqual([]);
  });

  it('fires due timers as DEADLINE events, records lateness of a soft deadline, and cancels timers on exit', async () => {
    at('2026-09-01');
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    w.clock.set('2026-09-23T09:00:00+09:00');
    await w.scheduler.runOnce();
    let h = await w.engine.history(w.users.school.principal, c.id);
    expect(h.at(-1)).toMatchObject({ type: 'DEADLINE', actorKind: 'scheduler', payload: { deadline: 'questionFiling', kind: 'reminder' } });
    const mails = await w.db.select().from(outbox).where(eq(outbox.caseId, c.id));
    expect(mails.map((m) => [m.template, m.recipientOrgId])).toEqual([['reminder', w.orgs.school.id]]);
    // Running again fires nothing new.
    await w.scheduler.runOnce();
    expect((await w.engine.history(w.users.school.principal, c.id)).length).toBe(h.length);

    w.clock.set('2026-10-08T09:00:00+09:00');
    await w.scheduler.runOnce();
    h = await w.engine.history(w.users.school.principal, c.id);
    // The two reminders whose days passed meanwhile are skipped (one catch-up message lists them); due and missed fire.
    expect(h.filter((r) => r.type === 'DEADLINE').map((r) => (r.payload as { kind: string }).kind)).toEqual(['reminder', 'due', 'overdue']);
    const templates = (await w.db.select().from(outbox).where(eq(outbox.caseId, c.id))).map((m) => `${m.template}:${m.recipientParty}`);
    expect(templates).toEqual(expect.arrayContaining(['catch-up:school', 'due:school', 'missed:school', 'escalation:hq']));

    w.clock.set('2026-10-09T10:00:00+09:00');
    const filed = await w.engine.applyEvent(w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    expect(filed.state).toBe('questionReview');
    expect((filed.context as { lateness: unknown[] }).lateness).toEqual([
      expect.objectContaining({ deadline: 'questionFiling', effective: '2026-10-07', filedOn: '2026-10-09', daysLate: 2 }),
    ]);
    const ts = await w.db.select().from(timers).where(eq(timers.caseId, c.id));
    expect(ts.filter((t) => t.deadline === 'questionFiling' && t.status === 'pending')).toEqual([]);
    expect(ts.filter((t) => t.deadline === 'reviewResult' && t.status === 'pending').length).toBe(4);
  });
});
