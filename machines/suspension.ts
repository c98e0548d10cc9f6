/**
 * 休止 (suspension of certified training, manual II-4, DESIGN 4.3) as a statechart.
 *
 * Time drives this procedure more than filings do, and XState's `after` is not restored from a snapshot, so
 * every time-driven change is a guarded transition on the engine's DEADLINE event:
 * - fiscalYearStart 'due' (first open day of April): roll to the new fiscal year and owe the yearly re-filing;
 * - fiveYearReview / corporationReview 'overdue' (the day after the last day): go to HQ's review for revocation.
 * A late timer (the scheduler was down) arrives as 'overdue' and is handled the same way, once.
 */
import { assign, setup } from 'xstate';
import { fiscalYearOf } from '../src/domain/fiscal-year.js';
import type { DeadlineEventData, SchoolOrg } from '../definitions/types.js';
import type { ReviewReason, SuspensionContext } from '../definitions/suspension/context.js';
import { annualRefiling, fiveYearReview, corporationReview } from '../definitions/suspension/deadlines.js';
import type { SuspensionFiled, SuspensionInput } from '../definitions/suspension/forms.js';
import * as rules from '../definitions/suspension/rules.js';
import { lateFiling } from '../definitions/common/lateness.js';
import { filedOn, meta, rulesPass, withDeadlineNotice, withLateness, type MachineEvent } from './common.js';

export interface SuspensionMachineInput extends SuspensionInput {
  fiscalYear: number;
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
  /** For machine tests without an engine; the registration wins when both are given. */
  trainingCorporation?: boolean;
}

const timer = (e: MachineEvent) => e.data as DeadlineEventData;
const isTimer = (e: MachineEvent, deadline: string, kinds: string[]) =>
  e.type === 'DEADLINE' && timer(e).deadline === deadline && kinds.includes(timer(e).kind);

const reviewPending = (c: SuspensionContext, reason: ReviewReason) => c.reviews.some((r) => r.reason === reason);

function filing(c: SuspensionContext, e: MachineEvent) {
  const data = e.data as SuspensionFiled;
  return [
    ...c.filings,
    { fiscalYear: c.currentFiscalYear, filedOn: filedOn(e), plannedResumptionDate: data.plan.plannedResumptionDate, periodTo: data.notice.periodTo },
  ];
}

/** Closes the open review with the exit the case took. */
const closeReview = (c: SuspensionContext, e: MachineEvent, outcome: 'continued' | 'revoked' | 'resumed' | 'abolished', note: string | null) =>
  c.reviews.map((r) => (r.outcome === null ? { ...r, outcome, decidedOn: filedOn(e), note } : r));

// The lateness of a resumption counts from the 5-year limit even when HQ let the suspension continue.
const resumptionLateness = (c: SuspensionContext, e: MachineEvent) => {
  const late = [fiveYearReview, corporationReview].map((rule) => lateFiling(rule, { ...c, reviews: [] }, e)).filter((l) => l !== null);
  return late.length ? [...c.lateness, ...late] : c.lateness;
};

const exits = {
  RESUMED: { target: '#suspension.resumed', actions: 'recordResumption' },
  ABOLISHED: { target: '#suspension.abolished', actions: 'recordAbolition' },
  INSPECTION_RECORDED: { actions: 'recordInspection' },
} as const;

export const suspensionMachine = setup({
  types: {
    context: {} as SuspensionContext,
    events: {} as MachineEvent,
    input: {} as SuspensionMachineInput,
  },
  guards: {
    filingAccepted: rulesPass(rules.resumptionWithinNextFiscalYear, rules.resumptionAfterSuspension),
    refilingAccepted: rulesPass(rules.refilingIsOwed, rules.resumptionWithinNextFiscalYear, rules.resumptionAfterSuspension),
    refiledThisYear: ({ context }) => !rules.refilingOwed(context),
    newFiscalYear: ({ context, event }) =>
      isTimer(event, 'fiscalYearStart', ['due', 'overdue']) && fiscalYearOf(timer(event).nominal) > context.currentFiscalYear,
    fiveYearsPassed: ({ context, event }) => isTimer(event, 'fiveYearReview', ['overdue']) && !reviewPending(context, 'fiveYears'),
    corporationIdle: ({ context, event }) =>
      isTimer(event, 'corporationReview', ['overdue']) && context.trainingCorporation && !reviewPending(context, 'corporationIdle'),
  },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordFirstFiling: assign({
      filings: ({ context, event }) => filing(context, event),
      suspensionDate: ({ event }) => event.data.notice.suspensionDate,
    }),
    recordRefiling: assign({
      filings: ({ context, event }) => filing(context, event),
      lateness: ({ context, event }) => withLateness(annualRefiling, context, event),
    }),
    // A year that ends without its re-filing is recorded as missed before the next one starts.
    rollFiscalYear: assign({
      missedRefilings: ({ context }) => (rules.refilingOwed(context) ? [...context.missedRefilings, context.currentFiscalYear] : context.missedRefilings),
      currentFiscalYear: ({ event }) => fiscalYearOf(timer(event).nominal),
    }),
    startFiveYearReview: assign({
      reviews: ({ context, event }) => [...context.reviews, { reason: 'fiveYears' as const, startedOn: filedOn(event), outcome: null, decidedOn: null, note: null }],
    }),
    startCorporationReview: assign({
      reviews: ({ context, event }) => [
        ...context.reviews,
        { reason: 'corporationIdle' as const, startedOn: filedOn(event), outcome: null, decidedOn: null, note: null },
      ],
    }),
    recordInspection: assign({
      inspections: ({ context, event }) => [...context.inspections, { inspectedOn: event.data.inspectedOn, findings: event.data.findings, recordedOn: filedOn(event) }],
    }),
    recordResumption: assign({
      resumption: ({ event }) => ({ resumedOn: event.data.resumedOn, reportedOn: filedOn(event) }),
      lateness: ({ context, event }) => resumptionLateness(context, event),
      reviews: ({ context, event }) => closeReview(context, event, 'resumed', null),
    }),
    recordAbolition: assign({
      abolition: ({ event }) => ({ abolishedOn: event.data.abolishedOn, reason: event.data.reason, custodian: event.data.custodian, filedOn: filedOn(event) }),
      reviews: ({ context, event }) => closeReview(context, event, 'abolished', null),
    }),
    recordContinuation: assign({ reviews: ({ context, event }) => closeReview(context, event, 'continued', event.data.reason) }),
    recordRevocation: assign({
      revocation: ({ event }) => ({ revokedOn: event.data.revokedOn, reason: event.data.reason }),
      reviews: ({ context, event }) => closeReview(context, event, 'revoked', event.data.reason),
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: event.data.reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'suspension',
  initial: 'filing',
  context: ({ input }) => ({
    course: input.course,
    fiscalYear: input.fiscalYear,
    currentFiscalYear: input.fiscalYear,
    suspensionDate: input.suspensionDate,
    trainingCorporation: input.schoolOrg?.trainingCorporation ?? input.trainingCorporation ?? false,
    filings: [],
    missedRefilings: [],
    inspections: [],
    reviews: [],
    resumption: null,
    abolition: null,
    revocation: null,
    withdrawal: null,
    lateness: [],
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    filing: {
      meta: meta({ label: '休止届提出前', waitingOn: 'school' }),
      on: {
        SUSPENSION_FILED: { target: 'suspended', guard: 'filingAccepted', actions: 'recordFirstFiling' },
        WITHDRAWN: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    suspended: {
      meta: meta({ label: '休止中', deadlines: ['fiscalYearStart', 'fiveYearReview', 'corporationReview'] }),
      initial: 'upToDate',
      on: {
        DEADLINE: [
          { guard: 'newFiscalYear', target: '.refilingDue', actions: ['recordDeadlineNotice', 'rollFiscalYear'] },
          { guard: 'fiveYearsPassed', target: 'underReview', actions: ['recordDeadlineNotice', 'startFiveYearReview'] },
          { guard: 'corporationIdle', target: 'underReview', actions: ['recordDeadlineNotice', 'startCorporationReview'] },
          { actions: 'recordDeadlineNotice' },
        ],
        ...exits,
      },
      states: {
        upToDate: { meta: meta({ label: '当年度の届出済' }) },
        refilingDue: {
          meta: meta({ label: '当年度の休止届・再開計画書の再提出待ち', waitingOn: 'school', deadlines: ['annualRefiling'] }),
          on: { ANNUAL_REFILED: { target: 'upToDate', guard: 'refilingAccepted', actions: 'recordRefiling' } },
        },
      },
    },
    underReview: {
      meta: meta({ label: '認定取消しの審査中', waitingOn: 'hq', deadlines: ['fiscalYearStart'] }),
      on: {
        DEADLINE: [
          { guard: 'newFiscalYear', actions: ['recordDeadlineNotice', 'rollFiscalYear'] },
          { actions: 'recordDeadlineNotice' },
        ],
        // The school may still file the year's forms while HQ reviews.
        ANNUAL_REFILED: { guard: 'refilingAccepted', actions: 'recordRefiling' },
        REVIEW_CONTINUED: [
          { guard: 'refiledThisYear', target: 'suspended.upToDate', actions: 'recordContinuation' },
          { target: 'suspended.refilingDue', actions: 'recordContinuation' },
        ],
        REVOKED: { target: 'revoked', actions: 'recordRevocation' },
        ...exits,
      },
    },
    resumed: { type: 'final', meta: meta({ label: '再開' }) },
    abolished: { type: 'final', meta: meta({ label: '廃止' }) },
    revoked: { type: 'final', meta: meta({ label: '認定取消し' }) },
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
