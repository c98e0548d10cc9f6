/**
 * 修了時試験 (completion exam of 1級/2級/単一等級 技能士コース) as a statechart (manual IV, DESIGN 4.2):
 * 届出 (様式23-1・23-2・24) -> 審査 -> 問題送付 -> 試験（訓練最終日） -> 採点・補講・追試験 -> 証明番号 -> 証明申請 -> 知事証明 -> 交付.
 *
 * Plain config: guards and actions are named (statutory rules through the parameterised `rules` guard), the
 * implementations are given to `setup`. Deadlines live in state meta and the engine keeps durable timers for them.
 */
import { assign, setup } from 'xstate';
import { completionExamResult } from '../src/domain/scoring.js';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { CompletionExamContext, CompletionExamEvent, ScoredResult } from '../definitions/completion-exam/context.js';
import { certification, delivery, reviewResult } from '../definitions/completion-exam/deadlines.js';
import type { CompletionExamInput } from '../definitions/completion-exam/forms.js';
import { completionExamRules, examineeEligibility, type CompletionExamRuleName } from '../definitions/completion-exam/rules.js';
import { certificationRecords, certificationStates } from './certification-phase.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface CompletionExamMachineInput extends CompletionExamInput {
  fiscalYear: number;
}

function scored(r: { outcome: 'sat' | 'absent'; correct?: number | undefined }) {
  if (r.outcome !== 'sat' || r.correct === undefined) return { outcome: 'absent' as const, score: null, passed: false };
  const { score, passed } = completionExamResult(r.correct);
  return { outcome: 'sat' as const, score, passed };
}

const check = (...names: CompletionExamRuleName[]) => rules(...names);
const certified = certificationRecords<CompletionExamContext>({ certification, delivery });

const changeExamDate = { EXAM_DATE_CHANGED: { guard: check('examDateChangeAllowed'), actions: 'setExamDate' } } as const;
const withdraw = { WITHDRAWN: { target: '#completionExam.withdrawn', actions: 'recordWithdrawal' } } as const;
const sendQuestions = {
  QUESTIONS_SENT_TO_CENTER: {
    target: 'examScheduled',
    guard: check('questionsToCenterInTime', 'correctionsDescribed'),
    actions: 'recordQuestionsSent',
  },
} as const;

export const completionExamMachine = setup({
  types: {
    context: {} as CompletionExamContext,
    events: {} as CompletionExamEvent,
    input: {} as CompletionExamMachineInput,
  },
  guards: { rules: rulesGuard(completionExamRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    setExamDate: assign({ examDate: ({ event }) => dataOf(event, 'EXAM_DATE_CHANGED').examDate }),
    // The exam date stays the registered one: the `examDateAsRegistered` rule refuses a 様式24 naming another.
    recordFiling: assign(({ event }) => {
      const data = dataOf(event, 'QUESTIONS_FILED');
      const n = data.notice;
      return {
        filing: { filedOn: filedOn(event), examinees: n.examinees, start: n.start, end: n.end, place: n.place, plannedCompletionDate: n.plannedCompletionDate },
        representative: data.representative,
        ...(data.clerk ? { clerk: data.clerk } : {}),
      };
    }),
    recordApproval: assign(({ context, event }) => ({
      review: { result: 'approved' as const, text: dataOf(event, 'REVIEW_APPROVED').note ?? null, on: filedOn(event) },
      lateness: withLateness(reviewResult, context, event),
    })),
    recordGuidance: assign(({ context, event }) => ({
      review: { result: 'guidance' as const, text: dataOf(event, 'REVIEW_GUIDANCE').guidance, on: filedOn(event) },
      lateness: withLateness(reviewResult, context, event),
    })),
    recordQuestionsSent: assign({ questionsSentToCenterOn: ({ event }) => filedOn(event) }),
    recordResults: assign({
      results: ({ event }) =>
        dataOf(event, 'RESULTS_RECORDED').results.map(
          (r): ScoredResult => ({
            traineeId: r.traineeId,
            name: r.name,
            birthDate: r.birthDate,
            eligibility: examineeEligibility(r.attendance),
            attendance: r.attendance,
            round: 0,
            ...scored(r),
          }),
        ),
    }),
    recordRemedial: assign({
      remedial: ({ context, event }) => {
        const data = dataOf(event, 'REMEDIAL_RECORDED');
        return [...context.remedial, { traineeId: data.traineeId, subject: data.subject, hours: data.hours, on: data.date }];
      },
    }),
    recordMakeup: assign(({ context, event }) => {
      const data = dataOf(event, 'MAKEUP_SCHEDULED');
      return { makeup: { date: data.date, traineeIds: data.traineeIds, filedOn: filedOn(event) }, makeupRounds: context.makeupRounds + 1 };
    }),
    // A makeup result replaces the earlier one; a trainee who fails again needs another 12 hours before the next round.
    recordMakeupResults: assign(({ context, event }) => {
      const byId = new Map(dataOf(event, 'MAKEUP_RESULTS_RECORDED').results.map((r) => [r.traineeId, r]));
      return {
        results: context.results.map((r) => {
          const m = byId.get(r.traineeId);
          return m ? { ...r, ...scored(m), round: context.makeupRounds } : r;
        }),
        remedial: context.remedial.filter((r) => !byId.has(r.traineeId)),
        makeup: null,
      };
    }),
    recordNumbers: assign({ numbers: ({ event }) => dataOf(event, 'CERT_NUMBERS_ISSUED').numbers }),
    recordApplication: assign(({ event }) => {
      const data = dataOf(event, 'CERT_APPLICATION_FILED');
      return {
        application: { filedOn: filedOn(event), deliveryDate: data.deliveryDate, applicants: data.completers, summary: data.summary },
        representative: data.representative,
      };
    }),
    recordCertification: assign(({ context, event }) => certified.certified(context, { ...event, data: dataOf(event, 'CERTIFIED') })),
    recordReturn: assign(({ context, event }) => certified.returned(context, { ...event, data: dataOf(event, 'APPLICATION_RETURNED') })),
    recordDelivery: assign(({ context, event }) => certified.delivered(context, { ...event, data: dataOf(event, 'DELIVERED') })),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
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
      on: {
        QUESTIONS_FILED: {
          target: 'questionReview',
          guard: check('examOnLastTrainingDay', 'examDateAsRegistered', 'questionFilingInTime'),
          actions: 'recordFiling',
        },
        ...changeExamDate,
        ...withdraw,
      },
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
        ...sendQuestions,
        ...changeExamDate,
        ...withdraw,
      },
    },
    correctingQuestions: {
      meta: meta({ label: '指導による試験問題訂正中', waitingOn: 'school', deadlines: ['questionsToCenter'] }),
      on: {
        ...sendQuestions,
        ...changeExamDate,
        ...withdraw,
      },
    },
    examScheduled: {
      meta: meta({ label: '試験実施予定（訓練最終日・センター立会い）', waitingOn: 'school' }),
      on: { RESULTS_RECORDED: { target: 'resultsRecorded', guard: check('examHeld', 'resultsValid'), actions: 'recordResults' }, ...withdraw },
    },
    resultsRecorded: {
      meta: meta({ label: '採点結果登録済（補講・追試験）', waitingOn: 'school' }),
      on: {
        REMEDIAL_RECORDED: { guard: check('remedialForFailed'), actions: 'recordRemedial' },
        MAKEUP_SCHEDULED: { target: 'makeupScheduled', guard: check('makeupCandidates', 'makeupInFuture'), actions: 'recordMakeup' },
        CERT_NUMBERS_REQUESTED: { target: 'awaitingNumbers', guard: check('hasPassers') },
        ...withdraw,
      },
    },
    makeupScheduled: {
      meta: meta({ label: '追試験実施予定', waitingOn: 'school' }),
      on: {
        MAKEUP_RESULTS_RECORDED: { target: 'resultsRecorded', guard: check('makeupHeld', 'makeupResultsValid'), actions: 'recordMakeupResults' },
        ...withdraw,
      },
    },
    ...certificationStates({
      events: { numbers: 'CERT_NUMBERS_ISSUED', apply: 'CERT_APPLICATION_FILED', certify: 'CERTIFIED', returned: 'APPLICATION_RETURNED', deliver: 'DELIVERED' },
      labels: { awaitingNumbers: '知事証明番号の発行待ち', applying: '修了証書交付届出・証明申請前', certifying: '知事証明審査中', delivering: '修了証書交付前', delivered: '交付済' },
      guards: { numbers: check('numbersForEveryPasser'), apply: check('applicationInTime', 'completersArePassersWithNumbers', 'summaryMatchesResults') },
      deadlines: { applying: ['certificationApplication'], certifying: ['certification'], delivering: ['delivery'] },
      meanwhile: { ...withdraw },
    }),
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
