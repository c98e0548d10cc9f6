/**
 * Every message of the yearly plan, rendered for its recipient: it names the plan's sheets (事業計画, 様式6/7) and no
 * other procedure's 様式, lists each course with its sheets for the centre, and records a late plan.
 */
import { describe, expect, it } from 'vitest';
import { annualPlan } from '../../definitions/annual-plan/index.js';
import { E, deadlineEvent, run, start, type Event, type Snapshot } from '../machines/annual-plan-fixtures.js';

const formsIn = (text: string) => [...text.matchAll(/様式\s*(\d+(?:-\d+)?)/g)].map((m) => m[1]!);

interface Rendered {
  type: string;
  to: string;
  text: string;
}

function render(steps: [Snapshot, Event][]): Rendered[] {
  return steps.flatMap(([before, event]) => {
    const after = run([event], before);
    return (annualPlan.events[event.type]!.notify ?? []).map((n) => {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      return { type: event.type, to: n.to, text: n.todo!({ context: after.context, data: event.data }).join('\n') };
    });
  });
}

/** Filed in time, returned, re-filed, accepted; another withdrawn; one filed late. */
function year(): Rendered[] {
  const filed = run([E.filed()]);
  const back = run([E.correction()], filed);
  const again = run([E.refiled()], back);
  const late = run([deadlineEvent('overdue', '2026-04-29')]);
  return render([
    [start(), E.filed()],
    [filed, E.correction()],
    [back, E.refiled()],
    [again, E.accepted('2026-04-30', '9月開講の技能士コースは変更届で')],
    [start(), E.withdrawn()],
    [late, E.filed('2026-05-07')],
  ]);
}

const all = (r: Rendered[], type: string, to: string) => r.filter((x) => x.type === type && x.to === to).map((x) => x.text);

describe('annual-plan messages', () => {
  it('every notify entry of the definition is rendered', () => {
    const expected = Object.values(annualPlan.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect([...new Set(year().map((r) => `${r.type} -> ${r.to}`))].sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(5);
  });

  it('every message names the 事業計画書 and no 様式 but the plan\'s own (6-1・6-2・7-1・7-2・7-3), nor another procedure', () => {
    for (const r of year()) {
      expect(r.text, `${r.type} -> ${r.to}`).toContain('認定職業訓練事業計画書');
      for (const f of formsIn(r.text)) expect(['6-1', '6-2', '7-1', '7-2', '7-3'], `${r.type}: 様式${f}`).toContain(f);
      expect(r.text).not.toMatch(/技能照査|修了時試験|再交付|休止届|廃止届|実施状況報告/);
    }
  });

  it('the centre sees each course with its sheets and the subsidy choice; a late plan is noted', () => {
    const [first, late] = all(year(), 'PLAN_FILED', 'center');
    expect(first).toContain('令和8年度の認定職業訓練事業計画書（令和8年4月1日 (2026-04-01)付け）を受け付けました');
    expect(first).toContain('補助金等の交付希望: ③ 希望なし');
    expect(first).toContain('・普通課程 機械系 機械加工科（12人）: 団体・事業所の概要（事業計画1-1）');
    expect(first).toContain('入校年度別訓練実施計画 2年生用（事業計画4-2）、教科の科目内容（事業計画6）、年度訓練計画・実績表〔様式6-1〕、月分訓練計画・実績表〔様式6-2〕');
    expect(first).toContain('・短期課程（技能士コース） 機械系 機械加工科（2級技能士コース）（8人）');
    expect(first).not.toContain('過ぎた');
    expect(late).toContain('本庁が定める提出期限（令和8年4月28日 (2026-04-28)）を9日過ぎた提出として記録しています');
  });

  it('the school hears what to correct, and of the receipt; the centre of a re-filing and a withdrawal', () => {
    const r = year();
    expect(all(r, 'CORRECTION_REQUESTED', 'school')[0]).toContain('補正を求められました（補正を求める事項: 様式6-2が添付されていません。）。補正した事業計画書を管轄職業能力開発センターへ再提出してください');
    expect(all(r, 'REFILED', 'center')[0]).toContain('求めた補正（様式6-2が添付されていません。）がされているか確認してください');
    const [acc] = all(r, 'ACCEPTED', 'school');
    expect(acc).toContain('令和8年度の認定職業訓練事業計画書が受理されました（2課程）');
    expect(acc).toContain('センターからの連絡事項: 9月開講の技能士コースは変更届で');
    expect(all(r, 'WITHDRAWN', 'center')[0]).toContain('取り下げられました（理由: 同じ年度の計画書を二重に作成したため）');
  });
});
