/**
 * 認定職業訓練事項変更届 (change notice, manual II-3, 様式2) as a statechart:
 * 提出前 -> センター確認中 -> (補正の求め -> 補正・再提出 ->) 受理; withdrawal before acknowledgement.
 *
 * The notice is due before the change date (a soft deadline owned by the drafting state): a late filing is
 * accepted and recorded on the case. A 職業訓練法人 changing what its 定款等 state is flagged: it needs 変更認可
 * under 規則51条 as well. Plain config: statutory checks through the `rules` guard, actions named.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { ChangeNoticeContext, ChangeNoticeEvent } from '../definitions/change-notice/context.js';
import { changeNotice } from '../definitions/change-notice/deadlines.js';
import type { ChangeFiled, ChangeNoticeInput } from '../definitions/change-notice/forms.js';
import { changeNoticeRules, type ChangeNoticeRuleName } from '../definitions/change-notice/rules.js';
import type { SchoolOrg } from '../definitions/types.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface ChangeNoticeMachineInput extends ChangeNoticeInput {
  fiscalYear: number;
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
  /** For machine tests without an engine; the registration wins when both are given. */
  trainingCorporation?: boolean;
}

type Ctx = ChangeNoticeContext;
const check = (...names: ChangeNoticeRuleName[]) => rules(...names);

/** The case after a filing of 様式2 (first or re-filed): its date and items are the filing's. */
const filed = (c: Ctx, data: ChangeFiled, on: string): Partial<Ctx> => ({
  filings: [...c.filings, { ...data, filedOn: on }],
  changeDate: data.changeDate,
  items: [...new Set(data.changes.map((x) => x.item))],
  articlesApprovalNeeded: c.trainingCorporation && data.changes.some((x) => x.articles === true),
});

const withdraw = { WITHDRAWN: { target: '#changeNotice.withdrawn', actions: 'recordWithdrawal' } } as const;

export const changeNoticeMachine = setup({
  types: {
    context: {} as ChangeNoticeContext,
    events: {} as ChangeNoticeEvent,
    input: {} as ChangeNoticeMachineInput,
  },
  guards: { rules: rulesGuard(changeNoticeRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    // Lateness counts from the change date the filing states.
    recordFiling: assign(({ context, event }) => {
      const data = dataOf(event, 'CHANGE_FILED');
      return { ...filed(context, data, filedOn(event)), lateness: withLateness(changeNotice, { ...context, changeDate: data.changeDate }, event) };
    }),
    recordRefiling: assign(({ context, event }) => filed(context, dataOf(event, 'REFILED'), filedOn(event))),
    recordCorrectionRequest: assign({
      corrections: ({ context, event }) => [...context.corrections, { points: dataOf(event, 'CORRECTION_REQUESTED').points, requestedOn: filedOn(event) }],
    }),
    recordAcknowledgement: assign({ acknowledgement: ({ event }) => ({ on: filedOn(event), note: dataOf(event, 'ACKNOWLEDGED').note ?? null }) }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'changeNotice',
  initial: 'drafting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    changeDate: input.changeDate,
    items: input.items,
    trainingCorporation: input.schoolOrg?.trainingCorporation ?? input.trainingCorporation ?? false,
    filings: [],
    corrections: [],
    articlesApprovalNeeded: false,
    acknowledgement: null,
    withdrawal: null,
    lateness: [],
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    drafting: {
      meta: meta({ label: '変更届提出前', waitingOn: 'school', deadlines: ['changeNotice'] }),
      on: { CHANGE_FILED: { target: 'reviewing', guard: check('changesDiffer'), actions: 'recordFiling' }, ...withdraw },
    },
    reviewing: {
      meta: meta({ label: 'センター確認中', waitingOn: 'center' }),
      on: {
        ACKNOWLEDGED: { target: 'acknowledged', actions: 'recordAcknowledgement' },
        CORRECTION_REQUESTED: { target: 'correcting', actions: 'recordCorrectionRequest' },
        ...withdraw,
      },
    },
    correcting: {
      meta: meta({ label: '補正中（再提出待ち）', waitingOn: 'school' }),
      on: { REFILED: { target: 'reviewing', guard: check('changesDiffer'), actions: 'recordRefiling' }, ...withdraw },
    },
    acknowledged: { type: 'final', meta: meta({ label: '受理' }) },
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
