/** 認定職業訓練の休止 (suspension, manual II-4): the definition the engine runs. */
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { suspensionMachine } from '../../machines/suspension.js';
import type { EventDefinition, ProcedureDefinition } from '../types.js';
import type { SuspensionContext } from './context.js';
import { suspensionDeadlines } from './deadlines.js';
import * as forms from './forms.js';
import * as rules from './rules.js';

type Def = EventDefinition<SuspensionContext>;

const events: Def[] = [
  { type: 'SUSPENSION_FILED', label: '認定職業訓練休止届・再開計画書', form: '様式3-1・3-2', roles: ['school'], schema: forms.suspensionFiled, rules: [rules.resumptionWithinNextFiscalYear, rules.resumptionAfterSuspension], notify: [{ to: 'center', template: 'received' }] },
  { type: 'ANNUAL_REFILED', label: '休止届・再開計画書（年度ごとの再提出）', form: '様式3-1・3-2', roles: ['school'], schema: forms.suspensionFiled, rules: [rules.refilingIsOwed, rules.resumptionWithinNextFiscalYear, rules.resumptionAfterSuspension], notify: [{ to: 'center', template: 'received' }] },
  { type: 'INSPECTION_RECORDED', label: '休止団体調査の記録', roles: ['center'], schema: forms.inspectionRecorded },
  { type: 'RESUMED', label: '訓練の再開', roles: ['school'], schema: forms.resumed, notify: [{ to: 'center', template: 'received' }, { to: 'hq', template: 'received' }] },
  { type: 'ABOLISHED', label: '認定職業訓練廃止届', form: '様式4', roles: ['school'], schema: forms.abolished, notify: [{ to: 'center', template: 'received' }, { to: 'hq', template: 'received' }] },
  { type: 'REVIEW_CONTINUED', label: '審査の結果、休止の継続を認める', roles: ['hq'], schema: forms.reviewContinued, notify: [{ to: 'school', template: 'decision' }, { to: 'center', template: 'decision' }] },
  { type: 'REVOKED', label: '認定の取消し', roles: ['hq'], schema: forms.revoked, notify: [{ to: 'school', template: 'decision' }, { to: 'center', template: 'decision' }] },
  { type: 'WITHDRAWN', label: '休止届の取下げ', roles: ['school'], schema: forms.withdrawn, notify: [{ to: 'center', template: 'received' }] },
];

export const suspension: ProcedureDefinition<SuspensionContext> = {
  id: 'suspension',
  version: 1,
  title: '認定職業訓練の休止',
  description: '認定職業訓練の休止届（様式3-1・3-2）と年度ごとの再提出、5年（職業訓練法人は1年）経過時の取消し審査、再開・廃止（様式4）・取消し',
  machine: suspensionMachine,
  inputSchema: forms.suspensionInput,
  createRoles: ['school', 'hq'],
  fiscalYearOf: (input: forms.SuspensionInput) => input.fiscalYear ?? fiscalYearOf(input.suspensionDate),
  caseTitle: (c) => `${c.course.kei}系 ${c.course.ka}科 認定職業訓練の休止`,
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: suspensionDeadlines,
};
