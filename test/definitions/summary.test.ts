/** A case page shows what the case holds now, from the definition: roster and eligibility, scores, numbers. */
import { describe, expect, it } from 'vitest';
import { skillCheck } from '../../definitions/skill-check/index.js';
import { E, reach, run } from '../machines/skill-check-fixtures.js';

const tableOf = (items: ReturnType<NonNullable<typeof skillCheck.summary>>, label: RegExp) => {
  const t = items.find((i) => label.test(i.label));
  if (!t || !('table' in t)) throw new Error(`no table ${label}`);
  return t.table;
};

describe('skill-check summary', () => {
  it('lists scores with pass/fail after results, numbers once issued, and a revoked pass', () => {
    const results = skillCheck.summary!(reach('resultsRecorded').context);
    const scores = tableOf(results, /^採点結果/);
    expect(scores.columns).toEqual(['訓練生番号', '氏名', '受験状況', '学科得点', '実技得点', '判定', '追試験']);
    expect(scores.rows.map((r) => [r[0], r[5]])).toEqual([
      ['T1', '合格'],
      ['T2', '不合格'],
      ['T3', '—'],
    ]);
    expect(tableOf(results, /受験資格/).rows.length).toBeGreaterThan(0);
    const revoked = skillCheck.summary!(run([E.revoked('T1')], reach('delivered')).context);
    expect(tableOf(revoked, /^採点結果/).rows[0]![5]).toBe('合格取消し');
    expect(tableOf(revoked, /知事証明番号/).rows[0]).toContain('東京R8-0001');
    expect(tableOf(revoked, /知事証明番号/).rows[0]!.at(-1)).toBe('合格取消し');
  });

  it('is empty for a case with nothing recorded yet', () => {
    expect(skillCheck.summary!(reach('questionReview').context)).toEqual([]);
  });
});
