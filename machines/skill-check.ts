/**
 * 技能照査 (skill check) as a statechart: 届出 -> 審査 -> 実施 -> 証明 -> 交付 (manual III, DESIGN 4.1).
 *
 * Deadlines are not `after` transitions (XState does not restore them): states name their deadlines in `meta`
 * and the engine keeps durable timers for them. Hard deadlines are guards built from the same rule functions
 * the engine uses to explain a rejection.
 */
import { assign, setup } from 'xstate';
import { compareDates } from '../src/domain/dates.js';
import { skillCheckEligibility } from '../src/domain/eligibility.js';
import { skillCheckResult } from '../src/domain/scoring.js';
import type { SkillCheckContext, ScoredResult } from '../definitions/skill-check/context.js';
import { certification, delivery, questionFiling, reviewResult } from '../definitions/skill-check/deadlines.js';
import type { RosterEntry, SkillCheckInput, TraineeResult } from '../definitions/skill-check/forms.js';
import * as rules from '../definitions/skill-check/rules.js';
import { filedOn, meta, rulesPass, withDeadlineNotice, withLateness, type MachineEvent } from './common.js';

export interface SkillCheckMachineInput extends SkillCheckInput {
  fiscalYear: number;
}

function score(result: TraineeResult, makeup: boolean): ScoredResult {
  if (result.outcome !== 'sat' || !result.written || result.practicalScore === undefined) {
    return { traineeId: result.traineeId, outcome: result.outcome, writtenScore: null, practicalScore: null, passed: false, makeup };
  }
  const r = skillCheckResult(result.written, result.practicalScore);
  return { traineeId: result.traineeId, outcome: 'sat', writtenScore: r.writtenScore, practicalScore: r.practicalScore, passed: r.passed, makeup };
}

const earlier = (a: string, b: string) => (compareDates(a, b) <= 0 ? a : b);

const changeExamDate = {
  EXAM_DATE_CHANGED: { guard: 'examDateInWindow', actions: 'setExamDate' },
} as const;
const withdraw = { WITHDRAWN: { target: '#skillCheck.withdrawn', actions: 'recordWithdrawal' } } as const;
const revoke = { PASS_REVOKED: { guard: 'revocationOfPasser', actions: 'recordRevocation' } } as const;

export const skillCheckMachine = setup({
  types: {
    context: {} as SkillCheckContext,
    events: {} as MachineEvent,
    input: {} as SkillCheckMachineInput,
  },
  guards: {
    examDateInWindow: rulesPass(rules.examDateInWindow),
    correctedQuestionsInTime: rulesPass(rules.correctedQuestionsInTime),
    noticeAccepted: rulesPass(rules.implementationNoticeInTime, rules.examDatesInWindow, rules.examineesEligible),
    resultsAccepted: rulesPass(rules.examHeld, rules.resultsValid),
    makeupAccepted: rulesPass(rules.makeupForAccidentsOnly, rules.makeupBeforeCompletion, rules.makeupNoticeBeforeExam),
    makeupResultsAccepted: rulesPass(rules.makeupHeld, rules.makeupResultsValid),
    hasPassers: rulesPass(rules.hasPassers),
    numbersAccepted: rulesPass(rules.numbersForEveryPasser),
    applicationAccepted: rulesPass(rules.applicationInTime, rules.applicantsArePassersWithNumbers),
    revocationOfPasser: rulesPass(rules.revocationOfPasser),
  },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordQuestions: assign({
      questions: ({ event }) => ({ filedOn: filedOn(event), subjects: event.data.written.subjects }),
      lateness: ({ context, event }) => withLateness(questionFiling, context, event),
    }),
    recordApproval: assign({
      review: ({ event }) => ({ result: 'approved' as const, text: event.data.note ?? null, on: filedOn(event) }),
      lateness: ({ context, event }) => withLateness(reviewResult, context, event),
    }),
    recordGuidance: assign({
      review: ({ event }) => ({ result: 'guidance' as const, text: event.data.guidance, on: filedOn(event) }),
      lateness: ({ context, event }) => withLateness(reviewResult, context, event),
    }),
    recordCorrectedQuestions: assign({ correctedQuestionsOn: ({ event }) => filedOn(event) }),
    setExamDate: assign({ examDate: ({ event }) => event.data.examDate }),
    recordNotice: assign({
      notice: ({ event }) => ({
        filedOn: filedOn(event),
        writtenDate: event.data.written.date,
        practicalDate: event.data.practical.date,
        expectedExaminees: event.data.expectedExaminees,
      }),
      examDate: ({ event }) => earlier(event.data.written.date, event.data.practical.date),
      roster: ({ event }) =>
        (event.data.roster as RosterEntry[]).map((r) => ({ ...r, eligibility: skillCheckEligibility(r.subjects) })),
    }),
    recordResults: assign({ results: ({ event }) => (event.data.results as TraineeResult[]).map((r) => score(r, false)) }),
    recordMakeupNotice: assign({
      makeup: ({ event }) => ({ date: event.data.session.date, traineeIds: event.data.traineeIds, filedOn: filedOn(event) }),
    }),
    recordMakeupResults: assign({
      results: ({ context, event }) => {
        const makeups = new Map((event.data.results as TraineeResult[]).map((r) => [r.traineeId, score(r, true)]));
        return context.results.map((r) => makeups.get(r.traineeId) ?? r);
      },
      makeup: () => null,
    }),
    recordNumbers: assign({ numbers: ({ event }) => event.data.numbers }),
    recordApplication: assign({
      application: ({ event }) => ({ filedOn: filedOn(event), deliveryDate: event.data.deliveryDate, applicants: event.data.applicants }),
    }),
    recordCertification: assign({
      certifiedOn: ({ event }) => event.data.certifiedOn,
      lateness: ({ context, event }) => withLateness(certification, context, event),
    }),
    recordReturn: assign({ returns: ({ context, event }) => [...context.returns, { reason: event.data.reason, on: filedOn(event) }] }),
    recordDelivery: assign({
      deliveredOn: ({ event }) => event.data.deliveredOn,
      lateness: ({ context, event }) => withLateness(delivery, context, event),
    }),
    recordRevocation: assign({
      revocations: ({ context, event }) => [...context.revocations, { traineeId: event.data.traineeId, reason: event.data.reason, on: filedOn(event) }],
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: event.data.reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'skillCheck',
  initial: 'questionsDrafting',
  context: ({ input }) => ({
    course: input.course,
    fiscalYear: input.fiscalYear,
    trainingCompletionDate: input.trainingCompletionDate,
    examDate: input.plannedExamDate,
    plannedDeliveryDate: input.plannedDeliveryDate ?? input.trainingCompletionDate,
    questions: null,
    review: null,
    correctedQuestionsOn: null,
    notice: null,
    roster: [],
    results: [],
    makeup: null,
    numbers: [],
    application: null,
    certifiedOn: null,
    deliveredOn: null,
    revocations: [],
    returns: [],
    withdrawal: null,
    lateness: [],
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    questionsDrafting: {
      meta: meta({ label: '試験問題作成中（届出前）', waitingOn: 'school', deadlines: ['questionFiling'] }),
      on: { QUESTIONS_FILED: { target: 'questionReview', actions: 'recordQuestions' }, ...changeExamDate, ...withdraw },
    },
    questionReview: {
      meta: meta({ label: '試験問題審査中', waitingOn: 'hq', deadlines: ['reviewResult'] }),
      on: {
        REVIEW_APPROVED: { target: 'preparing', actions: 'recordApproval' },
        REVIEW_GUIDANCE: { target: 'correctingQuestions', actions: 'recordGuidance' },
        ...changeExamDate,
        ...withdraw,
      },
    },
    correctingQuestions: {
      meta: meta({ label: '指導による試験問題訂正中', waitingOn: 'school', deadlines: ['correctedQuestions', 'implementationNotice'] }),
      on: {
        CORRECTED_QUESTIONS_SENT: { target: 'preparing', guard: 'correctedQuestionsInTime', actions: 'recordCorrectedQuestions' },
        ...changeExamDate,
        ...withdraw,
      },
    },
    preparing: {
      meta: meta({ label: '実施届出前', waitingOn: 'school', deadlines: ['implementationNotice'] }),
      on: {
        IMPLEMENTATION_NOTICE_FILED: { target: 'examScheduled', guard: 'noticeAccepted', actions: 'recordNotice' },
        ...changeExamDate,
        ...withdraw,
      },
    },
    examScheduled: {
      meta: meta({ label: '試験実施予定（センター立会い）', waitingOn: 'school' }),
      on: { RESULTS_RECORDED: { target: 'resultsRecorded', guard: 'resultsAccepted', actions: 'recordResults' }, ...withdraw },
    },
    resultsRecorded: {
      meta: meta({ label: '採点結果登録済', waitingOn: 'school' }),
      on: {
        MAKEUP_NOTICE_FILED: { target: 'makeupScheduled', guard: 'makeupAccepted', actions: 'recordMakeupNotice' },
        CERT_NUMBERS_REQUESTED: { target: 'awaitingNumbers', guard: 'hasPassers' },
        ...revoke,
        ...withdraw,
      },
    },
    makeupScheduled: {
      meta: meta({ label: '追試験実施予定', waitingOn: 'school' }),
      on: {
        MAKEUP_RESULTS_RECORDED: { target: 'resultsRecorded', guard: 'makeupResultsAccepted', actions: 'recordMakeupResults' },
        ...revoke,
        ...withdraw,
      },
    },
    awaitingNumbers: {
      meta: meta({ label: '知事証明番号の発行待ち', waitingOn: 'hq' }),
      on: { CERT_NUMBERS_ISSUED: { target: 'applying', guard: 'numbersAccepted', actions: 'recordNumbers' }, ...revoke, ...withdraw },
    },
    applying: {
      meta: meta({ label: '合格証明申請前', waitingOn: 'school', deadlines: ['certificationApplication'] }),
      on: { CERT_APPLICATION_FILED: { target: 'certifying', guard: 'applicationAccepted', actions: 'recordApplication' }, ...revoke, ...withdraw },
    },
    certifying: {
      meta: meta({ label: '知事証明審査中', waitingOn: 'hq', deadlines: ['certification'] }),
      on: {
        CERTIFIED: { target: 'delivering', actions: 'recordCertification' },
        APPLICATION_RETURNED: { target: 'applying', actions: 'recordReturn' },
        ...revoke,
        ...withdraw,
      },
    },
    delivering: {
      meta: meta({ label: '合格証書交付前', waitingOn: 'school', deadlines: ['delivery'] }),
      on: { DELIVERED: { target: 'delivered', actions: 'recordDelivery' }, ...revoke },
    },
    delivered: {
      meta: meta({ label: '交付済', closed: true }),
      on: { ...revoke },
    },
    withdrawn: {
      type: 'final',
      meta: meta({ label: '取下げ' }),
    },
  },
});
