/**
 * The yearly instructor roster (様式5-1・5-2・5-3) added as a definition and a machine only, driven through the API, the
 * scheduler and SMTP on the test database (PGlite, or PostgreSQL with TEST_PG_URL). HQ moves the year's date to a
 * holiday (2026-05-03): the effective day is 2026-05-01. One school collects its consents partly late and changes its
 * roster in June; a single-employer school with only an internal unpaid instructor makes its roster late.
 */
import { describe, expect, it } from 'vitest';
import { addDays, tokyoDate } from '../../src/domain/dates.js';
import { notifier } from '../notify/harness.js';
import { signIn } from '../web/harness.js';
import { useSmtpWorld, type SmtpWorld } from '../support/smtp-world.js';
import { DISPERSED, consent, roster, row } from '../machines/instructor-roster-fixtures.js';

let t: SmtpWorld['t'];
let api: SmtpWorld['api'];
let smtp: SmtpWorld['smtp'];
let mailer: SmtpWorld['mailer'];
useSmtpWorld('2026-04-01T09:00:00+09:00', (world) => ({ t, api, smtp, mailer } = world));

const at = (iso: string, time = '10:00') => t.w.clock.set(`${iso}T${time}:00+09:00`);
const TITLE = '令和8年度 職業訓練指導員・講師名簿、承諾書';
const DUE = '令和8年5月1日まで';

const EXPECTED = [
  // The joint school: reminders of the roster, the roster, consents (the rest late), a change and its consent.
  `2026-04-17 school@example.test 【期限まであと14日】職業訓練指導員・講師名簿の作成（様式5-1・5-2） ${DUE} — ${TITLE}`,
  `2026-04-20 center@example.test 【受付】職業訓練指導員・講師名簿の作成（様式5-1・5-2） — ${TITLE}（東京都機械職業訓練校）`,
  `2026-04-22 center@example.test 【受付】指導員・講師承諾書の受領（様式5-3） — ${TITLE}（東京都機械職業訓練校）`,
  `2026-04-24 school@example.test 【期限まであと7日】指導員・講師承諾書の提出（様式5-3） ${DUE} — ${TITLE}`,
  `2026-04-30 school@example.test 【期限まであと1日】指導員・講師承諾書の提出（様式5-3） ${DUE} — ${TITLE}`,
  `2026-05-01 school@example.test 【本日期限】指導員・講師承諾書の提出（様式5-3） ${DUE} — ${TITLE}`,
  `2026-05-02 school@example.test 【期限超過】指導員・講師承諾書の提出（様式5-3） ${DUE} — ${TITLE}`,
  `2026-05-02 center@example.test 【期限超過報告】東京都機械職業訓練校：指導員・講師承諾書の提出（様式5-3） ${DUE} — ${TITLE}`,
  `2026-05-07 center@example.test 【受付】指導員・講師承諾書の受領（様式5-3） — ${TITLE}（東京都機械職業訓練校）`,
  `2026-06-01 center@example.test 【受付】職業訓練指導員・講師名簿の変更（様式5-1・5-2） — ${TITLE}（東京都機械職業訓練校）`,
  `2026-06-08 school@example.test 【期限まであと7日】指導員・講師承諾書の提出（様式5-3） 令和8年6月15日まで — ${TITLE}`,
  `2026-06-10 center@example.test 【受付】指導員・講師承諾書の受領（様式5-3） — ${TITLE}（東京都機械職業訓練校）`,
  // The single-employer school: reminders, due, missed, escalated, then its roster (no consent owed).
  `2026-04-17 neighbour@example.test 【期限まであと14日】職業訓練指導員・講師名簿の作成（様式5-1・5-2） ${DUE} — ${TITLE}`,
  `2026-04-24 neighbour@example.test 【期限まであと7日】職業訓練指導員・講師名簿の作成（様式5-1・5-2） ${DUE} — ${TITLE}`,
  `2026-04-30 neighbour@example.test 【期限まであと1日】職業訓練指導員・講師名簿の作成（様式5-1・5-2） ${DUE} — ${TITLE}`,
  `2026-05-01 neighbour@example.test 【本日期限】職業訓練指導員・講師名簿の作成（様式5-1・5-2） ${DUE} — ${TITLE}`,
  `2026-05-02 neighbour@example.test 【期限超過】職業訓練指導員・講師名簿の作成（様式5-1・5-2） ${DUE} — ${TITLE}`,
  `2026-05-02 center@example.test 【期限超過報告】城南建築職業訓練校：職業訓練指導員・講師名簿の作成（様式5-1・5-2） ${DUE} — ${TITLE}`,
  `2026-05-08 center@example.test 【受付】職業訓練指導員・講師名簿の作成（様式5-1・5-2） — ${TITLE}（城南建築職業訓練校）`,
].sort();

describe('instructor-roster appears without shell code', () => {
  it('is listed with its setting, described, in the OpenAPI document, and drawn', async () => {
    const { school, analyst } = t.w.users;
    const def = await api.get('/api/procedures/instructor-roster', school.token);
    expect(def.status).toBe(200);
    expect(def.body.states.map((s: { path: string }) => s.path)).toEqual(expect.arrayContaining(['drafting', 'collectingConsents', 'complete', 'withdrawn']));
    expect(def.body.events.find((e: { type: string }) => e.type === 'CONSENT_RECORDED').form).toBe('様式5-3');
    const doc = await api.get('/api/openapi.json', null);
    expect(JSON.stringify(doc.body.components.schemas['instructor-roster.ROSTER_FILED'])).toContain('職業訓練指導員・講師名簿（集合）〔様式5-1〕');
    const svg = await t.app.request('/api/procedures/instructor-roster/diagram.svg', { headers: { authorization: `Bearer ${analyst.token}` } });
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain('承諾書の提出待ち');
  });
});

describe('instructor rosters driven through the API, the scheduler and SMTP', () => {
  it('HQ\'s date on a holiday, consents partly late, a June change; a late roster owing no consent', async () => {
    const { school, neighbour, hq, center } = t.w.users;
    const { dispatcher } = notifier(t.w, mailer);
    at('2026-04-01');
    const set = await api.put('/api/settings/2026', hq.token, { instructorRosterPreparation: '2026-05-03' });
    expect(set.status).toBe(200);
    expect(set.body.settings.find((s: { name: string }) => s.name === 'instructorRosterPreparation')).toMatchObject({ label: '職業訓練指導員・講師名簿の作成及び承諾書の提出期限', value: '2026-05-03', defaultValue: '2026-04-30' });
    const created = await api.post('/api/cases', school.token, { procedure: 'instructor-roster', input: { fiscalYear: 2026, schoolType: 'joint' } });
    expect(created.status).toBe(201);
    expect(created.body.deadlines).toEqual([expect.objectContaining({ name: 'rosterPreparation', nominal: '2026-05-03', effective: '2026-05-01', enforcement: 'soft' })]);
    const id: string = created.body.id;
    const single = await api.post('/api/cases', neighbour.token, { procedure: 'instructor-roster', input: { fiscalYear: 2026, schoolType: 'single' } });
    const singleId: string = single.body.id;
    const send = (caseId: string, token: string, type: string, data: unknown) => api.post(`/api/cases/${caseId}/events`, token, { type, data });

    const script: Record<string, () => Promise<void>> = {
      '2026-04-20': async () => {
        const noLicence = await send(id, school.token, 'ROSTER_FILED', roster({ collective: [row(1, '甲野 一郎', { role: 'instructor' })] }));
        expect(noLicence.status).toBe(422);
        expect(noLicence.body.error.details.rule).toBe('licence');
        const r = await send(id, school.token, 'ROSTER_FILED', roster());
        expect(r.body.state).toBe('collectingConsents');
        expect(r.body.deadlines).toEqual([expect.objectContaining({ name: 'consentCollection', effective: '2026-05-01' })]);
      },
      '2026-04-22': async () => {
        const unknown = await send(id, school.token, 'CONSENT_RECORDED', consent('戊川 五郎'));
        expect(unknown.status).toBe(422);
        expect(unknown.body.error.details.rule).toBe('consent');
        expect((await send(id, center.token, 'CONSENT_RECORDED', consent('甲野 一郎'))).status).toBe(403);
        expect((await send(id, school.token, 'CONSENT_RECORDED', consent('甲野 一郎'))).body.state).toBe('collectingConsents');
        const page = await (await signIn(t.app, t.mailer, 'center@example.test')).get(`/cases/${id}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('職業訓練指導員・講師名簿（集合）〔様式5-1〕');
        expect(page.text).toContain('未提出');
        expect(page.text).toContain('有限会社蒲田精機');
      },
      '2026-05-07': async () => {
        const r = await send(id, school.token, 'CONSENT_RECORDED', consent('乙川 二郎', '丙山 三郎'));
        expect(r.body.state).toBe('complete');
        expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'consentCollection', daysLate: 6 })]);
      },
      '2026-05-08': async () => {
        const r = await send(singleId, neighbour.token, 'ROSTER_FILED', roster({ preparedOn: '2026-05-08', collective: [row(1, '庚田 七郎', { internal: true, paid: false, employer: '城南建築' })], dispersed: [] }));
        expect(r.body.state).toBe('complete');
        expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'rosterPreparation', daysLate: 7 })]);
      },
      '2026-06-01': async () => {
        const r = await send(id, school.token, 'ROSTER_CHANGED', {
          changedOn: '2026-06-15',
          reason: '講師の追加（溶接実技）',
          collective: [...roster().collective, row(4, '己野 六郎', { subjects: '溶接実技' })],
          dispersed: [DISPERSED],
        });
        expect(r.body.state).toBe('collectingConsents');
        expect(r.body.deadlines).toEqual([expect.objectContaining({ name: 'consentCollection', nominal: '2026-06-15', effective: '2026-06-15' })]);
      },
      '2026-06-10': async () => {
        expect((await send(id, school.token, 'CONSENT_RECORDED', consent('己野 六郎'))).body.state).toBe('complete');
      },
    };

    for (let d = '2026-04-01'; d <= '2026-06-20'; d = addDays(d, 1)) {
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
    const last = smtp.received.filter((m) => m.subject.startsWith('【受付】指導員・講師承諾書の受領')).map((m) => m.text);
    expect(last.some((x) => x.includes('承諾書を要する4人全員分がそろいました'))).toBe(true);
  });
});
