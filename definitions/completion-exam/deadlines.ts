/** Deadlines of a completion exam (manual IV (5), (10), (14)): all counted back from the exam or the delivery date. */
import type { DeadlineRule } from '../types.js';
import { certificationDeadlines } from '../common/certification-deadlines.js';
import type { CompletionExamContext } from './context.js';

type Rule = DeadlineRule<CompletionExamContext>;

const examDate = { label: '修了時試験実施予定日（訓練最終日）', resolve: (c: CompletionExamContext) => c.examDate };

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
