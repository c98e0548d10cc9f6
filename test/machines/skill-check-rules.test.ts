/**
 * The statutory rules of the skill check (definitions/skill-check/rules.ts), called directly as the engine does
 * to explain a 422, and checked against the machine guards built from the same functions.
 */
import { describe, expect, it } from 'vitest';
import { describeStates } from '../../definitions/describe.js';
import { skillCheck } from '../../definitions/skill-check/index.js';
import * as typedRules from '../../definitions/skill-check/rules.js';
import { refusal } from '../../src/engine/candidates.js';
import { submitBy } from '../../src/domain/submit-by.js';
import {
  D,
  E,
  INPUT,
  PATH,
  at,
  ev,
  payload,
  reach,
  run,
  send,
  start,
  type Event,
  type Snapshot,
} from './skill-check-fixtures.js';

/** The engine's view: the first violation among the rules the state's transitions name for the event. */
const engineViolation = (s: Snapshot, e: Event) => refusal(skillCheck, s, e);
// Each rule is typed by its own event; the tests hand them the fixtures' event union.
const rules = typedRules as unknown as Record<keyof typeof typedRules, (...args: any[]) => any>;

/** Asserts the machine refuses the event (snapshot untouched) and the engine explains it with `rule`. */
function expectRefused(s: Snapshot, e: Event, rule: string) {
  expect(send(s, e), `${e.type} should be refused`).toBe(s);
  expect(engineViolation(s, e)?.rule).toBe(rule);
}

function expectAccepted(s: Snapshot, e: Event, target?: string) {
  const next = send(s, e);
  expect(next, `${e.type} should be accepted`).not.toBe(s);
  if (target) expect(next.value).toBe(target);
  expect(engineViolation(s, e)).toBeNull();
  return next;
}

describe('hard deadline: implementation notice, 1 month before the exam', () => {
  const preparing = () => reach('preparing');

  it('the fixture exam date puts the nominal last day on a Sunday', () => {
    expect(submitBy(D.exam, { months: 1 }, 'before')).toEqual({
      nominal: D.noticeNominal,
      effective: D.noticeEffective,
      closedReason: '日曜日',
    });
  });

  it.each([
    ['the effective day, morning', at(D.noticeEffective, '09:00')],
    ['the effective day, 23:59 JST', at(D.noticeEffective, '23:59')],
    ['a week earlier', at('2027-01-01', '10:00')],
  ])('filed on %s: accepted', (_label, when) => {
    const s = expectAccepted(preparing(), E.notice(when), 'examScheduled');
    expect(s.context.notice?.filedOn).toBe(when.slice(0, 10));
    expect(rules.implementationNoticeInTime(preparing().context, E.notice(when))).toBeNull();
  });

  it.each([
    ['the Saturday between effective and nominal', at(D.noticeSaturday, '09:00')],
    ['the nominal (closed) day', at(D.noticeNominal, '09:00')],
    ['the next Tokyo day by one second', '2027-01-08T15:00:00Z'],
  ])('filed on %s: refused with rule implementationNotice', (_label, when) => {
    const s = preparing();
    const e = E.notice(when);
    expectRefused(s, e, 'implementationNotice');
    const v = rules.implementationNoticeInTime(s.context, e);
    expect(v).toMatchObject({ rule: 'implementationNotice', nominal: D.noticeNominal, effective: D.noticeEffective });
    expect(v?.message).toContain('日曜日');
    expect(v?.message).toContain('技能照査実施届出');
    expect(v?.remedy).toMatch(/EXAM_DATE_CHANGED|変更/);
  });

  it('the anchor is the earlier of the written and practical days', () => {
    const s = preparing();
    const e = E.notice(D.noticeSaturday, { written: D.practical, practical: D.exam });
    expect(rules.implementationNoticeInTime(s.context, e)).toMatchObject({ nominal: D.noticeNominal, effective: D.noticeEffective });
    // The notice moves context.examDate to that earlier day.
    const ok = run([E.notice(D.noticeEffective, { written: D.practical, practical: D.exam })], s);
    expect(ok.context.examDate).toBe(D.exam);
  });

  it('is a pure function of the event dates, not the planned exam date in the context', () => {
    // Planned 2027-02-10, but the notice names 2027-02-24 (nominal 2027-01-24, a Sunday -> effective 2027-01-22).
    const e = E.notice('2027-01-22', { written: '2027-02-24', practical: '2027-02-25' });
    expect(rules.implementationNoticeInTime(preparing().context, e)).toBeNull();
    expect(rules.implementationNoticeInTime(preparing().context, E.notice('2027-01-23', { written: '2027-02-24', practical: '2027-02-25' }))).toMatchObject({
      nominal: '2027-01-24',
      effective: '2027-01-22',
    });
  });
});

describe('hard deadline: certification application, 2 weeks before delivery', () => {
  // An earlier timeline so the application can precede a 2027-03-09 delivery.
  const applying = () =>
    run([
      ...PATH.resultsRecorded(),
      E.numbersRequested('2027-02-16'),
      E.numbersIssued([['T1', '東京R8-0001']], '2027-02-18'),
    ]);

  it('the delivery date puts the nominal last day on a national holiday', () => {
    expect(submitBy(D.earlyDelivery, { weeks: 2 }, 'before')).toEqual({
      nominal: D.applicationNominal,
      effective: D.applicationEffective,
      closedReason: '天皇誕生日',
    });
  });

  it('filed on the effective day (the Monday before the holiday): accepted', () => {
    const s = expectAccepted(applying(), E.application([['T1', '第1号']], D.earlyDelivery, at(D.applicationEffective, '17:00')), 'certifying');
    expect(s.context.application).toEqual({
      filedOn: D.applicationEffective,
      deliveryDate: D.earlyDelivery,
      applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }],
    });
  });

  it('filed on the nominal day (天皇誕生日): refused with rule certificationApplication', () => {
    const s = applying();
    const e = E.application([['T1', '第1号']], D.earlyDelivery, D.applicationNominal);
    expectRefused(s, e, 'certificationApplication');
    const v = rules.applicationInTime(s.context, e);
    expect(v).toMatchObject({ rule: 'certificationApplication', nominal: D.applicationNominal, effective: D.applicationEffective });
    expect(v?.message).toContain('天皇誕生日');
    expect(v?.remedy.length).toBeGreaterThan(0);
  });

  it('the remedy works: a later delivery date lets the same filing day through', () => {
    expectAccepted(applying(), E.application([['T1', '第1号']], D.delivery, D.applicationNominal), 'certifying');
  });
});

describe('exam window: 2 months before completion up to completion', () => {
  it('window from the manual example (ends 25 March -> opens 25 January), clamped at month ends', () => {
    const c = start().context;
    expect(rules.examWindow(c)).toEqual({ from: D.windowOpens, to: D.completion });
    expect(rules.examWindow({ ...c, trainingCompletionDate: '2027-03-31' })).toEqual({ from: '2027-01-31', to: '2027-03-31' });
    expect(rules.examWindow({ ...c, trainingCompletionDate: '2027-04-30' })).toEqual({ from: '2027-02-28', to: '2027-04-30' });
    expect(rules.examWindow({ ...c, trainingCompletionDate: '2028-04-30' })).toEqual({ from: '2028-02-29', to: '2028-04-30' });
  });

  it.each([
    ['2027-01-24', D.practical, false],
    [D.windowOpens, D.practical, true],
    [D.exam, D.completion, true],
    [D.exam, '2027-03-26', false],
  ])('notice with written %s, practical %s -> in window: %s', (written, practical, ok) => {
    const s = reach('preparing');
    const e = E.notice('2026-12-01', { written, practical });
    const v = rules.examDatesInWindow(s.context, e);
    if (ok) {
      expect(v).toBeNull();
      expectAccepted(s, e, 'examScheduled');
    } else {
      expect(v?.rule).toBe('examWindow');
      expect(v?.message).toContain('範囲外');
      expectRefused(s, e, 'examWindow');
    }
  });

  it('EXAM_DATE_CHANGED outside the window is refused, inside it updates the planned exam date', () => {
    const s = start();
    expectRefused(s, E.examDateChanged('2027-01-24'), 'examWindow');
    expectRefused(s, E.examDateChanged('2027-03-26'), 'examWindow');
    const moved = expectAccepted(s, E.examDateChanged(D.windowOpens));
    expect(moved.value).toBe('questionsDrafting');
    expect(moved.context.examDate).toBe(D.windowOpens);
  });
});

describe('eligibility: 80% in every subject and in total', () => {
  const roster = [{ id: 'T1' }, { id: 'T2', theoryHours: 75 }]; // T2: 75% in 機械工作法, 91% in total

  it('expected examinees counting a trainee with 75% in one subject -> rule eligibility', () => {
    const s = reach('preparing');
    const e = E.notice(D.noticeEffective, { trainees: roster, expectedExaminees: 2 });
    const v = rules.examineesEligible(s.context, e);
    expect(v?.rule).toBe('eligibility');
    expect(v?.message).toContain('訓練生T2');
    expect(v?.message).toContain('75.0%');
    expect(v?.message).not.toContain('総訓練時間');
    expectRefused(s, e, 'eligibility');
  });

  it('counting only the eligible trainee is accepted; the roster keeps the eligibility', () => {
    const s = expectAccepted(reach('preparing'), E.notice(D.noticeEffective, { trainees: roster, expectedExaminees: 1 }), 'examScheduled');
    expect(s.context.roster.map((r) => [r.traineeId, r.eligibility.eligible])).toEqual([
      ['T1', true],
      ['T2', false],
    ]);
    expect(s.context.roster[1]!.eligibility.reasons).toHaveLength(1);
    // The ineligible trainee cannot be given a result.
    const withT2 = ev('RESULTS_RECORDED', payload.results(payload.sat('T1', 80), payload.sat('T2', 80)), '2027-02-15');
    expectRefused(s, withT2, 'results');
    expect(engineViolation(s, withT2)?.message).toContain('受験資格');
  });

  it('exactly 80% in every subject is eligible', () => {
    const e = E.notice(D.noticeEffective, { trainees: [{ id: 'T1', practicalHours: 320, theoryHours: 80 }], expectedExaminees: 1 });
    expect(rules.examineesEligible(reach('preparing').context, e)).toBeNull();
  });
});

describe('results', () => {
  const scheduled = () => reach('examScheduled');

  it('cannot be recorded before the exam day', () => {
    const s = scheduled();
    const early = E.results('2027-02-09');
    expect(rules.examHeld(s.context, early)?.rule).toBe('examHeld');
    expectRefused(s, early, 'examHeld');
    expectRefused(s, E.results(D.exam), 'examHeld'); // practical not held yet
    expectAccepted(s, E.results(D.practical), 'resultsRecorded');
  });

  it.each([
    ['a duplicate trainee', [payload.sat('T1', 60), payload.sat('T1', 70)], '重複'],
    ['a trainee not on the roster', [payload.sat('T9', 60)], '連名簿にありません'],
    ['a sitter without scores', [{ traineeId: 'T1', outcome: 'sat' }], '学科解答数と実技得点'],
    ['counts not adding up to 100', [payload.sat('T1', 60, { correct: 70, wrong: 12, blank: 17 })], '一致しません'],
  ])('refuses %s', (_label, results, text) => {
    const s = scheduled();
    const e = ev('RESULTS_RECORDED', payload.results(...results), '2027-02-15');
    const v = rules.resultsValid(s.context, e);
    expect(v?.rule).toBe('results');
    expect(v?.message).toContain(text);
    expectRefused(s, e, 'results');
  });

  it.each([
    [{ correct: 60, wrong: 0, blank: 40 }, 60, 60, true],
    [{ correct: 66, wrong: 13, blank: 21 }, 100, 59.5, false],
    [{ correct: 100, wrong: 0, blank: 0 }, 59.5, 100, false],
    [{ correct: 10, wrong: 90, blank: 0 }, 100, 0, false],
  ])('written %o with practical %s -> written score %s, passed %s', (written, practical, writtenScore, passed) => {
    const s = run([ev('RESULTS_RECORDED', payload.results(payload.sat('T1', practical, written)), '2027-02-15')], scheduled());
    expect(s.context.results).toEqual([{ traineeId: 'T1', outcome: 'sat', writtenScore, practicalScore: practical, passed, makeup: false }]);
  });
});

describe('makeup eligibility and timing', () => {
  const recorded = () => reach('resultsRecorded'); // T1 passed, T2 failed, T3 absent through an accident

  it('a failed trainee is refused: rule makeupEligibility', () => {
    const s = recorded();
    const e = E.makeupNotice('2027-02-26', ['T2']);
    const v = rules.makeupForAccidentsOnly(s.context, e);
    expect(v?.rule).toBe('makeupEligibility');
    expect(v?.message).toContain('T2');
    expect(v?.message).toContain('不合格者');
    expectRefused(s, e, 'makeupEligibility');
    expect(rules.makeupForAccidentsOnly(s.context, E.makeupNotice('2027-02-26', ['T1']))?.rule).toBe('makeupEligibility');
    expect(rules.makeupForAccidentsOnly(s.context, E.makeupNotice('2027-02-26', ['T3']))).toBeNull();
  });

  it('abandoned through an accident qualifies; a plain absence does not', () => {
    const s = run([
      ...PATH.examScheduled(),
      ev('RESULTS_RECORDED', payload.results(payload.sat('T1', 60), payload.missed('T2', 'absent'), payload.missed('T3', 'abandoned-accident')), '2027-02-15'),
    ]);
    expectAccepted(s, E.makeupNotice('2027-02-26', ['T3']), 'makeupScheduled');
    expectRefused(s, E.makeupNotice('2027-02-26', ['T2']), 'makeupEligibility');
  });

  it('after the completion date only with afterCompletionReason: rule makeupTiming', () => {
    const s = recorded();
    const late = E.makeupNotice('2027-03-29', ['T3']);
    expect(rules.makeupBeforeCompletion(s.context, late)?.rule).toBe('makeupTiming');
    expectRefused(s, late, 'makeupTiming');
    for (const reason of ['disaster', 'illness'] as const) {
      const e = E.makeupNotice('2027-03-29', ['T3'], '2027-03-01', reason);
      expect(rules.makeupBeforeCompletion(s.context, e)).toBeNull();
      expectAccepted(s, e, 'makeupScheduled');
    }
    expect(rules.makeupBeforeCompletion(s.context, E.makeupNotice(D.completion, ['T3']))).toBeNull();
  });

  it('the notice must be filed before the makeup day: rule makeupNotice', () => {
    const s = recorded();
    const sameDay = E.makeupNotice('2027-02-26', ['T3'], at('2027-02-26', '08:00'));
    expect(rules.makeupNoticeBeforeExam(s.context, sameDay)?.rule).toBe('makeupNotice');
    expectRefused(s, sameDay, 'makeupNotice');
  });

  it('makeup results: only for the makeup trainees, merged with makeup: true', () => {
    const s = run([E.makeupNotice()], recorded());
    const wrong = ev('MAKEUP_RESULTS_RECORDED', payload.results(payload.sat('T2', 90)), '2027-02-26');
    expect(rules.makeupResultsValid(s.context, wrong)?.message).toContain('対象者ではありません');
    expectRefused(s, wrong, 'results');
    const merged = expectAccepted(s, E.makeupResults(), 'resultsRecorded');
    expect(merged.context.results.filter((r) => r.makeup)).toEqual([
      { traineeId: 'T3', outcome: 'sat', writtenScore: 75, practicalScore: 75, passed: true, makeup: true },
    ]);
    expect(merged.context.results).toHaveLength(3);
  });
});

describe('passers, numbers, applicants, revocation', () => {
  it('rules.passers drops revoked trainees', () => {
    const c = reach('resultsRecorded').context;
    expect(rules.passers(c).map((p: { traineeId: string }) => p.traineeId)).toEqual(['T1']);
    expect(rules.passers({ ...c, revocations: [{ traineeId: 'T1', reason: '未修了', on: '2027-03-26' }] })).toEqual([]);
  });

  it('hasPassers: rule passers when nobody passed or every pass was revoked', () => {
    const s = run([E.revoked('T1', '2027-02-20')], reach('resultsRecorded'));
    expectRefused(s, E.numbersRequested(), 'passers');
  });

  it.each([
    ['missing passer', [['T3', '東京R8-0001']], '番号のない合格者'],
    ['non-passer', [['T1', '東京R8-0001'], ['T2', '東京R8-0002']], '合格者でない訓練生'],
    ['duplicate number', [['T1', '東京R8-0001'], ['T1', '東京R8-0001']], '重複'],
  ] as [string, [string, string][], string][])('numbersForEveryPasser refuses a %s', (_label, pairs, text) => {
    const s = reach('awaitingNumbers');
    const e = E.numbersIssued(pairs);
    expect(rules.numbersForEveryPasser(s.context, e)?.message).toContain(text);
    expectRefused(s, e, 'numbers');
  });

  it('applicants must be exactly the numbered passers', () => {
    const s = reach('applying');
    expectRefused(s, E.application([['T2', '第1号']]), 'applicants');
    expectRefused(s, E.application([['T1', '第1号'], ['T2', '第2号']]), 'applicants');
    const revoked = run([E.revoked('T1', '2027-03-05')], s);
    expectRefused(revoked, E.application([['T1', '第1号']]), 'applicants');
  });

  it('revocationOfPasser: only a current passer can be revoked', () => {
    const s = reach('delivered');
    expect(rules.revocationOfPasser(s.context, E.revoked('T2'))?.rule).toBe('revocation');
    expect(rules.revocationOfPasser(s.context, E.revoked('T1'))).toBeNull();
    expectRefused(s, E.revoked('T3'), 'revocation');
  });
});

describe('the rules named on the transitions are the ones the engine explains', () => {
  it('every event with rules is refused by the machine exactly when the engine finds a violation', () => {
    const cases: [Snapshot, Event][] = [
      [start(), E.examDateChanged('2027-01-01')],
      [start(), E.examDateChanged('2027-02-01')],
      [reach('correctingQuestions'), E.correctedQuestionsSent(D.noticeSaturday)],
      [reach('correctingQuestions'), E.correctedQuestionsSent(D.noticeEffective)],
      [reach('preparing'), E.notice(D.noticeNominal)],
      [reach('preparing'), E.notice(D.noticeEffective, { expectedExaminees: 4 })],
      [reach('preparing'), E.notice()],
      [reach('examScheduled'), E.results('2027-02-01')],
      [reach('examScheduled'), E.results()],
      [reach('resultsRecorded'), E.makeupNotice('2027-02-26', ['T1'])],
      [reach('resultsRecorded'), E.makeupNotice()],
      [run([E.makeupNotice()], reach('resultsRecorded')), E.makeupResults()],
      [reach('resultsRecorded'), E.numbersRequested()],
      [reach('awaitingNumbers'), E.numbersIssued([['T2', 'x']])],
      [reach('awaitingNumbers'), E.numbersIssued()],
      [reach('applying'), E.application([['T1', '第1号']], D.delivery, '2027-03-12')],
      [reach('applying'), E.application()],
      [reach('delivered'), E.revoked('T2')],
      [reach('delivered'), E.revoked('T1')],
    ];
    const types = new Set<string>();
    for (const [s, e] of cases) {
      types.add(e.type);
      const refused = send(s, e) === s;
      expect(refused, `${e.type} in ${String(s.value)}`).toBe(engineViolation(s, e) !== null);
    }
    const withRules = new Set(describeStates(skillCheck).flatMap((st) => st.transitions.filter((t) => t.rules.length).map((t) => t.event)));
    expect([...types].sort()).toEqual([...withRules].sort());
  });

  it('input defaults: planned delivery falls back to the completion date', () => {
    const { plannedDeliveryDate: _omit, ...input } = INPUT;
    expect(start(input).context.plannedDeliveryDate).toBe(D.completion);
  });
});
