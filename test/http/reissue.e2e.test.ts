/** Reissues through the HTTP API: one linked to a skill check this system certified, one of a completion certificate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { ALL_BUT_RESIDENCE, payload, request } from '../machines/reissue-fixtures.js';
import { COURSE as SUSPENDED_COURSE } from '../machines/suspension-fixtures.js';

let w: World;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T09:00:00+09:00');
  api = client(appFor(w));
});
afterAll(async () => {
  await w.database.close();
});

const day = (iso: string, time = '10:00') => w.clock.set(`${iso}T${time}:00+09:00`);
const sender = (id: string) => (token: string, type: string, data: unknown) => api.post(`/api/cases/${id}/events`, token, { type, data });

/** A skill check certified and delivered (T1 passes with Tokyo number 8-機-001, school number 第1号). */
async function deliveredSkillCheck(): Promise<string> {
  const { school, hq } = w.users;
  day('2026-09-01');
  const id: string = (await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput() })).body.id;
  const send = sender(id);
  const steps: [string, string, string, unknown][] = [
    ['2026-10-02', school.token, 'QUESTIONS_FILED', pay.questionsFiled()],
    ['2026-11-13', hq.token, 'REVIEW_APPROVED', {}],
    ['2027-01-14', school.token, 'IMPLEMENTATION_NOTICE_FILED', pay.implementationNotice('2027-02-15')],
    ['2027-02-15', school.token, 'RESULTS_RECORDED', pay.results()],
    ['2027-02-16', school.token, 'CERT_NUMBERS_REQUESTED', {}],
    ['2027-02-17', hq.token, 'CERT_NUMBERS_ISSUED', { numbers: [{ traineeId: 'T1', tokyoNumber: '8-機-001' }] }],
    ['2027-03-05', school.token, 'CERT_APPLICATION_FILED', { representative: '甲野 乙男', deliveryDate: '2027-03-25', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] }],
    ['2027-03-16', hq.token, 'CERTIFIED', { certifiedOn: '2027-03-16' }],
    ['2027-03-25', school.token, 'DELIVERED', { deliveredOn: '2027-03-25' }],
  ];
  for (const [date, token, type, data] of steps) {
    day(date);
    const r = await send(token, type, data);
    expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  }
  return id;
}

describe('reissue through the HTTP API', () => {
  it('after a name change, linked to the skill check that issued the certificate: prefilled, numbered 再, re-certified, delivered', async () => {
    const { school, hq } = w.users;
    const original = await deliveredSkillCheck();
    day('2027-06-01');
    const nameChanged = { ...request('nameChanged'), name: '山田 太郎', formerName: '能力 太郎' };
    const created = await api.post('/api/cases', school.token, { procedure: 'reissue', input: { originalCaseId: original, traineeId: 'T1', request: nameChanged } });
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('山田 太郎 技能照査合格証書の再交付（氏名変更）');
    expect(created.body.context).toMatchObject({
      certificateType: 'skill-check',
      link: { caseId: original, procedure: 'skill-check', state: 'delivered', traineeId: 'T1' },
      linkProblems: [],
      original: { examDate: '2027-02-15', schoolNumber: '第1号', tokyoNumber: '8-機-001', name: '能力 太郎', birthDate: '2005-04-02' },
    });
    expect(created.body.waitingOn).toBe('hq');
    const send = sender(created.body.id);

    day('2027-06-10');
    expect((await send(hq.token, 'NUMBERS_ASSIGNED', { ...payload.numbers(), tokyoNumber: '8-機-001' })).status).toBe(400);
    let r = await send(hq.token, 'NUMBERS_ASSIGNED', payload.numbers());
    expect(r.body.state).toBe('applying');

    day('2027-06-20');
    const application = (attachments: string[]) =>
      payload.application(attachments, { holder: { name: '山田 太郎', formerName: '能力 太郎', birthDate: '2005-04-02' }, examDate: '2027-02-15', oldTokyoNumber: '8-機-001' });
    r = await send(school.token, 'APPLICATION_FILED', application(['request', 'resultsRoster', 'certificate']));
    expect(r.status).toBe(422);
    expect(r.body.error.details.rule).toBe('attachments');
    expect(r.body.error.message).toContain('様式20-3');
    r = await send(school.token, 'APPLICATION_FILED', application(ALL_BUT_RESIDENCE));
    expect(r.body.state).toBe('certifying');
    expect(r.body.deadlines).toEqual([expect.objectContaining({ name: 'recertification', nominal: '2027-07-10', effective: '2027-07-09', party: 'hq' })]);

    day('2027-07-08');
    r = await send(hq.token, 'RECERTIFIED', { certifiedOn: '2027-07-08' });
    expect(r.body.state).toBe('delivering');
    day('2027-07-12');
    r = await send(school.token, 'DELIVERED', { deliveredOn: '2027-07-12' });
    expect(r.body).toMatchObject({ state: 'delivered', status: 'done' });
    expect(r.body.context.lateness).toEqual([]);
  });

  it('a completion certificate after a name change needs a residence certificate (様式28)', async () => {
    const { school, hq } = w.users;
    day('2027-06-01');
    const created = await api.post('/api/cases', school.token, {
      procedure: 'reissue',
      input: { certificateType: 'completion', request: request('nameChanged'), original: { examDate: '2026-02-27', schoolNumber: '第3号', tokyoNumber: '東京R7修-0003' } },
    });
    expect(created.status).toBe(201);
    const send = sender(created.body.id);
    await send(hq.token, 'NUMBERS_ASSIGNED', payload.numbers());
    const application = (attachments: string[]) =>
      payload.application(attachments, { holder: { name: '山田 花子', formerName: '鈴木 花子', birthDate: '2005-04-02' }, examDate: '2026-02-27', oldTokyoNumber: '東京R7修-0003' });
    let r = await send(school.token, 'APPLICATION_FILED', application(ALL_BUT_RESIDENCE));
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('住民票');
    r = await send(school.token, 'APPLICATION_FILED', application([...ALL_BUT_RESIDENCE, 'residenceCertificate']));
    expect(r.body.state).toBe('certifying');
  });

  it('refuses links to cases the opener cannot see or of another procedure', async () => {
    day('2027-06-01');
    const suspension = await api.post('/api/cases', w.users.school.token, {
      procedure: 'suspension',
      input: { course: SUSPENDED_COURSE, suspensionDate: '2027-04-01' },
    });
    const link = (token: string, originalCaseId: string) =>
      api.post('/api/cases', token, { procedure: 'reissue', input: { originalCaseId, traineeId: 'T1', request: request() } });
    expect((await link(w.users.school.token, suspension.body.id)).body.error.code).toBe('wrong_linked_case');
    expect((await link(w.users.farSchool.token, suspension.body.id)).body.error.code).toBe('unknown_linked_case');
  });
});
