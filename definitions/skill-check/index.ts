/** 技能照査 (skill check), 法21条 / 規則29条: the definition the engine runs. */
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { skillCheckMachine } from '../../machines/skill-check.js';
import type { EventDefinition, ProcedureDefinition } from '../types.js';
import type { SkillCheckContext } from './context.js';
import { skillCheckDeadlines } from './deadlines.js';
import * as forms from './forms.js';
import * as rules from './rules.js';

type Def = EventDefinition<SkillCheckContext>;

const events: Def[] = [
  { type: 'QUESTIONS_FILED', label: '技能照査試験問題等届出', form: '様式18-1・18-2・18-3', roles: ['school'], schema: forms.questionsFiled, notify: [{ to: 'hq', template: 'received' }] },
  { type: 'REVIEW_APPROVED', label: '試験問題審査結果通知（適）', roles: ['hq'], schema: forms.reviewApproved, notify: [{ to: 'school', template: 'decision' }] },
  { type: 'REVIEW_GUIDANCE', label: '試験問題審査結果通知（指導）', roles: ['hq'], schema: forms.reviewGuidance, notify: [{ to: 'school', template: 'decision' }, { to: 'center', template: 'decision' }] },
  { type: 'CORRECTED_QUESTIONS_SENT', label: '訂正後の試験問題の提出', roles: ['school'], schema: forms.correctedQuestionsSent, rules: [rules.correctedQuestionsInTime], notify: [{ to: 'center', template: 'received' }] },
  { type: 'EXAM_DATE_CHANGED', label: '試験実施予定日の変更', roles: ['school'], schema: forms.examDateChanged, rules: [rules.examDateInWindow], notify: [{ to: 'center', template: 'received' }] },
  { type: 'IMPLEMENTATION_NOTICE_FILED', label: '技能照査実施届出', form: '様式19-1・19-2', roles: ['school'], schema: forms.implementationNoticeFiled, rules: [rules.implementationNoticeInTime, rules.examDatesInWindow, rules.examineesEligible], notify: [{ to: 'center', template: 'received' }] },
  { type: 'RESULTS_RECORDED', label: '採点結果の登録', roles: ['school'], schema: forms.resultsRecorded, rules: [rules.examHeld, rules.resultsValid] },
  { type: 'MAKEUP_NOTICE_FILED', label: '追試験実施届出', form: '様式19-1', roles: ['school'], schema: forms.makeupNoticeFiled, rules: [rules.makeupForAccidentsOnly, rules.makeupBeforeCompletion, rules.makeupNoticeBeforeExam], notify: [{ to: 'center', template: 'received' }] },
  { type: 'MAKEUP_RESULTS_RECORDED', label: '追試験結果の登録', roles: ['school'], schema: forms.makeupResultsRecorded, rules: [rules.makeupHeld, rules.makeupResultsValid] },
  { type: 'CERT_NUMBERS_REQUESTED', label: '合格証明番号問い合わせ', roles: ['school'], schema: forms.certNumbersRequested, rules: [rules.hasPassers], notify: [{ to: 'hq', template: 'received' }] },
  { type: 'CERT_NUMBERS_ISSUED', label: '知事証明番号の通知', roles: ['hq'], schema: forms.certNumbersIssued, rules: [rules.numbersForEveryPasser], notify: [{ to: 'school', template: 'decision' }] },
  { type: 'CERT_APPLICATION_FILED', label: '技能照査合格証明申請', form: '様式20-1・20-2・20-3・21', roles: ['school'], schema: forms.certApplicationFiled, rules: [rules.applicationInTime, rules.applicantsArePassersWithNumbers], notify: [{ to: 'hq', template: 'received' }] },
  { type: 'CERTIFIED', label: '知事証明', roles: ['hq'], schema: forms.certified, notify: [{ to: 'school', template: 'decision' }] },
  { type: 'APPLICATION_RETURNED', label: '合格証明申請の差戻し', roles: ['hq'], schema: forms.applicationReturned, notify: [{ to: 'school', template: 'decision' }] },
  { type: 'DELIVERED', label: '合格証書の交付', roles: ['school'], schema: forms.delivered, notify: [{ to: 'hq', template: 'received' }] },
  { type: 'PASS_REVOKED', label: '技能照査合格の取消し', roles: ['school', 'hq'], schema: forms.passRevoked, rules: [rules.revocationOfPasser], notify: [{ to: 'hq', template: 'received' }, { to: 'school', template: 'decision' }] },
  { type: 'WITHDRAWN', label: '技能照査の取下げ', roles: ['school'], schema: forms.withdrawn, notify: [{ to: 'hq', template: 'received' }, { to: 'center', template: 'received' }] },
];

export const skillCheck: ProcedureDefinition<SkillCheckContext> = {
  id: 'skill-check',
  version: 1,
  title: '技能照査',
  description: '普通課程・専門課程の訓練生に対する技能照査（職業能力開発促進法第21条、施行規則第29条）：届出→審査→実施→証明→交付',
  machine: skillCheckMachine,
  inputSchema: forms.skillCheckInput,
  createRoles: ['school', 'hq'],
  fiscalYearOf: (input: forms.SkillCheckInput) => input.fiscalYear ?? fiscalYearOf(input.trainingCompletionDate),
  caseTitle: (c) => `${c.course.kei}系 ${c.course.ka}科 技能照査（${c.course.courseType}）`,
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: skillCheckDeadlines,
};
