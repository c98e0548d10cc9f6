/** Deadlines of a completion exam (manual IV (5), (10), (14)): all counted back from the exam or the delivery date. */
import type { DeadlineRule, SettingDefinition } from '../types.js';
import { certificationDeadlines } from '../common/certification-deadlines.js';
import type { CompletionExamContext } from './context.js';

type Rule = DeadlineRule<CompletionExamContext>;

const examDate = { label: '修了時試験実施予定日（訓練最終日）', resolve: (c: CompletionExamContext) => c.examDate };

/** The event that moves the exam (and the last training day with it), as the school finds it on its page. */
export const CHANGE_EXAM_DATE = '訓練最終日（試験実施日）の変更（EXAM_DATE_CHANGED）';

/** Every deadline counts from the exam or the delivery date: HQ sets no dates for this procedure each year. */
export const completionExamSettings: SettingDefinition[] = [];

export const questionFiling: Rule = {
  name: 'questionFiling',
  label: '修了時試験問題届出・実施届出',
  form: '様式23-1・23-2・24',
  party: 'school',
  supervisor: 'hq',
  enforcement: 'hard',
  anchor: examDate,
  offset: { months: 2 },
  direction: 'before',
  reminders: [14, 7, 1],
  remedy: `訓練最終日（試験実施日）を2か月以上先に延ばせる場合は、先に${CHANGE_EXAM_DATE}で予定日を更新し、新しい日付で届け出てください。延ばせない場合は産業労働局 能力開発課 認定訓練担当に相談してください。`,
};

/** HQ's own deadline: it never blocks HQ (the school needs the result), it reminds HQ and escalates when missed. */
export const reviewResult: Rule = {
  name: 'reviewResult',
  label: '試験問題審査結果の通知',
  party: 'hq',
  supervisor: 'hq',
  enforcement: 'soft',
  anchor: examDate,
  offset: { days: 7 },
  direction: 'before',
  reminders: [7, 3, 1],
};

export const questionsToCenter: Rule = {
  name: 'questionsToCenter',
  label: '試験問題（指導を受けた場合は訂正後）の管轄センターへの送付',
  party: 'school',
  supervisor: 'center',
  enforcement: 'hard',
  anchor: examDate,
  offset: { weeks: 2 },
  direction: 'before',
  reminders: [7, 3, 1],
  remedy: `訓練最終日（試験実施日）を2週間以上先に延ばせる場合は、先に${CHANGE_EXAM_DATE}で予定日を更新してから送付してください。延ばせない場合は管轄職業能力開発センターに相談してください。`,
};

export const { certificationApplication, certification, delivery } = certificationDeadlines<CompletionExamContext>({
  certificate: '修了証書',
  applicationLabel: '修了証書交付届出・証明申請',
  applicationForm: '様式25・26・27-1・27-2',
});

export const completionExamDeadlines = {
  questionFiling,
  reviewResult,
  questionsToCenter,
  certificationApplication,
  certification,
  delivery,
} satisfies Record<string, Rule>;
