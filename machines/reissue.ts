/**
 * 再交付 (reissue of a skill-check or completion certificate, manual III (16), IV (13), DESIGN 4.4):
 * 再証明願 received -> HQ assigns the date and 再-numbers -> application (様式22 / 様式28) -> re-certification -> delivery.
 *
 * Plain config: the certification phase is the shared `certificationStates`, statutory checks go through the
 * parameterised `rules` guard, actions are named and implemented in `setup`.
 */
import { assign, setup } from 'xstate';
import { rules, rulesGuard } from '../definitions/common/rules.js';
import type { LinkedCase } from '../definitions/types.js';
import type { ReissueContext, ReissueEvent } from '../definitions/reissue/context.js';
import { delivery, recertification } from '../definitions/reissue/deadlines.js';
import type { ReissueInput } from '../definitions/reissue/forms.js';
import { prefill } from '../definitions/reissue/prefill.js';
import { reissueRules, type ReissueRuleName } from '../definitions/reissue/rules.js';
import { certificationRecords, certificationStates } from './certification-phase.js';
import { dataOf, filedOn, meta, withDeadlineNotice } from './common.js';

export interface ReissueMachineInput extends ReissueInput {
  fiscalYear: number;
  linkedCase?: LinkedCase | null;
}

const check = (...names: ReissueRuleName[]) => rules(...names);
const certified = certificationRecords<ReissueContext>({ certification: recertification, delivery });

const withdraw = { WITHDRAWN: { target: '#reissue.withdrawn', actions: 'recordWithdrawal' } } as const;

export const reissueMachine = setup({
  types: {
    context: {} as ReissueContext,
    events: {} as ReissueEvent,
    input: {} as ReissueMachineInput,
  },
  guards: { rules: rulesGuard(reissueRules) },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordNumbers: assign({
      reissue: ({ event }) => {
        const data = dataOf(event, 'NUMBERS_ASSIGNED');
        return { reissueDate: data.reissueDate, schoolNumber: data.schoolNumber, tokyoNumber: data.tokyoNumber, assignedOn: filedOn(event) };
      },
    }),
    recordApplication: assign(({ event }) => {
      const data = dataOf(event, 'APPLICATION_FILED');
      return {
        application: { filedOn: filedOn(event), attachments: data.attachments, holder: data.holder, course: data.course, examDate: data.examDate, oldTokyoNumber: data.oldTokyoNumber },
        representative: data.representative,
      };
    }),
    recordCertification: assign(({ context, event }) => certified.certified(context, { ...event, data: dataOf(event, 'RECERTIFIED') })),
    recordReturn: assign(({ context, event }) => certified.returned(context, { ...event, data: dataOf(event, 'APPLICATION_RETURNED') })),
    recordDelivery: assign(({ context, event }) => certified.delivered(context, { ...event, data: dataOf(event, 'DELIVERED') })),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: dataOf(event, 'WITHDRAWN').reason, on: filedOn(event) }) }),
  },
}).createMachine({
  id: 'reissue',
  initial: 'awaitingNumbers',
  context: ({ input }) => {
    const p = prefill(input, input.linkedCase);
    return {
      certificateType: p.certificateType,
      fiscalYear: input.fiscalYear,
      request: input.request,
      link:
        input.linkedCase && input.traineeId
          ? { caseId: input.linkedCase.id, procedure: input.linkedCase.procedure, state: input.linkedCase.state, traineeId: input.traineeId }
          : null,
      linkProblems: p.problems,
      original: p.original,
      reissue: null,
      application: null,
      certifiedOn: null,
      deliveredOn: null,
      returns: [],
      withdrawal: null,
      lateness: [],
      deadlineNotices: [],
    };
  },
  on: { DEADLINE: { actions: 'recordDeadlineNotice' } },
  states: {
    ...certificationStates({
      events: { numbers: 'NUMBERS_ASSIGNED', apply: 'APPLICATION_FILED', certify: 'RECERTIFIED', returned: 'APPLICATION_RETURNED', deliver: 'DELIVERED' },
      labels: {
        awaitingNumbers: '再交付日・再証明番号の確認中',
        applying: '再証明申請前',
        certifying: '再証明審査中',
        delivering: '再交付証書の交付前',
        delivered: '交付済',
      },
      guards: { numbers: check('linkConsistent'), apply: check('linkConsistent', 'attachmentsComplete', 'numbersMatch') },
      deadlines: { certifying: ['recertification'], delivering: ['delivery'] },
      meanwhile: { ...withdraw },
    }),
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
