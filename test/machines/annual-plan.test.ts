/** The annual-plan statechart (manual II-1, 認定職業訓練事業計画書): the plan table per course, review, correction. */
import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from '@xstate/graph';
import { planFiling } from '../../definitions/annual-plan/deadlines.js';
import { annualPlan } from '../../definitions/annual-plan/index.js';
import { trainingEndedBefore } from '../../definitions/annual-plan/openings.js';
import { requiredSheets } from '../../definitions/annual-plan/sheets.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { firstViolation } from '../../definitions/common/rules.js';
import { definitionProblems } from '../../definitions/validate.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { annualPlanMachine } from '../../machines/annual-plan.js';
import { coverage } from './graph-coverage.js';
import { E, FUTSU2, GINOSHI, HOLIDAY, INPUT, SETTINGS, changed, course, deadlineEvent, holidaySettingsOf, plan, run, send, settingsOf, start, type Event } from './annual-plan-fixtures.js';

const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');
const EVENTS = () => [E.filed(), E.correction(), E.refiled(), E.accepted(), E.withdrawn(), deadlineEvent('reminder', '2026-04-14')];
const RULES = ['planCourses', 'planSheets'];

describe('annual-plan definition', () => {
  it('passes the registration checks and handles exactly its declared events', () => {
    expect(definitionProblems(annualPlan)).toEqual([]);
    const graph = toDirectedGraph(annualPlanMachine);
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].filter((t) => t && !t.startsWith('xstate.')).sort()).toEqual([...Object.keys(annualPlan.events), DEADLINE_EVENT].sort());
  });

  it('reaches every state at rest, each shortest path replays, and the paths plus one step exercise every edge and event', () => {
    const c = coverage(annualPlanMachine, INPUT, EVENTS());
    expect(c.states).toEqual(['"accepted"', '"correcting"', '"drafting"', '"reviewing"', '"withdrawn"']);
    for (const p of c.paths) expect(run(eventsOf(p.steps)).value).toEqual(p.state.value);
    expect(c.exercised).toEqual(c.edges.filter((e) => !e.endsWith(' ')));
    expect(c.events).toEqual([...Object.keys(annualPlan.events), DEADLINE_EVENT].sort());
  });

  it('is opened by the engine on 1 April for every school whose training did not end in an earlier year', () => {
    const o = annualPlan.openings!;
    expect(o.opensOn(2027)).toBe('2027-04-01');
    expect(annualPlan.inputSchema.parse(o.input(2027, { id: 'x', name: 'x', trainingCorporation: false }))).toEqual({ fiscalYear: 2027 });
    const school = { id: 'x', name: 'x', trainingCorporation: false };
    const c = (procedure: string, state: string, fiscalYear: number, done = true) => ({ procedure, state, fiscalYear, done });
    expect(o.appliesTo!(school, [], 2027)).toBe(true);
    expect(o.appliesTo!(school, [c('abolition', 'accepted', 2026)], 2027)).toBe(false);
    expect(o.appliesTo!(school, [c('abolition', 'accepted', 2027)], 2027)).toBe(true);
    expect(o.appliesTo!(school, [c('abolition', 'withdrawn', 2026)], 2027)).toBe(true);
    expect(o.appliesTo!(school, [c('abolition', 'reviewing', 2026, false)], 2027)).toBe(true);
    expect(o.appliesTo!(school, [c('suspension', 'abolished', 2024)], 2027)).toBe(false);
    expect(o.appliesTo!(school, [c('suspension', 'revoked', 2025)], 2027)).toBe(false);
    expect(o.appliesTo!(school, [c('suspension', 'resumed', 2025), c('skill-check', 'accepted', 2026)], 2027)).toBe(true);
    expect(trainingEndedBefore([c('suspension', 'suspended', 2025, false)], 2027)).toBe(false);
  });

  it('the due date is HQ\'s fiscal-year setting (default 30 April, assumed); a holiday moves it back', () => {
    expect(annualPlan.settings.map((s) => [s.key, s.default(2026)])).toEqual([['planFiling', '2026-04-30']]);
    expect(planFiling).toMatchObject({ enforcement: 'soft', party: 'school', supervisor: 'center' });
    expect(resolveDeadline(planFiling, start().context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2026-04-30', effective: '2026-04-30' });
    expect(resolveDeadline(planFiling, start().context, HOLIDAY, holidaySettingsOf)).toMatchObject({ nominal: '2026-04-29', effective: '2026-04-28' });
  });
});

describe('the plan table (提出書類一覧表)', () => {
  it('asks each course type for its sheets: by 学年 for 専門・普通, 様式7 for the short courses, 2 for 技能士コース', () => {
    const f = (over: Parameters<typeof course>[0], subsidy: 'subsidy' | 'none' = 'none') => requiredSheets(course(over), subsidy);
    expect(f({ courseType: 'futsu', years: 1 })).toEqual(['plan1-1', 'plan1-2', 'plan2', 'plan3-1', 'plan3-2', 'plan6', 'form6-1', 'form6-2', 'plan10']);
    expect(f({ courseType: 'senmon', years: 2 })).toEqual(['plan1-1', 'plan1-2', 'plan2', 'plan3-1', 'plan3-2', 'plan4-1', 'plan4-2', 'plan6', 'form6-1', 'form6-2', 'plan10']);
    expect(f({ courseType: 'futsu', years: 3 })).toContain('plan5-2');
    expect(f({ courseType: 'tanki' })).toEqual(['plan1-1', 'plan1-2', 'form7-1', 'form7-2', 'plan10']);
    expect(f({ courseType: 'senmonTanki', correspondence: true })).toEqual(['plan1-1', 'plan1-2', 'form7-1', 'form7-2', 'plan10', 'plan11']);
    expect(f({ courseType: 'ginoshi' })).toEqual(['plan1-1', 'plan1-2', 'plan2', 'form7-1', 'form7-2', 'plan10']);
    // 事業計画10 is 「補助金申請校を除く」.
    expect(f({ courseType: 'tanki' }, 'subsidy')).not.toContain('plan10');
  });

  it('refuses a course missing a sheet or filing one of another course type (planSheets), and a 専門・普通 course without 学年数 (planCourses)', () => {
    const s = start();
    const missing = E.filed('2026-04-20', plan({ courses: [{ ...FUTSU2, sheets: FUTSU2.sheets.filter((x) => x !== 'form6-2') }] }));
    expect(changed(s, send(s, missing))).toBe(false);
    expect(firstViolation(annualPlan.rules, RULES, s.context, missing)).toMatchObject({ rule: 'planSheets', message: expect.stringContaining('普通課程 機械系 機械加工科: 不足 月分訓練計画・実績表〔様式6-2〕') });
    const extra = E.filed('2026-04-20', plan({ courses: [{ ...GINOSHI, sheets: [...GINOSHI.sheets, 'form6-1'] }] }));
    expect(firstViolation(annualPlan.rules, RULES, s.context, extra)).toMatchObject({ rule: 'planSheets', message: expect.stringContaining('この課程では提出しない書類 年度訓練計画・実績表〔様式6-1〕') });
    // 様式7-3 (教程表続き) may be added to a short course; 事業計画10 is not filed by a school asking for the subsidy.
    expect(run([E.filed('2026-04-20', plan({ courses: [{ ...GINOSHI, sheets: [...GINOSHI.sheets, 'form7-3'] }] }))]).value).toBe('reviewing');
    const subsidised = E.filed('2026-04-20', plan({ subsidy: 'subsidy' }));
    expect(firstViolation(annualPlan.rules, RULES, s.context, subsidised)).toMatchObject({ rule: 'planSheets', message: expect.stringContaining('訓練に要する経費（事業計画10）') });
    const noYears = E.filed('2026-04-20', plan({ courses: [{ ...FUTSU2, years: undefined }] }));
    expect(firstViolation(annualPlan.rules, RULES, s.context, noYears)).toMatchObject({ rule: 'planCourses', message: expect.stringContaining('学年数') });
    const lastYear = E.filed('2026-04-20', plan({ courses: [{ ...GINOSHI, startsOn: '2025-09-01', endsOn: '2026-01-31' }] }));
    expect(firstViolation(annualPlan.rules, RULES, s.context, lastYear)).toMatchObject({ rule: 'planCourses', message: expect.stringContaining('今年度より前') });
  });
});

describe('annual-plan machine', () => {
  it('a plan on the effective day (before the holiday) is in time; on the holiday itself it is recorded late', () => {
    expect(run([E.filed('2026-04-28')]).context.lateness).toEqual([]);
    const late = run([deadlineEvent('overdue', '2026-04-29'), E.filed('2026-04-29')]);
    expect(late.context.lateness).toEqual([{ deadline: 'planFiling', label: '認定職業訓練事業計画書の提出', nominal: '2026-04-29', effective: '2026-04-28', filedOn: '2026-04-29', daysLate: 1 }]);
    expect(late.context.deadlineNotices).toEqual([expect.objectContaining({ kind: 'overdue', on: '2026-04-29' })]);
  });

  it('the centre returns the plan for correction; the re-filing is checked again, then accepted (final)', () => {
    const back = run([E.filed(), E.correction()]);
    expect(back.value).toBe('correcting');
    expect(back.context.corrections).toEqual([{ points: '様式6-2が添付されていません。', requestedOn: '2026-04-22' }]);
    expect(annualPlan.events.REFILED!.prefill!(back.context)).toEqual(plan());
    const bad = E.refiled('2026-04-27', plan({ courses: [{ ...FUTSU2, sheets: ['plan1-1'] }] }));
    expect(changed(back, send(back, bad))).toBe(false);
    const done = run([E.refiled(), E.accepted('2026-04-30', '変更は変更届で')], back);
    expect(done.status).toBe('done');
    expect(done.context.acceptance).toEqual({ on: '2026-04-30', note: '変更は変更届で' });
    expect(done.context.filings).toHaveLength(2);
    // A re-filing after the due date is not late: the first plan was in time.
    expect(run([E.refiled('2026-05-10')], back).context.lateness).toEqual([]);
  });

  it('is withdrawn before the receipt, never after', () => {
    expect(run([E.withdrawn()]).context.withdrawal).toEqual({ reason: '同じ年度の計画書を二重に作成したため', on: '2026-04-10' });
    expect(run([E.filed(), E.withdrawn('2026-04-21')]).value).toBe('withdrawn');
    const done = run([E.filed(), E.accepted()]);
    expect(changed(done, send(done, E.withdrawn('2026-05-01')))).toBe(false);
  });

  it('title, facts, summary and statistics show the courses and their sheets', () => {
    const s = run([E.filed()]);
    expect(annualPlan.caseTitle(s.context)).toBe('令和8年度 認定職業訓練事業計画書');
    expect(annualPlan.facts(s.context)).toEqual([
      ['年度', '令和8年度'],
      ['日付', '令和8年4月1日 (2026-04-01)付け'],
      ['訓練課程', '普通課程 機械系 機械加工科、短期課程（技能士コース） 機械系 機械加工科（2級技能士コース）'],
    ]);
    const table = annualPlan.summary!(s.context)[1]!;
    expect(table).toMatchObject({ label: '訓練課程ごとの提出書類' });
    expect('table' in table && table.table.rows[1]!.at(-1)).toBe('団体・事業所の概要（事業計画1-1）、今年度訓練生数〜指導員・講師数（事業計画1-2）、当該年度訓練実施計画（事業計画2）、訓練計画・実績表（総括表）〔様式7-1〕（事業計画7）、訓練計画・実績表（教程表）〔様式7-2〕（事業計画8）、訓練に要する経費（事業計画10）');
    expect(annualPlan.statistics!.rows(s.context)).toEqual([
      { family: '機械系', course: '機械加工科', values: { trainees: 12 } },
      { family: '機械系', course: '機械加工科 2級技能士コース', values: { trainees: 8 } },
    ]);
  });

  it('its statechart config is plain JSON', () => {
    const { context: _c, ...config } = annualPlanMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
