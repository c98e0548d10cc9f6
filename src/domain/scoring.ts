/**
 * Scoring rules for the 技能照査 (skill check) and the 修了試験 (completion exam).
 */
export interface WrittenAnswers {
  correct: number;
  wrong: number;
  blank: number;
}

export const SKILL_CHECK_QUESTIONS = 100;
export const SKILL_CHECK_PASS_MARK = 60;
export const COMPLETION_EXAM_QUESTIONS = 100;
export const COMPLETION_EXAM_PASS_MARK = 65;

export interface SkillCheckResult {
  writtenScore: number;
  practicalScore: number;
  passed: boolean;
}

/**
 * +1 per correct answer, −0.5 per wrong answer, 0 for blank (discourages guessing).
 * The manual is silent on negative totals; a score below zero is meaningless on
 * the 0–100 scale the certificates use, so it is clamped to 0. The pass/fail
 * outcome is unaffected either way.
 */
export function skillCheckWrittenScore(a: WrittenAnswers): number {
  return Math.max(0, a.correct - a.wrong * 0.5);
}

export function validateWrittenAnswers(a: WrittenAnswers, total = SKILL_CHECK_QUESTIONS): string | null {
  const fields: [keyof WrittenAnswers, string][] = [
    ['correct', '正答数'],
    ['wrong', '誤答数'],
    ['blank', '無答数'],
  ];
  for (const [key, label] of fields) {
    const v = a[key];
    if (!Number.isInteger(v) || v < 0) return `${label}は0以上の整数で入力してください`;
  }
  const sum = a.correct + a.wrong + a.blank;
  if (sum !== total) {
    return `正答数・誤答数・無答数の合計 (${sum}) が問題数 (${total}) と一致しません`;
  }
  return null;
}

/** Throws on invalid input: a pass/fail decision must never come from inconsistent counts. */
export function skillCheckResult(written: WrittenAnswers, practicalScore: number): SkillCheckResult {
  const error = validateWrittenAnswers(written);
  if (error) throw new RangeError(error);
  if (!Number.isFinite(practicalScore) || practicalScore < 0 || practicalScore > 100) {
    throw new RangeError(`実技の得点は0〜100で入力してください: ${practicalScore}`);
  }
  const writtenScore = skillCheckWrittenScore(written);
  return {
    writtenScore,
    practicalScore,
    passed: writtenScore >= SKILL_CHECK_PASS_MARK && practicalScore >= SKILL_CHECK_PASS_MARK,
  };
}

/** Unlike the skill check, wrong answers are not penalised: one point per correct answer. */
export function completionExamResult(correct: number): { score: number; passed: boolean } {
  if (!Number.isInteger(correct) || correct < 0 || correct > COMPLETION_EXAM_QUESTIONS) {
    throw new RangeError(`正答数は0〜${COMPLETION_EXAM_QUESTIONS}の整数で入力してください: ${correct}`);
  }
  return { score: correct, passed: correct >= COMPLETION_EXAM_PASS_MARK };
}
