/**
 * 職業訓練指導員・講師名簿、承諾書 (the yearly instructor roster, manual II-6(1), 様式5-1・5-2・5-3) as a statechart:
 * 名簿作成前 -> (承諾書の提出待ち ->) 名簿・承諾書整備済; a change of the roster (変更理由・変更年月日) goes back to
 * collecting consents when it adds an instructor who owes one.
 *
 * Whether every owed 承諾書 is in is decided by the eventless transition of the transient state `checking`, so user
 * events carry only `rules` guards. Both dates are soft (see definitions/instructor-roster/deadlines.ts).
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import { missingConsents } from '../definitions/instructor-roster/consents.js';
import type { InstructorRosterContext, InstructorRosterEvent } from '../definitions/instructor-roster/context.js';
import { consents, roster } from '../definitions/instructor-roster/deadlines.js';
import type { InstructorRosterInput } from '../definitions/instructor-roster/forms.js';
import { instructorRosterRules, type InstructorRosterRuleName } from '../definitions/instructor-roster/rules.js';
import type { SchoolOrg } from '../definitions/types.js';
import { dataOf, filedOn, meta, withDeadlineNotice, withLateness } from './common.js';

export interface InstructorRosterMachineInput extends InstructorRosterInput {
  /** Added by the engine from the school's registration. */
  schoolOrg?: SchoolOrg;
}

const check = (...names: InstructorRosterRuleName[]) => rules(...names);
const rosterRules = check('instructorsLicensed', 'distinctNumbers');
const change = { ROSTER_CHANGED: { target: '#instructorRoster.checking', guard: rosterRules, actions: 'recordChange' } } as const;

export const instructorRosterMachine = setup({
  types: {
    context: {} as InstructorRosterContext,
    events: {} as InstructorRosterEvent,
    input: {} as InstructorRosterMachineInput,
  },
  guards: {
    rules: rulesGuard(instructorRosterRules),
    // Not a statutory rule: where the case rests after a roster or a consent (eventless).
    consentsComplete: ({ context }) => missingConsents(context).length === 0,
  },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordRoster: assign(({ context, event }) => {
      const data = dataOf(event, 'ROSTER_FILED');
      return { preparedOn: data.preparedOn, collective: data.collective, dispersed: data.dispersed, lateness: withLateness(roster, context, event) };
    }),
    recordChange: assign(({ context, event }) => {
      const data = dataOf(event, 'ROSTER_CHANGED');
      return {
        collective: data.collective,
        dispersed: data.dispersed,
        changes: [...context.changes, { changedOn: data.changedOn, reason: data.reason, recordedOn: filedOn(event) }],
      };
    }),
    recordConsents: assign(({ context, event }) => {
      const data = dataOf(event, 'CONSENT_RECORDED');
      const on = filedOn(event);
      return {
        consents: [...context.consents, ...data.consents.map((x) => ({ ...x, recordedOn: on }))],
        lateness: withLateness(consents, context, event),
      };
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'instructorRoster',
  initial: 'drafting',
  context: ({ input }) => ({
    fiscalYear: input.fiscalYear,
    schoolType: input.schoolType,
    preparedOn: null,
    collective: [],
    dispersed: [],
    changes: [],
    consents: [],
    withdrawal: null,
    lateness: [],
    deadlineNotices: [],
  }),
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    drafting: {
      meta: meta({ label: '名簿作成前', waitingOn: 'school', deadlines: ['rosterPreparation'] }),
      on: {
        ROSTER_FILED: { target: 'checking', guard: rosterRules, actions: 'recordRoster' },
        WITHDRAWN: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    // Transient (never at rest): every owed 承諾書 in, or some still to collect.
    checking: {
      meta: meta({ label: '承諾書の確認' }),
      always: [{ guard: 'consentsComplete', target: 'complete' }, { target: 'collectingConsents' }],
    },
    collectingConsents: {
      meta: meta({ label: '承諾書の提出待ち', waitingOn: 'school', deadlines: ['consentCollection'] }),
      on: { CONSENT_RECORDED: { target: 'checking', guard: check('consentFromRoster'), actions: 'recordConsents' }, ...change },
    },
    // The year's roster is in order; it is still corrected at each change (作成上の留意点④).
    complete: {
      meta: meta({ label: '名簿・承諾書整備済', closed: true }),
      on: change,
    },
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
