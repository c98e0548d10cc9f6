/** The change-notice statechart (manual II-3, 様式2): in time or late, correction loop, acknowledgement, 規則51条, withdrawal. */
import { describe, expect, it } from 'vitest';
import { getShortestPaths, toDirectedGraph } from '@xstate/graph';
import { firstViolation } from '../../definitions/common/rules.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { changeNotice as changeNoticeRule } from '../../definitions/change-notice/deadlines.js';
import { changeNotice } from '../../definitions/change-notice/index.js';
import { definitionProblems } from '../../definitions/validate.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { changeNoticeMachine } from '../../machines/change-notice.js';
import { CORPORATION, E, INPUT, SETTINGS, changed, deadlineEvent, payload, run, send, settingsOf, start, type Event, type Snapshot } from './change-notice-fixtures.js';

const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');

describe('change-notice definition', () => {
  it('passes the registration checks and handles exactly its declared events', () => {
    expect(definitionProblems(changeNotice)).toEqual([]);
    const graph = toDirectedGraph(changeNoticeMachine);
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].sort()).toEqual([...Object.keys(changeNotice.events), DEADLINE_EVENT].sort());
  });

  it('reaches every state, and each shortest path replays', () => {
    const events = [E.filed(), E.correction(), E.refiled(), E.acknowledged(), E.withdrawn(), deadlineEvent('reminder', '2026-09-16')];
    const paths = getShortestPaths(changeNoticeMachine, { input: INPUT, events, serializeState: (s: Snapshot) => JSON.stringify(s.value) });
    expect([...new Set(paths.map((p) => JSON.stringify(p.state.value)))].sort()).toEqual(
      ['"drafting"', '"reviewing"', '"correcting"', '"acknowledged"', '"withdrawn"'].sort(),
    );
    for (const p of paths) expect(run(eventsOf(p.steps)).value).toEqual(p.state.value);
  });

  it('the deadline is the day before the change date (事前届出), soft, the centre supervising', () => {
    const due = resolveDeadline(changeNoticeRule, start().context, SETTINGS, settingsOf);
    expect(due).toMatchObject({ nominal: '2026-09-30', effective: '2026-09-30' });
    expect(changeNoticeRule).toMatchObject({ enforcement: 'soft', party: 'school', supervisor: 'center', form: '様式2' });
    // 2026-11-03 (文化の日) is closed: a change on 2026-11-04 is due on 2026-11-02.
    expect(resolveDeadline(changeNoticeRule, start({ ...INPUT, changeDate: '2026-11-04' }).context, SETTINGS, settingsOf)).toMatchObject({
      nominal: '2026-11-03',
      effective: '2026-11-02',
    });
  });
});

describe('change-notice machine', () => {
  it('a filing before the change date goes to the centre, nothing late', () => {
    const s = run([E.filed('2026-09-15')]);
    expect(s.value).toBe('reviewing');
    expect(s.context.lateness).toEqual([]);
    expect(s.context.filings).toHaveLength(1);
    expect(s.context.filings[0]).toMatchObject({ filedOn: '2026-09-15', changeDate: '2026-10-01' });
    expect(changeNotice.machine.getStateNodeById('changeNotice.reviewing').meta).toMatchObject({ waitingOn: 'center' });
  });

  it('a filing on the last day is in time; after the change date it is accepted and recorded late', () => {
    expect(run([E.filed('2026-09-30')]).context.lateness).toEqual([]);
    const late = run([deadlineEvent('overdue', '2026-10-01'), E.filed('2026-10-05')]);
    expect(late.value).toBe('reviewing');
    expect(late.context.lateness).toEqual([
      { deadline: 'changeNotice', label: '認定職業訓練事項変更届（事前届出）', nominal: '2026-09-30', effective: '2026-09-30', filedOn: '2026-10-05', daysLate: 5 },
    ]);
    expect(late.context.deadlineNotices.map((d) => d.kind)).toEqual(['overdue']);
  });

  it('lateness counts from the change date the filing states', () => {
    const s = run([E.filed('2026-10-05', payload.representative('2026-10-10'))]);
    expect(s.context.changeDate).toBe('2026-10-10');
    expect(s.context.lateness).toEqual([]);
  });

  it('the centre asks for corrections; the school re-files (prefilled from its filing) and the centre acknowledges', () => {
    let s = run([E.filed(), E.correction()]);
    expect(s.value).toBe('correcting');
    expect(s.context.corrections).toEqual([{ points: '変更理由に役員改選の年月日を記載してください', requestedOn: '2026-09-18' }]);
    const prefill = changeNotice.events.REFILED!.prefill!(s.context);
    expect(prefill).toEqual(payload.representative());
    expect(changeNotice.events.REFILED!.schema.safeParse(prefill).success).toBe(true);
    s = run([E.refiled()], s);
    expect(s.value).toBe('reviewing');
    expect(s.context.filings.map((f) => f.reason)).toEqual(['役員改選による代表者の交代', '令和8年9月10日の総会における役員改選による代表者の交代']);
    // A second round of corrections is possible.
    s = run([E.correction('2026-09-23'), E.refiled('2026-09-24'), E.acknowledged('2026-09-25')], s);
    expect(s.value).toBe('acknowledged');
    expect(s.status).toBe('done');
    expect(s.context.acknowledgement).toEqual({ on: '2026-09-25', note: '受理しました' });
    // A re-filing is not a new 事前届出: it is never recorded late.
    expect(run([E.filed(), E.correction('2026-09-28'), E.refiled('2026-10-06')]).context.lateness).toEqual([]);
  });

  it('the first filing is prefilled from the case: the change date and a row per item', () => {
    expect(changeNotice.events.CHANGE_FILED!.prefill!(start(CORPORATION).context)).toEqual({
      changeDate: '2026-10-01',
      changes: [
        { item: 'holder', before: '', after: '' },
        { item: 'facility', before: '', after: '' },
      ],
    });
  });

  it('a 職業訓練法人 changing its 定款等 is flagged for 変更認可 under 規則51条; a move the 定款 does not state is not', () => {
    const s = run([E.filed('2026-09-15', payload.articles())], start(CORPORATION));
    expect(s.context.trainingCorporation).toBe(true);
    expect(s.context.articlesApprovalNeeded).toBe(true);
    expect(s.context.items).toEqual(['holder', 'facility']);
    expect(changeNotice.facts(s.context)).toContainEqual(['規則51条の変更認可', '要（定款等の記載事項の変更）']);
    expect(run([E.filed('2026-09-15', payload.move())], start(CORPORATION)).context.articlesApprovalNeeded).toBe(false);
    // Not a 職業訓練法人: the same rows need no 変更認可.
    expect(run([E.filed('2026-09-15', payload.articles())]).context.articlesApprovalNeeded).toBe(false);
    // The engine's registration wins over the test flag.
    const fromRegistration = start({ ...INPUT, trainingCorporation: undefined, schoolOrg: { id: 'o', name: '職業訓練法人 東京建築協会', trainingCorporation: true } });
    expect(fromRegistration.context.trainingCorporation).toBe(true);
  });

  it('refuses a row whose 新 and 旧 are the same (rule changeContent)', () => {
    const same = { ...payload.representative(), changes: [{ item: 'holder', before: '会長 甲野 一郎', after: '会長 甲野 一郎' }] };
    const e = E.filed('2026-09-15', same);
    const s = start();
    expect(changed(s, send(s, e))).toBe(false);
    expect(firstViolation(changeNotice.rules, ['changesDiffer'], s.context, e)).toMatchObject({ rule: 'changeContent' });
    expect(firstViolation(changeNotice.rules, ['changesDiffer'], s.context, E.filed())).toBeNull();
  });

  it('is withdrawn before acknowledgement (drafting, at the centre, during correction), never after', () => {
    expect(run([E.withdrawn()]).value).toBe('withdrawn');
    expect(run([E.filed(), E.withdrawn()]).value).toBe('withdrawn');
    const w = run([E.filed(), E.correction(), E.withdrawn('2026-09-19')]);
    expect(w.value).toBe('withdrawn');
    expect(w.context.withdrawal).toEqual({ reason: '代表者の交代を取りやめたため', on: '2026-09-19' });
    const done = run([E.filed(), E.acknowledged()]);
    expect(changed(done, send(done, E.withdrawn('2026-09-26')))).toBe(false);
  });

  it('records deadline timers in any state', () => {
    const s = run([deadlineEvent('reminder', '2026-09-16'), deadlineEvent('reminder', '2026-09-23')]);
    expect(s.value).toBe('drafting');
    expect(s.context.deadlineNotices).toHaveLength(2);
  });

  it('its statechart config is plain JSON', () => {
    const { context: _c, ...config } = changeNoticeMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
