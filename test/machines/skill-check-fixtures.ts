/**
 * Fixture builders for the skill-check machine tests. Every payload is parsed with the zod schema the
 * definition declares for its event, so a fixture that drifts from the form schema fails loudly.
 *
 * Calendar used throughout (令和8年度):
 * - training completion 2027-03-25 (Thu) -> exam window 2027-01-25 .. 2027-03-25
 * - planned exam 2027-02-10 (Wed): "1 month before" = 2027-01-10 (Sun), effective 2027-01-08 (Fri)
 * - delivery 2027-03-09 (Tue): "2 weeks before" = 2027-02-23 (天皇誕生日), effective 2027-02-22 (Mon)
 * - delivery 2027-03-25 (Thu): "2 weeks before" = 2027-03-11 (Thu, open)
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { skillCheck } from '../../definitions/skill-check/index.js';
import type { SkillCheckContext, SkillCheckEvent } from '../../definitions/skill-check/context.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, Role, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { skillCheckMachine, type SkillCheckMachineInput } from '../../machines/skill-check.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof skillCheckMachine>;
export type Event = SkillCheckEvent;

export const SETTINGS: FiscalYearSettings = {
  fiscalYear: 2026,
  values: {
    questionFiling: '2026-10-02', // Fri
    reviewResult: '2026-11-13', // Fri
  },
};

export const COURSE = { kei: '機械', ka: '機械加工' };

export const INPUT: SkillCheckMachineInput = {
  course: { ...COURSE, courseType: '普通課程' },
  fiscalYear: 2026,
  trainingCompletionDate: '2027-03-25',
  plannedExamDate: '2027-02-10',
  plannedDeliveryDate: '2027-03-25',
};

/** Key dates of the fixture calendar. */
export const D = {
  completion: '2027-03-25',
  windowOpens: '2027-01-25',
  exam: '2027-02-10',
  practical: '2027-02-12',
  noticeNominal: '2027-01-10', // Sunday
  noticeSaturday: '2027-01-09',
  noticeEffective: '2027-01-08', // Friday
  delivery: '2027-03-25',
  earlyDelivery: '2027-03-09',
  applicationNominal: '2027-02-23', // 天皇誕生日
  applicationEffective: '2027-02-22',
} as const;

/** An instant on a Tokyo calendar day (the engine's injected clock). */
export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;

const ROLE_OF: Record<string, Role> = {
  REVIEW_APPROVED: 'hq',
  REVIEW_GUIDANCE: 'hq',
  CERT_NUMBERS_ISSUED: 'hq',
  CERTIFIED: 'hq',
  APPLICATION_RETURNED: 'hq',
};

export function actor(role: Role): Actor {
  const orgId = role === 'hq' ? 'org-hq' : role === 'center' ? 'org-center' : 'org-school';
  return { kind: 'user', userId: `user-${role}`, role, orgId };
}

/** A user event; `data` is validated with the event's schema from the definition. */
export function ev(type: string, data: unknown, when: IsoDate | string, settings: FiscalYearSettings = SETTINGS): Event {
  const def = skillCheck.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  const instant = when.length === 10 ? at(when) : when;
  return { type, data: def.schema.parse(data), at: instant, actor: actor(ROLE_OF[type] ?? 'school'), settings } as Event;
}

export function deadlineEvent(
  deadline: string,
  kind: TimerKind,
  nominal: IsoDate,
  effective: IsoDate,
  when: IsoDate | string,
): DeadlineEvent {
  return {
    type: DEADLINE_EVENT,
    data: { deadline, kind, nominal, effective },
    at: when.length === 10 ? at(when, '09:00') : when,
    actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
    settings: SETTINGS,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Payloads

const REPRESENTATIVE = '東京都立城南職業能力開発センター 校長 山田太郎';

export interface TraineeSpec {
  id: string;
  /** Expected attended hours per subject (planned: 実技 400 h, 学科 100 h). */
  practicalHours?: number;
  theoryHours?: number;
}

export function rosterEntry({ id, practicalHours = 380, theoryHours = 90 }: TraineeSpec) {
  return {
    traineeId: id,
    name: `訓練生${id}`,
    birthDate: '2005-04-01',
    subjects: [
      { subject: '機械加工実技', plannedHours: 400, attendedHours: practicalHours },
      { subject: '機械工作法', plannedHours: 100, attendedHours: theoryHours },
    ],
  };
}

const session = (date: IsoDate, place = '本校実習場') => ({ date, start: '09:30', end: '12:00', place });

export const payload = {
  questionsFiled: () => ({
    representative: REPRESENTATIVE,
    course: COURSE,
    written: { mainQuestions: 100, spareQuestions: 10, subjects: ['機械工作法', '材料', '製図'] },
    practical: { problem: '旋盤による段付き軸の製作', tools: ['旋盤', 'ノギス'], scoringGuide: '寸法・仕上げを採点', criteria: '60点以上' },
  }),
  reviewApproved: () => ({ note: '適' }),
  reviewGuidance: (guidance = '問題12の表現を改めること') => ({ guidance }),
  correctedQuestionsSent: () => ({ summary: '問題12を訂正' }),
  examDateChanged: (examDate: IsoDate) => ({ examDate, reason: '実習場の都合' }),
  notice: (opts: {
    written?: IsoDate;
    practical?: IsoDate;
    expectedExaminees?: number;
    trainees?: TraineeSpec[];
  } = {}) => {
    const trainees = opts.trainees ?? [{ id: 'T1' }, { id: 'T2' }, { id: 'T3' }];
    return {
      representative: REPRESENTATIVE,
      course: COURSE,
      written: session(opts.written ?? D.exam, '本校教室'),
      practical: session(opts.practical ?? D.practical),
      expectedExaminees: opts.expectedExaminees ?? trainees.length,
      roster: trainees.map(rosterEntry),
    };
  },
  /** The manual's worked example: 70 correct, 12 wrong, 18 blank -> 64. */
  sat: (traineeId: string, practicalScore: number, written = { correct: 70, wrong: 12, blank: 18 }) => ({
    traineeId,
    outcome: 'sat' as const,
    written,
    practicalScore,
  }),
  missed: (traineeId: string, outcome: 'absent-accident' | 'abandoned-accident' | 'absent' = 'absent-accident') => ({
    traineeId,
    outcome,
  }),
  results: (...results: unknown[]) => ({ results }),
  makeupNotice: (date: IsoDate, traineeIds: string[], afterCompletionReason?: 'disaster' | 'illness') => ({
    session: session(date),
    traineeIds,
    spareQuestionsUsed: 5,
    ...(afterCompletionReason ? { afterCompletionReason } : {}),
  }),
  numbersRequested: () => ({}),
  numbersIssued: (pairs: [string, string][]) => ({ numbers: pairs.map(([traineeId, tokyoNumber]) => ({ traineeId, tokyoNumber })) }),
  application: (deliveryDate: IsoDate, pairs: [string, string][]) => ({
    representative: REPRESENTATIVE,
    deliveryDate,
    applicants: pairs.map(([traineeId, schoolNumber]) => ({ traineeId, schoolNumber })),
  }),
  certified: (certifiedOn: IsoDate) => ({ certifiedOn }),
  returned: (reason = '申請者名簿の記載誤り') => ({ reason }),
  delivered: (deliveredOn: IsoDate) => ({ deliveredOn }),
  revoked: (traineeId: string, reason = '訓練を修了しなかったため') => ({ traineeId, reason }),
  withdrawn: (reason = '訓練科の廃止') => ({ reason }),
};

/** Ready-made valid events along the main timeline (each `at` makes its guards pass). */
export const E = {
  questionsFiled: (when: IsoDate | string = '2026-09-30') => ev('QUESTIONS_FILED', payload.questionsFiled(), when),
  reviewApproved: (when: IsoDate | string = '2026-11-12') => ev('REVIEW_APPROVED', payload.reviewApproved(), when),
  reviewGuidance: (when: IsoDate | string = '2026-11-12') => ev('REVIEW_GUIDANCE', payload.reviewGuidance(), when),
  correctedQuestionsSent: (when: IsoDate | string = '2026-12-10') =>
    ev('CORRECTED_QUESTIONS_SENT', payload.correctedQuestionsSent(), when),
  examDateChanged: (examDate: IsoDate, when: IsoDate | string = '2026-12-01') =>
    ev('EXAM_DATE_CHANGED', payload.examDateChanged(examDate), when),
  notice: (when: IsoDate | string = D.noticeEffective, opts: Parameters<typeof payload.notice>[0] = {}) =>
    ev('IMPLEMENTATION_NOTICE_FILED', payload.notice(opts), when),
  /** T1 passes (64 / 60), T2 fails on the practical (64 / 59.5), T3 missed the exam through an accident. */
  results: (when: IsoDate | string = '2027-02-15') =>
    ev('RESULTS_RECORDED', payload.results(payload.sat('T1', 60), payload.sat('T2', 59.5), payload.missed('T3')), when),
  makeupNotice: (date: IsoDate = '2027-02-26', ids = ['T3'], when: IsoDate | string = '2027-02-16', reason?: 'disaster' | 'illness') =>
    ev('MAKEUP_NOTICE_FILED', payload.makeupNotice(date, ids, reason), when),
  makeupResults: (when: IsoDate | string = '2027-02-26') =>
    ev('MAKEUP_RESULTS_RECORDED', payload.results(payload.sat('T3', 75, { correct: 80, wrong: 10, blank: 10 })), when),
  numbersRequested: (when: IsoDate | string = '2027-03-01') => ev('CERT_NUMBERS_REQUESTED', payload.numbersRequested(), when),
  numbersIssued: (pairs: [string, string][] = [['T1', '東京R8-0001']], when: IsoDate | string = '2027-03-03') =>
    ev('CERT_NUMBERS_ISSUED', payload.numbersIssued(pairs), when),
  application: (pairs: [string, string][] = [['T1', '第1号']], deliveryDate: IsoDate = D.delivery, when: IsoDate | string = '2027-03-10') =>
    ev('CERT_APPLICATION_FILED', payload.application(deliveryDate, pairs), when),
  certified: (when: IsoDate = '2027-03-18') => ev('CERTIFIED', payload.certified(when), when),
  returned: (when: IsoDate | string = '2027-03-12') => ev('APPLICATION_RETURNED', payload.returned(), when),
  delivered: (when: IsoDate = D.delivery) => ev('DELIVERED', payload.delivered(when), when),
  revoked: (traineeId = 'T1', when: IsoDate | string = '2027-03-26') => ev('PASS_REVOKED', payload.revoked(traineeId), when),
  withdrawn: (when: IsoDate | string = '2026-12-01') => ev('WITHDRAWN', payload.withdrawn(), when),
};

// ---------------------------------------------------------------------------------------------------------
// Driving the machine the way the engine does (pure initialTransition / transition).

export function start(input: SkillCheckMachineInput = INPUT): Snapshot {
  const [snapshot] = initialTransition(skillCheckMachine, input);
  return snapshot;
}

export function send(snapshot: Snapshot, event: Event): Snapshot {
  const [next] = transition(skillCheckMachine, snapshot, event);
  return next;
}

/** Sends events in order and throws if one of them is refused (leaves value and context unchanged). */
export function run(events: Event[], from: Snapshot = start()): Snapshot {
  let snapshot = from;
  for (const event of events) {
    const next = send(snapshot, event);
    if (!changed(snapshot, next)) {
      throw new Error(`${event.type} refused in state ${JSON.stringify(snapshot.value)}`);
    }
    snapshot = next;
  }
  return snapshot;
}

export function changed(a: Snapshot, b: Snapshot): boolean {
  return JSON.stringify([a.value, a.context, a.status]) !== JSON.stringify([b.value, b.context, b.status]);
}

/** Event sequences reaching each state along the main timeline. */
export const PATH = {
  questionReview: () => [E.questionsFiled()],
  preparing: () => [E.questionsFiled(), E.reviewApproved()],
  correctingQuestions: () => [E.questionsFiled(), E.reviewGuidance()],
  examScheduled: () => [...PATH.preparing(), E.notice()],
  resultsRecorded: () => [...PATH.examScheduled(), E.results()],
  makeupScheduled: () => [...PATH.resultsRecorded(), E.makeupNotice()],
  awaitingNumbers: () => [...PATH.resultsRecorded(), E.numbersRequested()],
  applying: () => [...PATH.awaitingNumbers(), E.numbersIssued()],
  certifying: () => [...PATH.applying(), E.application()],
  delivering: () => [...PATH.certifying(), E.certified()],
  delivered: () => [...PATH.delivering(), E.delivered()],
};

export const reach = (state: keyof typeof PATH, input?: SkillCheckMachineInput) => run(PATH[state](), start(input));

/** A context for calling rules directly, taken from a real snapshot and optionally overridden. */
export const contextAt = (state: keyof typeof PATH, patch: Partial<SkillCheckContext> = {}): SkillCheckContext => ({
  ...reach(state).context,
  ...patch,
});
