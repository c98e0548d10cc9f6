/**
 * 認定職業訓練実施状況報告書 (the yearly report, manual II-2, 規則35条の4, 様式1-1-1〜1-4) as a statechart:
 * 報告書作成中 -> センター確認中 -> (補正中 -> 再提出 ->) 受理; withdrawn before the receipt.
 *
 * The engine opens one case per school on 1 May (the definition's `openings`) and gives it the school's skill checks
 * and completion exams of the reported (previous) year (`related`): their figures are transcribed into the context
 * once, at opening, and prefill the report. Due by HQ's date of the year (soft; definitions/implementation-report/
 * deadlines.ts). Plain config: the phase is the shared `filingReviewStates`, actions named.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { ImplementationReportContext, ImplementationReportEvent } from '../definitions/implementation-report/context.js';
import { reportFiling } from '../definitions/implementation-report/deadlines.js';
import type { ImplementationReportInput, ReportFiled } from '../definitions/implementation-report/forms.js';
import { implementationReportRules, type ImplementationReportRuleName } from '../definitions/implementation-report/rules.js';
import { transcribe } from '../definitions/implementation-report/transcription.js';
import type { RelatedCase, SchoolOrg } from '../definitions/types.js';
import { dataOf, withDeadlineNotice } from './common.js';
import { filingReviewRecords, filingReviewStates, unfiled } from './filing-review.js';

export interface ImplementationReportMachineInput extends ImplementationReportInput {
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
  /** Added by the engine: the school's cases of the `related` procedures in the reported year. */
  relatedCases?: RelatedCase[];
}

const check = (...names: ImplementationReportRuleName[]) => rules(...names);
const review = filingReviewRecords<ImplementationReportContext, ReportFiled>(reportFiling);

export const implementationReportMachine = setup({
  types: {
    context: {} as ImplementationReportContext,
    events: {} as ImplementationReportEvent,
    input: {} as ImplementationReportMachineInput,
  },
  guards: { rules: rulesGuard(implementationReportRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordFiling: assign(({ context, event }) => review.filed(context, { ...event, data: dataOf(event, 'REPORT_FILED') })),
    recordRefiling: assign(({ context, event }) => review.refiled(context, { ...event, data: dataOf(event, 'REFILED') })),
    recordCorrectionRequest: assign(({ context, event }) => review.correctionRequested(context, { ...event, data: dataOf(event, 'CORRECTION_REQUESTED') })),
    recordAcceptance: assign(({ event }) => review.accepted({ ...event, data: dataOf(event, 'ACCEPTED') })),
    recordWithdrawal: assign(({ event }) => review.withdrawn({ ...event, data: dataOf(event, 'WITHDRAWN') })),
  },
}).createMachine({
  id: 'implementationReport',
  initial: 'drafting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    reportedYear: input.fiscalYear - 1,
    countedOn: `${input.fiscalYear}-04-30`,
    transcribed: transcribe(input.relatedCases),
    ...unfiled(),
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: filingReviewStates({
    machineId: 'implementationReport',
    fileEvent: 'REPORT_FILED',
    labels: { drafting: '報告書作成中', accepted: '受理' },
    guard: check('reportSheets', 'reportCourses', 'reportTotals'),
    deadlines: ['reportFiling'],
  }),
});
