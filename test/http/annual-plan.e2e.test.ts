/**
 * The yearly plan (認定職業訓練事業計画書) added as a definition and a machine only, driven through the API, the
 * engine's openings, the scheduler and SMTP on the test database (PGlite, or PostgreSQL with TEST_PG_URL). HQ moves
 * the year's date to a holiday (2026-04-29, 昭和の日): the effective day is 2026-04-28. On 1 April the engine opens a
 * plan for each school except the one whose training was abolished in the year before; one school's plan is sent
 * back and accepted, the other is filed on the holiday itself (late).
 */
import { describe, expect, it } from 'vitest';
import { signIn } from '../web/harness.js';
import { driving, expectServedWithoutShellCode, mailLines } from '../support/procedure-e2e.js';
import { useSmtpWorld, type SmtpWorld } from '../support/smtp-world.js';
import { FUTSU2, GINOSHI, plan } from '../machines/annual-plan-fixtures.js';

let t: SmtpWorld['t'];
let api: SmtpWorld['api'];
let smtp: SmtpWorld['smtp'];
let mailer: SmtpWorld['mailer'];
useSmtpWorld('2026-03-20T09:00:00+09:00', (world) => ({ t, api, smtp, mailer } = world));

const TITLE = '令和8年度 認定職業訓練事業計画書';

const DUE = '令和8年4月28日まで';
const FILING = '認定職業訓練事業計画書の提出（事業計画1-1〜11）';
const EXPECTED = [
  // The first school: one reminder before its plan; returned for correction, re-filed, accepted by the effective day.
  `2026-04-14 school@example.test 【期限まであと14日】${FILING} ${DUE} — ${TITLE}`,
  `2026-04-20 center@example.test 【受付】${FILING} — ${TITLE}（東京都機械職業訓練校）`,
  `2026-04-22 school@example.test 【通知】事業計画書の補正の求め — ${TITLE}`,
  `2026-04-27 center@example.test 【受付】認定職業訓練事業計画書（補正後の再提出）（事業計画1-1〜11） — ${TITLE}（東京都機械職業訓練校）`,
  `2026-04-28 school@example.test 【通知】事業計画書の受理 — ${TITLE}`,
  // The second school: reminders on the effective day's count, due, missed and escalated, filed on the holiday.
  `2026-04-14 neighbour@example.test 【期限まであと14日】${FILING} ${DUE} — ${TITLE}`,
  `2026-04-21 neighbour@example.test 【期限まであと7日】${FILING} ${DUE} — ${TITLE}`,
  `2026-04-27 neighbour@example.test 【期限まであと1日】${FILING} ${DUE} — ${TITLE}`,
  `2026-04-28 neighbour@example.test 【本日期限】${FILING} ${DUE} — ${TITLE}`,
  `2026-04-29 neighbour@example.test 【期限超過】${FILING} ${DUE} — ${TITLE}`,
  `2026-04-29 center@example.test 【期限超過報告】城南建築職業訓練校：${FILING} ${DUE} — ${TITLE}`,
  `2026-04-29 center@example.test 【受付】${FILING} — ${TITLE}（城南建築職業訓練校）`,
  `2026-05-01 neighbour@example.test 【通知】事業計画書の受理 — ${TITLE}`,
].sort();

const abolitionFiling = {
  representative: '代表取締役 庚山 七郎',
  certification: { certifiedOn: '2012-04-01', number: '単第3号' },
  trainings: [{ trainingType: '普通職業訓練', courseType: '普通課程', kei: '塗装', ka: '建築塗装' }],
  abolishedOn: '2026-03-15',
  reason: '訓練生の確保が困難となったため',
  custodian: { name: '城北塗装協同組合', address: '東京都北区王子1-1-1', representative: '理事長 辛川 八郎' },
  certificateAttached: true,
  subsidyUsed: false,
};

describe('annual-plan appears without shell code', () => {
  it('is listed with its setting, described, in the OpenAPI document, and drawn', async () => {
    await expectServedWithoutShellCode({ t, api }, {
      procedure: 'annual-plan',
      states: ['drafting', 'reviewing', 'correcting', 'accepted', 'withdrawn'],
      event: 'PLAN_FILED',
      eventText: '月分訓練計画・実績表〔様式6-2〕',
      diagramText: '補正中',
    });
  });
});

describe('yearly plans opened by the engine and driven through the API, the scheduler and SMTP', () => {
  it('opened on 1 April for the active schools only, once; returned and accepted; filed late on HQ\'s holiday', async () => {
    const { school, neighbour, farSchool, hq, center, otherCenter } = t.w.users;
    const { openings, at, send, days } = driving({ t, api, mailer });

    // The far school abolished its training in March (令和7年度).
    at('2026-03-20');
    const abolition = await api.post('/api/cases', farSchool.token, { procedure: 'abolition', input: { trainings: abolitionFiling.trainings, abolishedOn: '2026-03-15' } });
    expect((await send(abolition.body.id, farSchool.token, 'ABOLITION_FILED', abolitionFiling)).status).toBe(200);
    expect((await send(abolition.body.id, otherCenter.token, 'ACCEPTED', { certificateReceivedOn: '2026-03-20' })).body.state).toBe('accepted');
    const set = await api.put('/api/settings/2026', hq.token, { annualPlanPlanFiling: '2026-04-29' });
    expect(set.status).toBe(200);
    expect(set.body.settings.find((s: { name: string }) => s.name === 'annualPlanPlanFiling')).toMatchObject({ label: '認定職業訓練事業計画書の提出期限', value: '2026-04-29', defaultValue: '2026-04-30' });
    // A server started in March opens the cases of the year under way (令和7年度) for every school: the abolition
    // is of that year, not of one before. A second pass opens nothing.
    const late = (await openings.runOnce()).opened;
    expect(late.map((o) => o.procedure).sort()).toEqual(['annual-plan', 'annual-plan', 'annual-plan', 'implementation-report', 'implementation-report', 'implementation-report']);
    expect((await openings.runOnce()).opened).toEqual([]);

    const ids: Record<string, string> = {};
    const script: Record<string, () => Promise<void>> = {
      '2026-04-01': async () => {
        const list = await api.get('/api/cases?procedure=annual-plan&fiscal_year=2026', hq.token);
        expect(list.body.cases.map((c: { title: string; schoolOrgId: string }) => [c.title, c.schoolOrgId]).sort()).toEqual(
          [[TITLE, t.w.orgs.school.id], [TITLE, t.w.orgs.neighbour.id]].sort(),
        );
        for (const c of list.body.cases) ids[c.schoolOrgId === t.w.orgs.school.id ? 'school' : 'neighbour'] = c.id;
        const view = await api.get(`/api/cases/${ids.school}`, school.token);
        expect(view.body.state).toBe('drafting');
        expect(view.body.deadlines).toEqual([expect.objectContaining({ name: 'planFiling', nominal: '2026-04-29', effective: '2026-04-28', enforcement: 'soft' })]);
        // Idempotent: a second pass opens nothing.
        expect((await openings.runOnce()).opened).toEqual([]);
      },
      '2026-04-20': async () => {
        const missing = await send(ids.school!, school.token, 'PLAN_FILED', plan({ courses: [{ ...FUTSU2, sheets: FUTSU2.sheets.filter((s) => s !== 'form6-2') }, GINOSHI] }));
        expect(missing.status).toBe(422);
        expect(missing.body.error.details.rule).toBe('planSheets');
        expect(missing.body.error.message).toContain('月分訓練計画・実績表〔様式6-2〕');
        expect((await send(ids.school!, center.token, 'PLAN_FILED', plan())).status).toBe(403);
        const r = await send(ids.school!, school.token, 'PLAN_FILED', plan());
        expect(r.body.state).toBe('reviewing');
        const page = await (await signIn(t.app, t.mailer, 'center@example.test')).get(`/cases/${ids.school}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('訓練課程ごとの提出書類');
        expect(page.text).toContain('年度訓練計画・実績表〔様式6-1〕');
      },
      '2026-04-22': async () => {
        expect((await send(ids.school!, center.token, 'CORRECTION_REQUESTED', { points: '技能士コースの実施期間を確認してください。' })).body.state).toBe('correcting');
      },
      '2026-04-27': async () => {
        expect((await send(ids.school!, school.token, 'REFILED', plan())).body.state).toBe('reviewing');
      },
      '2026-04-28': async () => {
        const r = await send(ids.school!, center.token, 'ACCEPTED', { note: '受理しました。' });
        expect(r.body.state).toBe('accepted');
        expect(r.body.context.lateness).toEqual([]);
      },
      '2026-04-29': async () => {
        const r = await send(ids.neighbour!, neighbour.token, 'PLAN_FILED', plan({ schoolType: 'single', courses: [GINOSHI] }));
        expect(r.body.context.lateness).toEqual([expect.objectContaining({ deadline: 'planFiling', nominal: '2026-04-29', effective: '2026-04-28', daysLate: 1 })]);
      },
      '2026-05-01': async () => {
        expect((await send(ids.neighbour!, center.token, 'ACCEPTED', {})).body.state).toBe('accepted');
      },
    };

    await days('2026-03-21', '2026-05-10', script);
    await smtp.settle();
    // The 令和7年度 cases opened in March have their own (overdue) notices; this year's are these.
    const lines = mailLines(smtp.received.filter((m) => m.subject.includes(TITLE)));
    expect(lines).toEqual(EXPECTED);
  });
});
