/**
 * 東京都の指導・監督 (a supervision visit, manual II-5) as a statechart:
 * 訪問予定 -> (記録: 指摘事項あり) 改善状況の報告待ち -> センター確認中 -> (再指導 -> 報告待ち ->) 完了;
 * a visit without findings is done when recorded; a planned visit can be cancelled.
 *
 * The visiting office (a centre or HQ) records the visit within a week (assumed, soft) and sets the date the school
 * reports its improvements by (soft, the centre supervising). The one branch after the record (is a report owed?) is
 * an eventless transition of the transient state `recorded`, so user events carry only `rules` guards.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { SupervisionContext, SupervisionEvent } from '../definitions/supervision/context.js';
import { followUp, visitRecord } from '../definitions/supervision/deadlines.js';
import type { SupervisionInput } from '../definitions/supervision/forms.js';
import { supervisionRules, type SupervisionRuleName } from '../definitions/supervision/rules.js';
import type { SchoolOrg } from '../definitions/types.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface SupervisionMachineInput extends SupervisionInput {
  fiscalYear: number;
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
  /** For machine tests without an engine; the registration wins when both are given. */
  trainingCorporation?: boolean;
}

type Ctx = SupervisionContext;
const check = (...names: SupervisionRuleName[]) => rules(...names);

const cancel = { CANCELLED: { target: '#supervision.cancelled', actions: 'recordCancellation' } } as const;

export const supervisionMachine = setup({
  types: {
    context: {} as SupervisionContext,
    events: {} as SupervisionEvent,
    input: {} as SupervisionMachineInput,
  },
  guards: {
    rules: rulesGuard(supervisionRules),
    // Not a statutory rule: where the case goes after its record (eventless).
    followUpOwed: ({ context }) => context.followUpBy !== null,
  },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordReschedule: assign(({ context, event }) => {
      const data = dataOf(event, 'VISIT_RESCHEDULED');
      return { plannedOn: data.plannedOn, reschedules: [...context.reschedules, { from: context.plannedOn, to: data.plannedOn, reason: data.reason, on: filedOn(event) }] };
    }),
    recordVisit: assign(({ context, event }) => {
      const data = dataOf(event, 'VISIT_RECORDED');
      const instruction = data.findings.map((f) => `${f.matter}：${f.instruction}`).join('／');
      return {
        visit: { ...data, recordedOn: filedOn(event) },
        followUpBy: data.followUpBy ?? null,
        rounds: data.followUpBy ? [{ instruction, followUpBy: data.followUpBy, report: null }] : [],
        lateness: withLateness(visitRecord, context, event),
      };
    }),
    recordImprovement: assign(({ context, event }) => {
      const data = dataOf(event, 'IMPROVEMENT_REPORTED');
      const report = { improvements: data.improvements, improvedOn: data.improvedOn, reportedOn: filedOn(event) };
      return {
        rounds: context.rounds.map((r, i) => (i === context.rounds.length - 1 ? { ...r, report } : r)),
        lateness: withLateness(followUp, context, event),
        followUpBy: null,
      };
    }),
    recordFurtherFollowUp: assign(({ context, event }) => {
      const data = dataOf(event, 'FURTHER_FOLLOW_UP');
      return { followUpBy: data.followUpBy, rounds: [...context.rounds, { instruction: data.instruction, followUpBy: data.followUpBy, report: null }] };
    }),
    recordConfirmation: assign({ confirmation: ({ event }) => ({ on: filedOn(event), note: dataOf(event, 'FOLLOW_UP_CONFIRMED').note ?? null }) }),
    recordCancellation: assign({ cancellation: ({ event }) => ({ reason: dataOf(event, 'CANCELLED').reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'supervision',
  initial: 'scheduled',
  context: ({ input }) => ({
    kind: input.kind,
    fiscalYear: input.fiscalYear,
    plannedOn: input.plannedOn,
    trainingCorporation: input.schoolOrg?.trainingCorporation ?? input.trainingCorporation ?? false,
    reschedules: [],
    visit: null,
    followUpBy: null,
    rounds: [],
    confirmation: null,
    cancellation: null,
    lateness: [],
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    scheduled: {
      meta: meta({ label: '訪問予定', waitingOn: 'center', deadlines: ['visitRecord'] }),
      on: {
        VISIT_RESCHEDULED: { actions: 'recordReschedule' },
        VISIT_RECORDED: { target: 'recorded', guard: check('visitHappened', 'followUpDate', 'corporationVisit'), actions: 'recordVisit' },
        ...cancel,
      },
    },
    // Transient (never at rest): findings with a report date wait on the school; none, and the visit is done.
    recorded: {
      meta: meta({ label: '訪問記録済（指摘事項の確認）' }),
      always: [{ guard: 'followUpOwed', target: 'followUp' }, { target: 'closed' }],
    },
    followUp: {
      meta: meta({ label: '改善状況の報告待ち', waitingOn: 'school', deadlines: ['followUp'] }),
      on: { IMPROVEMENT_REPORTED: { target: 'confirming', actions: 'recordImprovement' } },
    },
    confirming: {
      meta: meta({ label: '改善状況の確認中', waitingOn: 'center' }),
      on: {
        FOLLOW_UP_CONFIRMED: { target: 'closed', actions: 'recordConfirmation' },
        FURTHER_FOLLOW_UP: { target: 'followUp', guard: check('furtherFollowUpDate'), actions: 'recordFurtherFollowUp' },
      },
    },
    closed: { type: 'final', meta: meta({ label: '完了' }) },
    cancelled: { type: 'final', meta: meta({ label: '中止' }) },
  },
});
