/** The completion-exam statechart driven as the engine drives it (pure transitions with engine events). */
import { describe, expect, it } from 'vitest';
import { getAdjacencyMap, getShortestPaths, toDirectedGraph } from '@xstate/graph';
import { completionExam } from '../../definitions/completion-exam/index.js';
import { firstViolation, ruleNamesOf } from '../../definitions/common/rules.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { completionExamMachine } from '../../machines/completion-exam.js';
import { D, E, INPUT, PATH, changed, deadlineEvent, ev, examinee, payload, reach, run, send, start, type Event, type Snapshot } from './completion-exam-fixtures.js';

const STATES = [
  'filing',
  'questionReview',
  'sendingQuestions',
  'correctingQuestions',
  'examScheduled',
  'resultsRecorded',
  'makeupScheduled',
  'awaitingNumbers',
  'applying',
  'certifying',
  'delivering',
  'delivered',
  'withdrawn',
];
const valueOf = (s: Snapshot) => s.value as string;
const eventsOf = (steps: { event: Event }[]) => steps.map((s) => s.event).filter((e) => (e.type as string) !== 'xstate.init');
/** The rules the transitions of the current state name for an event type. */
const rulesOn = (s: Snapshot, type: Event['type']) =>
  (completionExamMachine.getStateNodeById(`completionExam.${valueOf(s)}`).on[type] ?? []).flatMap((t) => ruleNamesOf(t.guard) ?? []);
/** What the engine would answer: the first broken rule of the transitions the state offers for the event (422), or null. */
const violation = (s: Snapshot, e: Event) => firstViolation(completionExam.rules, rulesOn(s, e.type), s.context, e);

describe('completion-exam machine: graph coverage (@xstate/graph)', () => {
  const GRAPH_EVENTS: Event[] = [
    E.questionsFiled(),
    E.examDateChanged('2027-03-06'),
    E.reviewApproved(),
    E.reviewGuidance(),
    E.questionsSent('2027-02-10', '問題12を訂正'),
    E.results(),
    E.remedial(),
    E.makeup(['T3']),
    E.makeupResults([['T3', 70]]),
    E.numbersRequested(),
    E.numbersIssued(),
    E.numbersIssued([['T1', '東京R8修-0001'], ['T3', '東京R8修-0002']]),
    E.application(),
    E.application([['T1', '第1号'], ['T3', '第2号']], '2027-03-15', D.delivery, 3),
    E.certified(),
    E.returned(),
    E.delivered(),
    E.withdrawn(),
    deadlineEvent('questionFiling', 'reminder', D.filingNominal, D.filingEffective, '2026-12-11'),
  ];
  const options = { input: INPUT, events: GRAPH_EVENTS, serializeState: (s: Snapshot) => JSON.stringify(s.value) };
  const graph = toDirectedGraph(completionExamMachine);
  const declared = [...Object.keys(completionExam.events), DEADLINE_EVENT].sort();

  it('lists the expected states and handles exactly the declared event types', () => {
    expect(graph.children.map((c) => c.stateNode.key).sort()).toEqual([...STATES].sort());
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].sort()).toEqual(declared);
  });

  it('reaches every state, and each shortest path replays', () => {
    const paths = getShortestPaths(completionExamMachine, options);
    expect(paths.map((p) => valueOf(p.state)).sort()).toEqual([...STATES].sort());
    for (const p of paths) expect(run(eventsOf(p.steps)).value).toEqual(p.state.value);
  });

  it('exercises every event type and every transition of the chart', () => {
    const adjacency = getAdjacencyMap(completionExamMachine, options);
    const taken = new Set<string>();
    const exercised = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event, state: next } of Object.values(transitions) as { event: Event; state: Snapshot }[]) {
        if (!changed(state, next)) continue;
        exercised.add(event.type);
        taken.add(`${valueOf(state)} -${event.type}-> ${valueOf(next)}`);
      }
    }
    expect([...exercised].sort()).toEqual(declared);
    for (const child of graph.children) {
      for (const edge of child.edges) expect(taken).toContain(`${child.stateNode.key} -${edge.label.text}-> ${edge.target.key}`);
    }
  });
});

describe('completion exam: main flow', () => {
  it('walks 届出 -> 審査 -> 送付 -> 試験 -> 番号 -> 申請 -> 証明 -> 交付 and scores by correct answers (pass >= 65)', () => {
    const s = reach('delivered');
    expect(s.status).toBe('done');
    const c = s.context;
    expect(c.filing).toMatchObject({ filedOn: '2026-12-21', examinees: 3 });
    expect(c.review).toMatchObject({ result: 'approved' });
    expect(c.questionsSentToCenterOn).toBe('2027-02-10');
    expect(c.results.map((r) => [r.traineeId, r.outcome, r.score, r.passed])).toEqual([
      ['T1', 'sat', 65, true],
      ['T2', 'sat', 64, false],
      ['T3', 'absent', null, false],
    ]);
    expect(c.numbers).toEqual([{ traineeId: 'T1', tokyoNumber: '東京R8修-0001' }]);
    expect(c.application).toMatchObject({ deliveryDate: D.delivery, applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] });
    expect(c.lateness).toEqual([]);
  });

  it('after guidance the corrected questions must be described, then go to the centre', () => {
    const s = reach('correctingQuestions');
    const bare = E.questionsSent();
    expect(violation(s, bare)?.rule).toBe('correctedQuestions');
    expect(send(s, bare).value).toBe('correctingQuestions');
    expect(run([E.questionsSent('2027-02-10', '問題12を訂正')], s).value).toBe('examScheduled');
  });

  it('the exam is held on the last training day: a notice with another date is refused', () => {
    const e = ev('QUESTIONS_FILED', payload.questionsFiled('2027-02-26', '2027-02-27'), '2026-12-01');
    expect(violation(start(), e)?.rule).toBe('examOnLastTrainingDay');
    expect(send(start(), e).value).toBe('filing');
  });

  it("様式24 must name the registered last training day: another date is refused (422), never silently moves the exam", () => {
    // Registered last training day (input): 2027-02-27. A 様式24 for 2027-03-06 (consistent in itself) is refused.
    const other = ev('QUESTIONS_FILED', payload.questionsFiled('2027-03-06'), '2026-12-01');
    const v = violation(start(), other)!;
    expect(v.rule).toBe('examDateAsRegistered');
    expect(v.message).toContain('令和9年3月6日');
    expect(v.message).toContain('令和9年2月27日');
    expect(v.remedy).toContain('訓練最終日（試験実施日）の変更');
    expect(v.remedy).toContain('EXAM_DATE_CHANGED');
    const refused = send(start(), other);
    expect(changed(start(), refused)).toBe(false);
    expect(refused.context.examDate).toBe(D.exam);
    // After EXAM_DATE_CHANGED the same filing names the registered date and is accepted; the date stays put.
    const moved = run([E.examDateChanged('2027-03-06', '2026-12-01')]);
    expect(violation(moved, other)).toBeNull();
    const filed = run([other], moved);
    expect(filed.value).toBe('questionReview');
    expect(filed.context.examDate).toBe('2027-03-06');
    // ...and the old date is now the one refused.
    expect(violation(moved, ev('QUESTIONS_FILED', payload.questionsFiled(D.exam), '2026-12-01'))?.rule).toBe('examDateAsRegistered');
  });

  it('results cannot be recorded before the exam day', () => {
    const s = reach('examScheduled');
    expect(violation(s, E.results('2027-02-26'))?.rule).toBe('examHeld');
    expect(send(s, E.results('2027-02-26')).value).toBe('examScheduled');
  });

  it('a returned application goes back to applying; withdrawal ends the case', () => {
    let s = run([E.returned()], reach('certifying'));
    expect(s.value).toBe('applying');
    s = run([E.application([['T1', '第1号']], '2027-03-17')], s);
    expect(s.value).toBe('certifying');
    expect(run([E.withdrawn('2027-03-18')], s).value).toBe('withdrawn');
  });

  it('records every deadline timer from the root', () => {
    const s = run([deadlineEvent('questionFiling', 'reminder', D.filingNominal, D.filingEffective, '2026-12-11')]);
    expect(s.context.deadlineNotices).toHaveLength(1);
  });
});

describe('completion exam: eligibility', () => {
  it('classroom: >= 80% of the planned hours', () => {
    const s = reach('examScheduled');
    const bad = ev('RESULTS_RECORDED', payload.results(examinee('T1', 70), examinee('T2', 70, 79)), D.exam);
    expect(violation(s, bad)?.message).toContain('訓練生T2 は受験資格を満たしていません');
    const ok = ev('RESULTS_RECORDED', payload.results(examinee('T1', 70), examinee('T2', 70, 80)), D.exam);
    expect(violation(s, ok)).toBeNull();
    expect(run([ok], s).context.results.every((r) => r.eligibility.eligible)).toBe(true);
  });

  it('correspondence: every assignment corrected and >= 80% of face-to-face hours', () => {
    const s = reach('examScheduled', { ...INPUT, course: { ...INPUT.course, mode: 'correspondence' } });
    const row = (corrected: number, f2f: number) => ({
      ...examinee('C1', 70),
      attendance: { mode: 'correspondence', assignmentsTotal: 20, assignmentsCorrected: corrected, faceToFacePlannedHours: 30, faceToFaceAttendedHours: f2f },
    });
    expect(violation(s, ev('RESULTS_RECORDED', { results: [row(19, 30)] }, D.exam))?.message).toContain('全ての設問解答・添削指導');
    expect(violation(s, ev('RESULTS_RECORDED', { results: [row(20, 23)] }, D.exam))?.message).toContain('面接指導');
    expect(violation(s, ev('RESULTS_RECORDED', { results: [row(20, 24)] }, D.exam))).toBeNull();
    // A classroom record on a correspondence course is refused.
    expect(violation(s, ev('RESULTS_RECORDED', payload.results(examinee('C1', 70)), D.exam))?.rule).toBe('results');
  });
});

describe('completion exam: remedial lessons and a makeup round', () => {
  it('a failed trainee needs >= 12 recorded remedial hours before the makeup; an absentee does not', () => {
    let s = reach('resultsRecorded');
    // T2 failed with no remedial hours: refused, naming the rule.
    expect(violation(s, E.makeup(['T2', 'T3']))?.rule).toBe('makeupEligibility');
    expect(send(s, E.makeup(['T2', 'T3'])).value).toBe('resultsRecorded');
    // Remedial hours only for failed trainees.
    expect(violation(s, E.remedial('T1', 4))?.rule).toBe('remedial');
    s = run([E.remedial('T2', 8), E.remedial('T2', 3.5)], s);
    expect(violation(s, E.makeup(['T2']))?.message).toContain('11.5 時間');
    s = run([E.remedial('T2', 0.5)], s);
    expect(violation(s, E.makeup(['T2', 'T3']))).toBeNull();
    // The absentee alone could have gone straight away.
    expect(violation(reach('resultsRecorded'), E.makeup(['T3']))).toBeNull();

    s = run([E.makeup(['T2', 'T3'])], s);
    expect(s.value).toBe('makeupScheduled');
    expect(violation(s, E.makeupResults(undefined, '2027-03-05'))?.rule).toBe('examHeld');
    expect(violation(s, E.makeupResults([['T1', 90]]))?.rule).toBe('results');
    s = run([E.makeupResults([['T2', 80], ['T3', 60]])], s);
    expect(s.value).toBe('resultsRecorded');
    expect(s.context.results.map((r) => [r.traineeId, r.score, r.passed, r.round])).toEqual([
      ['T1', 65, true, 0],
      ['T2', 80, true, 1],
      ['T3', 60, false, 1],
    ]);
    // T3 failed the makeup: a second round needs T3's own 12 hours first.
    expect(violation(s, E.makeup(['T3'], '2027-03-13', '2027-03-08'))?.rule).toBe('makeupEligibility');
    s = run([E.remedial('T3', 12, '2027-03-08'), E.makeup(['T3'], '2027-03-13', '2027-03-08'), E.makeupResults([['T3', 66]], '2027-03-13')], s);
    expect(s.context.makeupRounds).toBe(2);
    expect(s.context.results.filter((r) => r.passed).map((r) => r.traineeId)).toEqual(['T1', 'T2', 'T3']);
    s = run(
      [
        E.numbersRequested('2027-03-15'),
        E.numbersIssued([['T1', '東京R8修-1'], ['T2', '東京R8修-2'], ['T3', '東京R8修-3']], '2027-03-16'),
        E.application([['T1', '第1号'], ['T2', '第2号'], ['T3', '第3号']], D.applicationEffective, D.delivery, 3),
      ],
      s,
    );
    expect(s.value).toBe('certifying');
  });

  it('a makeup date in the past is refused', () => {
    const s = reach('resultsRecorded');
    expect(violation(s, E.makeup(['T3'], '2027-03-01', '2027-03-02'))?.rule).toBe('makeupTiming');
  });
});

describe('completion exam: hard deadlines, just inside and just outside (nominal day closed)', () => {
  it('questions + notice (様式23-1・23-2・24): 2 months before the exam; nominal Sun 2026-12-27 -> effective Fri 12-25', () => {
    const inside = E.questionsFiled(`${D.filingEffective}T23:59:00+09:00`);
    expect(violation(start(), inside)).toBeNull();
    expect(send(start(), inside).value).toBe('questionReview');
    const outside = E.questionsFiled('2026-12-26');
    const v = violation(start(), outside)!;
    expect(v).toMatchObject({ rule: 'questionFiling', nominal: D.filingNominal, effective: D.filingEffective });
    expect(v.message).toContain('日曜日');
    expect(send(start(), outside).value).toBe('filing');
    // The filer's remedy: move the last training day (the exam) later.
    const moved = run([E.examDateChanged('2027-03-06', '2026-12-26')]);
    const refiled = ev('QUESTIONS_FILED', payload.questionsFiled('2027-03-06'), '2026-12-26');
    expect(run([refiled], moved).value).toBe('questionReview');
  });

  it('after filing, the exam date may only move where the filing still meets the 2-month rule, never into the past', () => {
    const filed = send(start(), E.questionsFiled(D.filingEffective));
    expect(filed.value).toBe('questionReview');
    // Filed on Fri 2026-12-25: an exam on 2027-02-26 would need filing by 2026-12-26 (Sat) -> effective 12-25: still fine.
    expect(violation(filed, E.examDateChanged('2027-02-26', '2027-01-05'))).toBeNull();
    expect(send(filed, E.examDateChanged('2027-02-26', '2027-01-05')).context.examDate).toBe('2027-02-26');
    // An exam on 2027-02-20 needs the filing by 2026-12-18: the filing is too late for it.
    const early = E.examDateChanged('2027-02-20', '2027-01-05');
    expect(violation(filed, early)?.rule).toBe('questionFiling');
    expect(changed(filed, send(filed, early))).toBe(false);
    // A date in the past is refused too.
    expect(violation(filed, E.examDateChanged('2027-01-04', '2027-01-05'))?.message).toContain('過去');
  });

  it('questions to the centre: 2 weeks before the exam; nominal Sat 2027-02-13 -> effective Fri 02-12', () => {
    const s = reach('sendingQuestions');
    expect(violation(s, E.questionsSent(D.centerEffective))).toBeNull();
    expect(send(s, E.questionsSent(D.centerEffective)).value).toBe('examScheduled');
    const v = violation(s, E.questionsSent(D.centerNominal))!;
    expect(v).toMatchObject({ rule: 'questionsToCenter', nominal: D.centerNominal, effective: D.centerEffective });
    expect(send(s, E.questionsSent(D.centerNominal)).value).toBe('sendingQuestions');
    const g = reach('correctingQuestions');
    expect(send(g, E.questionsSent(D.centerNominal, '訂正')).value).toBe('correctingQuestions');
  });

  it('certificate application (様式25・26・27-1・27-2): 2 weeks before delivery; nominal 2027-03-22 (振替休日) -> effective 03-19', () => {
    const s = reach('applying');
    expect(violation(s, E.application(undefined, D.applicationEffective))).toBeNull();
    expect(send(s, E.application(undefined, D.applicationEffective)).value).toBe('certifying');
    const outside = E.application(undefined, '2027-03-20');
    expect(violation(s, outside)).toMatchObject({ rule: 'certificationApplication', nominal: D.applicationNominal, effective: D.applicationEffective });
    expect(send(s, outside).value).toBe('applying');
    // Wrong counts on 様式25 are refused as well.
    expect(violation(s, E.application(undefined, '2027-03-15', D.delivery, 3))?.rule).toBe('summary');
  });
});

describe('completion exam: soft deadlines record lateness and block nothing', () => {
  it("HQ's review result after 7 days before the exam (effective Fri 2027-02-19)", () => {
    const s = run([E.reviewApproved('2027-02-22')], reach('questionReview'));
    expect(s.value).toBe('sendingQuestions');
    expect(s.context.lateness).toEqual([
      { deadline: 'reviewResult', label: '試験問題審査結果の通知', nominal: '2027-02-20', effective: D.reviewEffective, filedOn: '2027-02-22', daysLate: 3 },
    ]);
    expect(run([E.reviewGuidance('2027-02-19')], reach('questionReview')).context.lateness).toEqual([]);
  });

  it('certification and delivery after their days', () => {
    let s = run([E.certified('2027-04-05')], reach('certifying'));
    expect(s.value).toBe('delivering');
    expect(s.context.lateness).toMatchObject([{ deadline: 'certification', effective: D.certificationEffective, daysLate: 3 }]);
    s = run([E.delivered('2027-04-07')], s);
    expect(s.value).toBe('delivered');
    expect(s.context.lateness.at(-1)).toMatchObject({ deadline: 'delivery', effective: D.delivery, daysLate: 2 });
  });
});

describe('completion exam: prefill from the case', () => {
  const prefill = (type: string, s: Snapshot) => completionExam.events[type]!.prefill!(s.context);

  it('results: one row per examinee of 様式24 (a headcount only) in the course’s mode; nothing before a filing', () => {
    expect(prefill('RESULTS_RECORDED', start())).toEqual({});
    const rows = prefill('RESULTS_RECORDED', reach('examScheduled')).results as unknown[];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ attendance: { mode: 'classroom' }, outcome: 'sat' });
  });

  it('makeup candidates: the absent, and the failed once they have 12 remedial hours', () => {
    let s = reach('resultsRecorded');
    expect(prefill('MAKEUP_SCHEDULED', s)).toEqual({ traineeIds: ['T3'] });
    s = run([E.remedial('T2', 12)], s);
    expect(prefill('MAKEUP_SCHEDULED', s)).toEqual({ traineeIds: ['T2', 'T3'] });
    s = run([E.makeup(['T2', 'T3'])], s);
    expect(prefill('MAKEUP_RESULTS_RECORDED', s)).toEqual({ results: [{ traineeId: 'T2', outcome: 'sat' }, { traineeId: 'T3', outcome: 'sat' }] });
  });

  it('numbers from the passers, completers and 様式25 counts from the numbered passers and results', () => {
    expect(prefill('CERT_NUMBERS_ISSUED', reach('awaitingNumbers'))).toEqual({ numbers: [{ traineeId: 'T1', tokyoNumber: '' }] });
    expect(prefill('CERT_APPLICATION_FILED', reach('applying'))).toEqual({
      summary: { plannedExaminees: 3, examinees: 2, passers: 1 },
      deliveryDate: D.delivery,
      completers: [{ traineeId: 'T1', schoolNumber: '' }],
    });
  });
});

describe('completion exam: definition', () => {
  it('is plain config: everything but the context round-trips through JSON', () => {
    const { context: _context, ...config } = completionExamMachine.config;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('every rule a transition names is in the rule table, and every rule is used', () => {
    const named = new Set<string>();
    const walk = (node: { on?: Record<string, unknown>; states?: Record<string, unknown> }) => {
      for (const t of Object.values(node.on ?? {})) for (const x of [t].flat() as { guard?: unknown }[]) for (const n of ruleNamesOf(x.guard) ?? []) named.add(n);
      for (const child of Object.values(node.states ?? {})) walk(child as typeof node);
    };
    walk(completionExamMachine.config as Parameters<typeof walk>[0]);
    expect([...named].sort()).toEqual(Object.keys(completionExam.rules).sort());
  });
});
