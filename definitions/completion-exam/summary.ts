/** What a completion-exam case holds now, for its page: examinees with eligibility and scores, remedial hours, numbers. */
import { summaryTable, type DisplayItem } from '../common/display.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import type { CompletionExamContext } from './context.js';

export function completionExamSummary(c: CompletionExamContext): DisplayItem[] {
  const name = (id: string) => c.results.find((r) => r.traineeId === id)?.name;
  const remedialHours = (id: string) => c.remedial.filter((r) => r.traineeId === id).reduce((sum, r) => sum + r.hours, 0);
  return [
    ...summaryTable('採点結果（正答数が得点、65点以上で合格）', c.results, [
      ['訓練生番号', (r) => r.traineeId],
      ['氏名', (r) => r.name],
      ['生年月日', (r) => formatDateJa(r.birthDate)],
      ['受験資格', (r) => (r.eligibility.eligible ? 'あり' : `なし（${r.eligibility.reasons.join('、')}）`)],
      ['受験状況', (r) => (r.outcome === 'sat' ? '受験' : '欠席')],
      ['得点', (r) => r.score],
      ['判定', (r) => (r.outcome !== 'sat' ? '—' : r.passed ? '合格' : '不合格')],
      ['試験', (r) => (r.round === 0 ? '本試験' : `追試験（第${r.round}回）`)],
      ['記録済みの補講時間', (r) => (r.passed ? '' : `${remedialHours(r.traineeId)}時間`)],
    ]),
    ...summaryTable('知事証明番号・修了証書番号', c.numbers, [
      ['訓練生番号', (n) => n.traineeId],
      ['氏名', (n) => name(n.traineeId)],
      ['知事証明番号', (n) => n.tokyoNumber],
      ['修了証書番号', (n) => c.application?.applicants.find((a) => a.traineeId === n.traineeId)?.schoolNumber],
    ]),
  ];
}
