/** Statutory rules of the skill check: named once in `skillCheckRules`, placed on transitions by name. */
import { addMonths, compareDates, tokyoDate, type IsoDate } from '../../src/domain/dates.js';
import { isWithin } from '../../src/domain/submit-by.js';
import { skillCheckEligibility } from '../../src/domain/eligibility.js';
import { validateWrittenAnswers } from '../../src/domain/scoring.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { hasPassersRule, numbersForEveryPasserRule, rosterOfNumberedPassersRule } from '../common/certification-rules.js';
import { checkRule, submitByRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { SkillCheckContext, SkillCheckEventOf as Ev } from './context.js';
import { certificationApplication, correctedQuestions, implementationNotice } from './deadlines.js';
import type { TraineeResult } from './forms.js';

type Ctx = SkillCheckContext;
const earlier = (a: IsoDate, b: IsoDate) => (compareDates(a, b) <= 0 ? a : b);
const later = (a: IsoDate, b: IsoDate) => (compareDates(a, b) >= 0 ? a : b);

export const examWindow = (c: Ctx) => ({ from: addMonths(c.trainingCompletionDate, -2), to: c.trainingCompletionDate });

export const correctedQuestionsInTime = submitByRule(correctedQuestions, (c: Ctx, _e: Ev<'CORRECTED_QUESTIONS_SENT'>) => c.examDate);

export const implementationNoticeInTime = submitByRule(
  implementationNotice,
  (_c: Ctx, e: Ev<'IMPLEMENTATION_NOTICE_FILED'>) => earlier(e.data.written.date, e.data.practical.date),
);

/** The exam must be held from 2 months before the training completion date up to that date (manual III (4)②). */
export const examDatesInWindow = checkRule<Ctx, Ev<'IMPLEMENTATION_NOTICE_FILED'>>(
  'examWindow',
  (c, e) => {
    const { from, to } = examWindow(c);
    const outside = [e.data.written.date, e.data.practical.date].filter((d) => !isWithin(d, from, to));
    return outside.length === 0
      ? null
      : `技能照査は訓練修了日前2か月から訓練修了日までの間（${formatDateJa(from)}〜${formatDateJa(to)}）に実施する必要があります。` +
          `範囲外の実施予定日: ${outside.map(formatDateJa).join('、')}`;
  },
  '実施予定日を実施期間内に変更してください。',
);

export const examDateInWindow = checkRule<Ctx, Ev<'EXAM_DATE_CHANGED'>>(
  'examWindow',
  (c, e) => {
    const { from, to } = examWindow(c);
    return isWithin(e.data.examDate, from, to)
      ? null
      : `技能照査は訓練修了日前2か月から訓練修了日までの間（${formatDateJa(from)}〜${formatDateJa(to)}）に実施する必要があります。`;
  },
  '実施期間内の日付を指定してください。',
);

/** Expected examinees cannot exceed the trainees meeting the 80% attendance rule (manual III (3)). */
export const examineesEligible = checkRule<Ctx, Ev<'IMPLEMENTATION_NOTICE_FILED'>>(
  'eligibility',
  (_c, e) => {
    const ineligible = e.data.roster
      .map((r) => ({ name: r.name, eligibility: skillCheckEligibility(r.subjects) }))
      .filter((r) => !r.eligibility.eligible);
    const eligibleCount = e.data.roster.length - ineligible.length;
    if (e.data.expectedExaminees <= eligibleCount) return null;
    return (
      `受験予定者数 ${e.data.expectedExaminees} 名が受験資格（科目ごと及び総訓練計画時間の80%以上の受講見込み）を満たす ${eligibleCount} 名を超えています。` +
      ineligible.map((r) => `${r.name}: ${r.eligibility.reasons.join('、')}`).join('／')
    );
  },
  '受験予定者数を受験資格のある訓練生の数以下にしてください。',
);

/** Results include the practical score, so they can be recorded once both parts are held. */
const sittingDate = (c: Ctx) => (c.notice ? later(c.notice.writtenDate, c.notice.practicalDate) : c.examDate);

export const examHeld = checkRule<Ctx, Ev<'RESULTS_RECORDED'>>(
  'examHeld',
  (c, e) =>
    compareDates(tokyoDate(e.at), sittingDate(c)) >= 0
      ? null
      : `試験実施日（${formatDateJa(sittingDate(c))}）より前に採点結果は登録できません。`,
  '試験実施後に登録してください。',
);

function resultProblems(c: Ctx, results: TraineeResult[], allowed: (id: string) => boolean): string | null {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    const who = c.roster.find((t) => t.traineeId === r.traineeId);
    if (seen.has(r.traineeId)) problems.push(`${r.traineeId} が重複しています`);
    seen.add(r.traineeId);
    if (!who) problems.push(`${r.traineeId} は出席状況連名簿にありません`);
    else if (!who.eligibility.eligible) problems.push(`${who.name} は受験資格（出席80%以上）を満たしていません`);
    else if (!allowed(r.traineeId)) problems.push(`${who.name} はこの試験の対象者ではありません`);
    if (r.outcome === 'sat') {
      if (!r.written || r.practicalScore === undefined) problems.push(`${r.traineeId}: 受験者には学科解答数と実技得点が必要です`);
      else {
        const invalid = validateWrittenAnswers(r.written);
        if (invalid) problems.push(`${r.traineeId}: ${invalid}`);
      }
    }
  }
  return problems.length ? problems.join('／') : null;
}

export const resultsValid = checkRule<Ctx, Ev<'RESULTS_RECORDED'>>(
  'results',
  (c, e) => resultProblems(c, e.data.results, () => true),
  '採点結果を訂正して再度登録してください。',
);

const accidentAbsentees = (c: Ctx) =>
  c.results.filter((r) => r.outcome === 'absent-accident' || r.outcome === 'abandoned-accident').map((r) => r.traineeId);

/** Makeup is only for trainees who missed or abandoned the exam through an unforeseen accident (manual III (13)). */
export const makeupForAccidentsOnly = checkRule<Ctx, Ev<'MAKEUP_NOTICE_FILED'>>(
  'makeupEligibility',
  (c, e) => {
    const allowed = new Set(accidentAbsentees(c));
    const others = e.data.traineeIds.filter((id) => !allowed.has(id));
    return others.length === 0
      ? null
      : `追試験は、不測の事故により受験できなかった者又は試験を放棄せざるをえなかった者に限られます（対象外: ${others.join('、')}）。不合格者の追試験は行いません。`;
  },
  '追試験の対象者を不測の事故による欠席者・途中放棄者に限ってください。',
);

export const makeupBeforeCompletion = checkRule<Ctx, Ev<'MAKEUP_NOTICE_FILED'>>(
  'makeupTiming',
  (c, e) =>
    compareDates(e.data.session.date, c.trainingCompletionDate) <= 0 || e.data.afterCompletionReason
      ? null
      : `追試験は原則として訓練修了日（${formatDateJa(c.trainingCompletionDate)}）までに行います。修了後は災害・疾病等やむを得ない事情がある場合に限られます。`,
  '修了日までの日付にするか、修了後に行う事由（災害・疾病）を記入してください。',
);

export const makeupNoticeBeforeExam = checkRule<Ctx, Ev<'MAKEUP_NOTICE_FILED'>>(
  'makeupNotice',
  (_c, e) =>
    compareDates(tokyoDate(e.at), e.data.session.date) < 0
      ? null
      : `追試験の実施届出書と追試問題は実施前（${formatDateJa(e.data.session.date)} より前）に管轄職業能力開発センターへ提出する必要があります。`,
  '追試験の実施日を後の日付にしてください。',
);

export const makeupHeld = checkRule<Ctx, Ev<'MAKEUP_RESULTS_RECORDED'>>(
  'examHeld',
  (c, e) =>
    !c.makeup || compareDates(tokyoDate(e.at), c.makeup.date) >= 0
      ? null
      : `追試験の実施日（${formatDateJa(c.makeup.date)}）より前に結果は登録できません。`,
  '追試験の実施後に登録してください。',
);

export const makeupResultsValid = checkRule<Ctx, Ev<'MAKEUP_RESULTS_RECORDED'>>(
  'results',
  (c, e) => resultProblems(c, e.data.results, (id) => c.makeup?.traineeIds.includes(id) ?? false),
  '追試験の対象者の結果だけを登録してください。',
);

export const passers = (c: Ctx) => c.results.filter((r) => r.passed && !c.revocations.some((v) => v.traineeId === r.traineeId));

export const hasPassers = hasPassersRule<Ctx, Ev<'CERT_NUMBERS_REQUESTED'>>(passers);

export const numbersForEveryPasser = numbersForEveryPasserRule<Ctx, Ev<'CERT_NUMBERS_ISSUED'>>(passers);

export const applicationInTime = submitByRule(
  certificationApplication,
  (_c: Ctx, e: Ev<'CERT_APPLICATION_FILED'>) => e.data.deliveryDate,
);

export const applicantsArePassersWithNumbers = rosterOfNumberedPassersRule<Ctx, Ev<'CERT_APPLICATION_FILED'>>({
  passers,
  numbers: (c) => c.numbers,
  listed: (data) => data.applicants,
  noun: '申請者',
  roster: '申請者名簿',
  remedy: '知事証明番号を受けた合格者全員を申請者名簿に記載してください。',
});

export const revocationOfPasser = checkRule<Ctx, Ev<'PASS_REVOKED'>>(
  'revocation',
  (c, e) =>
    passers(c).some((p) => p.traineeId === e.data.traineeId) ? null : `${e.data.traineeId} は取消しできる合格者ではありません。`,
  '合格者の訓練生番号を指定してください。',
);


/** The rules by the names the machine's `rules` guards use. */
export const skillCheckRules = {
  examDateInWindow,
  correctedQuestionsInTime,
  implementationNoticeInTime,
  examDatesInWindow,
  examineesEligible,
  examHeld,
  resultsValid,
  makeupForAccidentsOnly,
  makeupBeforeCompletion,
  makeupNoticeBeforeExam,
  makeupHeld,
  makeupResultsValid,
  hasPassers,
  numbersForEveryPasser,
  applicationInTime,
  applicantsArePassersWithNumbers,
  revocationOfPasser,
} satisfies RuleTable<Ctx>;

export type SkillCheckRuleName = keyof typeof skillCheckRules;
