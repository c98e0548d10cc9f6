/**
 * Dispersed-training reports (様式15) added as a definition and a machine only, driven through the API, the scheduler
 * and SMTP on the test database (PGlite, or PostgreSQL with TEST_PG_URL). The year's case opens in September: the
 * first quarter is already missed; its reports come in late; the second quarter's last report arrives on the Saturday
 * after its effective day (Friday 2026-10-30) and the quarter is recorded as missed the same morning.
 */
import { describe, expect, it } from 'vitest';
import { addDays, tokyoDate } from '../../src/domain/dates.js';
import { notifier } from '../notify/harness.js';
import { signIn } from '../web/harness.js';
import { useSmtpWorld, type SmtpWorld } from '../support/smtp-world.js';
import { TRAINEES, month, report } from '../machines/dispersed-training-report-fixtures.js';

let t: SmtpWorld['t'];
let api: SmtpWorld['api'];
let smtp: SmtpWorld['smtp'];
let mailer: SmtpWorld['mailer'];
useSmtpWorld('2026-09-01T09:00:00+09:00', (world) => ({ t, api, smtp, mailer } = world));

const at = (iso: string, time = '10:00') => t.w.clock.set(`${iso}T${time}:00+09:00`);
const TITLE = '令和8年度 機械系 機械加工科 分散訓練実施状況報告書';
const Q1 = '分散訓練実施状況報告書（4月〜6月分）（様式15） 令和8年7月31日まで';
const Q2 = '分散訓練実施状況報告書（7月〜9月分）（様式15） 令和8年10月30日まで';
const RECEIVED = `【受付】分散訓練実施状況報告書の受領（様式15） — ${TITLE}（東京都機械職業訓練校）`;

const EXPECTED = [
  `2026-09-02 school@example.test 【期限超過】${Q1} — ${TITLE}`,
  `2026-09-02 center@example.test 【期限超過報告】東京都機械職業訓練校：${Q1} — ${TITLE}`,
  `2026-09-03 center@example.test ${RECEIVED}`,
  `2026-09-03 center@example.test ${RECEIVED}`,
  `2026-10-16 school@example.test 【期限まであと14日】${Q2} — ${TITLE}`,
  `2026-10-23 school@example.test 【期限まであと7日】${Q2} — ${TITLE}`,
  `2026-10-29 school@example.test 【期限まであと1日】${Q2} — ${TITLE}`,
  `2026-10-30 school@example.test 【本日期限】${Q2} — ${TITLE}`,
  `2026-10-30 center@example.test ${RECEIVED}`,
  `2026-10-31 school@example.test 【期限超過】${Q2} — ${TITLE}`,
  `2026-10-31 center@example.test 【期限超過報告】東京都機械職業訓練校：${Q2} — ${TITLE}`,
  `2026-10-31 center@example.test ${RECEIVED}`,
].sort();

describe('dispersed-training reports driven through the API, the scheduler and SMTP', () => {
  it('is described with its four quarter settings and drawn', async () => {
    const { school, analyst, hq } = t.w.users;
    const def = await api.get('/api/procedures/dispersed-training-report', school.token);
    expect(def.status).toBe(200);
    expect(def.body.deadlines.map((d: { name: string }) => d.name)).toEqual(['q1Reports', 'q2Reports', 'q3Reports', 'q4Reports']);
    const settings = await api.get('/api/settings/2026', hq.token);
    expect(settings.body.dispersedTrainingReportQ2).toBe('2026-10-31');
    const doc = await api.get('/api/openapi.json', null);
    expect(JSON.stringify(doc.body.components.schemas['dispersed-training-report.REPORT_RECORDED'])).toContain('分散訓練の実施状況（月別）〔様式15〕');
    const svg = await t.app.request('/api/procedures/dispersed-training-report/diagram.svg', { headers: { authorization: `Bearer ${analyst.token}` } });
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain('年度分受領済');
  });

  it('a missed first quarter, late reports, a second quarter completed the day after its effective day', async () => {
    const { school, center } = t.w.users;
    const { dispatcher } = notifier(t.w, mailer);
    let id = '';
    const send = (type: string, data: unknown, token = school.token) => api.post(`/api/cases/${id}/events`, token, { type, data });

    const script: Record<string, () => Promise<void>> = {
      '2026-09-01': async () => {
        const created = await api.post('/api/cases', school.token, { procedure: 'dispersed-training-report', input: { fiscalYear: 2026, course: { kei: '機械', ka: '機械加工' }, trainees: TRAINEES } });
        expect(created.status).toBe(201);
        id = created.body.id;
        expect(created.body.deadlines.map((d: { name: string; nominal: string; effective: string }) => [d.name, d.nominal, d.effective])).toEqual([
          ['q1Reports', '2026-07-31', '2026-07-31'],
          ['q2Reports', '2026-10-31', '2026-10-30'],
          ['q3Reports', '2027-01-31', '2027-01-29'],
          ['q4Reports', '2027-03-31', '2027-03-31'],
        ]);
      },
      '2026-09-03': async () => {
        const outside = await send('REPORT_RECORDED', report('q1', 0, { months: [month(7)] }));
        expect(outside.status).toBe(422);
        expect(outside.body.error.details.rule).toBe('reportContent');
        expect((await send('REPORT_RECORDED', report('q1', 0), center.token)).status).toBe(403);
        await send('REPORT_RECORDED', report('q1', 0));
        const r = await send('REPORT_RECORDED', report('q1', 1));
        expect(r.body.context.missedQuarters).toEqual(['q1']);
        expect(r.body.context.lateness.map((l: { deadline: string; daysLate: number }) => [l.deadline, l.daysLate])).toEqual([['q1Reports', 34], ['q1Reports', 34]]);
        expect(r.body.deadlines.map((d: { name: string }) => d.name)).toEqual(['q2Reports', 'q3Reports', 'q4Reports']);
      },
      '2026-10-30': async () => {
        const r = await send('REPORT_RECORDED', report('q2', 0));
        expect(r.body.context.lateness).toHaveLength(2);
        const page = await (await signIn(t.app, t.mailer, 'center@example.test')).get(`/cases/${id}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('受領した分散訓練実施状況報告書〔様式15〕');
        expect(page.text).toContain('山田 太郎');
      },
      '2026-10-31': async () => {
        const r = await send('REPORT_RECORDED', report('q2', 1));
        expect(r.body.context.missedQuarters).toEqual(['q1', 'q2']);
        expect(r.body.context.lateness.at(-1)).toMatchObject({ deadline: 'q2Reports', nominal: '2026-10-31', effective: '2026-10-30', daysLate: 1 });
        expect(r.body.state).toBe('collecting');
      },
    };

    for (let d = '2026-09-01'; d <= '2026-11-03'; d = addDays(d, 1)) {
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
    expect(smtp.received.filter((m) => m.subject.startsWith('【受付】')).at(-1)!.text).toContain('7月〜9月分は2人全員分を受領しました');
  });
});
