/**
 * 休止 (suspension of certified training, manual II-4, DESIGN 4.3) as a statechart.
 *
 * Plain config: guards and actions are named (statutory rules through the parameterised `rules` guard), the
 * implementations are given to `setup`. Time drives this procedure more than filings do, and XState's `after`
 * is not restored from a snapshot, so every time-driven change is a named guard on the engine's DEADLINE event:
 * - fiscalYearStart 'due' (first open day of April): roll to the new fiscal year and owe the yearly re-filing;
 * - fiveYearReview / corporationReview 'overdue' (the day after the last day): go to HQ's review for revocation.
 * A late timer (the scheduler was down) arrives as 'overdue' and is handled the same way, once.
 * The one branch after a user event (HQ lets the suspension continue: is this year's filing in?) is an
 * eventless transition of the transient state `suspended.continuing`, so user events carry only `rules` guards.
 */
import { assign, setup } from 'xstate';
import { fiscalYearOf } from '../src/domain/fiscal-year.js';
import type { DeadlineEvent, SchoolOrg, TimerKind } from '../definitions/types.js';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import { lateFiling } from '../definitions/common/lateness.js';
import type { ReviewReason, SuspensionContext, SuspensionEvent } from '../definitions/suspension/context.js';
import { annualRefiling, fiveYearReview, corporationReview } from '../definitions/suspension/deadlines.js';
import type { SuspensionFiled, SuspensionInput } from '../definitions/suspension/forms.js';
import { refilingOwed, suspensionRules, type SuspensionRuleName } from '../definitions/suspension/rules.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface SuspensionMachineInput extends SuspensionInput {
  fiscalYear: number;
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
  /** For machine tests without an engine; the registration wins when both are given. */
  trainingCorporation?: boolean;
}

type Ctx = SuspensionContext;
type Outcome = 'continued' | 'revoked' | 'resumed' | 'abolished';

const check = (...names: SuspensionRuleName[]) => rules(...names);

const isTimer = (e: SuspensionEvent, deadline: string, kinds: TimerKind[]): e is DeadlineEvent =>
  e.type === 'DEADLINE' && e.data.deadline === deadline && kinds.includes(e.data.kind);

const reviewPending = (c: Ctx, reason: ReviewReason) => c.reviews.some((r) => r.reason === reason);

const filing = (c: Ctx, data: SuspensionFiled, on: string) => [
  ...c.filings,
  {
    fiscalYear: c.currentFiscalYear,
    filedOn: on,
    plannedResumptionDate: data.plan.plannedResumptionDate,
    periodTo: data.notice.periodTo,
    // What 様式3-1・3-2 print.
    representative: data.representative,
    course: data.notice.course,
    periodFrom: data.notice.periodFrom,
    reason: data.notice.reason,
    situation: data.plan.situation,
    measures: data.plan.measures,
  },
];

const review = (reason: ReviewReason, startedOn: string) => ({ reason, startedOn, outcome: null, decidedOn: null, note: null });

/** Closes the open review with the exit the case took. */
const closeReview = (c: Ctx, on: string, outcome: Outcome, note: string | null) =>
  c.reviews.map((r) => (r.outcome === null ? { ...r, outcome, decidedOn: on, note } : r));

// The lateness of a resumption counts from the 5-year limit even when HQ let the suspension continue.
const resumptionLateness = (c: Ctx, e: SuspensionEvent) => {
  const late = [fiveYearReview, corporationReview].map((rule) => lateFiling(rule, { ...c, reviews: [] }, e)).filter((l) => l !== null);
  return late.length ? [...c.lateness, ...late] : c.lateness;
};

const exits = {
  RESUMED: { target: '#suspension.resumed', actions: 'recordResumption' },
  ABOLISHED: { target: '#suspension.abolished', actions: 'recordAbolition' },
  INSPECTION_RECORDED: { actions: 'recordInspection' },
} as const;

const refile = { guard: check('refilingIsOwed', 'resumptionWithinNextFiscalYear', 'resumptionAfterSuspension'), actions: 'recordRefiling' } as const;

export const suspensionMachine = setup({
  types: {
    context: {} as SuspensionContext,
    events: {} as SuspensionEvent,
    input: {} as SuspensionMachineInput,
  },
  guards: {
    rules: rulesGuard(suspensionRules),
    // Not statutory rules: how the case reacts to its timers (DEADLINE) and to its own record (eventless).
    refiledThisYear: ({ context }) => !refilingOwed(context),
    newFiscalYear: ({ context, event }) =>
      isTimer(event, 'fiscalYearStart', ['due', 'overdue']) && fiscalYearOf(event.data.nominal) > context.currentFiscalYear,
    fiveYearsPassed: ({ context, event }) => isTimer(event, 'fiveYearReview', ['overdue']) && !reviewPending(context, 'fiveYears'),
    corporationIdle: ({ context, event }) =>
      isTimer(event, 'corporationReview', ['overdue']) && context.trainingCorporation && !reviewPending(context, 'corporationIdle'),
  },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordFirstFiling: assign(({ context, event }) => {
      const data = dataOf(event, 'SUSPENSION_FILED');
      return { filings: filing(context, data, filedOn(event)), suspensionDate: data.notice.suspensionDate };
    }),
    recordRefiling: assign(({ context, event }) => ({
      filings: filing(context, dataOf(event, 'ANNUAL_REFILED'), filedOn(event)),
      lateness: withLateness(annualRefiling, context, event),
    })),
    // A year that ends without its re-filing is recorded as missed before the next one starts.
    rollFiscalYear: assign(({ context, event }) => ({
      missedRefilings: refilingOwed(context) ? [...context.missedRefilings, context.currentFiscalYear] : context.missedRefilings,
      currentFiscalYear: fiscalYearOf(dataOf(event, 'DEADLINE').nominal),
    })),
    startFiveYearReview: assign({ reviews: ({ context, event }) => [...context.reviews, review('fiveYears', filedOn(event))] }),
    startCorporationReview: assign({ reviews: ({ context, event }) => [...context.reviews, review('corporationIdle', filedOn(event))] }),
    recordInspection: assign({
      inspections: ({ context, event }) => {
        const data = dataOf(event, 'INSPECTION_RECORDED');
        return [...context.inspections, { inspectedOn: data.inspectedOn, findings: data.findings, recordedOn: filedOn(event) }];
      },
    }),
    recordResumption: assign(({ context, event }) => ({
      resumption: { resumedOn: dataOf(event, 'RESUMED').resumedOn, reportedOn: filedOn(event) },
      lateness: resumptionLateness(context, event),
      reviews: closeReview(context, filedOn(event), 'resumed', null),
    })),
    recordAbolition: assign(({ context, event }) => {
      const data = dataOf(event, 'ABOLISHED');
      return {
        abolition: { abolishedOn: data.abolishedOn, reason: data.reason, custodian: data.custodian, filedOn: filedOn(event), representative: data.representative, course: data.course },
        reviews: closeReview(context, filedOn(event), 'abolished', null),
      };
    }),
    recordContinuation: assign({
      reviews: ({ context, event }) => closeReview(context, filedOn(event), 'continued', dataOf(event, 'REVIEW_CONTINUED').reason),
    }),
    recordRevocation: assign(({ context, event }) => {
      const data = dataOf(event, 'REVOKED');
      return { revocation: { revokedOn: data.revokedOn, reason: data.reason }, reviews: closeReview(context, filedOn(event), 'revoked', data.reason) };
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
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
        SUSPENSION_FILED: { target: 'suspended', guard: check('resumptionWithinNextFiscalYear', 'resumptionAfterSuspension'), actions: 'recordFirstFiling' },
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
          on: { ANNUAL_REFILED: { target: 'upToDate', ...refile } },
        },
        // Transient (never at rest): after HQ lets the suspension continue, owe this year's filing unless it is in.
        continuing: {
          meta: meta({ label: '休止継続（当年度の届出の確認）' }),
          always: [{ guard: 'refiledThisYear', target: 'upToDate' }, { target: 'refilingDue' }],
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
        ANNUAL_REFILED: refile,
        REVIEW_CONTINUED: { target: 'suspended.continuing', actions: 'recordContinuation' },
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
