/**
 * The proof of the claim (issue 10 item 8): a procedure added as a definition, a machine and their tests only —
 * no shell code — is listed, described, documented in OpenAPI, drawn, run through the API with the scheduler,
 * mailed through SMTP, shown on the inbox and case pages, and put in the school's calendar feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganization, addUser } from '../../src/db/directory.js';
import { addDays, tokyoDate } from '../../src/domain/dates.js';
import type { MailTransport } from '../../src/notify/transport.js';
import { client } from '../support/http.js';
import { notifier, smtpMailer } from '../notify/harness.js';
import { startSmtp, type Smtp } from '../notify/smtp.js';
import { csrfOf, signIn, webWorld } from '../web/harness.js';
import { payload } from '../machines/change-notice-fixtures.js';

let t: Awaited<ReturnType<typeof webWorld>>;
let api: ReturnType<typeof client>;
let smtp: Smtp;
let mailer: MailTransport;
let corporation: { token: string };
beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
  api = client(t.app);
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
  // A 職業訓練法人 in the same region, known from its registration.
  const corp = await addOrganization(t.w.db, { kind: 'school', name: '職業訓練法人 東京建築協会', centerId: t.w.orgs.center.id, trainingCorporation: true });
  corporation = await addUser(t.w.db, { role: 'school', email: 'corporation@example.test', orgId: corp.id }, t.w.clock.now());
});
afterAll(async () => {
  await mailer.close();
  await smtp.stop();
  await t.w.database.close();
});

const at = (iso: string, time = '10:00') => t.w.clock.set(`${iso}T${time}:00+09:00`);

describe('change-notice appears without shell code', () => {
  it('is listed, described, in the OpenAPI document, and drawn as SVG', async () => {
    const { school, analyst } = t.w.users;
    const list = await api.get('/api/procedures', school.token);
    expect(list.status).toBe(200);
    expect(list.body.find((p: { id: string }) => p.id === 'change-notice')).toMatchObject({ title: '認定職業訓練事項変更届' });

    const def = await api.get('/api/procedures/change-notice', school.token);
    expect(def.body.states.map((s: { path: string }) => s.path)).toEqual(expect.arrayContaining(['drafting', 'reviewing', 'correcting', 'acknowledged', 'withdrawn']));
    expect(def.body.deadlines.find((d: { name: string }) => d.name === 'changeNotice')).toMatchObject({ enforcement: 'soft' });
    expect(def.body.events.find((e: { type: string }) => e.type === 'CHANGE_FILED').form).toBe('様式2');

    const machine = await api.get('/api/procedures/change-notice/machine.json', school.token);
    expect(machine.status).toBe(200);
    expect(machine.body.id).toBe('changeNotice');
    expect(Object.keys(machine.body.states)).toEqual(['drafting', 'reviewing', 'correcting', 'acknowledged', 'withdrawn']);
    expect(machine.body.states.drafting.on.CHANGE_FILED.guard).toEqual({ type: 'rules', params: { rules: ['changesDiffer'] } });
    expect(machine.body.states.drafting.meta.deadlines).toEqual(['changeNotice']);

    const doc = await api.get('/api/openapi.json', null);
    for (const type of ['CHANGE_FILED', 'CORRECTION_REQUESTED', 'REFILED', 'ACKNOWLEDGED', 'WITHDRAWN']) {
      expect(doc.body.components.schemas[`change-notice.${type}`], type).toBeDefined();
    }
    expect(JSON.stringify(doc.body.components.schemas['change-notice.CHANGE_FILED'])).toContain('変更年月日');

    const svg = await t.app.request('/api/procedures/change-notice/diagram.svg', { headers: { authorization: `Bearer ${analyst.token}` } });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const text = await svg.text();
    expect(text).toContain('<svg');
    expect(text).toContain('センター確認中');
  });
});

const EXPECTED = [
  // The school: filed before the reminders; the centre hears of each filing, the school of each decision.
  '2026-09-15 center@example.test 【受付】認定職業訓練事項変更届（様式2） — 認定職業訓練事項変更届（変更事項(1)、変更年月日 2026-10-01）（東京都機械職業訓練校）',
  '2026-09-17 school@example.test 【通知】変更届の補正の求め — 認定職業訓練事項変更届（変更事項(1)、変更年月日 2026-10-01）',
  '2026-09-18 center@example.test 【受付】認定職業訓練事項変更届（補正後の再提出）（様式2） — 認定職業訓練事項変更届（変更事項(1)、変更年月日 2026-10-01）（東京都機械職業訓練校）',
  '2026-09-24 school@example.test 【通知】変更届の受理 — 認定職業訓練事項変更届（変更事項(1)、変更年月日 2026-10-01）',
  // The 職業訓練法人: reminders, the due day, missed (school) and escalated (centre), then the late filing.
  '2026-09-16 corporation@example.test 【期限まであと14日】認定職業訓練事項変更届（事前届出）（様式2） 令和8年9月30日まで — 認定職業訓練事項変更届（変更事項(1)(2)、変更年月日 2026-10-01）',
  '2026-09-23 corporation@example.test 【期限まであと7日】認定職業訓練事項変更届（事前届出）（様式2） 令和8年9月30日まで — 認定職業訓練事項変更届（変更事項(1)(2)、変更年月日 2026-10-01）',
  '2026-09-29 corporation@example.test 【期限まであと1日】認定職業訓練事項変更届（事前届出）（様式2） 令和8年9月30日まで — 認定職業訓練事項変更届（変更事項(1)(2)、変更年月日 2026-10-01）',
  '2026-09-30 corporation@example.test 【本日期限】認定職業訓練事項変更届（事前届出）（様式2） 令和8年9月30日まで — 認定職業訓練事項変更届（変更事項(1)(2)、変更年月日 2026-10-01）',
  '2026-10-01 center@example.test 【期限超過報告】職業訓練法人 東京建築協会：認定職業訓練事項変更届（事前届出）（様式2） 令和8年9月30日まで — 認定職業訓練事項変更届（変更事項(1)(2)、変更年月日 2026-10-01）',
  '2026-10-01 corporation@example.test 【期限超過】認定職業訓練事項変更届（事前届出）（様式2） 令和8年9月30日まで — 認定職業訓練事項変更届（変更事項(1)(2)、変更年月日 2026-10-01）',
  '2026-10-05 center@example.test 【受付】認定職業訓練事項変更届（様式2） — 認定職業訓練事項変更届（変更事項(1)(2)、変更年月日 2026-10-01）（職業訓練法人 東京建築協会）',
  '2026-10-06 corporation@example.test 【通知】変更届の受理 — 認定職業訓練事項変更届（変更事項(1)(2)、変更年月日 2026-10-01）',
].sort();

describe('a change notice driven through the API, the scheduler and SMTP', () => {
  it('in time with a correction loop at one school; late, escalated and told of 規則51条 at a 職業訓練法人', async () => {
    const { school, center } = t.w.users;
    const { dispatcher } = notifier(t.w, mailer);
    const input = { changeDate: '2026-10-01', items: ['holder'] };

    at('2026-09-01');
    const created = await api.post('/api/cases', school.token, { procedure: 'change-notice', input });
    expect(created.status).toBe(201);
    expect(created.body.deadlines).toEqual([expect.objectContaining({ name: 'changeNotice', nominal: '2026-09-30', effective: '2026-09-30', enforcement: 'soft' })]);
    const id: string = created.body.id;
    const corp = await api.post('/api/cases', corporation.token, { procedure: 'change-notice', input: { changeDate: '2026-10-01', items: ['holder', 'facility'] } });
    expect(corp.status).toBe(201);
    const corpId: string = corp.body.id;
    const send = (caseId: string, token: string, type: string, data: unknown) => api.post(`/api/cases/${caseId}/events`, token, { type, data });

    // The school's calendar feed has the 様式2 deadline (the day before the change).
    const dash = await signIn(t.app, t.mailer, 'school@example.test');
    const issued = await dash.post('/school/calendar-feed', { _csrf: csrfOf((await dash.get('/school')).text) });
    const feedUrl = /id="feed-url" readonly="" value="([^"]+)"/.exec(issued.text)![1]!;
    const feed = await t.app.request(new URL(feedUrl).pathname);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = (await feed.text()).replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260930');
    expect(ics).toContain('認定職業訓練事項変更届（事前届出）');

    const script: Record<string, () => Promise<void>> = {
      '2026-09-15': async () => {
        const r = await send(id, school.token, 'CHANGE_FILED', payload.representative());
        expect(r.status).toBe(200);
        expect(r.body.state).toBe('reviewing');
        // The centre's inbox lists it; its case page shows the state, the 様式 and the centre's forms.
        const officer = await signIn(t.app, t.mailer, 'center@example.test');
        const inbox = await officer.get('/inbox');
        expect(inbox.status).toBe(200);
        expect(inbox.text).toContain(id);
        expect(inbox.text).toContain('センター確認中');
        const page = await officer.get(`/cases/${id}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('認定職業訓練事項変更届');
        expect(page.text).toContain('様式2');
        expect(page.text).toContain('変更年月日');
        expect(page.text).toContain('補正を求める事項');
      },
      '2026-09-17': async () => {
        // A school cannot acknowledge its own notice.
        expect((await send(id, school.token, 'ACKNOWLEDGED', {})).status).toBe(403);
        const r = await send(id, center.token, 'CORRECTION_REQUESTED', { points: '変更理由に役員改選の年月日を記載してください' });
        expect(r.body.state).toBe('correcting');
        // The school's page offers the re-filing prefilled from its filing.
        const page = await (await signIn(t.app, t.mailer, 'school@example.test')).get(`/cases/${id}`);
        expect(page.text).toContain('補正中（再提出待ち）');
        expect(page.text).toContain('会長 甲野 乙男');
        expect(page.text).toContain('単第12号');
      },
      '2026-09-18': async () => {
        const same = { ...payload.representative(), changes: [{ item: 'holder', before: '会長 甲野 一郎', after: '会長 甲野 一郎' }] };
        const refused = await send(id, school.token, 'REFILED', same);
        expect(refused.status).toBe(422);
        expect(refused.body.error.details.rule).toBe('changeContent');
        const r = await send(id, school.token, 'REFILED', payload.representative('2026-10-01', '令和8年9月10日の総会における役員改選'));
        expect(r.body.state).toBe('reviewing');
      },
      '2026-09-24': async () => {
        const r = await send(id, center.token, 'ACKNOWLEDGED', { note: '受理しました' });
        expect(r.body).toMatchObject({ state: 'acknowledged', status: 'done' });
        expect(r.body.context.lateness).toEqual([]);
      },
      '2026-10-05': async () => {
        const r = await send(corpId, corporation.token, 'CHANGE_FILED', payload.articles());
        expect(r.status).toBe(200);
        expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'changeNotice', daysLate: 5 })]);
        expect(r.body.context.articlesApprovalNeeded).toBe(true);
      },
      '2026-10-06': async () => {
        const r = await send(corpId, center.token, 'ACKNOWLEDGED', {});
        expect(r.body.state).toBe('acknowledged');
      },
    };

    for (let day = '2026-09-01'; day <= '2026-10-10'; day = addDays(day, 1)) {
      at(day, '09:00');
      await t.w.scheduler.runOnce();
      await dispatcher.runOnce();
      if (script[day]) {
        at(day);
        await script[day]!();
        await dispatcher.runOnce();
      }
    }
    await smtp.settle();
    const lines = smtp.received.map((m) => `${tokyoDate(m.date)} ${m.to.join(',')} ${m.subject}`).sort();
    expect(lines).toEqual(EXPECTED);
    // Nobody else hears of these cases.
    expect([...new Set(smtp.received.flatMap((m) => m.to))].sort()).toEqual(['center@example.test', 'corporation@example.test', 'school@example.test']);
    const mail = (to: string, subject: string) => {
      const found = smtp.received.filter((m) => m.to.includes(to) && m.subject.startsWith(subject));
      expect(found, `${to} ${subject}`).toHaveLength(1);
      return found[0]!;
    };
    // What each message asks, in 様式2's terms.
    const correction = mail('school@example.test', '【通知】変更届の補正の求め').text;
    expect(correction).toContain('変更理由に役員改選の年月日を記載してください');
    expect(correction).toContain('補正した様式2を管轄職業能力開発センターへ再提出してください');
    expect(mail('school@example.test', '【通知】変更届の受理').text).not.toContain('第51条');
    const late = mail('center@example.test', '【受付】認定職業訓練事項変更届（様式2） — ' + '認定職業訓練事項変更届（変更事項(1)(2)').text;
    expect(late).toContain('5日過ぎた提出');
    expect(late).toContain('法施行規則第51条');
    const ack = mail('corporation@example.test', '【通知】変更届の受理').text;
    expect(ack).toContain('職業訓練法人の定款等の記載事項については別途、法施行規則第51条に基づき都知事に申請し、変更認可を受ける必要があります。');
    expect(ack).toContain('事前かつ速やかに届け出てください');
    // Reminders carry the deadline as an all-day calendar entry.
    expect(mail('corporation@example.test', '【期限まであと14日】').attachments[0]!.content).toContain('DTSTART;VALUE=DATE:20260930');
    const c = (await api.get(`/api/cases/${corpId}`, center.token)).body;
    expect(c.context).toMatchObject({ articlesApprovalNeeded: true, trainingCorporation: true });
  });
});
