/**
 * The yearly report (認定職業訓練実施状況報告書) added as a definition and a machine only, driven through the API, the
 * engine's openings, the scheduler and SMTP on the test database (PGlite, or PostgreSQL with TEST_PG_URL). A real
 * skill check of 令和8年度 is driven to delivery; on 1 May 2027 the engine opens the 令和9年度 report of every school,
 * and the first school's report carries that skill check's figures, marked 「既存の案件から転記」 with its title. HQ
 * moves the due date to a Saturday (2027-06-05): the effective day is Friday 2027-06-04.
 */
import { describe, expect, it } from 'vitest';
import { signIn } from '../web/harness.js';
import { driving, expectServedWithoutShellCode, mailLines } from '../support/procedure-e2e.js';
import { useSmtpWorld, type SmtpWorld } from '../support/smtp-world.js';
import * as pay from '../support/skill-check-payloads.js';
import { NO_REGULAR, SINGLE, report, skillCheck } from '../machines/implementation-report-fixtures.js';

let t: SmtpWorld['t'];
let api: SmtpWorld['api'];
let smtp: SmtpWorld['smtp'];
let mailer: SmtpWorld['mailer'];
useSmtpWorld('2026-09-01T09:00:00+09:00', (world) => ({ t, api, smtp, mailer } = world));

const TITLE = '令和9年度 認定職業訓練実施状況報告書（令和8年度実施分）';
const SKILL_TITLE = '機械系 機械加工科 技能照査（普通課程）';
const DUE = '令和9年6月4日まで';
const FILING = '認定職業訓練実施状況報告書の提出（様式1）';

const EXPECTED = [
  // The first school: a reminder, its report (the transcribed figures kept), the receipt.
  `2027-05-21 school@example.test 【期限まであと14日】${FILING} ${DUE} — ${TITLE}`,
  `2027-05-25 center@example.test 【受付】${FILING} — ${TITLE}（東京都機械職業訓練校）`,
  `2027-05-27 school@example.test 【通知】実施状況報告書の受理 — ${TITLE}`,
  `2027-05-27 hq@example.test 【受付】実施状況報告書の受理 — ${TITLE}（東京都機械職業訓練校）`,
  // The second school: reminders, due, missed and escalated, filed on the Saturday itself.
  `2027-05-21 neighbour@example.test 【期限まであと14日】${FILING} ${DUE} — ${TITLE}`,
  `2027-05-28 neighbour@example.test 【期限まであと7日】${FILING} ${DUE} — ${TITLE}`,
  `2027-06-03 neighbour@example.test 【期限まであと1日】${FILING} ${DUE} — ${TITLE}`,
  `2027-06-04 neighbour@example.test 【本日期限】${FILING} ${DUE} — ${TITLE}`,
  `2027-06-05 neighbour@example.test 【期限超過】${FILING} ${DUE} — ${TITLE}`,
  `2027-06-05 center@example.test 【期限超過報告】城南建築職業訓練校：${FILING} ${DUE} — ${TITLE}`,
  `2027-06-05 center@example.test 【受付】${FILING} — ${TITLE}（城南建築職業訓練校）`,
].sort();

describe('implementation-report appears without shell code', () => {
  it('is listed with its setting, described, in the OpenAPI document, and drawn', async () => {
    await expectServedWithoutShellCode({ t, api }, {
      procedure: 'implementation-report',
      states: ['drafting', 'reviewing', 'correcting', 'accepted', 'withdrawn'],
      event: 'REPORT_FILED',
      eventText: '4月30日現在の訓練生数 学年別・編入者・女性〔様式1-1-2〕',
      diagramText: '報告書作成中',
    });
  });
});

describe('a skill check of one year prefills the next year\'s report', () => {
  it('opened on 1 May with the skill check\'s figures marked as transcribed; filed as transcribed; another school late on HQ\'s Saturday', async () => {
    const { school, neighbour, hq, center } = t.w.users;
    const { at, send, days } = driving({ t, api, mailer });

    // 令和8年度: a skill check from its questions to the delivered certificates (T1 passes, T2 fails 学科, T3 absent).
    at('2026-09-01');
    const sc: string = (await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput() })).body.id;
    at('2026-10-02');
    expect((await send(sc, school.token, 'QUESTIONS_FILED', pay.questionsFiled())).status).toBe(200);
    at('2026-11-13');
    expect((await send(sc, hq.token, 'REVIEW_APPROVED', {})).status).toBe(200);
    at('2027-01-05');
    expect((await send(sc, school.token, 'IMPLEMENTATION_NOTICE_FILED', pay.implementationNotice('2027-02-15'))).status).toBe(200);
    at('2027-02-16');
    expect((await send(sc, school.token, 'RESULTS_RECORDED', pay.results())).status).toBe(200);
    expect((await send(sc, school.token, 'CERT_NUMBERS_REQUESTED', {})).status).toBe(200);
    expect((await send(sc, hq.token, 'CERT_NUMBERS_ISSUED', { numbers: [{ traineeId: 'T1', tokyoNumber: '8-機-001' }] })).status).toBe(200);
    at('2027-03-05');
    expect((await send(sc, school.token, 'CERT_APPLICATION_FILED', { representative: '甲野 乙男', deliveryDate: '2027-03-25', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] })).status).toBe(200);
    at('2027-03-16');
    expect((await send(sc, hq.token, 'CERTIFIED', { certifiedOn: '2027-03-16' })).status).toBe(200);
    at('2027-03-25');
    expect((await send(sc, school.token, 'DELIVERED', { deliveredOn: '2027-03-25' })).body.state).toBe('delivered');

    at('2027-04-01');
    const set = await api.put('/api/settings/2027', hq.token, { implementationReportReportFiling: '2027-06-05' });
    expect(set.status).toBe(200);
    expect(set.body.settings.find((s: { name: string }) => s.name === 'implementationReportReportFiling')).toMatchObject({ label: '認定職業訓練実施状況報告書の提出期限', value: '2027-06-05', defaultValue: '2027-05-31' });

    const ids: Record<string, string> = {};
    // As transcribed: 受験 2, 合格 1, 学科のみ不合格 1.
    const asTranscribed = report({
      skillChecks: [skillCheck({ skillCheckExaminees: 2, skillCheckPassers: 1, failedWrittenOnly: 1, failedPracticalOnly: 0, failedBoth: 0 })],
      skillCheckSources: [`機械系 機械加工科 既存の案件から転記: ${SKILL_TITLE}`],
    });
    const script: Record<string, () => Promise<void>> = {
      '2027-04-30': async () => {
        expect((await api.get('/api/cases?procedure=implementation-report', hq.token)).body.cases).toEqual([]);
      },
      '2027-05-01': async () => {
        const list = await api.get('/api/cases?procedure=implementation-report&fiscal_year=2027', hq.token);
        expect(list.body.cases).toHaveLength(3);
        for (const c of list.body.cases) if (c.schoolOrgId === t.w.orgs.school.id) ids.school = c.id; else if (c.schoolOrgId === t.w.orgs.neighbour.id) ids.neighbour = c.id;
        const mine = await api.get(`/api/cases/${ids.school}`, school.token);
        expect(mine.body.title).toBe(TITLE);
        expect(mine.body.deadlines).toEqual([expect.objectContaining({ name: 'reportFiling', nominal: '2027-06-05', effective: '2027-06-04', enforcement: 'soft' })]);
        expect(mine.body.context.transcribed).toEqual([
          {
            procedure: 'skill-check', kei: '機械', ka: '機械加工',
            values: { examinees: 2, passers: 1, failedWritten: 1, failedPractical: 0, makeups: 0, revocations: 0, certificates: 1 },
            sources: [{ id: sc, title: SKILL_TITLE, done: true }],
          },
        ]);
        expect((await api.get(`/api/cases/${ids.neighbour}`, neighbour.token)).body.context.transcribed).toEqual([]);
        // The school's page offers the report prefilled, marked with the case it comes from.
        const page = await (await signIn(t.app, t.mailer, 'school@example.test')).get(`/cases/${ids.school}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain(`既存の案件から転記: ${SKILL_TITLE}`);
        expect(page.text).toContain('既存の案件から転記した数値');
        // The figures stand in the 技能照査 table of 様式1-1-3, the course in its other tables and in 様式1-3.
        expect(page.text).toMatch(/name="skillChecks\.0\.skillCheckExaminees"[^>]*value="2"/);
        expect(page.text).toMatch(/name="training\.0\.ka"[^>]*value="機械加工"/);
      },
      '2027-05-25': async () => {
        const bad = await send(ids.school!, school.token, 'REPORT_FILED', report({ joint: { attached: false } }));
        expect(bad.status).toBe(422);
        expect(bad.body.error.details.rule).toBe('reportSheets');
        const r = await send(ids.school!, school.token, 'REPORT_FILED', asTranscribed);
        expect(r.body.state).toBe('reviewing');
        const page = await (await signIn(t.app, t.mailer, 'center@example.test')).get(`/cases/${ids.school}`);
        expect(page.text).toContain('前年度の実施状況〔様式1-1-3・1-3〕');
        expect(page.text).toContain(`報告書に記載した転記元`);
      },
      '2027-05-27': async () => {
        expect((await send(ids.school!, center.token, 'ACCEPTED', {})).body.state).toBe('accepted');
      },
      '2027-06-05': async () => {
        const r = await send(ids.neighbour!, neighbour.token, 'REPORT_FILED', report({ ...SINGLE, ...NO_REGULAR }));
        expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'reportFiling', nominal: '2027-06-05', effective: '2027-06-04', daysLate: 1 })]);
      },
    };

    await days('2027-04-25', '2027-06-10', script);
    await smtp.settle();
    // The third school (the other region) has a report of its own, left unfiled: its notices are not counted here.
    const lines = mailLines(smtp.received.filter((m) => m.subject.includes(TITLE) && !m.to.includes('far@example.test') && !m.to.includes('center2@example.test')));
    expect(lines).toEqual(EXPECTED);
    const received = smtp.received.find((m) => m.subject === `【受付】${FILING} — ${TITLE}（東京都機械職業訓練校）`);
    expect(received?.text).toContain('既存の案件（技能照査・修了時試験）から転記した数値は、そのまま報告されています');
  });
});
