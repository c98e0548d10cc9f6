/**
 * The retention of training records (manual II-6) added as a definition and a machine only, driven through the API,
 * the scheduler and SMTP on the test database (PGlite, or PostgreSQL with TEST_PG_URL): the records of fiscal year 2026
 * of a 普通課程 without subsidies reach the end of their 3 years on Sunday 2030-03-31 (not moved), become disposable the
 * next morning, are disposed of, and only the permanent records stay.
 */
import { describe, expect, it } from 'vitest';
import { addDays, tokyoDate } from '../../src/domain/dates.js';
import { notifier } from '../notify/harness.js';
import { signIn } from '../web/harness.js';
import { useSmtpWorld, type SmtpWorld } from '../support/smtp-world.js';

let t: SmtpWorld['t'];
let api: SmtpWorld['api'];
let smtp: SmtpWorld['smtp'];
let mailer: SmtpWorld['mailer'];
useSmtpWorld('2030-02-25T09:00:00+09:00', (world) => ({ t, api, smtp, mailer } = world));

const at = (iso: string, time = '10:00') => t.w.clock.set(`${iso}T${time}:00+09:00`);
const TITLE = '令和8年度 訓練管理帳票類の保存';
const END = '帳票の保存年限の満了 令和12年3月31日まで';

const EXPECTED = [
  `2030-03-01 school@example.test 【期限まであと30日】${END} — ${TITLE}`,
  `2030-03-31 school@example.test 【本日期限】${END} — ${TITLE}`,
  `2030-04-01 school@example.test 【期限超過】${END} — ${TITLE}`,
  `2030-04-01 center@example.test 【期限超過報告】東京都機械職業訓練校：${END} — ${TITLE}`,
  `2030-04-08 center@example.test 【受付】帳票の廃棄の記録 — ${TITLE}（東京都機械職業訓練校）`,
].sort();

describe('record retention driven through the API, the scheduler and SMTP', () => {
  it('3 years end on a Sunday, the records become disposable the next morning, are disposed of; the permanent ones stay', async () => {
    const { school, center } = t.w.users;
    const { dispatcher } = notifier(t.w, mailer);
    let id = '';
    const script: Record<string, () => Promise<void>> = {
      '2030-02-25': async () => {
        const created = await api.post('/api/cases', school.token, { procedure: 'record-retention', input: { fiscalYear: 2026, courseTypes: ['regular'], subsidy: false } });
        expect(created.status).toBe(201);
        id = created.body.id;
        expect(created.body.deadlines).toEqual([expect.objectContaining({ name: 'retentionEnds', nominal: '2030-03-31', effective: '2030-03-31' })]);
        const early = await api.post(`/api/cases/${id}/events`, school.token, { type: 'DISPOSED', data: { records: [9], disposedOn: '2030-02-25', method: '溶解処理' } });
        expect(early.status).toBe(409);
      },
      '2030-04-01': async () => {
        const c = (await api.get(`/api/cases/${id}`, school.token)).body;
        expect(c.state).toBe('disposable');
        const page = await (await signIn(t.app, t.mailer, 'school@example.test')).get(`/cases/${id}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('訓練管理帳票類と保存年限');
        expect(page.text).toContain('永年保存（廃棄不可）');
        expect(page.text).toContain('廃棄できる帳票あり');
      },
      '2030-04-08': async () => {
        const permanent = await api.post(`/api/cases/${id}/events`, school.token, { type: 'DISPOSED', data: { records: [10], disposedOn: '2030-04-08', method: '溶解処理' } });
        expect(permanent.status).toBe(422);
        expect(permanent.body.error.details.rule).toBe('retention');
        expect((await api.post(`/api/cases/${id}/events`, center.token, { type: 'DISPOSED', data: { records: [9], disposedOn: '2030-04-08', method: '溶解処理' } })).status).toBe(403);
        const r = await api.post(`/api/cases/${id}/events`, school.token, { type: 'DISPOSED', data: { records: [1, 2, 3, 4, 5, 8, 9, 13, 14, 15], disposedOn: '2030-04-08', method: '溶解処理' } });
        expect(r.status).toBe(200);
        expect(r.body.state).toBe('permanentOnly');
        expect(r.body.deadlines).toEqual([]);
      },
    };
    for (let d = '2030-02-25'; d <= '2030-04-10'; d = addDays(d, 1)) {
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
    expect(smtp.received.find((m) => m.subject.startsWith('【受付】'))!.text).toContain('永年保存の帳票（訓練生指導要録');
  });
});
