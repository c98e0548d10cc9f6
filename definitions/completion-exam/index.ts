/** 修了時試験 (completion exam of the 1級/2級/単一等級 技能士コース short courses, manual IV): the definition the engine runs. */
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { completionExamMachine } from '../../machines/completion-exam.js';
import type { EventDefinition, ProcedureDefinition } from '../types.js';
import type { CompletionExamContext } from './context.js';
import { completionExamDeadlines } from './deadlines.js';
import * as forms from './forms.js';
import * as rules from './rules.js';

type Def = EventDefinition<CompletionExamContext>;

const events: Def[] = [
  { type: 'QUESTIONS_FILED', label: '修了時試験問題届出・実施届出', form: '様式23-1・23-2・24', roles: ['school'], schema: forms.questionsFiled, rules: [rules.questionFilingInTime, rules.examOnLastTrainingDay], notify: [{ to: 'hq', template: 'received' }, { to: 'center', template: 'received' }] },
  { type: 'EXAM_DATE_CHANGED', label: '訓練最終日（試験実施日）の変更', roles: ['school'], schema: forms.examDateChanged, rules: [rules.examDateChangeAllowed], notify: [{ to: 'hq', template: 'received' }, { to: 'center', template: 'received' }] },
  { type: 'REVIEW_APPROVED', label: '試験問題審査結果通知（適）', roles: ['hq'], schema: forms.reviewApproved, notify: [{ to: 'school', template: 'decision' }] },
  { type: 'REVIEW_GUIDANCE', label: '試験問題審査結果通知（指導）', roles: ['hq'], schema: forms.reviewGuidance, notify: [{ to: 'school', template: 'decision' }, { to: 'center', template: 'decision' }] },
  { type: 'QUESTIONS_SENT_TO_CENTER', label: '試験問題の管轄センターへの送付', roles: ['school'], schema: forms.questionsSentToCenter, rules: [rules.questionsToCenterInTime, rules.correctionsDescribed], notify: [{ to: 'center', template: 'received' }] },
  { type: 'RESULTS_RECORDED', label: '採点結果の登録', roles: ['school'], schema: forms.resultsRecorded, rules: [rules.examHeld, rules.resultsValid] },
  { type: 'REMEDIAL_RECORDED', label: '不合格者への補講（再指導）の記録', roles: ['school'], schema: forms.remedialRecorded, rules: [rules.remedialForFailed] },
  { type: 'MAKEUP_SCHEDULED', label: '追試験の予定', roles: ['school'], schema: forms.makeupScheduled, rules: [rules.makeupCandidates, rules.makeupInFuture], notify: [{ to: 'center', template: 'received' }] },
  { type: 'MAKEUP_RESULTS_RECORDED', label: '追試験結果の登録', roles: ['school'], schema: forms.makeupResultsRecorded, rules: [rules.makeupHeld, rules.makeupResultsValid] },
  { type: 'CERT_NUMBERS_REQUESTED', label: '修了証明書番号問い合わせ', roles: ['school'], schema: forms.certNumbersRequested, rules: [rules.hasPassers], notify: [{ to: 'hq', template: 'received' }] },
  { type: 'CERT_NUMBERS_ISSUED', label: '知事証明番号の通知', roles: ['hq'], schema: forms.certNumbersIssued, rules: [rules.numbersForEveryPasser], notify: [{ to: 'school', template: 'decision' }] },
  { type: 'CERT_APPLICATION_FILED', label: '修了証書交付届出・証明申請', form: '様式25・26・27-1・27-2', roles: ['school'], schema: forms.certApplicationFiled, rules: [rules.applicationInTime, rules.completersArePassersWithNumbers, rules.summaryMatchesResults], notify: [{ to: 'hq', template: 'received' }] },
  { type: 'CERTIFIED', label: '知事証明', roles: ['hq'], schema: forms.certified, notify: [{ to: 'school', template: 'decision' }] },
  { type: 'APPLICATION_RETURNED', label: '証明申請の差戻し', roles: ['hq'], schema: forms.applicationReturned, notify: [{ to: 'school', template: 'decision' }] },
  { type: 'DELIVERED', label: '修了証書の交付', roles: ['school'], schema: forms.delivered, notify: [{ to: 'hq', template: 'received' }] },
  { type: 'WITHDRAWN', label: '修了時試験の取下げ', roles: ['school'], schema: forms.withdrawn, notify: [{ to: 'hq', template: 'received' }, { to: 'center', template: 'received' }] },
];

export const completionExam: ProcedureDefinition<CompletionExamContext> = {
  id: 'completion-exam',
  version: 1,
  title: '修了時試験',
  description: '一級・二級・単一等級技能士コース短期課程の修了時試験（訓練最終日に学科100問・65点以上合格）：届出→審査→実施→補講・追試験→証明→交付',
  machine: completionExamMachine,
  inputSchema: forms.completionExamInput,
  createRoles: ['school', 'hq'],
  fiscalYearOf: (input: forms.CompletionExamInput) => input.fiscalYear ?? fiscalYearOf(input.lastTrainingDay),
  caseTitle: (c) => `${c.course.kei}系 ${c.course.ka}科 ${c.course.grade}技能士コース 修了時試験`,
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: completionExamDeadlines,
};
