/**
 * The figures a skill check counts for HQ's statistics (and other procedures' prefills), per its one course.
 *
 * What counts (manual III):
 * - 受検者数: trainees who sat the exam, counted once: a makeup (追試験, (13)) replaces the trainee's missed sitting,
 *   so one who missed through an accident and sat the makeup is one examinee (and one makeup). Absent trainees and
 *   those who abandoned the sitting without a makeup are not examinees.
 * - 合格者数: examinees who passed (学科 60 and 実技 60), less those whose pass was revoked ((15)).
 * - 学科試験不合格者数 / 実技試験不合格者数: examinees below 60 in that part (one failing both counts in both).
 * - 追試験等の受検者数: examinees whose result is a makeup's.
 * - 合格取消し者数: passes revoked (a revoked trainee stays an examinee).
 * - 合格証書交付数: once delivered, the certificates of the applicants still passing (a revoked one is recalled).
 * A withdrawn case, or one with no results yet, counts for nothing (no rows).
 */
import { SKILL_CHECK_PASS_MARK } from '../../src/domain/scoring.js';
import type { FigureRow, StatisticsDefinition } from '../types.js';
import type { SkillCheckContext } from './context.js';
import { passers } from './rules.js';

export const skillCheckFigures = [
  { key: 'examinees', label: '受検者数' },
  { key: 'passers', label: '合格者数' },
  { key: 'failedWritten', label: '学科試験不合格者数' },
  { key: 'failedPractical', label: '実技試験不合格者数' },
  { key: 'makeups', label: '追試験等の受検者数' },
  { key: 'revocations', label: '合格取消し者数' },
  { key: 'certificates', label: '合格証書交付数' },
] as const;

export type SkillCheckFigureKey = (typeof skillCheckFigures)[number]['key'];

export function skillCheckFigureRows(c: SkillCheckContext): FigureRow[] {
  if (c.withdrawal || c.results.length === 0) return [];
  const sat = c.results.filter((r) => r.outcome === 'sat');
  const passing = new Set(passers(c).map((p) => p.traineeId));
  const below = (score: number | null) => score !== null && score < SKILL_CHECK_PASS_MARK;
  const values: Record<SkillCheckFigureKey, number> = {
    examinees: sat.length,
    passers: passing.size,
    failedWritten: sat.filter((r) => below(r.writtenScore)).length,
    failedPractical: sat.filter((r) => below(r.practicalScore)).length,
    makeups: sat.filter((r) => r.makeup).length,
    revocations: new Set(c.revocations.map((r) => r.traineeId)).size,
    certificates: c.deliveredOn && c.application ? c.application.applicants.filter((a) => passing.has(a.traineeId)).length : 0,
  };
  return [{ family: `${c.course.kei}系`, course: `${c.course.ka}科`, values }];
}

export const skillCheckStatistics: StatisticsDefinition<SkillCheckContext> = {
  figures: [...skillCheckFigures],
  rates: [{ key: 'passRate', label: '合格率', numerator: 'passers', denominator: 'examinees' }],
  rows: skillCheckFigureRows,
};
