/** What a skill-check case holds now, for its page: the roster with eligibility, the scores, the numbers. */
import { summaryTable, type DisplayItem } from '../common/display.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import type { SkillCheckContext } from './context.js';
import { passers } from './rules.js';

const OUTCOME: Record<string, string> = { sat: '受験', 'absent-accident': '不測の事故による欠席', 'abandoned-accident': '不測の事故による途中放棄', absent: '欠席' };

export function skillCheckSummary(c: SkillCheckContext): DisplayItem[] {
  const name = (id: string) => c.roster.find((r) => r.traineeId === id)?.name;
  const revoked = new Set(c.revocations.map((r) => r.traineeId));
  const passing = new Set(passers(c).map((p) => p.traineeId));
  const schoolNumber = (id: string) => c.application?.applicants.find((a) => a.traineeId === id)?.schoolNumber;
  return [
    ...summaryTable('出席状況連名簿〔様式19-2〕と受験資格', c.roster, [
      ['訓練生番号', (r) => r.traineeId],
      ['氏名', (r) => r.name],
      ['生年月日', (r) => formatDateJa(r.birthDate)],
      ['受験資格（出席80%以上）', (r) => (r.eligibility.eligible ? 'あり' : `なし（${r.eligibility.reasons.join('、')}）`)],
    ]),
    ...summaryTable('採点結果（学科＝正答×1−誤答×0.5、合格＝学科60点以上かつ実技60点以上）', c.results, [
      ['訓練生番号', (r) => r.traineeId],
      ['氏名', (r) => name(r.traineeId)],
      ['受験状況', (r) => OUTCOME[r.outcome] ?? r.outcome],
      ['学科得点', (r) => r.writtenScore],
      ['実技得点', (r) => r.practicalScore],
      ['判定', (r) => (revoked.has(r.traineeId) ? '合格取消し' : r.outcome !== 'sat' ? '—' : r.passed ? '合格' : '不合格')],
      ['追試験', (r) => (r.makeup ? '追試験の結果' : '')],
    ]),
    ...summaryTable('知事証明番号・合格証書交付番号', c.numbers, [
      ['訓練生番号', (n) => n.traineeId],
      ['氏名', (n) => name(n.traineeId)],
      ['知事証明番号', (n) => n.tokyoNumber],
      ['合格証書交付番号', (n) => schoolNumber(n.traineeId)],
      ['状態', (n) => (passing.has(n.traineeId) ? '有効' : '合格取消し')],
    ]),
    ...summaryTable('合格の取消し', c.revocations, [
      ['訓練生番号', (r) => r.traineeId],
      ['氏名', (r) => name(r.traineeId)],
      ['理由', (r) => r.reason],
      ['日付', (r) => formatDateJa(r.on)],
    ]),
  ];
}
