/**
 * The skill-check statechart driven as the engine drives it: pure initialTransition / transition with
 * engine events ({ type, data, at, actor, settings }). Rules are also checked directly in skill-check-rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { getAdjacencyMap, getShortestPaths, getSimplePaths, toDirectedGraph } from '@xstate/graph';
import { skillCheck } from '../../definitions/skill-check/index.js';
import * as rules from '../../definitions/skill-check/rules.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { skillCheckMachine } from '../../machines/skill-check.js';
import {
  D,
  E,
  INPUT,
  PATH,
  SETTINGS,
  at,
  changed,
  deadlineEvent,
  ev,
  payload,
  reach,
  run,
  send,
  start,
  type Event,
  type Snapshot,
} from './skill-check-fixtures.js';

const STATES = [
  'questionsDrafting',
  'questionReview',
  'correctingQuestions',
  'preparing',
  'examScheduled',
  'resultsRecorded',
  'makeupScheduled',
  'awaitingNumbers',
  'applying',
  'certifying',
  'delivering',
  'delivered',
  'withdrawn',
] as const;

const valueOf = (s: Snapshot) => s.value as string;
const eventsOf = (steps: { event: Event }[]) => steps.map((s) => s.event).filter((e) => (e.type as string) !== 'xstate.init');

describe('skill-check machine: graph coverage (@xstate/graph)', () => {
  // One or more concrete, valid events per type; each `at` makes the guards of its state pass.
  const GRAPH_EVENTS: Event[] = [
    E.questionsFiled(),
    E.reviewApproved(),
    E.reviewGuidance(),
    E.correctedQuestionsSent(),
    E.examDateChanged('2027-02-09'),
    E.notice(),
    E.results(),
    E.makeupNotice(),
    E.makeupResults(),
    E.numbersRequested(),
    // Passers differ depending on whether the makeup came first: supply both variants.
    E.numbersIssued(),
    E.numbersIssued([
      ['T1', '東京R8-0001'],
      ['T3', '東京R8-0002'],
    ]),
    E.application(),
    E.application([
      ['T1', '第1号'],
      ['T3', '第2号'],
    ]),
    E.certified(),
    E.returned(),
    E.delivered(),
    E.revoked('T1'),
    E.withdrawn(),
    deadlineEvent('questionFiling', 'reminder', '2026-10-02', '2026-10-02', '2026-09-18'),
  ];
  // Keyed on the state value only: context grows with every event, so keying on it never terminates.
  const options = { input: INPUT, events: GRAPH_EVENTS, serializeState: (s: Snapshot) => JSON.stringify(s.value) };
  const graph = toDirectedGraph(skillCheckMachine);
  const declaredTypes = [...Object.keys(skillCheck.events), DEADLINE_EVENT].sort();

  it('lists the expected state nodes', () => {
    expect(graph.children.map((c) => c.stateNode.key).sort()).toEqual([...STATES].sort());
  });

  it('handles exactly the event types the definition declares (plus DEADLINE)', () => {
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].sort()).toEqual(declaredTypes);
  });

  it('reaches every state, and each shortest path replays with the real context', () => {
    const paths = getShortestPaths(skillCheckMachine, options);
    expect(paths.map((p) => valueOf(p.state)).sort()).toEqual([...STATES].sort());
    for (const path of paths) {
      const replayed = run(eventsOf(path.steps));
      expect(replayed.value).toEqual(path.state.value);
    }
    const withdrawn = paths.find((p) => p.state.value === 'withdrawn')!;
    expect(withdrawn.weight).toBe(1);
    expect(eventsOf(withdrawn.steps).map((e) => e.type)).toEqual(['WITHDRAWN']);
    expect(paths.find((p) => p.state.value === 'delivered')!.weight).toBe(9);
  });

  it('exercises every event type and every transition of the chart', () => {
    const adjacency = getAdjacencyMap(skillCheckMachine, options);
    // (source, event type, target) for every transition that was actually taken (value or context changed).
    const taken = new Set<string>();
    const exercised = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event, state: next } of Object.values(transitions) as { event: Event; state: Snapshot }[]) {
        if (!changed(state, next)) continue;
        exercised.add(event.type);
        taken.add(`${valueOf(state)} -${event.type}-> ${valueOf(next)}`);
      }
    }
    expect([...exercised].sort()).toEqual(declaredTypes);

    const root = graph.stateNode;
    for (const child of graph.children) {
      for (const edge of child.edges) {
        expect(taken, `${child.stateNode.key} on ${edge.label.text}`).toContain(
          `${child.stateNode.key} -${edge.label.text}-> ${edge.target.key}`,
        );
      }
    }
    // The root-level DEADLINE transition: taken (context changed) in every non-final state.
    for (const edge of graph.edges) {
      expect(edge.target).toBe(root);
      for (const s of STATES.filter((x) => x !== 'withdrawn')) expect(taken).toContain(`${s} -${edge.label.text}-> ${s}`);
    }
  });

  it('has exactly two simple paths to delivered: approved, and guidance then corrected questions', () => {
    const paths = getSimplePaths(skillCheckMachine, { ...options, toState: (s: Snapshot) => s.value === 'delivered' });
    const routes = paths.filter((p) => p.state.value === 'delivered').map((p) => eventsOf(p.steps).map((e) => e.type));
    expect(routes).toHaveLength(2);
    expect(routes.some((r) => r.includes('REVIEW_APPROVED'))).toBe(true);
    expect(routes.some((r) => r.includes('REVIEW_GUIDANCE') && r.includes('CORRECTED_QUESTIONS_SENT'))).toBe(true);
    for (const p of paths.filter((x) => x.state.value === 'delivered')) expect(run(eventsOf(p.steps)).value).toBe('delivered');
  });
});

describe('happy path: questionsDrafting -> delivered', () => {
  it('walks 届出 -> 審査 -> 実施 -> 証明 -> 交付 and records everything on the context', () => {
    let s = start();
    expect(s.value).toBe('questionsDrafting');
    expect(s.context).toMatchObject({
      fiscalYear: 2026,
      examDate: D.exam,
      plannedDeliveryDate: D.delivery,
      trainingCompletionDate: D.completion,
      questions: null,
      results: [],
    });

    const expected = ['questionReview', 'preparing', 'examScheduled', 'resultsRecorded', 'awaitingNumbers', 'applying', 'certifying', 'delivering', 'delivered'];
    PATH.delivered().forEach((event, i) => {
      s = run([event], s);
      expect(s.value, event.type).toBe(expected[i]);
    });

    const c = s.context;
    expect(c.questions).toEqual({ filedOn: '2026-09-30', subjects: ['機械工作法', '材料', '製図'] });
    expect(c.review).toEqual({ result: 'approved', text: '適', on: '2026-11-12' });
    expect(c.notice).toMatchObject({ filedOn: D.noticeEffective, writtenDate: D.exam, practicalDate: D.practical, expectedExaminees: 3 });
    expect(c.examDate).toBe(D.exam);
    expect(c.roster.map((r) => [r.traineeId, r.eligibility.eligible])).toEqual([
      ['T1', true],
      ['T2', true],
      ['T3', true],
    ]);
    // Manual's example: 70 correct, 12 wrong, 18 blank -> 70 - 6 = 64.
    expect(c.results).toEqual([
      { traineeId: 'T1', outcome: 'sat', writtenScore: 64, practicalScore: 60, passed: true, makeup: false },
      { traineeId: 'T2', outcome: 'sat', writtenScore: 64, practicalScore: 59.5, passed: false, makeup: false },
      { traineeId: 'T3', outcome: 'absent-accident', writtenScore: null, practicalScore: null, passed: false, makeup: false },
    ]);
    expect(rules.passers(c).map((p) => p.traineeId)).toEqual(['T1']);
    expect(c.numbers).toEqual([{ traineeId: 'T1', tokyoNumber: '東京R8-0001' }]);
    expect(c.application).toEqual({ filedOn: '2027-03-10', deliveryDate: D.delivery, applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] });
    expect(c.certifiedOn).toBe('2027-03-18');
    expect(c.deliveredOn).toBe(D.delivery);
    expect(c.lateness).toEqual([]);
    expect(c.revocations).toEqual([]);
    expect(c.returns).toEqual([]);
    expect(c.withdrawal).toBeNull();
    expect(c.deadlineNotices).toEqual([]);
    // Delivered is not final: a pass can still be revoked afterwards.
    expect(s.status).toBe('active');
  });

  it('a returned application goes back to applying and can be refiled', () => {
    let s = reach('certifying');
    s = run([E.returned()], s);
    expect(s.value).toBe('applying');
    expect(s.context.returns).toEqual([{ reason: '申請者名簿の記載誤り', on: '2027-03-12' }]);
    s = run([E.application([['T1', '第1号']], D.delivery, '2027-03-11')], s);
    expect(s.value).toBe('certifying');
    expect(s.context.application?.filedOn).toBe('2027-03-11');
  });

  it('refuses events that do not belong to the current state (snapshot unchanged)', () => {
    const s = start();
    for (const e of [E.reviewApproved(), E.notice(), E.results(), E.delivered()]) expect(send(s, e)).toBe(s);
  });

  it('refuses a certification-number request when nobody passed', () => {
    const failed = ev('RESULTS_RECORDED', payload.results(payload.sat('T1', 59.5), payload.sat('T2', 30), payload.missed('T3', 'absent')), '2027-02-15');
    const s = run([...PATH.examScheduled(), failed]);
    expect(rules.passers(s.context)).toEqual([]);
    expect(send(s, E.numbersRequested())).toBe(s);
    // The school can withdraw instead (the remedy the rule names).
    expect(send(s, E.withdrawn('2027-02-16')).value).toBe('withdrawn');
  });

  it('refuses certification numbers that do not cover every passer', () => {
    const s = reach('awaitingNumbers');
    expect(send(s, E.numbersIssued([['T2', '東京R8-0001']]))).toBe(s);
    expect(send(s, E.numbersIssued([['T1', '東京R8-0001'], ['T2', '東京R8-0002']]))).toBe(s);
    expect(send(s, E.numbersIssued()).value).toBe('applying');
  });
});

describe('guidance branch', () => {
  const correcting = () => reach('correctingQuestions');

  it('REVIEW_GUIDANCE records the guidance and waits for corrected questions', () => {
    const s = correcting();
    expect(s.value).toBe('correctingQuestions');
    expect(s.context.review).toEqual({ result: 'guidance', text: '問題12の表現を改めること', on: '2026-11-12' });
    expect(s.context.correctedQuestionsOn).toBeNull();
  });

  it('corrected questions sent on the effective last day (exam 2027-02-10 -> 2027-01-08) move on to preparing', () => {
    const s = run([E.correctedQuestionsSent(at(D.noticeEffective, '23:59'))], correcting());
    expect(s.value).toBe('preparing');
    expect(s.context.correctedQuestionsOn).toBe(D.noticeEffective);
  });

  it.each([
    ['the Saturday after the effective day', at(D.noticeSaturday, '09:00')],
    ['the nominal day (a Sunday)', at(D.noticeNominal, '09:00')],
    ['00:00 JST the next day', '2027-01-08T15:00:00Z'],
  ])('too late (%s): refused, snapshot unchanged', (_label, when) => {
    const s = correcting();
    const event = E.correctedQuestionsSent(when);
    const next = send(s, event);
    expect(next).toBe(s);
    expect(next.value).toBe('correctingQuestions');
    expect(rules.correctedQuestionsInTime(s.context, event as never)).toMatchObject({
      rule: 'correctedQuestions',
      nominal: D.noticeNominal,
      effective: D.noticeEffective,
    });
  });

  it('moving the exam date later (the remedy) lets the late corrected questions through', () => {
    let s = run([E.examDateChanged('2027-02-24', '2027-01-09')], correcting());
    expect(s.value).toBe('correctingQuestions');
    expect(s.context.examDate).toBe('2027-02-24');
    s = run([E.correctedQuestionsSent(D.noticeSaturday)], s);
    expect(s.value).toBe('preparing');
  });

  it('the corrected branch then continues to delivery', () => {
    const s = run([E.correctedQuestionsSent(), E.notice(), E.results(), E.numbersRequested(), E.numbersIssued(), E.application(), E.certified(), E.delivered()], correcting());
    expect(s.value).toBe('delivered');
    expect(s.context.review?.result).toBe('guidance');
  });
});

describe('soft deadline: question filing (setting questionFiling)', () => {
  it('filed in time records no lateness', () => {
    for (const when of ['2026-09-30', at('2026-10-02', '23:59')]) {
      const s = run([E.questionsFiled(when)]);
      expect(s.value).toBe('questionReview');
      expect(s.context.lateness).toEqual([]);
    }
  });

  it('filed late is accepted and the lateness is recorded', () => {
    const s = run([E.questionsFiled('2026-10-05')]);
    expect(s.value).toBe('questionReview');
    expect(s.context.questions?.filedOn).toBe('2026-10-05');
    expect(s.context.lateness).toEqual([
      {
        deadline: 'questionFiling',
        label: '技能照査試験問題等届出',
        nominal: '2026-10-02',
        effective: '2026-10-02',
        filedOn: '2026-10-05',
        daysLate: 3,
      },
    ]);
  });

  it('a setting on a Saturday is due the Friday before; filing on the Saturday is 1 day late', () => {
    const settings = { ...SETTINGS, values: { ...SETTINGS.values, questionFiling: '2026-10-03' } };
    const late = run([ev('QUESTIONS_FILED', payload.questionsFiled(), '2026-10-03', settings)]);
    expect(late.context.lateness).toMatchObject([{ deadline: 'questionFiling', nominal: '2026-10-03', effective: '2026-10-02', daysLate: 1 }]);
    const onTime = run([ev('QUESTIONS_FILED', payload.questionsFiled(), '2026-10-02', settings)]);
    expect(onTime.context.lateness).toEqual([]);
  });
});

describe('makeup (追試験) through the machine', () => {
  it('an accident absentee gets a makeup; its result merges into results with makeup: true', () => {
    let s = reach('resultsRecorded');
    s = run([E.makeupNotice()], s);
    expect(s.value).toBe('makeupScheduled');
    expect(s.context.makeup).toEqual({ date: '2027-02-26', traineeIds: ['T3'], filedOn: '2027-02-16' });

    s = run([E.makeupResults()], s);
    expect(s.value).toBe('resultsRecorded');
    expect(s.context.makeup).toBeNull();
    expect(s.context.results).toEqual([
      { traineeId: 'T1', outcome: 'sat', writtenScore: 64, practicalScore: 60, passed: true, makeup: false },
      { traineeId: 'T2', outcome: 'sat', writtenScore: 64, practicalScore: 59.5, passed: false, makeup: false },
      { traineeId: 'T3', outcome: 'sat', writtenScore: 75, practicalScore: 75, passed: true, makeup: true },
    ]);
    expect(rules.passers(s.context).map((p) => p.traineeId)).toEqual(['T1', 'T3']);

    // Both passers then need numbers and appear on the application.
    expect(send(s, E.numbersRequested())).not.toBe(s);
    s = run([E.numbersRequested()], s);
    expect(send(s, E.numbersIssued())).toBe(s); // T3 missing
    s = run([E.numbersIssued([['T1', '東京R8-0001'], ['T3', '東京R8-0002']])], s);
    expect(send(s, E.application())).toBe(s); // T3 missing from the applicants
    s = run([E.application([['T1', '第1号'], ['T3', '第2号']]), E.certified(), E.delivered()], s);
    expect(s.value).toBe('delivered');
  });

  it('a failed trainee is refused a makeup', () => {
    const s = reach('resultsRecorded');
    expect(send(s, E.makeupNotice('2027-02-26', ['T2']))).toBe(s);
    expect(send(s, E.makeupNotice('2027-02-26', ['T2', 'T3']))).toBe(s);
  });

  it('after the completion date only with a disaster / illness reason', () => {
    const s = reach('resultsRecorded');
    expect(send(s, E.makeupNotice('2027-03-29', ['T3']))).toBe(s);
    const ok = send(s, E.makeupNotice('2027-03-29', ['T3'], '2027-03-01', 'illness'));
    expect(ok.value).toBe('makeupScheduled');
    expect(send(s, E.makeupNotice(D.completion, ['T3'])).value).toBe('makeupScheduled');
  });

  it('the notice must reach the centre before the makeup day', () => {
    const s = reach('resultsRecorded');
    expect(send(s, E.makeupNotice('2027-02-26', ['T3'], '2027-02-26'))).toBe(s);
    expect(send(s, E.makeupNotice('2027-02-26', ['T3'], '2027-02-25')).value).toBe('makeupScheduled');
  });

  it('makeup results only for the makeup trainees; a second makeup after sitting it is refused', () => {
    let s = run([E.makeupNotice()], reach('resultsRecorded'));
    const forT1 = ev('MAKEUP_RESULTS_RECORDED', payload.results(payload.sat('T1', 100)), '2027-02-26');
    expect(send(s, forT1)).toBe(s);
    s = run([E.makeupResults()], s);
    expect(send(s, E.makeupNotice('2027-03-10', ['T3'], '2027-03-01'))).toBe(s);
  });
});

describe('revocation, withdrawal and deadline notices', () => {
  it('PASS_REVOKED removes a passer from rules.passers and keeps the state', () => {
    const s = reach('delivered');
    expect(rules.passers(s.context).map((p) => p.traineeId)).toEqual(['T1']);
    const revoked = run([E.revoked('T1')], s);
    expect(revoked.value).toBe('delivered');
    expect(revoked.context.revocations).toEqual([{ traineeId: 'T1', reason: '訓練を修了しなかったため', on: '2027-03-26' }]);
    expect(rules.passers(revoked.context)).toEqual([]);
    // The result itself stays on record; only the pass is revoked.
    expect(revoked.context.results.find((r) => r.traineeId === 'T1')?.passed).toBe(true);
    // Revoking again, or revoking a non-passer, is refused.
    expect(send(revoked, E.revoked('T1'))).toBe(revoked);
    expect(send(s, E.revoked('T2'))).toBe(s);
  });

  it.each(['resultsRecorded', 'makeupScheduled', 'awaitingNumbers', 'applying', 'certifying', 'delivering', 'delivered'] as const)(
    'PASS_REVOKED is accepted in %s',
    (state) => {
      const s = state === 'makeupScheduled' ? run([E.makeupNotice()], reach('resultsRecorded')) : reach(state);
      const next = send(s, E.revoked('T1'));
      expect(next.value).toBe(s.value);
      expect(next.context.revocations.map((r) => r.traineeId)).toEqual(['T1']);
    },
  );

  it('a revoked passer no longer needs a certification number', () => {
    const s = run([E.revoked('T1', '2027-02-20')], reach('resultsRecorded'));
    expect(send(s, E.numbersRequested())).toBe(s); // no passers left
  });

  it.each(['questionsDrafting', 'questionReview', 'correctingQuestions', 'preparing', 'examScheduled', 'resultsRecorded'] as const)(
    'WITHDRAWN from %s ends in the final state withdrawn',
    (state) => {
      const s = state === 'questionsDrafting' ? start() : reach(state);
      const w = send(s, E.withdrawn('2027-02-20'));
      expect(w.value).toBe('withdrawn');
      expect(w.status).toBe('done');
      expect(w.context.withdrawal).toEqual({ reason: '訓練科の廃止', on: '2027-02-20' });
      // Nothing moves a withdrawn case out of its final state.
      expect(send(w, E.questionsFiled()).value).toBe('withdrawn');
      expect(send(w, deadlineEvent('questionFiling', 'due', '2026-10-02', '2026-10-02', '2026-10-02')).value).toBe('withdrawn');
    },
  );

  it('DEADLINE events are recorded in context.deadlineNotices without changing state', () => {
    const states: [string, Snapshot][] = [
      ['questionsDrafting', start()],
      ...(Object.keys(PATH) as (keyof typeof PATH)[]).map((k) => [k, reach(k)] as [string, Snapshot]),
    ];
    for (const [name, s] of states) {
      const e1 = deadlineEvent('implementationNotice', 'reminder', D.noticeNominal, D.noticeEffective, '2026-12-25');
      // 2027-01-07T16:00Z is 2027-01-08 01:00 in Tokyo: `on` is the Tokyo date.
      const e2 = deadlineEvent('implementationNotice', 'due', D.noticeNominal, D.noticeEffective, '2027-01-07T16:00:00Z');
      const next = send(send(s, e1), e2);
      expect(next.value, name).toBe(s.value);
      expect(next.context.deadlineNotices.slice(s.context.deadlineNotices.length)).toEqual([
        { deadline: 'implementationNotice', kind: 'reminder', nominal: D.noticeNominal, effective: D.noticeEffective, on: '2026-12-25' },
        { deadline: 'implementationNotice', kind: 'due', nominal: D.noticeNominal, effective: D.noticeEffective, on: '2027-01-08' },
      ]);
      const { deadlineNotices: _a, ...rest } = next.context;
      const { deadlineNotices: _b, ...before } = s.context;
      expect(rest).toEqual(before);
    }
  });
});

describe('state meta', () => {
  it('every state has a Japanese label; deadlines named in meta exist in the definition', () => {
    for (const key of STATES) {
      const node = skillCheckMachine.states[key]!;
      const m = node.meta as { label: string; deadlines?: string[] };
      expect(m.label.length, key).toBeGreaterThan(0);
      for (const d of m.deadlines ?? []) expect(Object.keys(skillCheck.deadlines), `${key}: ${d}`).toContain(d);
    }
    expect(skillCheckMachine.states.withdrawn!.type).toBe('final');
  });
});
