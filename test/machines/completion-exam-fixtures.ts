/**
 * Fixtures for the completion-exam machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar (令和8年度), chosen so that every hard deadline's nominal day is a closed day:
 * - last training day = exam 2027-02-27 (Sat)
 *   - questionFiling, 2 months before: 2026-12-27 (Sun) -> effective 2026-12-25 (Fri)
 *   - reviewResult (HQ), 7 days before: 2027-02-20 (Sat) -> effective 2027-02-19 (Fri)
 *   - questionsToCenter, 2 weeks before: 2027-02-13 (Sat) -> effective 2027-02-12 (Fri)
 * - delivery 2027-04-05 (Mon)
 *   - certificationApplication, 2 weeks before: 2027-03-22 (春分の日 振替休日) -> effective 2027-03-19 (Fri)
 *   - certification (HQ), 1 day before: 2027-04-04 (Sun) -> effective 2027-04-02 (Fri)
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { completionExam } from '../../definitions/completion-exam/index.js';
import type { CompletionExamEvent } from '../../definitions/completion-exam/context.js';
import type { Actor, FiscalYearSettings, Role, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { settingsFor } from '../../definitions/common/settings.js';
import { completionExamMachine, type CompletionExamMachineInput } from '../../machines/completion-exam.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof completionExamMachine>;
export type Event = CompletionExamEvent;

/** The completion exam declares no fiscal-year settings: every deadline counts from the exam or delivery date. */
export const SETTINGS: FiscalYearSettings = settingsFor(completionExam, [])(2026);
export const COURSE = { kei: '機械', ka: '機械加工' };

export const INPUT: CompletionExamMachineInput = {
  course: { ...COURSE, grade: '2級', mode: 'classroom' },
  fiscalYear: 2026,
  lastTrainingDay: '2027-02-27',
  plannedDeliveryDate: '2027-04-05',
};

export const D = {
  exam: '2027-02-27',
  filingNominal: '2026-12-27',
  filingEffective: '2026-12-25',
  reviewEffective: '2027-02-19',
  centerNominal: '2027-02-13',
  centerEffective: '2027-02-12',
  delivery: '2027-04-05',
  applicationNominal: '2027-03-22',
  applicationEffective: '2027-03-19',
  certificationEffective: '2027-04-02',
} as const;

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;

const HQ_EVENTS = new Set(['REVIEW_APPROVED', 'REVIEW_GUIDANCE', 'CERT_NUMBERS_ISSUED', 'CERTIFIED', 'APPLICATION_RETURNED']);
const actor = (role: Role): Actor => ({ kind: 'user', userId: `user-${role}`, role, orgId: `org-${role}` });

export function ev(type: string, data: unknown, when: IsoDate | string): Event {
  const def = completionExam.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  // Parsed with the event's own schema, so the payload has the shape of its type.
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor: actor(HQ_EVENTS.has(type) ? 'hq' : 'school'), settings: SETTINGS } as Event;
}

export const deadlineEvent = (deadline: string, kind: TimerKind, nominal: IsoDate, effective: IsoDate, when: IsoDate): Event => ({
  type: DEADLINE_EVENT,
  data: { deadline, kind, nominal, effective },
  at: at(when, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: SETTINGS,
});

const REP = '一般社団法人 東京機械技能協会 会長 山田太郎';

export const attendance = (attendedHours = 90) => ({ mode: 'classroom' as const, plannedHours: 100, attendedHours });
export const examinee = (traineeId: string, correct: number | null, hours = 90) => ({
  traineeId,
  name: `訓練生${traineeId}`,
  birthDate: '1990-05-01',
  attendance: attendance(hours),
  ...(correct === null ? { outcome: 'absent' as const } : { outcome: 'sat' as const, correct }),
});

export const payload = {
  questionsFiled: (examDate: IsoDate = D.exam, plannedCompletionDate: IsoDate = examDate) => ({
    representative: REP,
    course: COURSE,
    questions: { mainQuestions: 100, makeupQuestions: 100, spareQuestions: 10, subjects: ['機械工作法', '材料'] },
    notice: { examDate, start: '09:00', end: '11:00', place: '本校 第1教室', passMark: 65, examinees: 3, plannedCompletionDate },
  }),
  examDateChanged: (examDate: IsoDate) => ({ examDate, reason: '訓練日程の変更' }),
  /** T1 passes (65 = pass mark), T2 fails (64), T3 absent. */
  results: (...rows: ReturnType<typeof examinee>[]) => ({
    results: rows.length ? rows : [examinee('T1', 65), examinee('T2', 64), examinee('T3', null)],
  }),
  remedial: (traineeId: string, hours: number, date: IsoDate = '2027-03-01') => ({ traineeId, subject: '機械工作法', hours, date }),
  makeup: (date: IsoDate, traineeIds: string[]) => ({ date, start: '09:00', end: '11:00', place: '本校 第1教室', traineeIds }),
  makeupResults: (...rows: [string, number | null][]) => ({
    results: rows.map(([traineeId, correct]) => (correct === null ? { traineeId, outcome: 'absent' } : { traineeId, outcome: 'sat', correct })),
  }),
  numbersIssued: (pairs: [string, string][]) => ({ numbers: pairs.map(([traineeId, tokyoNumber]) => ({ traineeId, tokyoNumber })) }),
  application: (deliveryDate: IsoDate, pairs: [string, string][], examinees = 2) => ({
    representative: REP,
    summary: { plannedExaminees: 3, examinees, passers: pairs.length },
    deliveryDate,
    completers: pairs.map(([traineeId, schoolNumber]) => ({ traineeId, schoolNumber })),
  }),
};

export const E = {
  questionsFiled: (when: IsoDate | string = '2026-12-21') => ev('QUESTIONS_FILED', payload.questionsFiled(), when),
  examDateChanged: (examDate: IsoDate = D.exam, when: IsoDate | string = '2026-12-01') => ev('EXAM_DATE_CHANGED', payload.examDateChanged(examDate), when),
  reviewApproved: (when: IsoDate | string = '2027-02-01') => ev('REVIEW_APPROVED', { note: '適' }, when),
  reviewGuidance: (when: IsoDate | string = '2027-02-01') => ev('REVIEW_GUIDANCE', { guidance: '問題12の表現を改めること' }, when),
  questionsSent: (when: IsoDate | string = '2027-02-10', correctionSummary?: string) =>
    ev('QUESTIONS_SENT_TO_CENTER', correctionSummary ? { correctionSummary } : {}, when),
  results: (when: IsoDate | string = D.exam) => ev('RESULTS_RECORDED', payload.results(), when),
  remedial: (traineeId = 'T2', hours = 12, when: IsoDate | string = '2027-03-01') => ev('REMEDIAL_RECORDED', payload.remedial(traineeId, hours), when),
  makeup: (ids = ['T2', 'T3'], date: IsoDate = '2027-03-06', when: IsoDate | string = '2027-03-02') => ev('MAKEUP_SCHEDULED', payload.makeup(date, ids), when),
  makeupResults: (rows: [string, number | null][] = [['T2', 80], ['T3', 70]], when: IsoDate | string = '2027-03-06') =>
    ev('MAKEUP_RESULTS_RECORDED', payload.makeupResults(...rows), when),
  numbersRequested: (when: IsoDate | string = '2027-03-08') => ev('CERT_NUMBERS_REQUESTED', {}, when),
  numbersIssued: (pairs: [string, string][] = [['T1', '東京R8修-0001']], when: IsoDate | string = '2027-03-09') => ev('CERT_NUMBERS_ISSUED', payload.numbersIssued(pairs), when),
  application: (pairs: [string, string][] = [['T1', '第1号']], when: IsoDate | string = '2027-03-15', deliveryDate: IsoDate = D.delivery, examinees = 2) =>
    ev('CERT_APPLICATION_FILED', payload.application(deliveryDate, pairs, examinees), when),
  certified: (when: IsoDate = '2027-03-30') => ev('CERTIFIED', { certifiedOn: when }, when),
  returned: (when: IsoDate | string = '2027-03-16') => ev('APPLICATION_RETURNED', { reason: '修了者名簿の記載誤り' }, when),
  delivered: (when: IsoDate = D.delivery) => ev('DELIVERED', { deliveredOn: when }, when),
  withdrawn: (when: IsoDate | string = '2026-12-01') => ev('WITHDRAWN', { reason: '受講者不足による中止' }, when),
};

export function start(input: CompletionExamMachineInput = INPUT): Snapshot {
  return initialTransition(completionExamMachine, input)[0];
}
export function send(s: Snapshot, e: Event): Snapshot {
  return transition(completionExamMachine, s, e)[0];
}
export const changed = (a: Snapshot, b: Snapshot) =>
  JSON.stringify([a.value, a.context, a.status]) !== JSON.stringify([b.value, b.context, b.status]);

export function run(events: Event[], from: Snapshot = start()): Snapshot {
  let s = from;
  for (const e of events) {
    const next = send(s, e);
    if (!changed(s, next)) throw new Error(`${e.type} refused in state ${JSON.stringify(s.value)}`);
    s = next;
  }
  return s;
}

export const PATH = {
  questionReview: () => [E.questionsFiled()],
  sendingQuestions: () => [...PATH.questionReview(), E.reviewApproved()],
  correctingQuestions: () => [...PATH.questionReview(), E.reviewGuidance()],
  examScheduled: () => [...PATH.sendingQuestions(), E.questionsSent()],
  resultsRecorded: () => [...PATH.examScheduled(), E.results()],
  awaitingNumbers: () => [...PATH.resultsRecorded(), E.numbersRequested()],
  applying: () => [...PATH.awaitingNumbers(), E.numbersIssued()],
  certifying: () => [...PATH.applying(), E.application()],
  delivering: () => [...PATH.certifying(), E.certified()],
  delivered: () => [...PATH.delivering(), E.delivered()],
};
export const reach = (state: keyof typeof PATH, input?: CompletionExamMachineInput) => run(PATH[state](), start(input));
