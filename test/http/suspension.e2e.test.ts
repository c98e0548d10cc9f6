/** Suspensions driven through the HTTP API; the scheduler's timers roll the fiscal year and start the 5-year review. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { addOrganization, addUser, issueToken } from '../../src/db/directory.js';
import { outbox } from '../../src/db/schema.js';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import { COURSE, payload } from '../machines/suspension-fixtures.js';

let w: World;
let api: ReturnType<typeof client>;
/** A suspension spans years: the world's one-year tokens would expire, so each party gets a ten-year one. */
let tok: { school: string; hq: string; center: string; corporation: string };
beforeAll(async () => {
  w = await makeWorld('2026-03-20T09:00:00+09:00');
  api = client(appFor(w));
  const long = (u: { principal: { userId: string } }) => issueToken(w.db, u.principal.userId, w.clock.now(), 3650);
  const corp = await addOrganization(w.db, { kind: 'school', name: '職業訓練法人 東京建築協会', centerId: w.orgs.center.id, trainingCorporation: true });
  const corpUser = await addUser(w.db, { role: 'school', email: 'corporation@example.test', orgId: corp.id }, w.clock.now());
  tok = {
    school: await long(w.users.school),
    hq: await long(w.users.hq),
    center: await long(w.users.center),
    corporation: await issueToken(w.db, corpUser.id, w.clock.now(), 3650),
  };
});
afterAll(async () => {
  await w.database.close();
});

const day = (iso: string, time = '10:00') => w.clock.set(`${iso}T${time}:00+09:00`);
/** Fires every timer due by now, including those armed by the timers just fired. */
async function drain() {
  let total = 0;
  for (let n = await w.scheduler.runOnce(); n > 0; n = await w.scheduler.runOnce()) total += n;
  return total;
}

/** A 職業訓練法人 is known from its registration (org:add --training-corporation), not from the filing. */
async function openSuspension(trainingCorporation = false) {
  day('2026-03-25');
  const token = trainingCorporation ? tok.corporation : tok.school;
  const created = await api.post('/api/cases', token, {
    procedure: 'suspension',
    input: { course: COURSE, suspensionDate: '2026-04-01' },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const send = (token: string, type: string, data: unknown) => api.post(`/api/cases/${id}/events`, token, { type, data });
  const r = await send(token, 'SUSPENSION_FILED', payload.filed('2028-03-31'));
  expect(r.body.state).toBe('suspended.upToDate');
  return { id, send };
}

describe('suspension through the HTTP API', () => {
  it('is renewed twice on the fiscal-year timers (HQ-set re-filing date), then resumed', async () => {
    const { school, hq, center } = { school: { token: tok.school }, hq: { token: tok.hq }, center: { token: tok.center } };
    expect((await api.put('/api/settings/2027', hq.token, { skillCheckQuestionFiling: '2027-10-01', skillCheckReviewResult: '2027-11-15', suspensionRefiling: '2027-04-23' })).status).toBe(200);
    const { id, send } = await openSuspension();
    let c = (await api.get(`/api/cases/${id}`, center.token)).body;
    expect(c.fiscalYear).toBe(2026);
    expect(c.deadlines.map((d: { name: string }) => d.name).sort()).toEqual(['fiscalYearStart', 'fiveYearReview']);
    expect(c.deadlines.find((d: { name: string }) => d.name === 'fiveYearReview')).toMatchObject({ nominal: '2031-03-31' });
    // Nothing to re-file in the year of the first filing: the event is not accepted in this state.
    const tooLate = await send(school.token, 'ANNUAL_REFILED', payload.filed('2028-04-01'));
    expect(tooLate.status).toBe(409);

    // 1 April 2027: the year rolls, the school is told, the re-filing is armed with HQ's date.
    day('2027-04-01', '09:00');
    expect(await drain()).toBeGreaterThanOrEqual(1);
    c = (await api.get(`/api/cases/${id}`, school.token)).body;
    expect(c.state).toBe('suspended.refilingDue');
    expect(c.context.currentFiscalYear).toBe(2027);
    expect(c.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'annualRefiling', nominal: '2027-04-23', enforcement: 'soft' })]));
    const told = await w.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'due')));
    expect(told.map((o) => o.recipientParty)).toContain('school');

    day('2027-04-15');
    let r = await send(school.token, 'ANNUAL_REFILED', payload.filed('2029-04-01'));
    expect(r.status).toBe(422);
    expect(r.body.error.details.rule).toBe('plannedResumption');
    r = await send(school.token, 'ANNUAL_REFILED', payload.filed('2029-03-31'));
    expect(r.body.state).toBe('suspended.upToDate');
    r = await send(center.token, 'INSPECTION_RECORDED', { inspectedOn: '2027-09-01', findings: '訓練設備は保全されている' });
    expect(r.body.context.inspections).toHaveLength(1);

    // 1 April 2028 is a Saturday: the roll comes on Monday 3 April. Re-filed late (default date 30 April): recorded, accepted.
    day('2028-03-31', '12:00');
    expect(await drain()).toBe(0);
    day('2028-04-03', '09:00');
    await drain();
    expect((await api.get(`/api/cases/${id}`, school.token)).body.state).toBe('suspended.refilingDue');
    day('2028-05-08');
    r = await send(school.token, 'ANNUAL_REFILED', payload.filed('2030-03-31'));
    expect(r.body.state).toBe('suspended.upToDate');
    expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'annualRefiling', nominal: '2028-04-30', effective: '2028-04-28', daysLate: 10 })]);

    day('2028-09-01');
    r = await send(school.token, 'RESUMED', { resumedOn: '2028-09-01' });
    expect(r.body).toMatchObject({ state: 'resumed', status: 'done' });
    expect(r.body.context.filings.map((f: { fiscalYear: number }) => f.fiscalYear)).toEqual([2026, 2027, 2028]);
  });

  it('reaches the 5-year review on the scheduler and HQ revokes; a 職業訓練法人 is flagged after 1 year', async () => {
    const { school, hq } = { school: { token: tok.school }, hq: { token: tok.hq } };
    const { id, send } = await openSuspension();
    for (const fy of [2027, 2028, 2029, 2030]) {
      day(`${fy}-04-05`);
      await drain();
      const r = await send(school.token, 'ANNUAL_REFILED', payload.filed(`${fy + 1}-12-31`));
      expect(r.body.state).toBe('suspended.upToDate');
    }
    day('2031-04-01', '09:00');
    await drain();
    let c = (await api.get(`/api/cases/${id}`, hq.token)).body;
    expect(c.state).toBe('underReview');
    expect(c.waitingOn).toBe('hq');
    expect(c.context.reviews).toEqual([expect.objectContaining({ reason: 'fiveYears', startedOn: '2031-04-01' })]);
    const escalated = await w.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'escalation')));
    expect(escalated.map((o) => o.recipientParty)).toContain('hq');
    expect((await send(school.token, 'REVOKED', { revokedOn: '2031-04-20', reason: '5年超の休止' })).status).toBe(403);
    c = (await send(hq.token, 'REVOKED', { revokedOn: '2031-04-20', reason: '5年を超えて訓練を行っていないため' })).body;
    expect(c).toMatchObject({ state: 'revoked', status: 'done' });

    const corp = await openSuspension(true);
    day('2027-04-01', '09:30');
    await drain();
    c = (await api.get(`/api/cases/${corp.id}`, hq.token)).body;
    expect(c.state).toBe('underReview');
    expect(c.context.reviews.map((x: { reason: string }) => x.reason)).toEqual(['corporationIdle']);
    day('2027-04-12');
    c = (await corp.send(tok.corporation, 'ABOLISHED', payload.abolished())).body;
    expect(c.state).toBe('abolished');
    expect(c.context.abolition.custodian.name).toBe('東京建築業協同組合');
  });
});
