/** 技能照査 (skill check), 法21条 / 規則29条: the definition the engine runs. */
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { skillCheckMachine } from '../../machines/skill-check.js';
import { certificationEvents } from '../common/certification-phase.js';
import type { EventDefinition, ProcedureDefinition } from '../types.js';
import type { SkillCheckContext } from './context.js';
import { skillCheckDeadlines, skillCheckSettings } from './deadlines.js';
import { skillCheckDemo } from './demo.js';
import { skillCheckDocuments } from './documents.js';
import * as forms from './forms.js';
import { skillCheckSummary } from './summary.js';
import { skillCheckStatistics } from './statistics.js';
import { passers, skillCheckRules } from './rules.js';
import { courseRef } from '../common/courses.js';

type Def = EventDefinition<SkillCheckContext>;
const NOTICE = '技能照査実施届出（様式19-1・19-2）';
const APPLICATION = '技能照査合格証明申請（様式20-1・20-2・20-3・21）';
const examDay = (c: SkillCheckContext) => formatDateJa(c.examDate);

const events: Def[] = [
  {
    type: 'QUESTIONS_FILED', label: '技能照査試験問題等届出', form: '様式18-1・18-2・18-3', roles: ['school'], schema: forms.questionsFiled,
    notify: [{ to: 'hq', template: 'received', todo: () => ['技能照査試験問題等届出（様式18-1・18-2・18-3）を審査し、本庁が定める通知日までに審査結果（適・指導）を通知してください。'] }],
  },
  {
    type: 'REVIEW_APPROVED', label: '試験問題審査結果通知（適）', roles: ['hq'], schema: forms.reviewApproved,
    notify: [{ to: 'school', template: 'decision', todo: ({ context }) => [`試験問題は適当と認められました。${NOTICE}を試験実施予定日（${examDay(context)}）の1か月前までに管轄の職業能力開発センターへ提出してください。`] }],
  },
  {
    type: 'REVIEW_GUIDANCE', label: '試験問題審査結果通知（指導）', roles: ['hq'], schema: forms.reviewGuidance,
    notify: [
      { to: 'school', template: 'decision', todo: ({ context }) => [`指導内容に従って試験問題を訂正し、訂正後の試験問題を試験実施予定日（${examDay(context)}）の1か月前までに管轄の職業能力開発センターへ提出してください（以後の修正はできません）。${NOTICE}も同じ期限です。`] },
      { to: 'center', template: 'decision', todo: () => ['本庁が試験問題に指導を行いました。訂正後の試験問題が試験実施予定日の1か月前までに提出されることを確認してください。'] },
    ],
  },
  {
    type: 'CORRECTED_QUESTIONS_SENT', label: '訂正後の試験問題の提出', roles: ['school'], schema: forms.correctedQuestionsSent,
    notify: [{ to: 'center', template: 'received', todo: () => ['指導に従い訂正した試験問題を受け付けました。訂正内容を確認してください。'] }],
  },
  {
    type: 'EXAM_DATE_CHANGED', label: '試験実施予定日の変更', roles: ['school'], schema: forms.examDateChanged,
    notify: [{ to: 'center', template: 'received', todo: ({ context }) => [`技能照査の試験実施予定日が ${examDay(context)} に変更されました。立会いの予定を確認してください。`] }],
  },
  {
    type: 'IMPLEMENTATION_NOTICE_FILED', label: '技能照査実施届出', form: '様式19-1・19-2', roles: ['school'], schema: forms.implementationNoticeFiled,
    notify: [{ to: 'center', template: 'received', todo: ({ context }) => [`${NOTICE}を受け付けました。試験日（${examDay(context)}）の立会いを手配してください。`] }],
  },
  {
    type: 'RESULTS_RECORDED', label: '採点結果の登録', roles: ['school'], schema: forms.resultsRecorded,
    prefill: (c) => ({ results: c.roster.filter((r) => r.eligibility.eligible).map((r) => ({ traineeId: r.traineeId, outcome: 'sat' })) }),
  },
  {
    type: 'MAKEUP_NOTICE_FILED', label: '追試験実施届出', form: '様式19-1', roles: ['school'], schema: forms.makeupNoticeFiled,
    prefill: (c) => ({ traineeIds: c.results.filter((r) => r.outcome === 'absent-accident' || r.outcome === 'abandoned-accident').map((r) => r.traineeId) }),
    notify: [{ to: 'center', template: 'received', todo: () => ['追試験の実施届出（様式19-1）と追試問題（提出済みの予備問題から）を受け付けました。実施日の立会いを手配してください。'] }],
  },
  {
    type: 'MAKEUP_RESULTS_RECORDED', label: '追試験結果の登録', roles: ['school'], schema: forms.makeupResultsRecorded,
    prefill: (c) => ({ results: (c.makeup?.traineeIds ?? []).map((traineeId) => ({ traineeId, outcome: 'sat' })) }),
  },
  {
    type: 'CERT_NUMBERS_REQUESTED', label: '合格証明番号問い合わせ', roles: ['school'], schema: forms.certNumbersRequested,
    notify: [{ to: 'hq', template: 'received', todo: ({ context }) => [`技能照査の合格者 ${passers(context).length} 名に知事証明番号を発行し、通知してください。`] }],
  },
  {
    type: 'CERT_NUMBERS_ISSUED', label: '知事証明番号の通知', roles: ['hq'], schema: forms.certNumbersIssued,
    prefill: (c) => ({ numbers: passers(c).map((p) => ({ traineeId: p.traineeId, tokyoNumber: '' })) }),
    notify: [{ to: 'school', template: 'decision', todo: () => [`通知された知事証明番号を合格証書（様式21）に記載し、${APPLICATION}を交付予定日の2週間前までに本庁へ提出してください。`] }],
  },
  {
    type: 'CERT_APPLICATION_FILED', label: '技能照査合格証明申請', form: '様式20-1・20-2・20-3・21', roles: ['school'], schema: forms.certApplicationFiled,
    prefill: (c) => ({ deliveryDate: c.plannedDeliveryDate, applicants: c.numbers.filter((n) => passers(c).some((p) => p.traineeId === n.traineeId)).map((n) => ({ traineeId: n.traineeId, schoolNumber: '' })) }),
    notify: [{ to: 'hq', template: 'received', todo: () => [`${APPLICATION}を受け付けました。審査のうえ、交付予定日の前日までに知事証明を行ってください。`] }],
  },
  ...certificationEvents({
    certify: 'CERTIFIED', returned: 'APPLICATION_RETURNED', deliver: 'DELIVERED',
    certifyLabel: '知事証明', certificate: '合格証書', application: APPLICATION,
    returnedLabel: '合格証明申請の差戻し', deliverLabel: '合格証書の交付',
  }),
  {
    type: 'PASS_REVOKED', label: '技能照査合格の取消し', roles: ['school', 'hq'], schema: forms.passRevoked,
    notify: [
      { to: 'hq', template: 'received', todo: () => ['技能照査の合格の取消し（訓練を修了しなかった者）が登録されました。知事証明番号の取扱いを確認してください。'] },
      { to: 'school', template: 'decision', todo: () => ['技能照査の合格が取り消されました。合格証書を交付済みの場合は回収してください。'] },
    ],
  },
  {
    type: 'WITHDRAWN', label: '技能照査の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [
      { to: 'hq', template: 'received', todo: () => ['技能照査の取下げを受け付けました。'] },
      { to: 'center', template: 'received', todo: () => ['技能照査の取下げを受け付けました。立会いの予定があれば取り消してください。'] },
    ],
  },
];

export const skillCheck: ProcedureDefinition<SkillCheckContext> = {
  id: 'skill-check',
  version: 1,
  title: '技能照査',
  description: '普通課程・専門課程の訓練生に対する技能照査（職業能力開発促進法第21条、施行規則第29条）：届出→審査→実施→証明→交付',
  machine: skillCheckMachine,
  rules: skillCheckRules,
  inputSchema: forms.skillCheckInput,
  createRoles: ['school', 'hq'],
  fiscalYearOf: (input: forms.SkillCheckInput) => input.fiscalYear ?? fiscalYearOf(input.trainingCompletionDate),
  settings: skillCheckSettings,
  caseTitle: (c) => `${c.course.kei}系 ${c.course.ka}科 技能照査（${c.course.courseType}）`,
  courses: (c) => [courseRef(c.course)],
  summary: skillCheckSummary,
  facts: (c) => [
    ['訓練科（系・科）', `${c.course.kei}系 ${c.course.ka}科（${c.course.courseType}）`],
    ['試験実施予定日', formatDateJa(c.examDate)],
    ['訓練修了日', formatDateJa(c.trainingCompletionDate)],
  ],
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: skillCheckDeadlines,
  demo: skillCheckDemo,
  documents: skillCheckDocuments,
  statistics: skillCheckStatistics,
};
