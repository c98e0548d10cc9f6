/**
 * 修了時試験 (completion exam of 1級/2級/単一等級 技能士コース) as a statechart (manual IV, DESIGN 4.2):
 * 届出 (様式23-1・23-2・24) -> 審査 -> 問題送付 -> 試験（訓練最終日） -> 採点・補講・追試験 -> 証明番号 -> 証明申請 -> 知事証明 -> 交付.
 *
 * As in the skill check, deadlines live in state meta and the engine keeps durable timers for them; hard
 * deadlines are guards built from the same rule functions that explain a 422.
 */
import { assign, setup } from 'xstate';
import { completionExamResult } from '../src/domain/scoring.js';
import type { CompletionExamContext, ScoredResult } from '../definitions/completion-exam/context.js';
import { certification, delivery, reviewResult } from '../definitions/completion-exam/deadlines.js';
import type { CompletionExamInput, ExamineeResult, MakeupResult } from '../definitions/completion-exam/forms.js';
import * as rules from '../definitions/completion-exam/rules.js';
import { filedOn, meta, rulesPass, withDeadlineNotice, withLateness, type MachineEvent } from './common.js';

export interface CompletionExamMachineInput extends CompletionExamInput {
  fiscalYear: number;
}

function scored(r: { outcome: 'sat' | 'absent'; correct?: number }) {
  if (r.outcome !== 'sat' || r.correct === undefined) return { outcome: 'absent' as const, score: null, passed: false };
  const { score, passed } = completionExamResult(r.correct);
  return { outcome: 'sat' as const, score, passed };
}

const changeExamDate = { EXAM_DATE_CHANGED: { guard: 'examDateChangeAllowed', actions: 'setExamDate' } } as const;
const withdraw = { WITHDRAWN: { target: '#completionExam.withdrawn', actions: 'recordWithdrawal' } } as const;

export const completionExamMachine = setup({
  types: {
    context: {} as CompletionExamContext,
    events: {} as MachineEvent,
    input: {} as CompletionExamMachineInput,
  },
  guards: {
    filingAccepted: rulesPass(rules.questionFilingInTime, rules.examOnLastTrainingDay),
    examDateChangeAllowed: rulesPass(rules.examDateChangeAllowed),
    questionsToCenterAccepted: rulesPass(rules.questionsToCenterInTime, rules.correctionsDescribed),
    resultsAccepted: rulesPass(rules.examHeld, rules.resultsValid),
    remedialAccepted: rulesPass(rules.remedialForFailed),
    makeupAccepted: rulesPass(rules.makeupCandidates, rules.makeupInFuture),
    makeupResultsAccepted: rulesPass(rules.makeupHeld, rules.makeupResultsValid),
    hasPassers: rulesPass(rules.hasPassers),
    numbersAccepted: rulesPass(rules.numbersForEveryPasser),
    applicationAccepted: rulesPass(rules.applicationInTime, rules.completersArePassersWithNumbers, rules.summaryMatchesResults),
  },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    setExamDate: assign({ examDate: ({ event }) => event.data.examDate }),
    recordFiling: assign({
      filing: ({ event }) => {
        const n = event.data.notice;
        return { filedOn: filedOn(event), examinees: n.examinees, start: n.start, end: n.end, place: n.place };
      },
      examDate: ({ event }) => event.data.notice.examDate,
    }),
    recordApproval: assign({
      review: ({ event }) => ({ result: 'approved' as const, text: event.data.note ?? null, on: filedOn(event) }),
      lateness: ({ context, event }) => withLateness(reviewResult, context, event),
    }),
    recordGuidance: assign({
      review: ({ event }) => ({ result: 'guidance' as const, text: event.data.guidance, on: filedOn(event) }),
      lateness: ({ context, event }) => withLateness(reviewResult, context, event),
    }),
    recordQuestionsSent: assign({ questionsSentToCenterOn: ({ event }) => filedOn(event) }),
    recordResults: assign({
      results: ({ event }) =>
        (event.data.results as ExamineeResult[]).map(
          (r): ScoredResult => ({
            traineeId: r.traineeId,
            name: r.name,
            birthDate: r.birthDate,
            eligibility: rules.examineeEligibility(r.attendance),
            round: 0,
            ...scored(r),
          }),
        ),
    }),
    recordRemedial: assign({
      remedial: ({ context, event }) => [
        ...context.remedial,
        { traineeId: event.data.traineeId, subject: event.data.subject, hours: event.data.hours, on: event.data.date },
      ],
    }),
    recordMakeup: assign({
      makeup: ({ event }) => ({ date: event.data.date, traineeIds: event.data.traineeIds, filedOn: filedOn(event) }),
      makeupRounds: ({ context }) => context.makeupRounds + 1,
    }),
    // A makeup result replaces the earlier one; a trainee who fails again needs another 12 hours before the next round.
    recordMakeupResults: assign({
      results: ({ context, event }) => {
        const byId = new Map((event.data.results as MakeupResult[]).map((r) => [r.traineeId, r]));
        return context.results.map((r) => {
          const m = byId.get(r.traineeId);
          return m ? { ...r, ...scored(m), round: context.makeupRounds } : r;
        });
      },
      remedial: ({ context, event }) => {
        const retaken = new Set((event.data.results as MakeupResult[]).map((r) => r.traineeId));
        return context.remedial.filter((r) => !retaken.has(r.traineeId));
      },
      makeup: () => null,
    }),
    recordNumbers: assign({ numbers: ({ event }) => event.data.numbers }),
    recordApplication: assign({
      application: ({ event }) => ({ filedOn: filedOn(event), deliveryDate: event.data.deliveryDate, applicants: event.data.completers }),
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
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: event.data.reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'completionExam',
  initial: 'filing',
  context: ({ input }) => ({
    course: input.course,
    fiscalYear: input.fiscalYear,
    examDate: input.lastTrainingDay,
    plannedDeliveryDate: input.plannedDeliveryDate ?? input.lastTrainingDay,
    filing: null,
    review: null,
    questionsSentToCenterOn: null,
    results: [],
    remedial: [],
    makeup: null,
    makeupRounds: 0,
    numbers: [],
    application: null,
    certifiedOn: null,
    deliveredOn: null,
    returns: [],
    withdrawal: null,
    lateness: [],
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    filing: {
      meta: meta({ label: '試験問題・実施届出前', waitingOn: 'school', deadlines: ['questionFiling'] }),
      on: { QUESTIONS_FILED: { target: 'questionReview', guard: 'filingAccepted', actions: 'recordFiling' }, ...changeExamDate, ...withdraw },
    },
    questionReview: {
      meta: meta({ label: '試験問題審査中', waitingOn: 'hq', deadlines: ['reviewResult'] }),
      on: {
        REVIEW_APPROVED: { target: 'sendingQuestions', actions: 'recordApproval' },
        REVIEW_GUIDANCE: { target: 'correctingQuestions', actions: 'recordGuidance' },
        ...changeExamDate,
        ...withdraw,
      },
    },
    sendingQuestions: {
      meta: meta({ label: '試験問題のセンター送付前', waitingOn: 'school', deadlines: ['questionsToCenter'] }),
      on: {
        QUESTIONS_SENT_TO_CENTER: { target: 'examScheduled', guard: 'questionsToCenterAccepted', actions: 'recordQuestionsSent' },
        ...changeExamDate,
        ...withdraw,
      },
    },
    correctingQuestions: {
      meta: meta({ label: '指導による試験問題訂正中', waitingOn: 'school', deadlines: ['questionsToCenter'] }),
      on: {
        QUESTIONS_SENT_TO_CENTER: { target: 'examScheduled', guard: 'questionsToCenterAccepted', actions: 'recordQuestionsSent' },
        ...changeExamDate,
        ...withdraw,
      },
    },
    examScheduled: {
      meta: meta({ label: '試験実施予定（訓練最終日・センター立会い）', waitingOn: 'school' }),
      on: { RESULTS_RECORDED: { target: 'resultsRecorded', guard: 'resultsAccepted', actions: 'recordResults' }, ...withdraw },
    },
    resultsRecorded: {
      meta: meta({ label: '採点結果登録済（補講・追試験）', waitingOn: 'school' }),
      on: {
        REMEDIAL_RECORDED: { guard: 'remedialAccepted', actions: 'recordRemedial' },
        MAKEUP_SCHEDULED: { target: 'makeupScheduled', guard: 'makeupAccepted', actions: 'recordMakeup' },
        CERT_NUMBERS_REQUESTED: { target: 'awaitingNumbers', guard: 'hasPassers' },
        ...withdraw,
      },
    },
    makeupScheduled: {
      meta: meta({ label: '追試験実施予定', waitingOn: 'school' }),
      on: {
        MAKEUP_RESULTS_RECORDED: { target: 'resultsRecorded', guard: 'makeupResultsAccepted', actions: 'recordMakeupResults' },
        ...withdraw,
      },
    },
    awaitingNumbers: {
      meta: meta({ label: '知事証明番号の発行待ち', waitingOn: 'hq' }),
      on: { CERT_NUMBERS_ISSUED: { target: 'applying', guard: 'numbersAccepted', actions: 'recordNumbers' }, ...withdraw },
    },
    applying: {
      meta: meta({ label: '修了証書交付届出・証明申請前', waitingOn: 'school', deadlines: ['certificationApplication'] }),
      on: { CERT_APPLICATION_FILED: { target: 'certifying', guard: 'applicationAccepted', actions: 'recordApplication' }, ...withdraw },
    },
    certifying: {
      meta: meta({ label: '知事証明審査中', waitingOn: 'hq', deadlines: ['certification'] }),
      on: {
        CERTIFIED: { target: 'delivering', actions: 'recordCertification' },
        APPLICATION_RETURNED: { target: 'applying', actions: 'recordReturn' },
        ...withdraw,
      },
    },
    delivering: {
      meta: meta({ label: '修了証書交付前', waitingOn: 'school', deadlines: ['delivery'] }),
      on: { DELIVERED: { target: 'delivered', actions: 'recordDelivery' } },
    },
    delivered: { type: 'final', meta: meta({ label: '交付済' }) },
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
