/** The supervision statechart (manual II-5): visit, findings, improvement report, 再指導, completion, cancellation. */
import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from '@xstate/graph';
import { firstViolation } from '../../definitions/common/rules.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { followUp, visitRecord } from '../../definitions/supervision/deadlines.js';
import { supervision } from '../../definitions/supervision/index.js';
import { definitionProblems } from '../../definitions/validate.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { supervisionMachine } from '../../machines/supervision.js';
import { coverage } from './graph-coverage.js';
import { E, INPUT, SETTINGS, changed, deadlineEvent, run, send, settingsOf, start, visit, type Event } from './supervision-fixtures.js';

const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');
const EVENTS = () => [E.rescheduled(), E.recorded(), E.clean(), E.improved(), E.further(), E.confirmed(), E.cancelled(), deadlineEvent('reminder', '2026-11-01')];

describe('supervision definition', () => {
  it('passes the registration checks and handles exactly its declared events', () => {
    expect(definitionProblems(supervision)).toEqual([]);
    const graph = toDirectedGraph(supervisionMachine);
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].filter((t) => !t.startsWith('xstate.')).sort()).toEqual([...Object.keys(supervision.events), DEADLINE_EVENT].sort());
  });

  it('reaches every state at rest, each shortest path replays, and the paths plus one step exercise every edge and event', () => {
    const c = coverage(supervisionMachine, INPUT, EVENTS());
    // `recorded` is transient: never at rest.
    expect(c.states).toEqual(['"cancelled"', '"closed"', '"confirming"', '"followUp"', '"scheduled"']);
    for (const p of c.paths) expect(run(eventsOf(p.steps)).value).toEqual(p.state.value);
    const userEdges = c.edges.filter((e) => !e.endsWith(' '));
    expect(c.exercised).toEqual(userEdges);
    expect(c.events).toEqual([...Object.keys(supervision.events), DEADLINE_EVENT].sort());
  });

  it('the record is due a week after the planned day (assumed), moved back from 文化の日', () => {
    expect(visitRecord).toMatchObject({ enforcement: 'soft', party: 'center', supervisor: 'hq' });
    expect(resolveDeadline(visitRecord, start().context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2026-11-03', effective: '2026-11-02' });
    const moved = run([E.rescheduled('2026-10-20', '2026-10-28')]);
    expect(resolveDeadline(visitRecord, moved.context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2026-11-04', effective: '2026-11-04' });
  });

  it('the improvement report is due on the visitor\'s date, moved back from 勤労感謝の日; none is due without findings', () => {
    expect(followUp).toMatchObject({ enforcement: 'soft', party: 'school', supervisor: 'center' });
    expect(resolveDeadline(followUp, start().context, SETTINGS, settingsOf)).toBeNull();
    expect(resolveDeadline(followUp, run([E.recorded()]).context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2026-11-23', effective: '2026-11-20' });
  });
});

describe('supervision machine', () => {
  it('a record on the effective last day is in time; on the holiday it is recorded late', () => {
    expect(run([E.recorded('2026-11-02')]).context.lateness).toEqual([]);
    const late = run([E.recorded('2026-11-03')]);
    expect(late.context.lateness).toEqual([
      { deadline: 'visitRecord', label: '指導・監督の記録（訪問日から7日以内）', nominal: '2026-11-03', effective: '2026-11-02', filedOn: '2026-11-03', daysLate: 1 },
    ]);
  });

  it('findings wait on the school; a report by the effective day is in time, one on the holiday is late', () => {
    const s = run([E.recorded()]);
    expect(s.value).toBe('followUp');
    expect(s.context.rounds).toEqual([
      { instruction: '訓練日誌（様式8）の記入漏れ：毎訓練日に指導員が記入し、校長が確認すること／訓練生出席簿（様式9）の押印漏れ：出席簿を毎日確認すること', followUpBy: '2026-11-23', report: null },
    ]);
    expect(supervision.machine.getStateNodeById('supervision.followUp').meta).toMatchObject({ waitingOn: 'school', deadlines: ['followUp'] });
    const inTime = run([E.improved('2026-11-20')], s);
    expect(inTime.value).toBe('confirming');
    expect(inTime.context.lateness).toEqual([]);
    expect(inTime.context.followUpBy).toBeNull();
    const late = run([E.improved('2026-11-23')], s);
    expect(late.context.lateness).toEqual([expect.objectContaining({ deadline: 'followUp', nominal: '2026-11-23', effective: '2026-11-20', daysLate: 3 })]);
  });

  it('a 再指導 sets a new date and waits on the school again; the centre then confirms and the visit is done', () => {
    let s = run([E.recorded(), E.improved(), E.further()]);
    expect(s.value).toBe('followUp');
    expect(s.context.followUpBy).toBe('2026-12-20');
    expect(resolveDeadline(followUp, s.context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2026-12-20', effective: '2026-12-18' });
    s = run([E.improved('2026-12-18'), E.confirmed('2026-12-21')], s);
    expect(s.value).toBe('closed');
    expect(s.status).toBe('done');
    expect(s.context.rounds.map((r) => r.report?.reportedOn)).toEqual(['2026-11-19', '2026-12-18']);
    expect(s.context.lateness).toEqual([]);
  });

  it('a visit without findings is done when recorded', () => {
    const s = run([E.clean()]);
    expect(s.value).toBe('closed');
    expect(s.context.followUpBy).toBeNull();
  });

  it('refuses a record dated in the future, findings without a date, a date without findings, and a 職業訓練法人調査 of another school', () => {
    const s = start();
    const names = ['visitHappened', 'followUpDate', 'corporationVisit'];
    const cases: [Event, string][] = [
      [E.recorded('2026-10-26'), 'visitDate'],
      [E.recorded('2026-10-29', visit({ followUpBy: undefined })), 'followUpDate'],
      [E.recorded('2026-10-29', visit({ findings: [] })), 'followUpDate'],
      [E.recorded('2026-10-29', visit({ followUpBy: '2026-10-27' })), 'followUpDate'],
    ];
    for (const [e, rule] of cases) {
      expect(changed(s, send(s, e))).toBe(false);
      expect(firstViolation(supervision.rules, names, s.context, e)).toMatchObject({ rule });
    }
    const corp = start({ ...INPUT, kind: 'corporation' });
    expect(firstViolation(supervision.rules, names, corp.context, E.recorded())).toMatchObject({ rule: 'visitKind' });
    expect(run([E.recorded()], start({ ...INPUT, kind: 'corporation', trainingCorporation: true })).value).toBe('followUp');
    const confirming = run([E.recorded(), E.improved()]);
    expect(changed(confirming, send(confirming, E.further('2026-11-25', '2026-11-25')))).toBe(false);
  });

  it('a planned visit is rescheduled or cancelled; a recorded one is not', () => {
    const s = run([E.rescheduled()]);
    expect(s.context.plannedOn).toBe('2026-10-28');
    expect(s.context.reschedules).toEqual([{ from: '2026-10-27', to: '2026-10-28', reason: '訓練日の変更のため', on: '2026-10-20' }]);
    expect(run([E.cancelled()]).value).toBe('cancelled');
    const recorded = run([E.recorded()]);
    expect(changed(recorded, send(recorded, E.cancelled('2026-10-30')))).toBe(false);
  });

  it('facts and summary name the kind, the date, the findings and the reports', () => {
    expect(supervision.facts(start().context)).toEqual([
      ['指導・監督の種類', '(1) 訓練事務指導'],
      ['訪問予定日', '令和8年10月27日 (2026-10-27)'],
    ]);
    const s = run([E.recorded(), E.improved()]);
    expect(supervision.caseTitle(s.context)).toBe('訓練事務指導（訪問予定日 2026-10-27）');
    const items = supervision.summary!(s.context);
    expect(items[0]).toEqual({ label: '指導・監督の内容', value: '訓練管理帳票類が整備されているか等を指導・確認します。' });
    expect(items.find((i) => i.label === '指摘事項及び指導内容')).toMatchObject({ table: { columns: ['指摘事項', '指導内容'] } });
    expect(items.find((i) => i.label === '改善状況の報告')).toMatchObject({ table: { rows: [[expect.any(String), '令和8年11月23日 (2026-11-23)', '令和8年11月19日 (2026-11-19)', '訓練日誌と出席簿を毎日確認する手順を定めました']] } });
  });

  it('its statechart config is plain JSON', () => {
    const { context: _c, ...config } = supervisionMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
