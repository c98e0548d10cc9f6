/**
 * The implementation-report statechart (manual II-2, 規則35条の4, 様式1-1-1〜1-4): last year's figures transcribed
 * from the school's skill checks and completion exams, the sheets by course type, review and correction.
 */
import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from '@xstate/graph';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { firstViolation } from '../../definitions/common/rules.js';
import { reportFiling } from '../../definitions/implementation-report/deadlines.js';
import { implementationReport } from '../../definitions/implementation-report/index.js';
import { differences, skillCheckFigures, transcribe } from '../../definitions/implementation-report/transcription.js';
import { definitionProblems } from '../../definitions/validate.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { implementationReportMachine } from '../../machines/implementation-report.js';
import { coverage } from './graph-coverage.js';
import {
  E, EXAM, HOLIDAY, INPUT, NONE, NO_REGULAR, NO_SHORT, SETTINGS, SINGLE, SKILL, SKILL_MAKEUP, changed, currentEducation, currentYear, deadlineEvent, head, holidaySettingsOf, previousEducation, previousYear,
  related, report, run, send, settingsOf, shortCourse, shortResult, shortTrainees, skillCheck, start, training, type Event,
} from './implementation-report-fixtures.js';

const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');
const EVENTS = () => [E.filed(), E.correction(), E.refiled(), E.accepted(), E.withdrawn(), deadlineEvent('reminder', '2027-05-21')];
const RULES = ['reportSheets', 'reportCourses', 'reportTotals'];

describe('implementation-report definition', () => {
  it('passes the registration checks and handles exactly its declared events', () => {
    expect(definitionProblems(implementationReport)).toEqual([]);
    const graph = toDirectedGraph(implementationReportMachine);
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].filter((t) => t && !t.startsWith('xstate.')).sort()).toEqual([...Object.keys(implementationReport.events), DEADLINE_EVENT].sort());
  });

  it('reaches every state at rest, each shortest path replays, and the paths plus one step exercise every edge and event', () => {
    const c = coverage(implementationReportMachine, INPUT, EVENTS());
    expect(c.states).toEqual(['"accepted"', '"correcting"', '"drafting"', '"reviewing"', '"withdrawn"']);
    for (const p of c.paths) expect(run(eventsOf(p.steps)).value).toEqual(p.state.value);
    expect(c.exercised).toEqual(c.edges.filter((e) => !e.endsWith(' ')));
    expect(c.events).toEqual([...Object.keys(implementationReport.events), DEADLINE_EVENT].sort());
  });

  it('is opened on 1 May, reads the previous year\'s skill checks and completion exams, skips a school whose training ended before that year', () => {
    const o = implementationReport.openings!;
    expect(o.opensOn(2027)).toBe('2027-05-01');
    expect(implementationReport.related).toMatchObject({ procedures: ['skill-check', 'completion-exam'] });
    expect(implementationReport.related!.fiscalYearOf({ fiscalYear: 2027 })).toBe(2026);
    const school = { id: 'x', name: 'x', trainingCorporation: false };
    const c = (procedure: string, state: string, fiscalYear: number) => ({ procedure, state, fiscalYear, done: true });
    // Abolished during the reported year: it trained in it, so it reports.
    expect(o.appliesTo!(school, [c('abolition', 'accepted', 2026)], 2027)).toBe(true);
    expect(o.appliesTo!(school, [c('abolition', 'accepted', 2025)], 2027)).toBe(false);
    expect(o.appliesTo!(school, [c('suspension', 'abolished', 2025)], 2027)).toBe(false);
  });

  it('the due date is HQ\'s fiscal-year setting (default 31 May, assumed); a Saturday moves it back to Friday', () => {
    expect(implementationReport.settings.map((s) => [s.key, s.default(2027)])).toEqual([['reportFiling', '2027-05-31']]);
    expect(reportFiling).toMatchObject({ enforcement: 'soft', party: 'school', supervisor: 'center' });
    expect(resolveDeadline(reportFiling, start().context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2027-05-31', effective: '2027-05-31' });
    expect(resolveDeadline(reportFiling, start().context, HOLIDAY, holidaySettingsOf)).toMatchObject({ nominal: '2027-06-05', effective: '2027-06-04' });
  });
});

describe('figures transcribed from the school\'s cases', () => {
  it('adds up the cases of one course, keeps their titles, derives the 不合格者 split, ignores other procedures', () => {
    const t = transcribe([SKILL, SKILL_MAKEUP, EXAM, related('x', 'reissue', '再交付', '機械系', '機械加工科', { examinees: 9 })]);
    expect(t.map((x) => [x.procedure, x.kei, x.ka, x.sources.map((s) => s.title)])).toEqual([
      ['skill-check', '機械', '機械加工', ['機械系 機械加工科 技能照査（普通課程）', '機械系 機械加工科 技能照査（普通課程） 追試験']],
      ['completion-exam', '機械', '機械加工', ['機械系 機械加工科 2級技能士コース 修了時試験']],
    ]);
    expect(t[0]!.values).toMatchObject({ examinees: 7, passers: 5, failedWritten: 1, failedPractical: 2 });
    // 2 fail on scores; 1 under 学科 and 2 under 実技: one failed both.
    expect(skillCheckFigures(transcribe([SKILL])[0]!)).toEqual({ skillCheckExaminees: 6, skillCheckPassers: 4, failedWrittenOnly: 0, failedPracticalOnly: 1, failedBoth: 1 });
    // A revoked pass is neither a passer nor a failure.
    const revoked = related('r', 'skill-check', 't', '機械系', '機械加工科', { examinees: 5, passers: 3, failedWritten: 1, failedPractical: 0, revocations: 1 });
    expect(skillCheckFigures(transcribe([revoked])[0]!)).toMatchObject({ skillCheckPassers: 3, failedWrittenOnly: 1, failedPracticalOnly: 0, failedBoth: 0 });
  });

  it('prefills the report with those figures, marked 「既存の案件から転記」 with the case titles; nothing without cases', () => {
    const s = run([], start({ fiscalYear: 2027, relatedCases: [SKILL, SKILL_MAKEUP, EXAM] }));
    const course = { kei: '機械', ka: '機械加工' };
    const titles = '機械系 機械加工科 技能照査（普通課程）、機械系 機械加工科 技能照査（普通課程） 追試験（未完了）';
    expect(implementationReport.events.REPORT_FILED!.prefill!(s.context)).toEqual({
      // The figures in the 技能照査 table (様式1-1-3) and the 修了者 table (様式1-2); the course in the other tables to complete.
      previousByYear: [{ courseType: '普通課程', ...course }],
      previousByEducation: [course],
      skillChecks: [{ ...course, skillCheckExaminees: 7, skillCheckPassers: 5, failedWrittenOnly: 0, failedPracticalOnly: 1, failedBoth: 1 }],
      skillCheckSources: [`機械系 機械加工科 既存の案件から転記: ${titles}`],
      shortCourses: [{ courseType: '短期課程', ...course }],
      shortTrainees: [course],
      shortResults: [{ ...course, completers: 7 }],
      shortSources: ['機械系 機械加工科 既存の案件から転記: 機械系 機械加工科 2級技能士コース 修了時試験'],
      training: [{ courseType: '普通課程', ...course }],
    });
    const empty = implementationReport.events.REPORT_FILED!.prefill!(start(NONE).context);
    expect(Object.values(empty).every((v) => Array.isArray(v) && v.length === 0)).toBe(true);
    const [table] = implementationReport.summary!(s.context);
    expect(table).toMatchObject({ label: '既存の案件から転記した数値' });
    expect('table' in table! && table.table.rows[0]).toEqual([
      '機械系 機械加工科 技能照査（普通課程）、機械系 機械加工科 技能照査（普通課程） 追試験（未完了）',
      '技能照査',
      '機械系 機械加工科',
      '受検者数 7人、合格者数 5人、学科試験不合格者数 1人、実技試験不合格者数 2人、追試験等の受検者数 2人、合格取消し者数 0人、合格証書交付数 4人',
    ]);
  });

  it('names each transcribed figure the school changed, and a transcribed course it left out', () => {
    const filed = report({ skillChecks: [skillCheck({ skillCheckPassers: 5, failedBoth: 0 })], ...NO_SHORT });
    const d = differences(start().context.transcribed, implementationReport.events.REPORT_FILED!.schema.parse(filed) as never);
    expect(d).toEqual([
      '機械系 機械加工科: 技能照査合格者数 転記 4人 → 報告 5人',
      '機械系 機械加工科: 技能照査不合格者数（学科及び実技） 転記 1人 → 報告 0人',
      '機械系 機械加工科: 修了時試験の案件があるのに、様式1-2の修了者の表にこの訓練科がありません',
    ]);
    expect(differences(start().context.transcribed, implementationReport.events.REPORT_FILED!.schema.parse(report()) as never)).toEqual([]);
  });
});

describe('implementation-report machine', () => {
  it('a report on the effective day (Friday) is in time; on the Saturday itself it is recorded late', () => {
    expect(run([E.filed('2027-06-04')]).context.lateness).toEqual([]);
    const late = run([deadlineEvent('overdue', '2027-06-05'), E.filed('2027-06-05')]);
    expect(late.context.lateness).toEqual([{ deadline: 'reportFiling', label: '認定職業訓練実施状況報告書の提出', nominal: '2027-06-05', effective: '2027-06-04', filedOn: '2027-06-05', daysLate: 1 }]);
  });

  it('refuses a report without courses, a 共同校 without 様式1-4 (reportSheets), tables of a sheet that list other courses (reportCourses), and totals that do not add up (reportTotals)', () => {
    const s = start();
    const cases: [unknown, string, string][] = [
      [report({ ...NO_REGULAR, ...NO_SHORT }), 'reportSheets', '訓練課程が一つも記入されていません'],
      [report({ joint: { attached: false } }), 'reportSheets', '共同校は年間実施状況4〔様式1-4〕を添付します'],
      [report({ report: head({ schoolType: 'single' }) }), 'reportSheets', '共同校だけが提出します'],
      [report({ currentByEducation: [] }), 'reportCourses', '様式1-1-2の学歴別の表に機械系 機械加工科がありません'],
      [report({ previousByEducation: [previousEducation({ ka: '機械加工 ' })] }), 'reportCourses', '様式1-1-3の学歴別の表の機械系 機械加工 科が学年別の表にありません'],
      [report({ skillChecks: [skillCheck({ kei: '電気' })] }), 'reportCourses', '様式1-1-3の技能照査の表の電気系 機械加工科が学年別の表にありません'],
      [report({ training: [] }), 'reportCourses', '前年度の訓練科の様式1-3の表に機械系 機械加工科がありません'],
      [report({ training: [training({ courseType: '専門課程' })] }), 'reportCourses', '機械系 機械加工科の訓練課程が様式1-1-3と様式1-3とで異なります'],
      [report({ shortResults: [shortResult(), shortResult()] }), 'reportCourses', '様式1-2の修了者の表に機械系 機械加工科（2級技能士コース）が二度あります'],
      [report({ shortTrainees: [shortTrainees({ courseName: undefined })] }), 'reportCourses', '様式1-2の学歴別の表の機械系 機械加工科が実施期間の表にありません'],
      [report({ currentByEducation: [currentEducation({ high: 11 })] }), 'reportTotals', '普通課程 機械系 機械加工科: 4月30日現在の学歴別内訳（13人）が学年別の合計（14人）と一致しません'],
      [report({ currentByYear: [currentYear({ women: 15 })] }), 'reportTotals', '女性数・編入者数（内数）が訓練生数を超えています'],
      [report({ previousByYear: [previousYear({ completers: 11 })] }), 'reportTotals', '前年度の訓練中止者と修了者の計が訓練生数を超えています'],
      [report({ skillChecks: [skillCheck({ skillCheckPassers: 6 })] }), 'reportTotals', '普通課程 機械系 機械加工科: 技能照査の合格者数と不合格者数の計が受験者数を超えています'],
      [report({ shortResults: [shortResult({ completers: 8 })] }), 'reportTotals', '短期課程 機械系 機械加工科（2級技能士コース）: 訓練中止者数と修了者数の計が訓練生数（8人）を超えています'],
    ];
    for (const [data, rule, text] of cases) {
      const e = E.filed('2027-05-20', data);
      expect(changed(s, send(s, e)), text).toBe(false);
      expect(firstViolation(implementationReport.rules, RULES, s.context, e)).toMatchObject({ rule, message: expect.stringContaining(text) });
    }
    // A single-employer school with short courses only files 様式1-1-1 and 1-2.
    const single = run([E.filed('2027-05-20', report({ ...SINGLE, ...NO_REGULAR }))]);
    expect(implementationReport.facts(single.context).at(-1)).toEqual(['提出された様式', '様式1-1-1・様式1-2']);
    // A course of the new year only (様式1-1-2) and one of the previous year only (様式1-1-3・1-3) are both fine.
    const changedCourses = report({ currentByYear: [currentYear({ ka: '溶接' })], currentByEducation: [currentEducation({ ka: '溶接' })], skillChecks: [] });
    expect(run([E.filed('2027-05-20', changedCourses)]).value).toBe('reviewing');
  });

  it('returned for correction, re-filed (prefilled with the last filing), accepted; withdrawn only before the receipt', () => {
    const back = run([E.filed(), E.correction()]);
    expect(back.value).toBe('correcting');
    const { filedOn: _f, ...last } = back.context.filings[0]!;
    expect(implementationReport.events.REFILED!.prefill!(back.context)).toEqual(last);
    const done = run([E.refiled(), E.accepted()], back);
    expect(done.status).toBe('done');
    expect(done.context.acceptance).toEqual({ on: '2027-05-29', note: null });
    expect(changed(done, send(done, E.withdrawn('2027-06-01')))).toBe(false);
    expect(run([E.withdrawn()]).value).toBe('withdrawn');
    expect(run([E.filed(), E.correction(), E.withdrawn('2027-05-23')]).value).toBe('withdrawn');
  });

  it('title and facts name the report\'s year and the year it reports', () => {
    const s = run([E.filed()]);
    expect(implementationReport.caseTitle(s.context)).toBe('令和9年度 認定職業訓練実施状況報告書（令和8年度実施分）');
    // The shell shows the 年度; the facts do not repeat it.
    expect(implementationReport.facts(s.context)).toEqual([
      ['報告する実施状況', '令和8年度（新年度の訓練生数は令和9年4月30日 (2027-04-30)現在）'],
      ['提出された様式', '様式1-1-1・様式1-1-2・様式1-1-3・様式1-2・様式1-3・様式1-4'],
    ]);
  });

  it('its statechart config is plain JSON', () => {
    const { context: _c, ...config } = implementationReportMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
