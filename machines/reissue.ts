/**
 * 再交付 (reissue of a skill-check or completion certificate, manual III (16), IV (13), DESIGN 4.4):
 * 再証明願 received -> HQ assigns the date and 再-numbers -> application (様式22 / 様式28) -> re-certification -> delivery.
 */
import { assign, setup } from 'xstate';
import type { LinkedCase } from '../definitions/types.js';
import type { ReissueContext } from '../definitions/reissue/context.js';
import { delivery, recertification } from '../definitions/reissue/deadlines.js';
import type { ReissueInput } from '../definitions/reissue/forms.js';
import { prefill } from '../definitions/reissue/prefill.js';
import * as rules from '../definitions/reissue/rules.js';
import { filedOn, meta, rulesPass, withDeadlineNotice, withLateness, type MachineEvent } from './common.js';

export interface ReissueMachineInput extends ReissueInput {
  fiscalYear: number;
  linkedCase?: LinkedCase | null;
}

const withdraw = { WITHDRAWN: { target: '#reissue.withdrawn', actions: 'recordWithdrawal' } } as const;

export const reissueMachine = setup({
  types: {
    context: {} as ReissueContext,
    events: {} as MachineEvent,
    input: {} as ReissueMachineInput,
  },
  guards: {
    numbersAccepted: rulesPass(rules.linkConsistent),
    applicationAccepted: rulesPass(rules.linkConsistent, rules.attachmentsComplete, rules.numbersMatch),
  },
  actions: {
    recordDeadlineNotice: assign({ deadlineNotices: ({ context, event }) => withDeadlineNotice(context, event) }),
    recordNumbers: assign({
      reissue: ({ event }) => ({
        reissueDate: event.data.reissueDate,
        schoolNumber: event.data.schoolNumber,
        tokyoNumber: event.data.tokyoNumber,
        assignedOn: filedOn(event),
      }),
    }),
    recordApplication: assign({ application: ({ event }) => ({ filedOn: filedOn(event), attachments: event.data.attachments }) }),
    recordCertification: assign({
      certifiedOn: ({ event }) => event.data.certifiedOn,
      lateness: ({ context, event }) => withLateness(recertification, context, event),
    }),
    recordReturn: assign({ returns: ({ context, event }) => [...context.returns, { reason: event.data.reason, on: filedOn(event) }] }),
    recordDelivery: assign({
      deliveredOn: ({ event }) => event.data.deliveredOn,
      lateness: ({ context, event }) => withLateness(delivery, context, event),
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => ({ reason: event.data.reason, on: filedOn(event) }) }),
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
    awaitingNumbers: {
      meta: meta({ label: '再交付日・再証明番号の確認中', waitingOn: 'hq' }),
      on: { NUMBERS_ASSIGNED: { target: 'applying', guard: 'numbersAccepted', actions: 'recordNumbers' }, ...withdraw },
    },
    applying: {
      meta: meta({ label: '再証明申請前', waitingOn: 'school' }),
      on: { APPLICATION_FILED: { target: 'certifying', guard: 'applicationAccepted', actions: 'recordApplication' }, ...withdraw },
    },
    certifying: {
      meta: meta({ label: '再証明審査中', waitingOn: 'hq', deadlines: ['recertification'] }),
      on: {
        RECERTIFIED: { target: 'delivering', actions: 'recordCertification' },
        APPLICATION_RETURNED: { target: 'applying', actions: 'recordReturn' },
        ...withdraw,
      },
    },
    delivering: {
      meta: meta({ label: '再交付証書の交付前', waitingOn: 'school', deadlines: ['delivery'] }),
      on: { DELIVERED: { target: 'delivered', actions: 'recordDelivery' } },
    },
    delivered: { type: 'final', meta: meta({ label: '交付済' }) },
    withdrawn: { type: 'final', meta: meta({ label: '取下げ' }) },
  },
});
