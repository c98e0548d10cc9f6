/** The dispersed-training statechart (manual II-6(10), 様式15): four quarters, reports per trainee, missed and late quarters. */
import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from '@xstate/graph';
import { firstViolation } from '../../definitions/common/rules.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { quarterDeadlines } from '../../definitions/dispersed-training-report/deadlines.js';
import { dispersedTrainingReport } from '../../definitions/dispersed-training-report/index.js';
import { missingReports } from '../../definitions/dispersed-training-report/quarters.js';
import { definitionProblems } from '../../definitions/validate.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { dispersedTrainingReportMachine } from '../../machines/dispersed-training-report.js';
import { coverage } from './graph-coverage.js';
import { E, INPUT, SETTINGS, changed, deadlineEvent, fullYear, month, run, send, settingsOf, start, type Event } from './dispersed-training-report-fixtures.js';

const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');
const due = (q: 'q1' | 'q2' | 'q3' | 'q4', c = start().context) => resolveDeadline(quarterDeadlines[q], c, SETTINGS, settingsOf);

describe('dispersed-training-report definition', () => {
  it('passes the registration checks and handles exactly its declared events', () => {
    expect(definitionProblems(dispersedTrainingReport)).toEqual([]);
    const graph = toDirectedGraph(dispersedTrainingReportMachine);
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].filter((t) => t && !t.startsWith('xstate.')).sort()).toEqual([...Object.keys(dispersedTrainingReport.events), DEADLINE_EVENT].sort());
  });

  it('reaches every state (the walk tells snapshots apart by the reports in), each path replays, every edge and event is exercised', () => {
    // One trainee keeps the walk small (4 reports: 16 combinations); the year's rules are the same for two.
    const input = { ...INPUT, trainees: [INPUT.trainees[0]!] };
    const events = [...(['q1', 'q2', 'q3', 'q4'] as const).map((q) => E.report(q, 0)), E.left('2026-11-10', '2026-11-05', 0), E.withdrawn(), deadlineEvent('overdue', '2026-10-31')];
    const key = (x: { value: unknown; context: { reports: { quarter: string; traineeName: string }[]; missedQuarters: string[]; trainees: { leftOn: string | null }[] } }) =>
      JSON.stringify([x.value, x.context.reports.map((r) => `${r.quarter}:${r.traineeName}`).sort(), x.context.missedQuarters, x.context.trainees.map((t) => t.leftOn)]);
    const c = coverage(dispersedTrainingReportMachine, input, events, key as never);
    expect([...new Set(c.states.map((s) => JSON.parse(s)[0]))].sort()).toEqual(['collecting', 'complete', 'withdrawn']);
    for (const p of c.paths) expect(key(run(eventsOf(p.steps), start(input)))).toEqual(key(p.state as never));
    expect(c.exercised).toEqual(c.edges.filter((e) => !e.endsWith(' ')));
    expect(c.events).toEqual([...Object.keys(dispersedTrainingReport.events), DEADLINE_EVENT].sort());
    // The shortest way to a finished year is its four reports (three when the trainee left during the third quarter).
    const done = c.paths.find((p) => (p.state as { value: unknown }).value === 'complete')!;
    expect(eventsOf(done.steps).map((e) => e.type)).toEqual(expect.arrayContaining(['REPORT_RECORDED']));
    expect(eventsOf(done.steps).length).toBeLessThanOrEqual(4);
  });

  it('the quarters are HQ\'s fiscal-year settings (assumed: the end of the next month, the last by 31 March); weekends move them back', () => {
    expect(dispersedTrainingReport.settings.map((s) => [s.key, s.default(2026)])).toEqual([
      ['q1', '2026-07-31'],
      ['q2', '2026-10-31'],
      ['q3', '2027-01-31'],
      ['q4', '2027-03-31'],
    ]);
    expect(quarterDeadlines.q2).toMatchObject({ enforcement: 'soft', party: 'school', supervisor: 'center', form: '様式15' });
    expect(due('q1')).toMatchObject({ nominal: '2026-07-31', effective: '2026-07-31' });
    expect(due('q2')).toMatchObject({ nominal: '2026-10-31', effective: '2026-10-30' });
    expect(due('q3')).toMatchObject({ nominal: '2027-01-31', effective: '2027-01-29' });
    // A quarter with every report in has no deadline any more.
    expect(due('q1', run([E.report('q1', 0), E.report('q1', 1)]).context)).toBeNull();
    expect(due('q1', run([E.report('q1', 0)]).context)).not.toBeNull();
  });
});

describe('dispersed-training-report machine', () => {
  it('a report on the effective day (Friday before the Saturday) is in time; on the Saturday it is recorded late', () => {
    expect(run([E.report('q2', 0, '2026-10-30')]).context.lateness).toEqual([]);
    const late = run([E.report('q2', 0, '2026-10-31')]);
    expect(late.context.lateness).toEqual([
      { deadline: 'q2Reports', label: '分散訓練実施状況報告書（7月〜9月分）', nominal: '2026-10-31', effective: '2026-10-30', filedOn: '2026-10-31', daysLate: 1 },
    ]);
  });

  it('a quarter whose day passes with a report missing is recorded as missed, once', () => {
    const s = run([E.report('q2', 0), deadlineEvent('due', '2026-10-30'), deadlineEvent('overdue', '2026-10-31'), deadlineEvent('overdue', '2026-11-01')]);
    expect(s.context.missedQuarters).toEqual(['q2']);
    expect(dispersedTrainingReport.facts(s.context)).toContainEqual(['受領期限を過ぎた期間', '7月〜9月分']);
    expect(missingReports(s.context, 'q2').map((t) => t.name)).toEqual(['佐藤 花子']);
    expect(run([deadlineEvent('reminder', '2026-10-16')]).context.missedQuarters).toEqual([]);
  });

  it('the year ends when every trainee\'s report of every quarter is in', () => {
    const year = fullYear();
    expect(run(year.slice(0, -1)).value).toBe('collecting');
    const done = run(year);
    expect(done.value).toBe('complete');
    expect(done.context.reports).toHaveLength(8);
    expect(done.context.lateness).toEqual([]);
  });

  it('a trainee who left owes no report for the quarters after', () => {
    let s = run([E.report('q1', 0), E.report('q1', 1), E.report('q2', 0), E.report('q2', 1), E.left('2026-11-10', '2026-11-05')]);
    expect(s.context.trainees[1]).toMatchObject({ leftOn: '2026-11-05' });
    // Left during q3: still owes q3, not q4.
    expect(missingReports(s.context, 'q3').map((t) => t.name)).toEqual(['山田 太郎', '佐藤 花子']);
    expect(missingReports(s.context, 'q4').map((t) => t.name)).toEqual(['山田 太郎']);
    s = run([E.report('q3', 0), E.report('q3', 1), E.report('q4', 0)], s);
    expect(s.value).toBe('complete');
  });

  it('refuses a report of an unknown trainee, a second one, months outside the quarter, attended above held, a future date', () => {
    const s = run([E.report('q1', 0)]);
    const names = ['traineeOwesReport', 'monthsAndHours', 'reportedBeforeRecorded'];
    const cases: [Event, string][] = [
      [E.report('q2', 0, '2026-10-20', { traineeName: '鈴木 一郎' }), 'trainee'],
      [E.report('q1', 0, '2026-07-21'), 'trainee'],
      [E.report('q2', 1, '2026-10-20', { months: [month(6), month(7)] }), 'reportContent'],
      [E.report('q2', 1, '2026-10-20', { months: [month(7), month(7)] }), 'reportContent'],
      [E.report('q2', 1, '2026-10-20', { months: [month(7, 90)] }), 'reportContent'],
      [E.report('q2', 1, '2026-10-08'), 'reportDate'],
    ];
    for (const [e, rule] of cases) {
      expect(changed(s, send(s, e)), rule).toBe(false);
      expect(firstViolation(dispersedTrainingReport.rules, names, s.context, e)).toMatchObject({ rule });
    }
    const gone = run([E.left('2026-07-01', '2026-06-30')], s);
    expect(firstViolation(dispersedTrainingReport.rules, names, gone.context, E.report('q2', 1))).toMatchObject({ rule: 'trainee', message: expect.stringContaining('前に分散訓練を終了') });
    expect(changed(gone, send(gone, E.left('2026-07-02', '2026-06-30')))).toBe(false);
  });

  it('is withdrawn while collecting', () => {
    const s = run([E.withdrawn()]);
    expect(s.value).toBe('withdrawn');
    expect(s.context.withdrawal).toEqual({ reason: '分散訓練を行わないことになったため', on: '2026-07-01' });
  });

  it('facts and summary show the quarters and the hours', () => {
    const s = run([E.report('q1', 0), E.report('q1', 1), E.report('q2', 0)]);
    expect(dispersedTrainingReport.facts(s.context)).toEqual([
      ['年度', '令和8年度'],
      ['訓練科', '機械系 機械加工科'],
      ['分散訓練の訓練生', '2人'],
      ['4月〜6月分', '2 / 2人'],
      ['7月〜9月分', '1 / 2人'],
      ['10月〜12月分', '0 / 2人'],
      ['1月〜3月分', '0 / 2人'],
    ]);
    const table = dispersedTrainingReport.summary!(s.context)[1]!;
    expect('table' in table && table.table.rows[0]).toEqual(['4月〜6月分', '山田 太郎', '株式会社城南製作所', '令和8年7月10日 (2026-07-10)', '120・120・120時間', '240・240・228時間']);
    expect(dispersedTrainingReport.caseTitle(s.context)).toBe('令和8年度 機械系 機械加工科 分散訓練実施状況報告書');
  });

  it('its statechart config is plain JSON', () => {
    const { context: _c, ...config } = dispersedTrainingReportMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
