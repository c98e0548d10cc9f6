/**
 * 訓練管理帳票類の保存 (retention of a fiscal year's training records, manual II-6) as a statechart:
 * 保存中 -> (a period ends) 廃棄できる帳票あり -> (disposed) 保存中 | 永年保存の帳票のみ. Every course keeps its
 * 修了証書交付台帳 (様式16) for ever (the table's No.18), so no case ever has nothing left: there is no final state.
 *
 * The period's end is the `retentionEnds` timer (a period: not moved to an open day); its missed notice makes the
 * records whose period ended disposable. Where the case rests after a timer or a disposal is decided by the eventless
 * transitions of the transient state `sorting`, so user events carry only `rules` guards. A custodian taking over the
 * records after an abolition is recorded in any state: the periods run on.
 */
import { assign, setup } from 'xstate';
import { tokyoDate } from '../src/domain/dates.js';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { DeadlineEvent, SchoolOrg } from '../definitions/types.js';
import type { RecordRetentionContext, RecordRetentionEvent } from '../definitions/record-retention/context.js';
import type { RecordRetentionInput } from '../definitions/record-retention/forms.js';
import { awaitingDisposal, kept, recordsFor } from '../definitions/record-retention/records.js';
import { recordRetentionRules } from '../definitions/record-retention/rules.js';
import { dataOf, filedOn, meta, withDeadlineNotice } from './common.js';

export interface RecordRetentionMachineInput extends RecordRetentionInput {
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
}

type Ctx = RecordRetentionContext;
const isEnd = (e: RecordRetentionEvent): e is DeadlineEvent => e.type === 'DEADLINE' && e.data.deadline === 'retentionEnds' && e.data.kind === 'overdue';

const onTimer = {
  DEADLINE: [
    { guard: 'periodEnded', target: '#recordRetention.sorting', actions: ['recordDeadlineNotice', 'markDisposable'] },
    { actions: 'recordDeadlineNotice' },
  ],
  RECORDS_TRANSFERRED: { actions: 'recordTransfer' },
} as const;

export const recordRetentionMachine = setup({
  types: {
    context: {} as RecordRetentionContext,
    events: {} as RecordRetentionEvent,
    input: {} as RecordRetentionMachineInput,
  },
  guards: {
    rules: rulesGuard(recordRetentionRules),
    // Not statutory rules: how the case reacts to its timer and to its own record.
    periodEnded: ({ event }) => isEnd(event),
    onlyPermanentLeft: ({ context }) => kept(context).every((r) => r.retention === 'permanent'),
    someDisposable: ({ context }) => awaitingDisposal(context).length > 0,
  },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    // Every record whose last day is before the timer's day becomes disposable.
    markDisposable: assign({
      records: ({ context, event }) => {
        const today = tokyoDate(event.at);
        return context.records.map((r) => (r.retentionEnds && r.retentionEnds < today ? { ...r, disposable: true } : r));
      },
    }),
    recordDisposal: assign(({ context, event }) => {
      const data = dataOf(event, 'DISPOSED');
      return {
        records: context.records.map((r) => (data.records.includes(r.no) ? { ...r, disposedOn: data.disposedOn } : r)),
        disposals: [...context.disposals, { ...data, recordedOn: filedOn(event) }],
      };
    }),
    recordTransfer: assign({
      custodian: ({ event }) => {
        const data = dataOf(event, 'RECORDS_TRANSFERRED');
        return { ...data.custodian, transferredOn: data.transferredOn, reason: data.reason };
      },
    }),
  },
}).createMachine({
  id: 'recordRetention',
  initial: 'keeping',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    courseTypes: input.courseTypes,
    subsidy: input.subsidy,
    records: recordsFor(input.fiscalYear, input.courseTypes, input.subsidy),
    disposals: [],
    custodian: null,
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    keeping: {
      meta: meta({ label: '保存中', deadlines: ['retentionEnds'] }),
      on: onTimer,
    },
    // Transient (never at rest).
    sorting: {
      meta: meta({ label: '保存年限の確認' }),
      always: [
        { guard: 'someDisposable', target: 'disposable' },
        { guard: 'onlyPermanentLeft', target: 'permanentOnly' },
        { target: 'keeping' },
      ],
    },
    disposable: {
      meta: meta({ label: '廃棄できる帳票あり', waitingOn: 'school', deadlines: ['retentionEnds'] }),
      on: { ...onTimer, DISPOSED: { target: 'sorting', guard: rules('disposableOnly'), actions: 'recordDisposal' } },
    },
    // The permanent records stay flagged: nothing more falls due, but a custodian can still take them over.
    permanentOnly: {
      meta: meta({ label: '永年保存の帳票のみ保存中', closed: true }),
      on: { RECORDS_TRANSFERRED: { actions: 'recordTransfer' } },
    },
  },
});

