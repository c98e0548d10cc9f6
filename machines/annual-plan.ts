/**
 * 認定職業訓練事業計画書 (the yearly plan, manual II-1, 法9条・11条, 規則1条) as a statechart:
 * 事業計画書作成中 -> センター確認中 -> (補正中 -> 再提出 ->) 受理; withdrawn before the receipt.
 *
 * The engine opens one case per school on 1 April (the definition's `openings`). The plan is due by HQ's date of the
 * year (soft, owned by the drafting state; see definitions/annual-plan/deadlines.ts). Plain config: the phase is the
 * shared `filingReviewStates`, the plan table is checked by the `rules` guard, actions named.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { AnnualPlanContext, AnnualPlanEvent } from '../definitions/annual-plan/context.js';
import { planFiling } from '../definitions/annual-plan/deadlines.js';
import type { AnnualPlanInput, PlanFiled } from '../definitions/annual-plan/forms.js';
import { annualPlanRules, type AnnualPlanRuleName } from '../definitions/annual-plan/rules.js';
import type { SchoolOrg } from '../definitions/types.js';
import { dataOf, withDeadlineNotice } from './common.js';
import { filingReviewRecords, filingReviewStates, unfiled } from './filing-review.js';

export interface AnnualPlanMachineInput extends AnnualPlanInput {
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
}

const check = (...names: AnnualPlanRuleName[]) => rules(...names);
const review = filingReviewRecords<AnnualPlanContext, PlanFiled>(planFiling);

export const annualPlanMachine = setup({
  types: {
    context: {} as AnnualPlanContext,
    events: {} as AnnualPlanEvent,
    input: {} as AnnualPlanMachineInput,
  },
  guards: { rules: rulesGuard(annualPlanRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordFiling: assign(({ context, event }) => review.filed(context, { ...event, data: dataOf(event, 'PLAN_FILED') })),
    recordRefiling: assign(({ context, event }) => review.refiled(context, { ...event, data: dataOf(event, 'REFILED') })),
    recordCorrectionRequest: assign(({ context, event }) => review.correctionRequested(context, { ...event, data: dataOf(event, 'CORRECTION_REQUESTED') })),
    recordAcceptance: assign(({ event }) => review.accepted({ ...event, data: dataOf(event, 'ACCEPTED') })),
    recordWithdrawal: assign(({ event }) => review.withdrawn({ ...event, data: dataOf(event, 'WITHDRAWN') })),
  },
}).createMachine({
  id: 'annualPlan',
  initial: 'drafting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    datedOn: `${input.fiscalYear}-04-01`,
    ...unfiled(),
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: filingReviewStates({
    machineId: 'annualPlan',
    fileEvent: 'PLAN_FILED',
    labels: { drafting: '事業計画書作成中', accepted: '受理' },
    guard: check('planCourses', 'planSheets'),
    deadlines: ['planFiling'],
  }),
});
