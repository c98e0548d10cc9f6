/** The abolition statechart (manual II-4(2), 様式4): in time or late, correction loop, receipt, rules, withdrawal. */
import { describe, expect, it } from 'vitest';
import { getShortestPaths, toDirectedGraph } from '@xstate/graph';
import { firstViolation } from '../../definitions/common/rules.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { abolitionNotice } from '../../definitions/abolition/deadlines.js';
import { abolition } from '../../definitions/abolition/index.js';
import { definitionProblems } from '../../definitions/validate.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { abolitionMachine } from '../../machines/abolition.js';
import { coverage } from './graph-coverage.js';
import { E, INPUT, ROSTER, SETTINGS, SKILL_CHECK_OF_OTHER_COURSE, SUSPENSION_OF_TRAINING, changed, deadlineEvent, payload, run, send, settingsOf, start, withSchoolCases, type Event, type Snapshot } from './abolition-fixtures.js';

const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');
const EVENTS = () => [E.filed(), E.correction(), E.refiled(), E.accepted(), E.withdrawn(), deadlineEvent('reminder', '2026-10-19')];

describe('abolition definition', () => {
  it('passes the registration checks and handles exactly its declared events', () => {
    expect(definitionProblems(abolition)).toEqual([]);
    const graph = toDirectedGraph(abolitionMachine);
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].sort()).toEqual([...Object.keys(abolition.events), DEADLINE_EVENT].sort());
  });

  it('reaches every state, and each shortest path replays', () => {
    const paths = getShortestPaths(abolitionMachine, { input: INPUT, events: EVENTS(), serializeState: (s: Snapshot) => JSON.stringify(s.value) });
    expect([...new Set(paths.map((p) => JSON.stringify(p.state.value)))].sort()).toEqual(
      ['"drafting"', '"reviewing"', '"correcting"', '"accepted"', '"withdrawn"'].sort(),
    );
    for (const p of paths) expect(run(eventsOf(p.steps)).value).toEqual(p.state.value);
  });

  it('the paths plus one step exercise every edge and every event', () => {
    const c = coverage(abolitionMachine, INPUT, EVENTS());
    expect(c.exercised).toEqual(c.edges);
    expect(c.events).toEqual([...Object.keys(abolition.events), DEADLINE_EVENT].sort());
  });

  it('the deadline is a month after the 廃止年月日 (assumed), soft, the centre supervising; a holiday moves it back', () => {
    expect(abolitionNotice).toMatchObject({ enforcement: 'soft', party: 'school', supervisor: 'center', form: '様式4', direction: 'after', offset: { months: 1 } });
    // 2026-11-03 is 文化の日: the last open day before it is Monday 2026-11-02.
    expect(resolveDeadline(abolitionNotice, start().context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2026-11-03', effective: '2026-11-02' });
    expect(resolveDeadline(abolitionNotice, start({ ...INPUT, abolishedOn: '2026-09-15' }).context, SETTINGS, settingsOf)).toMatchObject({
      nominal: '2026-10-15',
      effective: '2026-10-15',
    });
  });
});

describe('abolition machine', () => {
  it('a filing on the effective last day (the open day before the holiday) is in time and goes to the centre', () => {
    const s = run([E.filed('2026-11-02')]);
    expect(s.value).toBe('reviewing');
    expect(s.context.lateness).toEqual([]);
    expect(s.context.filings[0]).toMatchObject({ filedOn: '2026-11-02', abolishedOn: '2026-10-03', custodian: { name: '東京都塗装工業協同組合' } });
    expect(abolition.machine.getStateNodeById('abolition.reviewing').meta).toMatchObject({ waitingOn: 'center' });
  });

  it('on the nominal day (文化の日) it is accepted but recorded 1 day late', () => {
    const late = run([deadlineEvent('overdue', '2026-11-03'), E.filed('2026-11-03')]);
    expect(late.value).toBe('reviewing');
    expect(late.context.lateness).toEqual([
      { deadline: 'abolitionNotice', label: '認定職業訓練廃止届', nominal: '2026-11-03', effective: '2026-11-02', filedOn: '2026-11-03', daysLate: 1 },
    ]);
    expect(late.context.deadlineNotices.map((d) => d.kind)).toEqual(['overdue']);
  });

  it('lateness counts from the 廃止年月日 the filing states', () => {
    const s = run([E.filed('2026-11-10', payload({ abolishedOn: '2026-10-31' }))]);
    expect(s.context.abolishedOn).toBe('2026-10-31');
    expect(s.context.lateness).toEqual([]);
  });

  it('refuses a filing without the 認定書 (rule certificate) or while a case of an abolished 訓練科 is open (rule openCases)', () => {
    const s = start();
    const names = ['certificateAttached', 'openCasesClosed'] as const;
    const noCertificate = E.filed('2026-10-20', payload({ certificateAttached: false }));
    expect(changed(s, send(s, noCertificate))).toBe(false);
    expect(firstViolation(abolition.rules, [...names], s.context, noCertificate)).toMatchObject({ rule: 'certificate' });
    const open = withSchoolCases(E.filed(), [SUSPENSION_OF_TRAINING, SKILL_CHECK_OF_OTHER_COURSE, ROSTER]);
    expect(changed(s, send(s, open))).toBe(false);
    expect(firstViolation(abolition.rules, [...names], s.context, open)).toMatchObject({
      rule: 'openCases',
      message: expect.stringContaining('塗装系 建築塗装科 認定職業訓練の休止：休止中'),
    });
    expect(firstViolation(abolition.rules, [...names], s.context, open)!.message).not.toContain('機械加工');
    // Names as filed, spaces around them aside.
    const spaced = withSchoolCases(E.filed(), [{ ...SUSPENSION_OF_TRAINING, courses: [{ kei: ' 塗装', ka: '建築塗装 ' }] }]);
    expect(firstViolation(abolition.rules, [...names], s.context, spaced)).toMatchObject({ rule: 'openCases' });
    const others = withSchoolCases(E.filed(), [SKILL_CHECK_OF_OTHER_COURSE, ROSTER]);
    expect(firstViolation(abolition.rules, [...names], s.context, others)).toBeNull();
    const filed = send(s, others);
    expect(filed.value).toBe('reviewing');
    // The whole-school case is kept for the centre's message; the other course's case is not (it goes on).
    expect(filed.context.schoolWideCases).toEqual([{ title: ROSTER.title, stateLabel: ROSTER.stateLabel }]);
    expect(abolition.events.ABOLITION_FILED!.notify![0]!.todo!({ context: filed.context, data: others.data }).join('\n')).toContain(ROSTER.title);
    // Without the engine (a machine test) no cases are given: nothing blocks.
    expect(firstViolation(abolition.rules, [...names], s.context, E.filed())).toBeNull();
  });

  it('the centre asks for corrections; the school re-files (prefilled), the same rules apply, and the centre receives it', () => {
    let s = run([E.filed(), E.correction()]);
    expect(s.value).toBe('correcting');
    const prefill = abolition.events.REFILED!.prefill!(s.context);
    expect(prefill).toEqual(payload());
    expect(abolition.events.REFILED!.schema.safeParse(prefill).success).toBe(true);
    expect(changed(s, send(s, withSchoolCases(E.refiled('2026-10-26'), [SUSPENSION_OF_TRAINING])))).toBe(false);
    s = run([E.refiled()], s);
    expect(s.value).toBe('reviewing');
    s = run([E.accepted()], s);
    expect(s.value).toBe('accepted');
    expect(s.status).toBe('done');
    expect(s.context.acceptance).toEqual({ on: '2026-10-28', certificateReceivedOn: '2026-10-26', note: '受理しました' });
    // A re-filing is never recorded late.
    expect(run([E.filed(), E.correction('2026-10-30'), E.refiled('2026-11-20')]).context.lateness).toEqual([]);
  });

  it('the first filing is prefilled from the case', () => {
    expect(abolition.events.ABOLITION_FILED!.prefill!(start().context)).toEqual({ trainings: INPUT.trainings, abolishedOn: '2026-10-03' });
  });

  it('is withdrawn before the receipt, never after', () => {
    expect(run([E.withdrawn()]).value).toBe('withdrawn');
    expect(run([E.filed(), E.withdrawn()]).value).toBe('withdrawn');
    const w = run([E.filed(), E.correction(), E.withdrawn('2026-10-23')]);
    expect(w.context.withdrawal).toEqual({ reason: '訓練を継続することになったため', on: '2026-10-23' });
    const done = run([E.filed(), E.accepted()]);
    expect(changed(done, send(done, E.withdrawn('2026-10-29')))).toBe(false);
  });

  it('facts and summary name the date, the trainings and the custodian', () => {
    expect(abolition.facts(start().context)).toEqual([
      ['廃止年月日', '令和8年10月3日 (2026-10-03)'],
      ['廃止する訓練', '普通職業訓練・普通課程 塗装系 建築塗装科'],
    ]);
    const s = run([E.filed(), E.accepted()]);
    expect(abolition.summary!(s.context)).toEqual([
      { label: '訓練関係の帳票類の引継先', value: '東京都塗装工業協同組合（東京都品川区東品川1-2-3、代表者 理事長 乙山 二郎）' },
      { label: '受理日・認定書の受領日', value: '令和8年10月28日 (2026-10-28)・令和8年10月26日 (2026-10-26)' },
    ]);
    expect(abolition.caseTitle(s.context)).toBe('認定職業訓練の廃止（塗装系 建築塗装科、廃止年月日 2026-10-03）');
  });

  it('its statechart config is plain JSON', () => {
    const { context: _c, ...config } = abolitionMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
