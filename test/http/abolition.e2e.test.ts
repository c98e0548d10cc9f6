/**
 * An abolition (様式4) added as a definition and a machine only, driven through the API, the scheduler and SMTP on
 * the test database (PGlite, or PostgreSQL with TEST_PG_URL): one school files in time, is asked for a correction
 * and is received; another files on the holiday after the effective day and is recorded late.
 */
import { describe, expect, it } from 'vitest';
import { addDays, tokyoDate } from '../../src/domain/dates.js';
import { notifier } from '../notify/harness.js';
import { signIn } from '../web/harness.js';
import { useSmtpWorld, type SmtpWorld } from '../support/smtp-world.js';
import { TRAINING, payload } from '../machines/abolition-fixtures.js';

let t: SmtpWorld['t'];
let api: SmtpWorld['api'];
let smtp: SmtpWorld['smtp'];
let mailer: SmtpWorld['mailer'];
useSmtpWorld('2026-10-01T09:00:00+09:00', (world) => ({ t, api, smtp, mailer } = world));

const at = (iso: string, time = '10:00') => t.w.clock.set(`${iso}T${time}:00+09:00`);
const TITLE = '認定職業訓練の廃止（塗装系 建築塗装科、廃止年月日 2026-10-03）';

describe('abolition appears without shell code', () => {
  it('is listed, described, in the OpenAPI document, and drawn', async () => {
    const { school, analyst } = t.w.users;
    const list = await api.get('/api/procedures', school.token);
    expect(list.body.find((p: { id: string }) => p.id === 'abolition')).toMatchObject({ title: '認定職業訓練の廃止' });
    const def = await api.get('/api/procedures/abolition', school.token);
    expect(def.body.states.map((s: { path: string }) => s.path)).toEqual(expect.arrayContaining(['drafting', 'reviewing', 'correcting', 'accepted', 'withdrawn']));
    expect(def.body.events.find((e: { type: string }) => e.type === 'ABOLITION_FILED').form).toBe('様式4');
    const machine = await api.get('/api/procedures/abolition/machine.json', school.token);
    expect(machine.body.states.drafting.on.ABOLITION_FILED.guard).toEqual({ type: 'rules', params: { rules: ['certificateAttached', 'openCasesClosed'] } });
    const doc = await api.get('/api/openapi.json', null);
    expect(JSON.stringify(doc.body.components.schemas['abolition.ABOLITION_FILED'])).toContain('訓練関係の帳票類の引継先');
    const svg = await t.app.request('/api/procedures/abolition/diagram.svg', { headers: { authorization: `Bearer ${analyst.token}` } });
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain('センター確認中');
  });
});

const EXPECTED = [
  // The school: its 14-day reminder, then each filing to the centre and each decision back.
  '2026-10-19 school@example.test 【期限まであと14日】認定職業訓練廃止届（様式4） 令和8年11月2日まで — ' + TITLE,
  '2026-10-20 center@example.test 【受付】認定職業訓練廃止届（様式4） — ' + TITLE + '（東京都機械職業訓練校）',
  '2026-10-22 school@example.test 【通知】廃止届の補正の求め — ' + TITLE,
  '2026-10-26 center@example.test 【受付】認定職業訓練廃止届（補正後の再提出）（様式4） — ' + TITLE + '（東京都機械職業訓練校）',
  '2026-10-28 school@example.test 【通知】廃止届の受理 — ' + TITLE,
  '2026-10-28 hq@example.test 【受付】廃止届の受理 — ' + TITLE + '（東京都機械職業訓練校）',
  // The neighbour: reminders before the effective day (11-02, the day before 文化の日), due, missed, escalated, late filing.
  '2026-10-19 neighbour@example.test 【期限まであと14日】認定職業訓練廃止届（様式4） 令和8年11月2日まで — ' + TITLE,
  '2026-10-26 neighbour@example.test 【期限まであと7日】認定職業訓練廃止届（様式4） 令和8年11月2日まで — ' + TITLE,
  '2026-11-01 neighbour@example.test 【期限まであと1日】認定職業訓練廃止届（様式4） 令和8年11月2日まで — ' + TITLE,
  '2026-11-02 neighbour@example.test 【本日期限】認定職業訓練廃止届（様式4） 令和8年11月2日まで — ' + TITLE,
  '2026-11-03 center@example.test 【期限超過報告】城南建築職業訓練校：認定職業訓練廃止届（様式4） 令和8年11月2日まで — ' + TITLE,
  '2026-11-03 neighbour@example.test 【期限超過】認定職業訓練廃止届（様式4） 令和8年11月2日まで — ' + TITLE,
  '2026-11-03 center@example.test 【受付】認定職業訓練廃止届（様式4） — ' + TITLE + '（城南建築職業訓練校）',
].sort();

describe('abolitions driven through the API, the scheduler and SMTP', () => {
  it('in time after a correction at one school; late on the holiday at another', async () => {
    const { school, neighbour, center, hq } = t.w.users;
    const { dispatcher } = notifier(t.w, mailer);
    const input = { trainings: [TRAINING], abolishedOn: '2026-10-03' };
    at('2026-10-01');
    // Only a school opens its abolition.
    expect((await api.post('/api/cases', center.token, { procedure: 'abolition', input: { ...input, schoolOrgId: t.w.orgs.school.id } })).status).toBe(403);
    const created = await api.post('/api/cases', school.token, { procedure: 'abolition', input });
    expect(created.status).toBe(201);
    expect(created.body.deadlines).toEqual([expect.objectContaining({ name: 'abolitionNotice', nominal: '2026-11-03', effective: '2026-11-02', enforcement: 'soft' })]);
    const id: string = created.body.id;
    const other = await api.post('/api/cases', neighbour.token, { procedure: 'abolition', input });
    const otherId: string = other.body.id;
    const send = (caseId: string, token: string, type: string, data: unknown) => api.post(`/api/cases/${caseId}/events`, token, { type, data });

    const script: Record<string, () => Promise<void>> = {
      '2026-10-20': async () => {
        // The open-case rule is driven in abolition-open-cases.e2e.test.ts; here the school has no other case.
        const noCertificate = await send(id, school.token, 'ABOLITION_FILED', payload({ certificateAttached: false }));
        expect(noCertificate.body.error.details.rule).toBe('certificate');
        const bad = await send(id, school.token, 'ABOLITION_FILED', { ...payload(), custodian: { name: '', address: 'x', representative: 'y' } });
        expect(bad.status).toBe(400);
        const r = await send(id, school.token, 'ABOLITION_FILED', payload());
        expect(r.status).toBe(200);
        expect(r.body.state).toBe('reviewing');
        expect(r.body.deadlines).toEqual([]);
        const officer = await signIn(t.app, t.mailer, 'center@example.test');
        const inbox = await officer.get('/inbox');
        expect(inbox.text).toContain(id);
        const page = await officer.get(`/cases/${id}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('認定職業訓練の廃止');
        expect(page.text).toContain('東京都塗装工業協同組合');
        expect(page.text).toContain('補正を求める事項');
        const docs = await api.get(`/api/cases/${id}/documents`, center.token);
        expect(docs.status).toBe(200);
        expect(JSON.stringify(docs.body)).toContain('様式4');
      },
      '2026-10-22': async () => {
        expect((await send(id, school.token, 'ACCEPTED', { certificateReceivedOn: '2026-10-22' })).status).toBe(403);
        const r = await send(id, center.token, 'CORRECTION_REQUESTED', { points: '進行中の案件が1件あります。完了又は取下げの後に再提出してください' });
        expect(r.body.state).toBe('correcting');
      },
      '2026-10-26': async () => {
        const r = await send(id, school.token, 'REFILED', payload({ reason: '訓練生の確保が困難となったため（理事会で決定）' }));
        expect(r.body.state).toBe('reviewing');
      },
      '2026-10-28': async () => {
        const r = await send(id, center.token, 'ACCEPTED', { certificateReceivedOn: '2026-10-26' });
        expect(r.body).toMatchObject({ state: 'accepted', status: 'done' });
        expect((await send(id, school.token, 'WITHDRAWN', { reason: '取りやめ' })).status).toBe(409);
      },
      '2026-11-03': async () => {
        const r = await send(otherId, neighbour.token, 'ABOLITION_FILED', payload());
        expect(r.status).toBe(200);
        expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'abolitionNotice', nominal: '2026-11-03', effective: '2026-11-02', daysLate: 1 })]);
      },
    };

    for (let d = '2026-10-01'; d <= '2026-11-05'; d = addDays(d, 1)) {
      at(d, '09:00');
      await t.w.scheduler.runOnce();
      await dispatcher.runOnce();
      if (script[d]) {
        at(d);
        await script[d]!();
        await dispatcher.runOnce();
      }
    }
    await smtp.settle();
    const lines = smtp.received.map((m) => `${tokyoDate(m.date)} ${m.to.join(',')} ${m.subject}`).sort();
    expect(lines).toEqual(EXPECTED);
    const mail = (to: string, subject: string) => smtp.received.find((m) => m.to.includes(to) && m.subject.startsWith(subject))!;
    expect(mail('school@example.test', '【通知】廃止届の受理').text).toContain('保存年限に従って引継先で保存してください');
    expect(mail('hq@example.test', '【受付】廃止届の受理').text).toContain('帳票類の引継先 東京都塗装工業協同組合');
    const c = (await api.get(`/api/cases/${id}`, hq.token)).body;
    expect(c.context.acceptance).toMatchObject({ on: '2026-10-28', certificateReceivedOn: '2026-10-26' });
  });
});
