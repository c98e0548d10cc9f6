/**
 * 認定職業訓練の廃止 (abolition, manual II-4(2), 法40条・規則34条, 様式4) as a statechart:
 * 廃止届提出前 -> センター確認中 -> (補正の求め -> 再提出 ->) 受理; withdrawal before the receipt.
 *
 * On its own, not as an exit of a suspension (that one stays in machines/suspension.ts). The notice is due a month
 * after the 廃止年月日 (an assumption, see definitions/abolition/deadlines.ts): a soft deadline owned by the drafting
 * state, a late filing accepted and recorded. Plain config: the phase is the shared `filingReviewStates`, statutory
 * checks go through the `rules` guard, actions named.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { AbolitionContext, AbolitionEvent } from '../definitions/abolition/context.js';
import { abolitionNotice } from '../definitions/abolition/deadlines.js';
import type { AbolitionFiled, AbolitionInput } from '../definitions/abolition/forms.js';
import { abolitionRules, type AbolitionRuleName } from '../definitions/abolition/rules.js';
import type { OpenSchoolCase, SchoolOrg } from '../definitions/types.js';
import { dataOf, filedOn, withDeadlineNotice } from './common.js';
import { filingReviewRecords, filingReviewStates, unfiled } from './filing-review.js';

export interface AbolitionMachineInput extends AbolitionInput {
  fiscalYear: number;
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
  /** For machine tests without an engine; the registration wins when both are given. */
  trainingCorporation?: boolean;
}

type Ctx = AbolitionContext;
const check = (...names: AbolitionRuleName[]) => rules(...names);
const review = filingReviewRecords<Ctx, AbolitionFiled>(abolitionNotice);

/**
 * A filing of 様式4 (first or re-filed) restates the case's date and trainings; the school's open cases about the
 * school as a whole are kept for the centre (those of the abolished training refuse the filing by rule).
 */
const restated = (data: AbolitionFiled, schoolCases: OpenSchoolCase[] | undefined): Partial<Ctx> => ({
  abolishedOn: data.abolishedOn,
  trainings: data.trainings,
  ...(schoolCases ? { schoolWideCases: schoolCases.filter((c) => c.courses.length === 0).map(({ title, stateLabel }) => ({ title, stateLabel })) } : {}),
});

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
      const asFiled = restated(data, event.schoolCases);
      return { ...review.filed({ ...context, ...asFiled }, { ...event, data }), ...asFiled };
    }),
    recordRefiling: assign(({ context, event }) => {
      const data = dataOf(event, 'REFILED');
      return { ...review.refiled(context, { ...event, data }), ...restated(data, event.schoolCases) };
    }),
    recordCorrectionRequest: assign(({ context, event }) => review.correctionRequested(context, { ...event, data: dataOf(event, 'CORRECTION_REQUESTED') })),
    recordAcceptance: assign({
      acceptance: ({ event }) => {
        const data = dataOf(event, 'ACCEPTED');
        return { on: filedOn(event), certificateReceivedOn: data.certificateReceivedOn, note: data.note ?? null };
      },
    }),
    recordWithdrawal: assign(({ event }) => review.withdrawn({ ...event, data: dataOf(event, 'WITHDRAWN') })),
  },
}).createMachine({
  id: 'abolition',
  initial: 'drafting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    abolishedOn: input.abolishedOn,
    trainings: input.trainings,
    trainingCorporation: input.schoolOrg?.trainingCorporation ?? input.trainingCorporation ?? false,
    ...unfiled(),
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: filingReviewStates({
    machineId: 'abolition',
    fileEvent: 'ABOLITION_FILED',
    labels: { drafting: '廃止届提出前', accepted: '受理（廃止）' },
    guard: check('certificateAttached', 'openCasesClosed'),
    deadlines: ['abolitionNotice'],
  }),
});
