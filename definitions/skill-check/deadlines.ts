/** The statutory and HQ-set deadlines of a skill check (manual III (6), (11), (17)). */
import type { DeadlineRule, SettingDefinition } from '../types.js';
import { settingValue } from '../common/settings.js';
import { certificationDeadlines } from '../common/certification-deadlines.js';
import type { SkillCheckContext } from './context.js';

type Rule = DeadlineRule<SkillCheckContext>;

const examDate = { label: '試験実施予定日', resolve: (c: SkillCheckContext) => c.examDate };
const MOVE_EXAM =
  '試験実施予定日を1か月以上先の実施期間内の日に変更し（試験実施予定日の変更で予定日を更新）、新しい日付で出し直すか、管轄職業能力開発センターに相談してください。';

/** The dates HQ sets each fiscal year (manual III (6)): early October and mid-November. */
export const skillCheckSettings: SettingDefinition[] = [
  { key: 'questionFiling', label: '技能照査試験問題等の提出日', default: (fy) => `${fy}-10-07` },
  { key: 'reviewResult', label: '技能照査試験問題審査結果の通知日', default: (fy) => `${fy}-11-16` },
];

export const questionFiling: Rule = {
  name: 'questionFiling',
  label: '技能照査試験問題等届出',
  form: '様式18-1・18-2・18-3',
  party: 'school',
  supervisor: 'hq',
  enforcement: 'soft',
  anchor: { label: '本庁が定める提出日（10月初旬）', resolve: (_c, s) => settingValue(s, 'questionFiling') },
  offset: {},
  direction: 'before',
  reminders: [14, 7, 1],
};

export const reviewResult: Rule = {
  name: 'reviewResult',
  label: '試験問題審査結果の通知',
  party: 'hq',
  supervisor: 'hq',
  enforcement: 'soft',
  anchor: { label: '本庁が定める通知日（11月中旬）', resolve: (_c, s) => settingValue(s, 'reviewResult') },
  offset: {},
  direction: 'before',
  reminders: [7, 1],
};

export const correctedQuestions: Rule = {
  name: 'correctedQuestions',
  label: '指導に従い訂正した試験問題の提出',
  party: 'school',
  supervisor: 'center',
  enforcement: 'hard',
  anchor: examDate,
  offset: { months: 1 },
  direction: 'before',
  reminders: [14, 7, 1],
  remedy: MOVE_EXAM,
};

export const implementationNotice: Rule = {
  name: 'implementationNotice',
  label: '技能照査実施届出',
  form: '様式19-1・19-2',
  party: 'school',
  supervisor: 'center',
  enforcement: 'hard',
  anchor: examDate,
  offset: { months: 1 },
  direction: 'before',
  reminders: [14, 7, 1],
  remedy: MOVE_EXAM,
};

export const { certificationApplication, certification, delivery } = certificationDeadlines<SkillCheckContext>({
  certificate: '合格証書',
  applicationLabel: '技能照査合格証明申請',
  applicationForm: '様式20-1・20-2・20-3・21',
});

export const skillCheckDeadlines = {
  questionFiling,
  reviewResult,
  correctedQuestions,
  implementationNotice,
  certificationApplication,
  certification,
  delivery,
} satisfies Record<string, Rule>;
