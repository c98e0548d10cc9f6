/**
 * 認定職業訓練事業計画書 (the yearly plan, manual II-1, 法9条・11条, 規則1条) as a statechart:
 * 事業計画書作成中 -> センター確認中 -> (補正中 -> 再提出 ->) 受理; withdrawn before the receipt.
 *
 * The engine opens one case per school on 1 April (the definition's `openings`). The plan is due by HQ's date of the
 * year (soft, owned by the drafting state; see definitions/annual-plan/deadlines.ts). Plain config: the plan table
 * is checked by the `rules` guard, actions named.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { AnnualPlanContext, AnnualPlanEvent } from '../definitions/annual-plan/context.js';
import { planFiling } from '../definitions/annual-plan/deadlines.js';
import type { AnnualPlanInput } from '../definitions/annual-plan/forms.js';
import { annualPlanRules, type AnnualPlanRuleName } from '../definitions/annual-plan/rules.js';
import type { SchoolOrg } from '../definitions/types.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface AnnualPlanMachineInput extends AnnualPlanInput {
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
}

const check = (...names: AnnualPlanRuleName[]) => rules(...names);
const filingRules = check('planCourses', 'planSheets');
const withdraw = { WITHDRAWN: { target: '#annualPlan.withdrawn', actions: 'recordWithdrawal' } } as const;

export const annualPlanMachine = setup({
  types: {
    context: {} as AnnualPlanContext,
    events: {} as AnnualPlanEvent,
    input: {} as AnnualPlanMachineInput,
  },
  guards: { rules: rulesGuard(annualPlanRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordFiling: assign(({ context, event }) => ({
      filings: [...context.filings, { ...dataOf(event, 'PLAN_FILED'), filedOn: filedOn(event) }],
      lateness: withLateness(planFiling, context, event),
    })),
    recordRefiling: assign({ filings: ({ context, event }) => [...context.filings, { ...dataOf(event, 'REFILED'), filedOn: filedOn(event) }] }),
    recordCorrectionRequest: assign({
      corrections: ({ context, event }) => [...context.corrections, { points: dataOf(event, 'CORRECTION_REQUESTED').points, requestedOn: filedOn(event) }],
    }),
    recordAcceptance: assign({ acceptance: ({ event }) => ({ on: filedOn(event), note: dataOf(event, 'ACCEPTED').note ?? null }) }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'annualPlan',
  initial: 'drafting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    datedOn: `${input.fiscalYear}-04-01`,
    filings: [],
    corrections: [],
    acceptance: null,
    withdrawal: null,
    lateness: [],
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    drafting: {
      meta: meta({ label: '事業計画書作成中', waitingOn: 'school', deadlines: ['planFiling'] }),
      on: { PLAN_FILED: { target: 'reviewing', guard: filingRules, actions: 'recordFiling' }, ...withdraw },
    },
    reviewing: {
      meta: meta({ label: 'センター確認中', waitingOn: 'center' }),
      on: {
        ACCEPTED: { target: 'accepted', actions: 'recordAcceptance' },
        CORRECTION_REQUESTED: { target: 'correcting', actions: 'recordCorrectionRequest' },
        ...withdraw,
      },
    },
    correcting: {
      meta: meta({ label: '補正中（再提出待ち）', waitingOn: 'school' }),
      on: { REFILED: { target: 'reviewing', guard: filingRules, actions: 'recordRefiling' }, ...withdraw },
    },
    accepted: { type: 'final', meta: meta({ label: '受理' }) },
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
