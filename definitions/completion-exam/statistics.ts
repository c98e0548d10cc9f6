/**
 * The figures a completion exam counts for HQ's statistics (and other procedures' prefills), per its one course.
 *
 * What counts (manual IV):
 * - 受検者数: trainees who sat, counted once: a makeup round ((12)) replaces the trainee's earlier result, so one
 *   who failed or missed the exam and sat a makeup is one examinee (and one makeup). Absent trainees are not.
 * - 合格者数: examinees with 65 points or more ((8)), on their latest sitting.
 * - 追試験等の受検者数: examinees whose result is a makeup round's.
 * - 合格取消し者数: always 0 — the manual provides no revocation of a completion-exam pass (chapter IV has no
 *   取消し section, unlike III (15)); the figure is declared so reports read the same keys for both exams.
 * - 修了者数: once the 修了証書 are delivered, the completers named on the application (様式27-1).
 * A withdrawn case, or one with no results yet, counts for nothing (no rows).
 */
import type { FigureRow, StatisticsDefinition } from '../types.js';
import type { CompletionExamContext } from './context.js';
import { passers } from './rules.js';

export const completionExamFigures = [
  { key: 'examinees', label: '受検者数' },
  { key: 'passers', label: '合格者数' },
  { key: 'makeups', label: '追試験等の受検者数' },
  { key: 'revocations', label: '合格取消し者数' },
  { key: 'completers', label: '修了者数' },
] as const;

export type CompletionExamFigureKey = (typeof completionExamFigures)[number]['key'];

export function completionExamFigureRows(c: CompletionExamContext): FigureRow[] {
  if (c.withdrawal || c.results.length === 0) return [];
  const sat = c.results.filter((r) => r.outcome === 'sat');
  const values: Record<CompletionExamFigureKey, number> = {
    examinees: sat.length,
    passers: passers(c).length,
    makeups: sat.filter((r) => r.round > 0).length,
    revocations: 0,
    completers: c.deliveredOn && c.application ? c.application.applicants.length : 0,
  };
  return [{ family: `${c.course.kei}系`, course: `${c.course.ka}科`, values }];
}

export const completionExamStatistics: StatisticsDefinition<CompletionExamContext> = {
  figures: [...completionExamFigures],
  rates: [{ key: 'passRate', label: '合格率', numerator: 'passers', denominator: 'examinees' }],
  rows: completionExamFigureRows,
};
