/** The record-retention statechart (manual II-6 保存年限): the table's periods, disposal after them, permanent records kept. */
import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from '@xstate/graph';
import { firstViolation } from '../../definitions/common/rules.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { retentionEnds } from '../../definitions/record-retention/deadlines.js';
import { recordRetention } from '../../definitions/record-retention/index.js';
import { recordsFor } from '../../definitions/record-retention/records.js';
import { definitionProblems } from '../../definitions/validate.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { recordRetentionMachine } from '../../machines/record-retention.js';
import { submitBy } from '../../src/domain/submit-by.js';
import { coverage } from './graph-coverage.js';
import { CUSTODIAN, E, REGULAR, SETTINGS, SHORT_ONLY, SUBSIDISED, changed, deadlineEvent, run, send, settingsOf, start, type Event } from './record-retention-fixtures.js';

const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');
const THREE_YEAR_REGULAR = [1, 2, 3, 4, 5, 8, 9, 13, 14, 15];

describe('record-retention definition', () => {
  it('passes the registration checks and handles exactly its declared events', () => {
    expect(definitionProblems(recordRetention)).toEqual([]);
    const graph = toDirectedGraph(recordRetentionMachine);
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].filter((t) => t && !t.startsWith('xstate.')).sort()).toEqual([...Object.keys(recordRetention.events), DEADLINE_EVENT].sort());
  });

  it('reaches every state at rest (two schools), each path replays, and every edge and event is exercised', () => {
    const states = new Set<string>();
    const exercised = new Set<string>();
    const used = new Set<string>();
    let edges: string[] = [];
    for (const [input, disposal] of [
      [REGULAR, THREE_YEAR_REGULAR],
      [SHORT_ONLY, [1, 3, 6, 7, 9, 13]],
    ] as const) {
      const events = [E.ended(), E.disposed([...disposal]), E.transferred(), deadlineEvent('reminder', '2030-03-01')];
      const c = coverage(recordRetentionMachine, input, events);
      for (const p of c.paths) expect(run(eventsOf(p.steps), start(input)).value).toEqual(p.state.value);
      c.states.forEach((s) => states.add(s));
      c.exercised.forEach((s) => exercised.add(s));
      c.events.forEach((s) => used.add(s));
      edges = c.edges;
    }
    expect([...states].sort()).toEqual(['"disposable"', '"keeping"', '"permanentOnly"']);
    expect([...exercised].sort()).toEqual(edges.filter((e) => !e.endsWith(' ')));
    expect([...used].sort()).toEqual([...Object.keys(recordRetention.events), DEADLINE_EVENT].sort());
  });

  it('transcribes the manual\'s table: the records a 普通課程 keeps, 3 or 5 years by subsidy, 永年 flagged', () => {
    const r = recordsFor(2026, ['regular'], false);
    expect(r.map((x) => x.no)).toEqual([1, 2, 3, 4, 5, 8, 9, 10, 11, 13, 14, 15, 18, 19, 20]);
    expect(r.filter((x) => x.retention === 'permanent').map((x) => x.forms)).toEqual(['様式10-1', '様式10-2', '様式16', '様式17・20-3', '様式26・20-2']);
    expect(r.find((x) => x.no === 9)).toMatchObject({ retention: 3, retentionEnds: '2030-03-31' });
    const s = recordsFor(2026, ['regular'], true);
    expect(s.find((x) => x.no === 9)).toMatchObject({ retention: 5, retentionEnds: '2032-03-31' });
    // 様式15 shows one figure: 3 years with or without subsidies.
    expect(s.find((x) => x.no === 15)).toMatchObject({ retention: 3, retentionEnds: '2030-03-31' });
    // A 技能士コース keeps its own 指導要録 and 修了者名簿 for ever; 様式13・14 are handed out and not listed.
    expect(recordsFor(2026, ['skilledWorker'], false).filter((x) => x.retention === 'permanent').map((x) => x.forms)).toEqual(['様式10-3', '様式16', '様式17・20-3', '様式26・20-2', '様式27-1']);
    expect(recordsFor(2026, ['advanced', 'advancedShort', 'regular', 'short', 'skilledWorker'], false).map((x) => x.forms)).not.toContain('様式13');
  });

  it('a period ends on its last day even when that is a closed day (a period is not moved like a "submit by" day)', () => {
    // 2030-03-31 is a Sunday: a "submit by" day would move back to Friday 2030-03-29; a period does not.
    expect(submitBy('2030-03-31', {}, 'before')).toMatchObject({ nominal: '2030-03-31', effective: '2030-03-29' });
    expect(resolveDeadline(retentionEnds, start().context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2030-03-31', effective: '2030-03-31' });
    expect(retentionEnds).toMatchObject({ closedDays: 'none', enforcement: 'soft', party: 'school' });
    // Inside (the last day): nothing may be disposed of; outside (the day after, the timer): the 3-year ones may.
    const kept = start();
    expect(firstViolation(recordRetention.rules, ['disposableOnly'], kept.context, E.disposed([9], '2030-03-31', '2030-03-31'))).toMatchObject({ rule: 'retention' });
    const ended = run([E.ended()]);
    expect(firstViolation(recordRetention.rules, ['disposableOnly'], ended.context, E.disposed([9], '2030-04-01', '2030-04-01'))).toBeNull();
    expect(firstViolation(recordRetention.rules, ['disposableOnly'], ended.context, E.disposed([9], '2030-04-01', '2030-03-31'))).toMatchObject({ rule: 'retention' });
  });
});

describe('record-retention machine', () => {
  it('without subsidies: after 3 years the non-permanent records may go; once gone, only the permanent ones stay (flagged)', () => {
    let s = run([deadlineEvent('reminder', '2030-03-01'), deadlineEvent('due', '2030-03-31')]);
    expect(s.value).toBe('keeping');
    s = run([E.ended()], s);
    expect(s.value).toBe('disposable');
    expect(s.context.records.filter((r) => r.disposable).map((r) => r.no)).toEqual(THREE_YEAR_REGULAR);
    expect(recordRetention.events.DISPOSED!.prefill!(s.context)).toEqual({ records: THREE_YEAR_REGULAR });
    s = run([E.disposed([9, 13])], s);
    expect(s.value).toBe('disposable');
    s = run([E.disposed([1, 2, 3, 4, 5, 8, 14, 15], '2030-04-20', '2030-04-20')], s);
    expect(s.value).toBe('permanentOnly');
    expect(recordRetentionMachine.getStateNodeById('recordRetention.permanentOnly').meta).toMatchObject({ closed: true });
    expect(resolveDeadline(retentionEnds, s.context, SETTINGS, settingsOf)).toBeNull();
  });

  it('with subsidies: 様式15 after 3 years, the rest after 5', () => {
    let s = run([E.ended()], start(SUBSIDISED));
    expect(s.context.records.filter((r) => r.disposable).map((r) => r.no)).toEqual([15]);
    s = run([E.disposed([15])], s);
    expect(s.value).toBe('keeping');
    expect(resolveDeadline(retentionEnds, s.context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2032-03-31', effective: '2032-03-31' });
    s = run([E.ended('2032-04-01', '2032-03-31')], s);
    expect(s.value).toBe('disposable');
    expect(s.context.records.filter((r) => r.disposable && !r.disposedOn).map((r) => r.no)).toEqual([1, 2, 3, 4, 5, 8, 9, 13, 14]);
  });

  it('every course keeps its 修了証書交付台帳 (様式16) for ever: a short course ends with that one record kept', () => {
    const s = run([E.ended(), E.disposed([1, 3, 6, 7, 9, 13])], start(SHORT_ONLY));
    expect(s.value).toBe('permanentOnly');
    expect(s.context.records.filter((r) => !r.disposedOn).map((r) => r.forms)).toEqual(['様式16']);
    expect(s.status).toBe('active');
  });

  it('refuses to dispose of a permanent record, one still kept, one disposed of already, a future date', () => {
    const s = run([E.ended(), E.disposed([9])]);
    for (const e of [E.disposed([10]), E.disposed([9]), E.disposed([99]), E.disposed([13], '2030-04-10', '2030-04-11')]) {
      expect(changed(s, send(s, e))).toBe(false);
      expect(firstViolation(recordRetention.rules, ['disposableOnly'], s.context, e)).toMatchObject({ rule: 'retention' });
    }
    expect(firstViolation(recordRetention.rules, ['disposableOnly'], s.context, E.disposed([10]))!.message).toContain('永年保存です');
  });

  it('after an abolition the custodian is recorded and the periods run on', () => {
    const s = run([E.transferred()]);
    expect(s.value).toBe('keeping');
    expect(s.context.custodian).toEqual({ ...CUSTODIAN, transferredOn: '2029-05-31', reason: '認定職業訓練の廃止（様式4で届出）' });
    expect(run([E.ended()], s).value).toBe('disposable');
    expect(recordRetention.facts(s.context)).toContainEqual(['帳票類の引継先', '東京都機械工業協同組合']);
  });

  it('facts and summary list each record, its period and the day it may be disposed of', () => {
    const s = run([E.ended()]);
    expect(recordRetention.facts(s.context).slice(0, 4)).toEqual([
      ['帳票の年度', '令和8年度'],
      ['訓練課程', '普通課程'],
      ['補助金・助成金', '交付なし（保存年限3年）'],
      ['永年保存の帳票', '5種類'],
    ]);
    const [table] = recordRetention.summary!(s.context);
    expect(table && 'table' in table && table.table.rows.find((r) => r[0] === '9')).toEqual(['9', '訓練生出席簿', '様式9', '3年', '令和12年4月1日 (2030-04-01)', '廃棄可']);
    expect(table && 'table' in table && table.table.rows.find((r) => r[0] === '10')).toEqual(['10', '訓練生指導要録（普通・専門課程）', '様式10-1', '永年', '永年保存（廃棄不可）', '保存中']);
  });

  it('its statechart config is plain JSON', () => {
    const { context: _c, ...config } = recordRetentionMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
