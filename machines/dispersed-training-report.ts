/**
 * 分散訓練実施状況報告書 (the employers' dispersed-training reports, manual II-6(10), 様式15) as a statechart over one
 * fiscal year: 受領中 -> 年度分受領済. The four quarters' deadlines are armed together in `collecting`; each resolves to no
 * date once every trainee's report for its quarter is in, so its timers go. A quarter whose day passes with reports
 * missing is recorded as missed (its overdue timer); a late report is recorded late. When every quarter is in, the
 * eventless transition ends the year, so user events carry only `rules` guards.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { DispersedTrainingReportContext, DispersedTrainingReportEvent } from '../definitions/dispersed-training-report/context.js';
import { quarterDeadlines } from '../definitions/dispersed-training-report/deadlines.js';
import { QUARTER_KEYS, type DispersedTrainingReportInput, type Quarter } from '../definitions/dispersed-training-report/forms.js';
import { allQuartersReported } from '../definitions/dispersed-training-report/quarters.js';
import { dispersedTrainingRules, type DispersedTrainingRuleName } from '../definitions/dispersed-training-report/rules.js';
import type { SchoolOrg } from '../definitions/types.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface DispersedTrainingReportMachineInput extends DispersedTrainingReportInput {
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
}

type Ctx = DispersedTrainingReportContext;
const check = (...names: DispersedTrainingRuleName[]) => rules(...names);

/** The quarter a deadline timer is about ('q2Reports' -> 'q2'), or null for another timer. */
const quarterOf = (deadline: string): Quarter | null => QUARTER_KEYS.find((q) => deadline === quarterDeadlines[q].name) ?? null;

export const dispersedTrainingReportMachine = setup({
  types: {
    context: {} as DispersedTrainingReportContext,
    events: {} as DispersedTrainingReportEvent,
    input: {} as DispersedTrainingReportMachineInput,
  },
  guards: {
    rules: rulesGuard(dispersedTrainingRules),
    // Not a statutory rule: the year's reports are all in (eventless).
    yearReported: ({ context }) => allQuartersReported(context),
  },
  actions: {
    // A missed notice (the day after a quarter's last day) records the quarter as missed.
    recordDeadlineNotice: assign(({ context, event }) => {
      const data = dataOf(event, 'DEADLINE');
      const q = quarterOf(data.deadline);
      const missed = q && data.kind === 'overdue' && !context.missedQuarters.includes(q) ? [...context.missedQuarters, q] : context.missedQuarters;
      return { deadlineNotices: withDeadlineNotice(context, event), missedQuarters: missed };
    }),
    recordReport: assign(({ context, event }) => {
      const data = dataOf(event, 'REPORT_RECORDED');
      return {
        reports: [...context.reports, { ...data, recordedOn: filedOn(event) }],
        lateness: withLateness(quarterDeadlines[data.quarter], context, event),
      };
    }),
    recordLeaving: assign({
      trainees: ({ context, event }) => {
        const data = dataOf(event, 'TRAINEE_LEFT');
        return context.trainees.map((t) => (t.name === data.name ? { ...t, leftOn: data.leftOn } : t));
      },
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'dispersedTrainingReport',
  initial: 'collecting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    course: input.course,
    trainees: input.trainees.map((t) => ({ ...t, leftOn: null })),
    reports: [],
    missedQuarters: [],
    withdrawal: null,
    lateness: [],
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    collecting: {
      meta: meta({ label: '分散訓練実施状況報告書の受領中', waitingOn: 'school', deadlines: ['q1Reports', 'q2Reports', 'q3Reports', 'q4Reports'] }),
      always: [{ guard: 'yearReported', target: 'complete' }],
      on: {
        REPORT_RECORDED: { guard: check('traineeOwesReport', 'monthsAndHours', 'reportedBeforeRecorded'), actions: 'recordReport' },
        TRAINEE_LEFT: { guard: check('traineeOnRoster'), actions: 'recordLeaving' },
        WITHDRAWN: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    complete: { type: 'final', meta: meta({ label: '年度分受領済' }) },
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
