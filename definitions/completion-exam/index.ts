/** 修了時試験 (completion exam of the 1級/2級/単一等級 技能士コース short courses, manual IV): the definition the engine runs. */
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { submitBy } from '../../src/domain/submit-by.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { completionExamMachine } from '../../machines/completion-exam.js';
import { certificationEvents } from '../common/certification-phase.js';
import type { DeadlineRule, EventDefinition, ProcedureDefinition } from '../types.js';
import type { CompletionExamContext } from './context.js';
import { certificationApplication, completionExamDeadlines, completionExamSettings, questionFiling, questionsToCenter, reviewResult } from './deadlines.js';
import { completionExamDocuments } from './documents.js';
import * as forms from './forms.js';
import { completionExamSummary } from './summary.js';
import { completionExamStatistics } from './statistics.js';
import { completionExamRules, makeupReady, passers, REMEDIAL_HOURS } from './rules.js';
import { completionExamDemo } from './demo.js';
import { courseRef } from '../common/courses.js';

type Ctx = CompletionExamContext;
type Def = EventDefinition<Ctx>;

const FILING = '修了時試験問題届出書・学科試験問題・修了時試験実施届出書（様式23-1・23-2・24）';
const APPLICATION = '修了証書交付届出書・証明申請書等（様式25・26・27-1・27-2）';
const MODE = { classroom: '集合訓練', correspondence: '通信制訓練' } as const;

const examDay = (c: Ctx) => formatDateJa(c.examDate);
const deliveryDay = (c: Ctx) => formatDateJa(c.application?.deliveryDate ?? c.plannedDeliveryDate);
/** The last day (effective, an open day) of a deadline counted from the exam date. */
const dueBeforeExam = (rule: DeadlineRule<Ctx>, c: Ctx) => formatDateJa(submitBy(c.examDate, rule.offset, rule.direction).effective);
const dueBeforeDelivery = (c: Ctx) =>
  formatDateJa(submitBy(c.application?.deliveryDate ?? c.plannedDeliveryDate, certificationApplication.offset, certificationApplication.direction).effective);
const toCenter = (c: Ctx) => `試験実施日（${examDay(c)}）の2週間前（${dueBeforeExam(questionsToCenter, c)}）までに管轄の職業能力開発センターへ送付`;
const numberedPassers = (c: Ctx) => c.numbers.filter((n) => passers(c).some((p) => p.traineeId === n.traineeId));

const events: Def[] = [
  {
    type: 'QUESTIONS_FILED', label: '修了時試験問題届出・実施届出', form: '様式23-1・23-2・24', roles: ['school'], schema: forms.questionsFiled,
    notify: [
      { to: 'hq', template: 'received', todo: ({ context }) => [`${FILING}を受け付けました。試験問題の適否を審査し、審査結果（適・指導）を試験実施予定日（${examDay(context)}）の7日前（${dueBeforeExam(reviewResult, context)}）までに訓練実施者へ通知してください。`] },
      { to: 'center', template: 'received', todo: ({ context }) => [`修了時試験実施届出書〔様式24〕の写しです。試験実施日（${examDay(context)}・訓練最終日）の立会いを手配してください。試験問題は試験実施日の2週間前（${dueBeforeExam(questionsToCenter, context)}）までに訓練実施者から送付されます。`] },
    ],
  },
  {
    type: 'EXAM_DATE_CHANGED', label: '訓練最終日（試験実施日）の変更', roles: ['school'], schema: forms.examDateChanged,
    notify: [
      {
        to: 'hq', template: 'received',
        todo: ({ context }) => [
          context.filing
            ? `訓練最終日（試験実施日）が ${examDay(context)} に変更されました。届出済みの様式23-1・23-2・24の審査結果は新しい試験実施日の7日前（${dueBeforeExam(reviewResult, context)}）までに通知してください。`
            : `訓練最終日（試験実施日）が ${examDay(context)} に変更されました。${FILING}は新しい試験実施日の2か月前（${dueBeforeExam(questionFiling, context)}）までに提出されます。`,
        ],
      },
      { to: 'center', template: 'received', todo: ({ context }) => [`訓練最終日（試験実施日）が ${examDay(context)} に変更されました。修了時試験の立会いの予定を変更してください。`] },
    ],
  },
  {
    type: 'REVIEW_APPROVED', label: '試験問題審査結果通知（適）', roles: ['hq'], schema: forms.reviewApproved,
    notify: [{ to: 'school', template: 'decision', todo: ({ context }) => [`修了時試験問題は適当と認められました。様式24で届け出た修了時試験の試験問題を${toCenter(context)}し、送付をシステムに登録してください。`] }],
  },
  {
    type: 'REVIEW_GUIDANCE', label: '試験問題審査結果通知（指導）', roles: ['hq'], schema: forms.reviewGuidance,
    notify: [
      { to: 'school', template: 'decision', todo: ({ context }) => [`指導内容に従って学科試験問題〔様式23-2〕を訂正し、訂正した試験問題を${toCenter(context)}してください（以後、原則として加筆訂正はできません）。送付の登録では訂正内容を記入してください。`] },
      { to: 'center', template: 'decision', todo: ({ context }) => [`本庁が修了時試験問題に指導を行いました。訂正後の試験問題が試験実施日（${examDay(context)}）の2週間前（${dueBeforeExam(questionsToCenter, context)}）までに送付されることを確認してください。`] },
    ],
  },
  {
    type: 'QUESTIONS_SENT_TO_CENTER', label: '試験問題の管轄センターへの送付', roles: ['school'], schema: forms.questionsSentToCenter,
    notify: [{ to: 'center', template: 'received', todo: ({ context }) => [`修了時試験の試験問題${context.review?.result === 'guidance' ? '（指導に従い訂正したもの）' : ''}を受け付けました。試験実施日（${examDay(context)}・訓練最終日）に立ち会い、適正に実施されていることを確認してください。`] }],
  },
  {
    type: 'RESULTS_RECORDED', label: '採点結果の登録', roles: ['school'], schema: forms.resultsRecorded,
    // 様式24 gives only the number of examinees: one row each, in the course's mode of training, for the filer to complete.
    prefill: (c) => {
      const n = c.filing?.examinees ?? 0;
      return n > 0 ? { results: Array.from({ length: n }, () => ({ attendance: { mode: c.course.mode }, outcome: 'sat' })) } : {};
    },
  },
  { type: 'REMEDIAL_RECORDED', label: '不合格者への補講（再指導）の記録', roles: ['school'], schema: forms.remedialRecorded },
  {
    type: 'MAKEUP_SCHEDULED', label: '追試験の予定', roles: ['school'], schema: forms.makeupScheduled,
    prefill: (c) => ({ traineeIds: makeupReady(c).map((r) => r.traineeId) }),
    notify: [{ to: 'center', template: 'received', todo: ({ context }) => [`修了時試験の追試験（不合格者は${REMEDIAL_HOURS}時間以上の補講後）の予定を受け付けました。追試験実施日（${context.makeup ? formatDateJa(context.makeup.date) : '未定'}、対象者 ${context.makeup?.traineeIds.length ?? 0} 名）の立会いを手配してください。`] }],
  },
  {
    type: 'MAKEUP_RESULTS_RECORDED', label: '追試験結果の登録', roles: ['school'], schema: forms.makeupResultsRecorded,
    prefill: (c) => ({ results: (c.makeup?.traineeIds ?? []).map((traineeId) => ({ traineeId, outcome: 'sat' })) }),
  },
  {
    type: 'CERT_NUMBERS_REQUESTED', label: '修了証明書番号問い合わせ', roles: ['school'], schema: forms.certNumbersRequested,
    notify: [{ to: 'hq', template: 'received', todo: ({ context }) => [`修了時試験の合格者 ${passers(context).length} 名に知事証明番号を発行し、訓練実施者へ通知してください（修了者名簿〔様式27-1〕・修了証書〔様式27-2〕に記載されます）。`] }],
  },
  {
    type: 'CERT_NUMBERS_ISSUED', label: '知事証明番号の通知', roles: ['hq'], schema: forms.certNumbersIssued,
    prefill: (c) => ({ numbers: passers(c).map((p) => ({ traineeId: p.traineeId, tokyoNumber: '' })) }),
    notify: [{ to: 'school', template: 'decision', todo: ({ context }) => [`通知された知事証明番号を修了者名簿〔様式27-1〕と修了証書〔様式27-2〕に記載し、${APPLICATION}を修了証書交付予定日（${deliveryDay(context)}）の2週間前（${dueBeforeDelivery(context)}）までに本庁へ提出してください。`] }],
  },
  {
    type: 'CERT_APPLICATION_FILED', label: '修了証書交付届出・証明申請', form: '様式25・26・27-1・27-2', roles: ['school'], schema: forms.certApplicationFiled,
    prefill: (c) => ({
      summary: {
        plannedExaminees: c.filing?.examinees ?? c.results.length,
        examinees: c.results.filter((r) => r.outcome === 'sat').length,
        passers: passers(c).length,
      },
      deliveryDate: c.plannedDeliveryDate,
      completers: numberedPassers(c).map((n) => ({ traineeId: n.traineeId, schoolNumber: '' })),
    }),
    notify: [{ to: 'hq', template: 'received', todo: ({ context }) => [`${APPLICATION}を受け付けました。修了時試験が的確に行われたかを審査し、修了証書交付予定日（${deliveryDay(context)}）の前日までに知事証明を行ってください。`] }],
  },
  ...certificationEvents({
    certify: 'CERTIFIED', returned: 'APPLICATION_RETURNED', deliver: 'DELIVERED',
    certifyLabel: '知事証明', certificate: '修了証書', application: APPLICATION,
    returnedLabel: '証明申請の差戻し', deliverLabel: '修了証書の交付',
  }),
  {
    type: 'WITHDRAWN', label: '修了時試験の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [
      { to: 'hq', template: 'received', todo: () => ['修了時試験の取下げを受け付けました。届出済みの様式23-1・23-2・24の審査や知事証明番号の発行があれば取りやめてください。'] },
      { to: 'center', template: 'received', todo: () => ['修了時試験の取下げを受け付けました。試験・追試験の立会いの予定があれば取り消してください。'] },
    ],
  },
];

export const completionExam: ProcedureDefinition<Ctx> = {
  id: 'completion-exam',
  version: 1,
  title: '修了時試験',
  description: '一級・二級・単一等級技能士コース短期課程の修了時試験（訓練最終日に学科100問・65点以上合格）：届出→審査→実施→補講・追試験→証明→交付',
  demo: completionExamDemo,
  machine: completionExamMachine,
  rules: completionExamRules,
  inputSchema: forms.completionExamInput,
  createRoles: ['school', 'hq'],
  fiscalYearOf: (input: forms.CompletionExamInput) => input.fiscalYear ?? fiscalYearOf(input.lastTrainingDay),
  settings: completionExamSettings,
  caseTitle: (c) => `${c.course.kei}系 ${c.course.ka}科 ${c.course.grade}技能士コース 修了時試験`,
  courses: (c) => [courseRef(c.course)],
  summary: completionExamSummary,
  facts: (c) => [
    ['訓練科（系・科）', `${c.course.kei}系 ${c.course.ka}科（${c.course.grade}技能士コース・${MODE[c.course.mode]}）`],
    ['訓練最終日（試験実施日）', examDay(c)],
    ['修了証書交付予定日', deliveryDay(c)],
  ],
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: completionExamDeadlines,
  documents: completionExamDocuments,
  statistics: completionExamStatistics,
};
