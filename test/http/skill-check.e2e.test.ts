import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

let w: World;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  w = await makeWorld();
  api = client(appFor(w));
});
afterAll(async () => {
  await w.database.close();
});

const day = (iso: string, time = '10:00') => w.clock.set(`${iso}T${time}:00+09:00`);

describe('a skill check driven through the HTTP API', () => {
  it('goes from creation to delivery with a moving clock; a late notice is 422 until the exam date moves', async () => {
    const { school, hq, center, neighbour, analyst } = w.users;
    day('2026-09-01');
    const created = await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput() });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id: string = created.body.id;
    const send = (token: string, type: string, data: unknown, headers?: Record<string, string>) =>
      api.post(`/api/cases/${id}/events`, token, { type, data }, headers);

    day('2026-09-23', '09:00');
    await w.scheduler.runOnce(); // first reminder of the question filing

    day('2026-10-02');
    let r = await send(school.token, 'QUESTIONS_FILED', pay.questionsFiled(), { 'If-Match': '"2"' });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('questionReview');

    // A stale If-Match loses.
    r = await send(hq.token, 'REVIEW_APPROVED', {}, { 'If-Match': '2' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('stale_version');

    day('2026-11-13');
    r = await send(hq.token, 'REVIEW_APPROVED', { note: '適' });
    expect(r.body.state).toBe('preparing');

    day('2027-01-18');
    r = await send(school.token, 'IMPLEMENTATION_NOTICE_FILED', pay.implementationNotice('2027-02-15'));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('rule_violation');
    expect(r.body.error.details).toMatchObject({ rule: 'implementationNotice', nominal: '2027-01-15', effective: '2027-01-15' });
    expect(r.body.error.message).toContain('技能照査実施届出');

    r = await send(school.token, 'EXAM_DATE_CHANGED', { examDate: '2027-03-01', reason: '実習場の改修' });
    expect(r.status).toBe(200);
    r = await send(school.token, 'IMPLEMENTATION_NOTICE_FILED', pay.implementationNotice('2027-03-01'));
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('examScheduled');

    // The centre of the region sees it; another school and the analyst cannot act.
    expect((await api.get(`/api/cases/${id}`, center.token)).status).toBe(200);
    expect((await send(neighbour.token, 'RESULTS_RECORDED', pay.results())).status).toBe(403);
    expect((await send(analyst.token, 'RESULTS_RECORDED', pay.results())).status).toBe(403);

    day('2027-03-02');
    r = await send(school.token, 'RESULTS_RECORDED', pay.results());
    expect(r.body.context.results.find((x: { traineeId: string }) => x.traineeId === 'T1')).toMatchObject({ writtenScore: 64, passed: true });
    r = await send(school.token, 'CERT_NUMBERS_REQUESTED', {});
    expect(r.body.state).toBe('awaitingNumbers');
    r = await send(hq.token, 'CERT_NUMBERS_ISSUED', { numbers: [{ traineeId: 'T1', tokyoNumber: '8-機-001' }] });
    expect(r.body.state).toBe('applying');
    day('2027-03-05');
    r = await send(school.token, 'CERT_APPLICATION_FILED', { representative: '甲野 乙男', deliveryDate: '2027-03-25', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] });
    expect(r.body.state).toBe('certifying');
    day('2027-03-16');
    r = await send(hq.token, 'CERTIFIED', { certifiedOn: '2027-03-16' });
    day('2027-03-25');
    r = await send(school.token, 'DELIVERED', { deliveredOn: '2027-03-25' });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('delivered');

    const history = await api.get(`/api/cases/${id}/history`, hq.token);
    const types = history.body.history.map((h: { type: string }) => h.type);
    expect(types[0]).toBe('CASE_CREATED');
    expect(types).toContain('DEADLINE');
    expect(types.at(-1)).toBe('DELIVERED');
    expect(history.body.history.map((h: { seq: number }) => h.seq)).toEqual(types.map((_: string, i: number) => i + 1));
  });

  it('answers errors as JSON with the right status and changes nothing', async () => {
    const { school, farSchool, hq } = w.users;
    day('2026-09-01');
    const c = await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput() });
    const id = c.body.id as string;
    const snapshot = async () => JSON.stringify((await api.get(`/api/cases/${id}`, hq.token)).body);
    const before = await snapshot();

    expect((await api.get('/api/cases', null)).status).toBe(401);
    expect((await api.get('/api/cases', 'swe_not_a_token')).status).toBe(401);
    expect((await api.post(`/api/cases/${id}/events`, school.token, '{"type":')).status).toBe(400);
    expect((await api.post(`/api/cases/${id}/events`, school.token, [1, 2])).status).toBe(400);
    expect((await api.post(`/api/cases/${id}/events`, school.token, { type: 'QUESTIONS_FILED', data: { representative: 1 } })).status).toBe(400);
    expect((await api.post(`/api/cases/${id}/events`, school.token, { type: 'QUESTIONS_FILED', data: pay.questionsFiled(), extra: 1 })).status).toBe(400);
    expect((await api.post(`/api/cases/not-a-uuid/events`, school.token, { type: 'X' })).status).toBe(400);
    expect((await api.post(`/api/cases/${id}/events`, farSchool.token, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() })).status).toBe(403);
    expect((await api.get(`/api/cases/${id}`, farSchool.token)).status).toBe(403);
    expect((await api.post(`/api/cases/${id}/events`, hq.token, { type: 'CERTIFIED', data: { certifiedOn: '2026-09-01' } })).status).toBe(409);
    expect((await api.post(`/api/cases/${id}/events`, school.token, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }, { 'If-Match': 'abc' })).status).toBe(400);
    expect((await api.get('/api/cases/00000000-0000-4000-8000-000000000000', hq.token)).status).toBe(404);
    expect((await api.get('/api/nowhere', hq.token)).status).toBe(404);
    const huge = await api.post(`/api/cases/${id}/events`, school.token, { type: 'QUESTIONS_FILED', data: { representative: 'x'.repeat(100_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const badInput = await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput({ trainingCompletionDate: '2027-02-30' }) });
    expect(badInput.status).toBe(400);
    expect(JSON.stringify(badInput.body)).toContain('訓練修了日');
    expect((await api.post('/api/cases', school.token, { procedure: 'nope', input: {} })).status).toBe(404);
    expect((await api.post('/api/cases', w.users.analyst.token, { procedure: 'skill-check', input: pay.skillCheckInput() })).status).toBe(403);
    expect((await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput({ schoolOrgId: w.orgs.neighbour.id }) })).status).toBe(403);

    expect(await snapshot()).toBe(before);
  });

  it('scopes lists: a school sees its own cases, a centre its region, HQ all', async () => {
    const { school, neighbour, farSchool, center, otherCenter, hq } = w.users;
    day('2026-09-01');
    const mine = (await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput() })).body.id;
    const theirs = (await api.post('/api/cases', neighbour.token, { procedure: 'skill-check', input: pay.skillCheckInput() })).body.id;
    const far = (await api.post('/api/cases', hq.token, { procedure: 'skill-check', input: pay.skillCheckInput({ schoolOrgId: w.orgs.farSchool.id }) })).body.id;
    const ids = async (token: string, q = '') => (await api.get(`/api/cases?limit=500${q}`, token)).body.cases.map((c: { id: string }) => c.id);
    expect(await ids(school.token)).toContain(mine);
    expect(await ids(school.token)).not.toContain(theirs);
    expect(await ids(center.token)).toEqual(expect.arrayContaining([mine, theirs]));
    expect(await ids(center.token)).not.toContain(far);
    expect(await ids(otherCenter.token)).toEqual([far]);
    expect(await ids(farSchool.token)).toEqual([far]);
    expect(await ids(hq.token)).toEqual(expect.arrayContaining([mine, theirs, far]));
    expect(await ids(hq.token, `&org=${w.orgs.farSchool.id}`)).toEqual([far]);
    expect((await api.get('/api/cases?due_before=tomorrow', hq.token)).status).toBe(400);
  });

  it('serves procedures, the OpenAPI document, settings and health', async () => {
    const { hq, school, admin } = w.users;
    const list = await api.get('/api/procedures', school.token);
    expect(list.body.map((p: { id: string }) => p.id)).toContain('skill-check');
    const def = await api.get('/api/procedures/skill-check', school.token);
    expect(def.body.states.map((s: { path: string }) => s.path)).toContain('preparing');
    expect(def.body.deadlines.find((d: { name: string }) => d.name === 'implementationNotice')).toMatchObject({ enforcement: 'hard', rule: '試験実施予定日の1か月前' });
    expect(def.body.events.find((e: { type: string }) => e.type === 'IMPLEMENTATION_NOTICE_FILED').form).toBe('様式19-1・19-2');
    const doc = await api.get('/api/openapi.json', null);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.components.schemas['skill-check.IMPLEMENTATION_NOTICE_FILED']).toBeDefined();
    expect((await api.get('/healthz', null)).body.status).toBe('ok');

    expect((await api.get('/api/settings/2026', school.token)).body.skillCheckQuestionFiling).toBe('2026-10-07');
    const body = { skillCheckQuestionFiling: '2026-10-02', skillCheckReviewResult: '2026-11-13', suspensionRefiling: '2026-05-15' };
    expect((await api.put('/api/settings/2026', school.token, body)).status).toBe(403);
    expect((await api.put('/api/settings/2026', hq.token, { ...body, suspensionRefiling: '2027-05-15' })).status).toBe(422);
    expect((await api.put('/api/settings/2026', admin.token, body)).status).toBe(200);
    day('2026-09-01');
    const c = await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput() });
    // 2026-10-02 is a Friday: nominal = effective.
    expect(c.body.deadlines[0]).toMatchObject({ name: 'questionFiling', nominal: '2026-10-02', effective: '2026-10-02' });
  });
});
