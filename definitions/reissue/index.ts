/** 合格証書・修了証書の再交付 (reissue, manual III (16) 様式22 and IV (13) 様式28): the definition the engine runs. */
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { reissueMachine } from '../../machines/reissue.js';
import type { EventDefinition, ProcedureDefinition } from '../types.js';
import type { ReissueContext } from './context.js';
import { reissueDeadlines } from './deadlines.js';
import * as forms from './forms.js';
import { prefill } from './prefill.js';
import * as rules from './rules.js';

type Def = EventDefinition<ReissueContext>;

const REASON = { lost: '紛失', burned: '焼失', nameChanged: '氏名変更' } as const;

const events: Def[] = [
  { type: 'NUMBERS_ASSIGNED', label: '再交付日・再証明番号の通知', roles: ['hq'], schema: forms.numbersAssigned, rules: [rules.linkConsistent], notify: [{ to: 'school', template: 'decision' }] },
  { type: 'APPLICATION_FILED', label: '再証明申請', form: '様式22（技能照査）・様式28（修了証書）', roles: ['school'], schema: forms.applicationFiled, rules: [rules.linkConsistent, rules.attachmentsComplete, rules.numbersMatch], notify: [{ to: 'hq', template: 'received' }] },
  { type: 'RECERTIFIED', label: '知事の再証明', roles: ['hq'], schema: forms.recertified, notify: [{ to: 'school', template: 'decision' }] },
  { type: 'APPLICATION_RETURNED', label: '再証明申請の差戻し', roles: ['hq'], schema: forms.applicationReturned, notify: [{ to: 'school', template: 'decision' }] },
  { type: 'DELIVERED', label: '再交付証書の交付', roles: ['school'], schema: forms.delivered, notify: [{ to: 'hq', template: 'received' }] },
  { type: 'WITHDRAWN', label: '再交付の取下げ', roles: ['school'], schema: forms.withdrawn, notify: [{ to: 'hq', template: 'received' }] },
];

export const reissue: ProcedureDefinition<ReissueContext> = {
  id: 'reissue',
  version: 1,
  title: '証書の再交付',
  description: '技能照査合格証書（様式22）・修了証書（様式28）の再交付：本人の再証明願→再交付日・再証明番号の確認→再証明申請→知事の再証明→交付',
  machine: reissueMachine,
  inputSchema: forms.reissueInput,
  createRoles: ['school'],
  fiscalYearOf: (input: forms.ReissueInput) => input.fiscalYear ?? fiscalYearOf(input.request.requestDate),
  link: {
    caseIdOf: (input: forms.ReissueInput) => input.originalCaseId,
    procedures: ['skill-check', 'completion-exam'],
    problems: (input: forms.ReissueInput, linked) => prefill(input, linked).problems,
  },
  caseTitle: (c) =>
    `${c.request.name} ${c.certificateType === 'completion' ? '修了証書' : '技能照査合格証書'}の再交付（${REASON[c.request.reason]}）`,
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: reissueDeadlines,
};
