/**
 * Supervision visits (manual II-5) added as a definition and a machine only, driven through the API, the scheduler and
 * SMTP on the test database (PGlite, or PostgreSQL with TEST_PG_URL): a centre's 訓練事務指導 with findings, a late
 * report and a 再指導; HQ's 経理事務指導 recorded after its (assumed) week.
 */
import { describe, expect, it } from 'vitest';
import { addDays, tokyoDate } from '../../src/domain/dates.js';
import { notifier } from '../notify/harness.js';
import { signIn } from '../web/harness.js';
import { useSmtpWorld, type SmtpWorld } from '../support/smtp-world.js';
import { visit } from '../machines/supervision-fixtures.js';

let t: SmtpWorld['t'];
let api: SmtpWorld['api'];
let smtp: SmtpWorld['smtp'];
let mailer: SmtpWorld['mailer'];
useSmtpWorld('2026-10-01T09:00:00+09:00', (world) => ({ t, api, smtp, mailer } = world));

const at = (iso: string, time = '10:00') => t.w.clock.set(`${iso}T${time}:00+09:00`);

describe('supervision appears without shell code', () => {
  it('is listed, described, in the OpenAPI document, and drawn', async () => {
    const { center, analyst } = t.w.users;
    const list = await api.get('/api/procedures', center.token);
    expect(list.body.find((p: { id: string }) => p.id === 'supervision')).toMatchObject({ title: '東京都の指導・監督' });
    const def = await api.get('/api/procedures/supervision', center.token);
    expect(def.body.states.map((s: { path: string }) => s.path)).toEqual(expect.arrayContaining(['scheduled', 'followUp', 'confirming', 'closed', 'cancelled']));
    const doc = await api.get('/api/openapi.json', null);
    expect(JSON.stringify(doc.body.components.schemas['supervision.VISIT_RECORDED'])).toContain('改善状況の報告期限');
    const svg = await t.app.request('/api/procedures/supervision/diagram.svg', { headers: { authorization: `Bearer ${analyst.token}` } });
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain('改善状況の報告待ち');
  });
});

const A = '訓練事務指導（訪問予定日 2026-10-27）';
const B = '経理事務指導（訪問予定日 2026-10-27）';
const EXPECTED = [
  // The centre's visit: record in time, findings to the school, reminders, a late report, 再指導, report, confirmation.
  `2026-11-01 center@example.test 【期限まであと1日】指導・監督の記録（訪問日から7日以内） 令和8年11月2日まで — ${A}`,
  `2026-11-02 center@example.test 【本日期限】指導・監督の記録（訪問日から7日以内） 令和8年11月2日まで — ${A}`,
  `2026-11-02 school@example.test 【通知】指導・監督の記録（指摘事項） — ${A}`,
  `2026-11-02 center@example.test 【受付】指導・監督の記録（指摘事項） — ${A}（東京都機械職業訓練校）`,
  `2026-11-13 school@example.test 【期限まであと7日】改善状況の報告 令和8年11月20日まで — ${A}`,
  `2026-11-19 school@example.test 【期限まであと1日】改善状況の報告 令和8年11月20日まで — ${A}`,
  `2026-11-20 school@example.test 【本日期限】改善状況の報告 令和8年11月20日まで — ${A}`,
  `2026-11-21 school@example.test 【期限超過】改善状況の報告 令和8年11月20日まで — ${A}`,
  `2026-11-21 center@example.test 【期限超過報告】東京都機械職業訓練校：改善状況の報告 令和8年11月20日まで — ${A}`,
  `2026-11-24 center@example.test 【受付】改善状況の報告 — ${A}（東京都機械職業訓練校）`,
  `2026-11-25 school@example.test 【通知】再指導 — ${A}`,
  `2026-12-11 school@example.test 【期限まであと7日】改善状況の報告 令和8年12月18日まで — ${A}`,
  `2026-12-17 school@example.test 【期限まであと1日】改善状況の報告 令和8年12月18日まで — ${A}`,
  `2026-12-17 center@example.test 【受付】改善状況の報告 — ${A}（東京都機械職業訓練校）`,
  `2026-12-21 school@example.test 【通知】改善状況の確認（完了） — ${A}`,
  // HQ's visit at the neighbour: the centre is the recording party of the (assumed) week; recorded late by HQ.
  `2026-11-01 center@example.test 【期限まであと1日】指導・監督の記録（訪問日から7日以内） 令和8年11月2日まで — ${B}`,
  `2026-11-02 center@example.test 【本日期限】指導・監督の記録（訪問日から7日以内） 令和8年11月2日まで — ${B}`,
  `2026-11-03 center@example.test 【期限超過】指導・監督の記録（訪問日から7日以内） 令和8年11月2日まで — ${B}`,
  `2026-11-03 hq@example.test 【期限超過報告】城南建築職業訓練校：指導・監督の記録（訪問日から7日以内） 令和8年11月2日まで — ${B}`,
  `2026-11-04 neighbour@example.test 【通知】指導・監督の記録（指摘事項） — ${B}`,
  `2026-11-04 center@example.test 【受付】指導・監督の記録（指摘事項） — ${B}（城南建築職業訓練校）`,
].sort();

describe('supervision visits driven through the API, the scheduler and SMTP', () => {
  it('a centre\'s visit with findings, a late report and a 再指導; HQ\'s visit recorded late without findings', async () => {
    const { school, center, hq, neighbour } = t.w.users;
    const { dispatcher } = notifier(t.w, mailer);
    at('2026-10-20');
    // Schools do not open visits of their own.
    expect((await api.post('/api/cases', school.token, { procedure: 'supervision', input: { kind: 'trainingAffairs', plannedOn: '2026-10-27' } })).status).toBe(403);
    const created = await api.post('/api/cases', center.token, { procedure: 'supervision', input: { kind: 'trainingAffairs', plannedOn: '2026-10-27', schoolOrgId: t.w.orgs.school.id } });
    expect(created.status).toBe(201);
    expect(created.body.deadlines).toEqual([expect.objectContaining({ name: 'visitRecord', nominal: '2026-11-03', effective: '2026-11-02', enforcement: 'soft' })]);
    const id: string = created.body.id;
    const hqVisit = await api.post('/api/cases', hq.token, { procedure: 'supervision', input: { kind: 'accounting', plannedOn: '2026-10-27', schoolOrgId: t.w.orgs.neighbour.id } });
    expect(hqVisit.status).toBe(201);
    const hqId: string = hqVisit.body.id;
    const send = (caseId: string, token: string, type: string, data: unknown) => api.post(`/api/cases/${caseId}/events`, token, { type, data });

    const script: Record<string, () => Promise<void>> = {
      '2026-11-02': async () => {
        expect((await send(id, school.token, 'VISIT_RECORDED', visit({ visitedOn: '2026-10-27' }))).status).toBe(403);
        const future = await send(id, center.token, 'VISIT_RECORDED', visit({ visitedOn: '2026-11-05' }));
        expect(future.status).toBe(422);
        expect(future.body.error.details.rule).toBe('visitDate');
        const noDate = await send(id, center.token, 'VISIT_RECORDED', visit({ followUpBy: undefined }));
        expect(noDate.body.error.details.rule).toBe('followUpDate');
        const r = await send(id, center.token, 'VISIT_RECORDED', visit());
        expect(r.status).toBe(200);
        expect(r.body.state).toBe('followUp');
        expect(r.body.deadlines).toEqual([expect.objectContaining({ name: 'followUp', nominal: '2026-11-23', effective: '2026-11-20' })]);
        // The school's inbox and case page show the findings and the date.
        const page = await (await signIn(t.app, t.mailer, 'school@example.test')).get(`/cases/${id}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('改善状況の報告待ち');
        expect(page.text).toContain('訓練日誌（様式8）の記入漏れ');
        expect(page.text).toContain('改善の状況');
      },
      '2026-11-04': async () => {
        const r = await send(hqId, hq.token, 'VISIT_RECORDED', visit({ visitors: '産業労働局 能力開発課 丁田 四郎', checked: '経理関係帳票類', findings: [], followUpBy: undefined }));
        expect(r.body).toMatchObject({ state: 'closed', status: 'done' });
        expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'visitRecord', daysLate: 2 })]);
        expect((await send(hqId, neighbour.token, 'IMPROVEMENT_REPORTED', { improvements: 'x', improvedOn: '2026-11-04' })).status).toBe(409);
      },
      '2026-11-24': async () => {
        const r = await send(id, school.token, 'IMPROVEMENT_REPORTED', { improvements: '訓練日誌と出席簿を毎日確認する手順を定めました', improvedOn: '2026-11-10' });
        expect(r.body.state).toBe('confirming');
        expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'followUp', effective: '2026-11-20', daysLate: 4 })]);
        const officer = await signIn(t.app, t.mailer, 'center@example.test');
        expect((await officer.get('/inbox')).text).toContain(id);
      },
      '2026-11-25': async () => {
        const r = await send(id, center.token, 'FURTHER_FOLLOW_UP', { instruction: '校長の確認欄への押印を徹底すること', followUpBy: '2026-12-20' });
        expect(r.body.deadlines).toEqual([expect.objectContaining({ name: 'followUp', nominal: '2026-12-20', effective: '2026-12-18' })]);
      },
      '2026-12-17': async () => {
        const r = await send(id, school.token, 'IMPROVEMENT_REPORTED', { improvements: '押印を徹底しました', improvedOn: '2026-12-15' });
        expect(r.body.context.lateness).toHaveLength(1);
      },
      '2026-12-21': async () => {
        const r = await send(id, center.token, 'FOLLOW_UP_CONFIRMED', {});
        expect(r.body).toMatchObject({ state: 'closed', status: 'done' });
      },
    };

    for (let d = '2026-10-20'; d <= '2026-12-22'; d = addDays(d, 1)) {
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
    const mail = smtp.received.find((m) => m.to.includes('school@example.test') && m.subject.startsWith('【通知】指導・監督の記録'))!;
    expect(mail.text).toContain('2件の指摘事項がありました');
    expect(mail.text).toContain('1. 訓練日誌（様式8）の記入漏れ');
  });
});
