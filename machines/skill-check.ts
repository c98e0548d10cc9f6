/**
 * 技能照査 (skill check) as a statechart: 届出 -> 審査 -> 実施 -> 証明 -> 交付 (manual III, DESIGN 4.1).
 *
 * Plain config: guards and actions are named (statutory rules through the parameterised `rules` guard), the
 * implementations are given to `setup`. Deadlines are not `after` transitions (XState does not restore them):
 * states name their deadlines in `meta` and the engine keeps durable timers for them.
 */
import { assign, setup } from 'xstate';
import { compareDates } from '../src/domain/dates.js';
import { skillCheckEligibility } from '../src/domain/eligibility.js';
import { skillCheckResult } from '../src/domain/scoring.js';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { SkillCheckContext, ScoredResult, SkillCheckEvent } from '../definitions/skill-check/context.js';
import { certification, delivery, questionFiling, reviewResult } from '../definitions/skill-check/deadlines.js';
import type { SkillCheckInput, TraineeResult } from '../definitions/skill-check/forms.js';
import { skillCheckRules, type SkillCheckRuleName } from '../definitions/skill-check/rules.js';
import { certificationRecords, certificationStates } from './certification-phase.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

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
const check = (...names: SkillCheckRuleName[]) => rules(...names);
const certified = certificationRecords<SkillCheckContext>({ certification, delivery });

const changeExamDate = { EXAM_DATE_CHANGED: { guard: check('examDateInWindow'), actions: 'setExamDate' } } as const;
const withdraw = { WITHDRAWN: { target: '#skillCheck.withdrawn', actions: 'recordWithdrawal' } } as const;
const revoke = { PASS_REVOKED: { guard: check('revocationOfPasser'), actions: 'recordRevocation' } } as const;

export const skillCheckMachine = setup({
  types: {
    context: {} as SkillCheckContext,
    events: {} as SkillCheckEvent,
    input: {} as SkillCheckMachineInput,
  },
  guards: { rules: rulesGuard(skillCheckRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordQuestions: assign(({ context, event }) => ({
      questions: { filedOn: filedOn(event), subjects: dataOf(event, 'QUESTIONS_FILED').written.subjects },
      representative: dataOf(event, 'QUESTIONS_FILED').representative,
      lateness: withLateness(questionFiling, context, event),
    })),
    recordApproval: assign(({ context, event }) => ({
      review: { result: 'approved' as const, text: dataOf(event, 'REVIEW_APPROVED').note ?? null, on: filedOn(event) },
      lateness: withLateness(reviewResult, context, event),
    })),
    recordGuidance: assign(({ context, event }) => ({
      review: { result: 'guidance' as const, text: dataOf(event, 'REVIEW_GUIDANCE').guidance, on: filedOn(event) },
      lateness: withLateness(reviewResult, context, event),
    })),
    recordCorrectedQuestions: assign({ correctedQuestionsOn: ({ event }) => filedOn(event) }),
    setExamDate: assign({ examDate: ({ event }) => dataOf(event, 'EXAM_DATE_CHANGED').examDate }),
    recordNotice: assign(({ event }) => {
      const data = dataOf(event, 'IMPLEMENTATION_NOTICE_FILED');
      return {
        notice: {
          filedOn: filedOn(event),
          writtenDate: data.written.date,
          practicalDate: data.practical.date,
          expectedExaminees: data.expectedExaminees,
          written: data.written,
          practical: data.practical,
        },
        representative: data.representative,
        examDate: earlier(data.written.date, data.practical.date),
        roster: data.roster.map((r) => ({ ...r, eligibility: skillCheckEligibility(r.subjects) })),
      };
    }),
    recordResults: assign({ results: ({ event }) => dataOf(event, 'RESULTS_RECORDED').results.map((r) => score(r, false)) }),
    recordMakeupNotice: assign({
      makeup: ({ event }) => {
        const data = dataOf(event, 'MAKEUP_NOTICE_FILED');
        return { date: data.session.date, traineeIds: data.traineeIds, filedOn: filedOn(event) };
      },
    }),
    recordMakeupResults: assign(({ context, event }) => {
      const makeups = new Map(dataOf(event, 'MAKEUP_RESULTS_RECORDED').results.map((r) => [r.traineeId, score(r, true)]));
      return { results: context.results.map((r) => makeups.get(r.traineeId) ?? r), makeup: null };
    }),
    recordNumbers: assign({ numbers: ({ event }) => dataOf(event, 'CERT_NUMBERS_ISSUED').numbers }),
    recordApplication: assign(({ event }) => {
      const data = dataOf(event, 'CERT_APPLICATION_FILED');
      return { application: { filedOn: filedOn(event), deliveryDate: data.deliveryDate, applicants: data.applicants }, representative: data.representative };
    }),
    recordCertification: assign(({ context, event }) => certified.certified(context, { ...event, data: dataOf(event, 'CERTIFIED') })),
    recordReturn: assign(({ context, event }) => certified.returned(context, { ...event, data: dataOf(event, 'APPLICATION_RETURNED') })),
    recordDelivery: assign(({ context, event }) => certified.delivered(context, { ...event, data: dataOf(event, 'DELIVERED') })),
    recordRevocation: assign({
      revocations: ({ context, event }) => {
        const data = dataOf(event, 'PASS_REVOKED');
        return [...context.revocations, { traineeId: data.traineeId, reason: data.reason, on: filedOn(event) }];
      },
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
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
        CORRECTED_QUESTIONS_SENT: { target: 'preparing', guard: check('correctedQuestionsInTime'), actions: 'recordCorrectedQuestions' },
        ...changeExamDate,
        ...withdraw,
      },
    },
    preparing: {
      meta: meta({ label: '実施届出前', waitingOn: 'school', deadlines: ['implementationNotice'] }),
      on: {
        IMPLEMENTATION_NOTICE_FILED: {
          target: 'examScheduled',
          guard: check('implementationNoticeInTime', 'examDatesInWindow', 'examineesEligible'),
          actions: 'recordNotice',
        },
        ...changeExamDate,
        ...withdraw,
      },
    },
    examScheduled: {
      meta: meta({ label: '試験実施予定（センター立会い）', waitingOn: 'school' }),
      on: { RESULTS_RECORDED: { target: 'resultsRecorded', guard: check('examHeld', 'resultsValid'), actions: 'recordResults' }, ...withdraw },
    },
    resultsRecorded: {
      meta: meta({ label: '採点結果登録済', waitingOn: 'school' }),
      on: {
        MAKEUP_NOTICE_FILED: {
          target: 'makeupScheduled',
          guard: check('makeupForAccidentsOnly', 'makeupBeforeCompletion', 'makeupNoticeBeforeExam'),
          actions: 'recordMakeupNotice',
        },
        CERT_NUMBERS_REQUESTED: { target: 'awaitingNumbers', guard: check('hasPassers') },
        ...revoke,
        ...withdraw,
      },
    },
    makeupScheduled: {
      meta: meta({ label: '追試験実施予定', waitingOn: 'school' }),
      on: {
        MAKEUP_RESULTS_RECORDED: { target: 'resultsRecorded', guard: check('makeupHeld', 'makeupResultsValid'), actions: 'recordMakeupResults' },
        ...revoke,
        ...withdraw,
      },
    },
    ...certificationStates({
      events: { numbers: 'CERT_NUMBERS_ISSUED', apply: 'CERT_APPLICATION_FILED', certify: 'CERTIFIED', returned: 'APPLICATION_RETURNED', deliver: 'DELIVERED' },
      labels: { awaitingNumbers: '知事証明番号の発行待ち', applying: '合格証明申請前', certifying: '知事証明審査中', delivering: '合格証書交付前', delivered: '交付済' },
      guards: { numbers: check('numbersForEveryPasser'), apply: check('applicationInTime', 'applicantsArePassersWithNumbers') },
      deadlines: { applying: ['certificationApplication'], certifying: ['certification'], delivering: ['delivery'] },
      meanwhile: { ...revoke, ...withdraw },
      afterDelivery: { ...revoke },
    }),
    withdrawn: {
      type: 'final',
      meta: meta({ label: '取下げ' }),
    },
  },
});
