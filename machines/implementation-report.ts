/**
 * 認定職業訓練実施状況報告書 (the yearly report, manual II-2, 規則35条の4, 様式1-1-1〜1-4) as a statechart:
 * 報告書作成中 -> センター確認中 -> (補正中 -> 再提出 ->) 受理; withdrawn before the receipt.
 *
 * The engine opens one case per school on 1 May (the definition's `openings`) and gives it the school's skill checks
 * and completion exams of the reported (previous) year (`related`): their figures are transcribed into the context
 * once, at opening, and prefill the report. Due by HQ's date of the year (soft; definitions/implementation-report/
 * deadlines.ts).
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { ImplementationReportContext, ImplementationReportEvent } from '../definitions/implementation-report/context.js';
import { reportFiling } from '../definitions/implementation-report/deadlines.js';
import type { ImplementationReportInput } from '../definitions/implementation-report/forms.js';
import { implementationReportRules, type ImplementationReportRuleName } from '../definitions/implementation-report/rules.js';
import { transcribe } from '../definitions/implementation-report/transcription.js';
import type { RelatedCase, SchoolOrg } from '../definitions/types.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface ImplementationReportMachineInput extends ImplementationReportInput {
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
  /** Added by the engine: the school's cases of the `related` procedures in the reported year. */
  relatedCases?: RelatedCase[];
}

const check = (...names: ImplementationReportRuleName[]) => rules(...names);
const filingRules = check('reportSheets', 'reportCourses', 'reportTotals');
const withdraw = { WITHDRAWN: { target: '#implementationReport.withdrawn', actions: 'recordWithdrawal' } } as const;

export const implementationReportMachine = setup({
  types: {
    context: {} as ImplementationReportContext,
    events: {} as ImplementationReportEvent,
    input: {} as ImplementationReportMachineInput,
  },
  guards: { rules: rulesGuard(implementationReportRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordFiling: assign(({ context, event }) => ({
      filings: [...context.filings, { ...dataOf(event, 'REPORT_FILED'), filedOn: filedOn(event) }],
      lateness: withLateness(reportFiling, context, event),
    })),
    recordRefiling: assign({ filings: ({ context, event }) => [...context.filings, { ...dataOf(event, 'REFILED'), filedOn: filedOn(event) }] }),
    recordCorrectionRequest: assign({
      corrections: ({ context, event }) => [...context.corrections, { points: dataOf(event, 'CORRECTION_REQUESTED').points, requestedOn: filedOn(event) }],
    }),
    recordAcceptance: assign({ acceptance: ({ event }) => ({ on: filedOn(event), note: dataOf(event, 'ACCEPTED').note ?? null }) }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'implementationReport',
  initial: 'drafting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    reportedYear: input.fiscalYear - 1,
    countedOn: `${input.fiscalYear}-04-30`,
    transcribed: transcribe(input.relatedCases),
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
      meta: meta({ label: '報告書作成中', waitingOn: 'school', deadlines: ['reportFiling'] }),
      on: { REPORT_FILED: { target: 'reviewing', guard: filingRules, actions: 'recordFiling' }, ...withdraw },
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
