/** Statutory rules of the completion exam: named once in `completionExamRules`, placed on transitions by name. */
import { compareDates, tokyoDate } from '../../src/domain/dates.js';
import { completionExamEligibility, type Eligibility } from '../../src/domain/eligibility.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { submitBy } from '../../src/domain/submit-by.js';
import { hasPassersRule, numbersForEveryPasserRule, rosterOfNumberedPassersRule } from '../common/certification-rules.js';
import { checkRule, submitByRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { CompletionExamContext, CompletionExamEventOf as Ev, ScoredResult } from './context.js';
import { CHANGE_EXAM_DATE, certificationApplication, questionFiling, questionsToCenter } from './deadlines.js';
import type { ExamineeResult } from './forms.js';

type Ctx = CompletionExamContext;

/** Remedial hours a failed trainee needs before a makeup (manual IV (12)). */
export const REMEDIAL_HOURS = 12;

export const questionFilingInTime = submitByRule(questionFiling, (_c: Ctx, e: Ev<'QUESTIONS_FILED'>) => e.data.notice.examDate);

/** The exam is held on the last training day (manual IV (3)②): 様式24's exam date is its completion date. */
export const examOnLastTrainingDay = checkRule<Ctx, Ev<'QUESTIONS_FILED'>>(
  'examOnLastTrainingDay',
  (_c, e) =>
    e.data.notice.examDate === e.data.notice.plannedCompletionDate
      ? null
      : `修了時試験は訓練最終日に実施します。試験実施予定日（${formatDateJa(e.data.notice.examDate)}）と修了予定日（${formatDateJa(e.data.notice.plannedCompletionDate)}）が一致しません。`,
  '試験実施予定日を修了予定日（訓練最終日）にしてください。',
);

/**
 * 様式24 names the exam date the case has registered as the last training day (from the case's input or a
 * later EXAM_DATE_CHANGED); a filing never moves it by itself, since the deadlines count from it.
 */
export const examDateAsRegistered = checkRule<Ctx, Ev<'QUESTIONS_FILED'>>(
  'examDateAsRegistered',
  (c, e) =>
    e.data.notice.examDate === c.examDate
      ? null
      : `修了時試験実施届出書〔様式24〕の試験実施予定日（${formatDateJa(e.data.notice.examDate)}）が、` +
        `この修了時試験に登録された訓練最終日（試験実施日）（${formatDateJa(c.examDate)}）と一致しません。`,
  `試験実施日を変更する場合は、先に${CHANGE_EXAM_DATE}で訓練最終日（試験実施日）を変更してから、` +
    '修了時試験問題届出書・実施届出書〔様式23-1・23-2・24〕を提出してください。変更しない場合は様式24の試験実施予定日を登録済みの訓練最終日にしてください。',
);

/**
 * A new exam day must still honour the filing's 2-month rule (the questions and 様式24 were filed on
 * `filing.filedOn`) and cannot lie in the past; otherwise the questions must be filed again.
 */
export const examDateChangeAllowed = checkRule<Ctx, Ev<'EXAM_DATE_CHANGED'>>(
  'questionFiling',
  (c, e) => {
    const next = e.data.examDate;
    if (compareDates(next, tokyoDate(e.at)) < 0) return `新しい試験実施日（${formatDateJa(next)}）は過去の日付です。`;
    if (!c.filing) return null;
    const due = submitBy(next, questionFiling.offset, questionFiling.direction);
    return compareDates(c.filing.filedOn, due.effective) <= 0
      ? null
      : `試験問題・実施届出（${formatDateJa(c.filing.filedOn)} 提出）は新しい試験実施日（${formatDateJa(next)}）の2か月前（実質の期限 ${formatDateJa(due.effective)}）までの提出になりません。`;
  },
  '2か月以上先の訓練最終日を指定するか、本庁（能力開発課 認定訓練担当）に相談してください。',
);

export const questionsToCenterInTime = submitByRule(questionsToCenter, (c: Ctx, _e: Ev<'QUESTIONS_SENT_TO_CENTER'>) => c.examDate);

export const correctionsDescribed = checkRule<Ctx, Ev<'QUESTIONS_SENT_TO_CENTER'>>(
  'correctedQuestions',
  (c, e) =>
    c.review?.result === 'guidance' && !e.data.correctionSummary
      ? '試験問題の審査で指導を受けているため、指導に従って訂正した内容を記載してください。'
      : null,
  '訂正内容（correctionSummary）を記入して再度送付してください。',
);

export const examHeld = checkRule<Ctx, Ev<'RESULTS_RECORDED'>>(
  'examHeld',
  (c, e) =>
    compareDates(tokyoDate(e.at), c.examDate) >= 0 ? null : `試験実施日（${formatDateJa(c.examDate)}）より前に採点結果は登録できません。`,
  '試験実施後に登録してください。',
);

/**
 * The domain function applies the 80% ratio to everything; the manual asks a correspondence trainee to have
 * answered and had corrected *every* assignment, so that part is checked exactly here.
 */
export function examineeEligibility(a: ExamineeResult['attendance']): Eligibility {
  const base = completionExamEligibility(a);
  if (a.mode === 'correspondence' && a.assignmentsCorrected < a.assignmentsTotal) {
    const reasons = [...base.reasons.filter((r) => !r.startsWith('添削指導')), '全ての設問解答・添削指導を受けていません'];
    return { eligible: false, reasons };
  }
  return base;
}

/** Examinees must be eligible: classroom >= 80% of hours; correspondence all assignments corrected and >= 80% face-to-face. */
export const resultsValid = checkRule<Ctx, Ev<'RESULTS_RECORDED'>>(
  'results',
  (c, e) => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const r of e.data.results) {
      if (seen.has(r.traineeId)) problems.push(`${r.traineeId} が重複しています`);
      seen.add(r.traineeId);
      if (r.attendance.mode !== c.course.mode) {
        problems.push(`${r.name}: 受講状況は${c.course.mode === 'classroom' ? '集合訓練' : '通信制訓練'}の形式で入力してください`);
        continue;
      }
      const eligibility = examineeEligibility(r.attendance);
      if (!eligibility.eligible) problems.push(`${r.name} は受験資格を満たしていません（${eligibility.reasons.join('、')}）`);
      if (r.outcome === 'sat' && r.correct === undefined) problems.push(`${r.name}: 受験者には正答数が必要です`);
    }
    return problems.length ? problems.join('／') : null;
  },
  '採点結果を訂正して再度登録してください。',
);

/** The latest result per trainee (a makeup replaces the earlier one). */
export const failed = (c: Ctx) => c.results.filter((r) => r.outcome === 'sat' && !r.passed);
export const absent = (c: Ctx) => c.results.filter((r) => r.outcome === 'absent');
export const passers = (c: Ctx): ScoredResult[] => c.results.filter((r) => r.passed);
export const remedialHours = (c: Ctx, traineeId: string) =>
  c.remedial.filter((r) => r.traineeId === traineeId).reduce((sum, r) => sum + r.hours, 0);

export const remedialForFailed = checkRule<Ctx, Ev<'REMEDIAL_RECORDED'>>(
  'remedial',
  (c, e) =>
    failed(c).some((r) => r.traineeId === e.data.traineeId)
      ? null
      : `${e.data.traineeId} は不合格者ではないため補講の記録は不要です。`,
  '不合格者の訓練生番号を指定してください。',
);

/** Failed trainees need >= 12 hours of remedial lessons first; absentees may sit the makeup directly (manual IV (12)). */
export const makeupCandidates = checkRule<Ctx, Ev<'MAKEUP_SCHEDULED'>>(
  'makeupEligibility',
  (c, e) => {
    const problems = e.data.traineeIds.flatMap((id) => {
      const r = c.results.find((x) => x.traineeId === id);
      if (!r || r.passed) return [`${id} は不合格者・欠席者ではありません`];
      if (r.outcome === 'absent') return [];
      const h = remedialHours(c, id);
      return h >= REMEDIAL_HOURS ? [] : [`${r.name} の補講は ${h} 時間です（追試験の前に${REMEDIAL_HOURS}時間以上の補講が必要）`];
    });
    return problems.length ? problems.join('／') : null;
  },
  `不合格者には必要な教科について${REMEDIAL_HOURS}時間以上の補講を行い、REMEDIAL_RECORDED で記録してから追試験を予定してください。`,
);

export const makeupInFuture = checkRule<Ctx, Ev<'MAKEUP_SCHEDULED'>>(
  'makeupTiming',
  (_c, e) =>
    compareDates(e.data.date, tokyoDate(e.at)) >= 0 ? null : `追試験の実施予定日（${formatDateJa(e.data.date)}）が過去の日付です。`,
  '今日以降の日付を指定してください。',
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
  (c, e) => {
    const problems = e.data.results.flatMap((r) => [
      ...(c.makeup?.traineeIds.includes(r.traineeId) ? [] : [`${r.traineeId} は追試験の対象者ではありません`]),
      ...(r.outcome === 'sat' && r.correct === undefined ? [`${r.traineeId}: 受験者には正答数が必要です`] : []),
    ]);
    return problems.length ? problems.join('／') : null;
  },
  '追試験の対象者の結果だけを登録してください。',
);

export const hasPassers = hasPassersRule<Ctx, Ev<'CERT_NUMBERS_REQUESTED'>>(passers);

export const numbersForEveryPasser = numbersForEveryPasserRule<Ctx, Ev<'CERT_NUMBERS_ISSUED'>>(passers);

export const applicationInTime = submitByRule(
  certificationApplication,
  (_c: Ctx, e: Ev<'CERT_APPLICATION_FILED'>) => e.data.deliveryDate,
);

export const completersArePassersWithNumbers = rosterOfNumberedPassersRule<Ctx, Ev<'CERT_APPLICATION_FILED'>>({
  passers,
  numbers: (c) => c.numbers,
  listed: (data) => data.completers,
  noun: '修了者',
  roster: '修了者名簿',
  remedy: '知事証明番号を受けた合格者全員を修了者名簿〔様式27-1〕に記載してください。',
});

/** 様式25's counts must agree with the recorded results. */
export const summaryMatchesResults = checkRule<Ctx, Ev<'CERT_APPLICATION_FILED'>>(
  'summary',
  (c, e) => {
    const examinees = c.results.filter((r) => r.outcome === 'sat').length;
    const pass = passers(c).length;
    const s = e.data.summary;
    return s.examinees === examinees && s.passers === pass && s.plannedExaminees >= examinees
      ? null
      : `訓練実施状況の人数が採点結果と一致しません（受験者数 ${examinees} 名、合格者数 ${pass} 名）。`;
  },
  '様式25の受験者数・合格者数を採点結果に合わせてください。',
);

/** Failed with the 12 remedial hours done, or absent: who can sit the next makeup round now. */
export const makeupReady = (c: Ctx): ScoredResult[] =>
  c.results.filter((r) => r.outcome === 'absent' || (!r.passed && remedialHours(c, r.traineeId) >= REMEDIAL_HOURS));

/** The rules by the names the machine's `rules` guards use. */
export const completionExamRules = {
  questionFilingInTime,
  examOnLastTrainingDay,
  examDateAsRegistered,
  examDateChangeAllowed,
  questionsToCenterInTime,
  correctionsDescribed,
  examHeld,
  resultsValid,
  remedialForFailed,
  makeupCandidates,
  makeupInFuture,
  makeupHeld,
  makeupResultsValid,
  hasPassers,
  numbersForEveryPasser,
  applicationInTime,
  completersArePassersWithNumbers,
  summaryMatchesResults,
} satisfies RuleTable<Ctx>;

export type CompletionExamRuleName = keyof typeof completionExamRules;
