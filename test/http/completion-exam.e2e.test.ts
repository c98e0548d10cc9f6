/** A completion exam driven end to end through the HTTP API with an injected clock (PGlite, or PostgreSQL with TEST_PG_URL). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { outbox } from '../../src/db/schema.js';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import { COURSE, payload } from '../machines/completion-exam-fixtures.js';

let w: World;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  w = await makeWorld('2026-11-02T09:00:00+09:00');
  api = client(appFor(w));
});
afterAll(async () => {
  await w.database.close();
});

const day = (iso: string, time = '10:00') => w.clock.set(`${iso}T${time}:00+09:00`);
const input = { course: { ...COURSE, grade: '2級', mode: 'classroom' }, lastTrainingDay: '2027-02-27', plannedDeliveryDate: '2027-04-05' };

describe('a completion exam through the HTTP API', () => {
  it('files, is reviewed late by HQ (escalated), sits, runs a makeup round, and is certified and delivered', async () => {
    const { school, hq, center } = w.users;
    day('2026-11-02');
    const created = await api.post('/api/cases', school.token, { procedure: 'completion-exam', input });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.body.fiscalYear).toBe(2026);
    expect(created.body.deadlines).toEqual([
      expect.objectContaining({ name: 'questionFiling', nominal: '2026-12-27', effective: '2026-12-25', enforcement: 'hard', closedReason: '日曜日' }),
    ]);
    const send = (token: string, type: string, data: unknown) => api.post(`/api/cases/${id}/events`, token, { type, data });

    // Just outside the hard filing deadline: 422 naming the rule and both dates.
    day('2026-12-26');
    let r = await send(school.token, 'QUESTIONS_FILED', payload.questionsFiled());
    expect(r.status).toBe(422);
    expect(r.body.error.details).toMatchObject({ rule: 'questionFiling', nominal: '2026-12-27', effective: '2026-12-25' });
    expect(r.body.error.message).toContain('様式23-1・23-2・24');

    day('2026-12-25', '17:30');
    // 様式24 for another day than the registered last training day: 422, naming both dates and EXAM_DATE_CHANGED.
    r = await send(school.token, 'QUESTIONS_FILED', payload.questionsFiled('2027-03-06'));
    expect(r.status).toBe(422);
    expect(r.body.error.details).toMatchObject({ rule: 'examDateAsRegistered' });
    expect(r.body.error.message).toContain('令和9年3月6日');
    expect(r.body.error.message).toContain('令和9年2月27日');
    expect(r.body.error.details.remedy).toContain('EXAM_DATE_CHANGED');
    r = await send(school.token, 'QUESTIONS_FILED', payload.questionsFiled());
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('questionReview');
    expect(r.body.waitingOn).toBe('hq');
    expect(r.body.deadlines).toEqual([expect.objectContaining({ name: 'reviewResult', party: 'hq', nominal: '2027-02-20', effective: '2027-02-19' })]);
    // The filing reaches HQ and (様式24's copy) the centre.
    expect((await api.get(`/api/cases/${id}`, center.token)).status).toBe(200);

    // HQ misses its own date: reminders, then the missed notice and an escalation to HQ.
    day('2027-02-20', '09:30');
    expect(await w.scheduler.runOnce()).toBeGreaterThanOrEqual(2);
    const escalations = await w.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'escalation')));
    expect(escalations.map((o) => [o.recipientParty, o.recipientOrgId])).toEqual([['hq', w.orgs.hq.id]]);

    day('2027-02-22');
    r = await send(hq.token, 'REVIEW_GUIDANCE', { guidance: '問題12の表現を改めること' });
    expect(r.body.state).toBe('correctingQuestions');
    expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'reviewResult', daysLate: 3 })]);
    // 2 weeks before the exam was Sat 13 Feb (effective Fri 12 Feb): too late now, hard.
    r = await send(school.token, 'QUESTIONS_SENT_TO_CENTER', { correctionSummary: '問題12を訂正' });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toMatchObject({ rule: 'questionsToCenter', nominal: '2027-02-13', effective: '2027-02-12' });
    // The remedy the message offers: move the last training day (and with it the exam).
    r = await send(school.token, 'EXAM_DATE_CHANGED', { examDate: '2027-03-13', reason: '訓練日程の延長' });
    expect(r.body.deadlines).toEqual([expect.objectContaining({ name: 'questionsToCenter', nominal: '2027-02-27', effective: '2027-02-26' })]);
    r = await send(school.token, 'QUESTIONS_SENT_TO_CENTER', { correctionSummary: '問題12を訂正' });
    expect(r.body.state).toBe('examScheduled');

    day('2027-03-13', '15:00');
    r = await send(school.token, 'RESULTS_RECORDED', payload.results());
    expect(r.body.state).toBe('resultsRecorded');
    r = await send(school.token, 'MAKEUP_SCHEDULED', payload.makeup('2027-03-20', ['T2', 'T3']));
    expect(r.status).toBe(422);
    expect(r.body.error.details.rule).toBe('makeupEligibility');
    day('2027-03-16');
    await send(school.token, 'REMEDIAL_RECORDED', payload.remedial('T2', 6, '2027-03-15'));
    r = await send(school.token, 'REMEDIAL_RECORDED', payload.remedial('T2', 6, '2027-03-16'));
    expect(r.body.context.remedial).toHaveLength(2);
    r = await send(school.token, 'MAKEUP_SCHEDULED', payload.makeup('2027-03-20', ['T2', 'T3']));
    expect(r.body.state).toBe('makeupScheduled');
    day('2027-03-20', '15:00');
    r = await send(school.token, 'MAKEUP_RESULTS_RECORDED', payload.makeupResults(['T2', 72], ['T3', null]));
    expect(r.body.state).toBe('resultsRecorded');
    expect(r.body.context.results.map((x: { passed: boolean }) => x.passed)).toEqual([true, true, false]);

    day('2027-03-21');
    r = await send(school.token, 'CERT_NUMBERS_REQUESTED', {});
    expect(r.body.state).toBe('awaitingNumbers');
    r = await send(hq.token, 'CERT_NUMBERS_ISSUED', payload.numbersIssued([['T1', '東京R8修-0001'], ['T2', '東京R8修-0002']]));
    expect(r.body.state).toBe('applying');
    // Delivery 5 April: 2 weeks before is 22 March (振替休日), effective Fri 19 March — already passed.
    day('2027-03-22');
    const app = (deliveryDate: string) => payload.application(deliveryDate, [['T1', '第1号'], ['T2', '第2号']]);
    r = await send(school.token, 'CERT_APPLICATION_FILED', app('2027-04-05'));
    expect(r.status).toBe(422);
    expect(r.body.error.details).toMatchObject({ rule: 'certificationApplication', nominal: '2027-03-22', effective: '2027-03-19' });
    r = await send(school.token, 'CERT_APPLICATION_FILED', app('2027-04-09'));
    expect(r.body.state).toBe('certifying');
    day('2027-04-07');
    r = await send(hq.token, 'CERTIFIED', { certifiedOn: '2027-04-07' });
    expect(r.body.state).toBe('delivering');
    day('2027-04-09');
    r = await send(school.token, 'DELIVERED', { deliveredOn: '2027-04-09' });
    expect(r.body).toMatchObject({ state: 'delivered', status: 'done', allowedEvents: [] });

    const history = await api.get(`/api/cases/${id}/history`, hq.token);
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual(
      expect.arrayContaining(['CASE_CREATED', 'QUESTIONS_FILED', 'DEADLINE', 'MAKEUP_SCHEDULED', 'MAKEUP_RESULTS_RECORDED', 'DELIVERED']),
    );
  });

  it('publishes its definition with Japanese form labels', async () => {
    const r = await api.get('/api/procedures/completion-exam', w.users.analyst.token);
    expect(r.status).toBe(200);
    const filed = r.body.events.find((e: { type: string }) => e.type === 'QUESTIONS_FILED');
    expect(filed.form).toBe('様式23-1・23-2・24');
    expect(JSON.stringify(filed.schema)).toContain('追試験問題数');
  });
});
