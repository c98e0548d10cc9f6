/**
 * 認定職業訓練の廃止 (abolition, manual II-4(2), 法40条・規則34条, 様式4) as a statechart:
 * 廃止届提出前 -> センター確認中 -> (補正の求め -> 再提出 ->) 受理; withdrawal before the receipt.
 *
 * On its own, not as an exit of a suspension (that one stays in machines/suspension.ts). The notice is due a month
 * after the 廃止年月日 (an assumption, see definitions/abolition/deadlines.ts): a soft deadline owned by the drafting
 * state, a late filing accepted and recorded. Plain config: statutory checks through the `rules` guard, actions named.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { AbolitionContext, AbolitionEvent } from '../definitions/abolition/context.js';
import { abolitionNotice } from '../definitions/abolition/deadlines.js';
import type { AbolitionFiled, AbolitionInput } from '../definitions/abolition/forms.js';
import { abolitionRules, type AbolitionRuleName } from '../definitions/abolition/rules.js';
import type { SchoolOrg } from '../definitions/types.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface AbolitionMachineInput extends AbolitionInput {
  fiscalYear: number;
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
  /** For machine tests without an engine; the registration wins when both are given. */
  trainingCorporation?: boolean;
}

type Ctx = AbolitionContext;
const check = (...names: AbolitionRuleName[]) => rules(...names);
const filingRules = check('certificateAttached', 'otherCasesSettled');

/** The case after a filing of 様式4: its date and trainings are the filing's. */
const filed = (c: Ctx, data: AbolitionFiled, on: string): Partial<Ctx> => ({
  filings: [...c.filings, { ...data, filedOn: on }],
  abolishedOn: data.abolishedOn,
  trainings: data.trainings,
});

const withdraw = { WITHDRAWN: { target: '#abolition.withdrawn', actions: 'recordWithdrawal' } } as const;

export const abolitionMachine = setup({
  types: {
    context: {} as AbolitionContext,
    events: {} as AbolitionEvent,
    input: {} as AbolitionMachineInput,
  },
  guards: { rules: rulesGuard(abolitionRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    // Lateness counts from the 廃止年月日 the filing states.
    recordFiling: assign(({ context, event }) => {
      const data = dataOf(event, 'ABOLITION_FILED');
      return { ...filed(context, data, filedOn(event)), lateness: withLateness(abolitionNotice, { ...context, abolishedOn: data.abolishedOn }, event) };
    }),
    recordRefiling: assign(({ context, event }) => filed(context, dataOf(event, 'REFILED'), filedOn(event))),
    recordCorrectionRequest: assign({
      corrections: ({ context, event }) => [...context.corrections, { points: dataOf(event, 'CORRECTION_REQUESTED').points, requestedOn: filedOn(event) }],
    }),
    recordAcceptance: assign({
      acceptance: ({ event }) => {
        const data = dataOf(event, 'ACCEPTED');
        return { on: filedOn(event), certificateReceivedOn: data.certificateReceivedOn, note: data.note ?? null };
      },
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'abolition',
  initial: 'drafting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    abolishedOn: input.abolishedOn,
    trainings: input.trainings,
    trainingCorporation: input.schoolOrg?.trainingCorporation ?? input.trainingCorporation ?? false,
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
      meta: meta({ label: '廃止届提出前', waitingOn: 'school', deadlines: ['abolitionNotice'] }),
      on: { ABOLITION_FILED: { target: 'reviewing', guard: filingRules, actions: 'recordFiling' }, ...withdraw },
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
    accepted: { type: 'final', meta: meta({ label: '受理（廃止）' }) },
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
