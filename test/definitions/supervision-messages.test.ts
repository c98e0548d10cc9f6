/**
 * Every message of a supervision visit, rendered for its recipient: it names the kind of visit in the manual's words
 * (II-5), the findings and the report date in 和暦 and ISO, records a late record or report, and names no procedure's
 * 様式 of its own (the only 様式 in these texts are the 帳票 the visitor's findings name).
 */
import { describe, expect, it } from 'vitest';
import { supervision } from '../../definitions/supervision/index.js';
import { E, INPUT, run, start, visit, type Event, type Snapshot } from '../machines/supervision-fixtures.js';

interface Rendered {
  type: string;
  to: string;
  text: string;
}

function render(steps: [Snapshot, Event][]): Rendered[] {
  return steps.flatMap(([before, event]) => {
    const after = run([event], before);
    return (supervision.events[event.type]!.notify ?? []).map((n) => {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      return { type: event.type, to: n.to, text: n.todo!({ context: after.context, data: event.data }).join('\n') };
    });
  });
}

/** Rescheduled, recorded with findings, reported, 再指導, reported again, confirmed; another cancelled. */
function withFindings(): Rendered[] {
  const rescheduled = run([E.rescheduled()]);
  const recorded = run([E.recorded()], rescheduled);
  const reported = run([E.improved()], recorded);
  const further = run([E.further()], reported);
  const again = run([E.improved('2026-12-21')], further);
  return render([
    [start(), E.rescheduled()],
    [rescheduled, E.recorded()],
    [recorded, E.improved()],
    [reported, E.further()],
    [further, E.improved('2026-12-21')],
    [again, E.confirmed('2026-12-22')],
    [start(), E.cancelled()],
  ]);
}

/** A 職業訓練法人調査 recorded late (on 文化の日) without findings. */
function clean(): Rendered[] {
  const s = start({ ...INPUT, kind: 'corporation', trainingCorporation: true });
  return render([[s, E.recorded('2026-11-03', visit({ findings: [], followUpBy: undefined }))]]);
}

const all = (r: Rendered[], type: string, to: string) => r.filter((x) => x.type === type && x.to === to).map((x) => x.text);
const one = (r: Rendered[], type: string, to: string) => {
  const found = all(r, type, to);
  expect(found, `${type} -> ${to}`).toHaveLength(1);
  return found[0]!;
};

describe('supervision messages', () => {
  it('every notify entry of the definition is rendered', () => {
    const expected = Object.values(supervision.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect([...new Set(withFindings().map((r) => `${r.type} -> ${r.to}`))].sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(7);
  });

  it('every message names the kind of visit and no other procedure', () => {
    for (const r of [...withFindings(), ...clean()]) {
      expect(r.text, `${r.type} -> ${r.to}`).toMatch(/訓練事務指導|職業訓練法人調査/);
      expect(r.text).not.toMatch(/技能照査|修了時試験|再交付|休止届|変更届|廃止届/);
      for (const f of r.text.match(/様式\s*\d+/g) ?? []) expect(['様式8', '様式9']).toContain(f);
    }
  });

  it('the school is told its findings one by one and the report date; the centre what to check', () => {
    const r = withFindings();
    const school = one(r, 'VISIT_RECORDED', 'school');
    expect(school).toContain('令和8年10月27日 (2026-10-27)の(1) 訓練事務指導で、2件の指摘事項がありました');
    expect(school).toContain('改善の状況を 令和8年11月23日 (2026-11-23) までに報告してください');
    expect(school).toContain('1. 訓練日誌（様式8）の記入漏れ：毎訓練日に指導員が記入し、校長が確認すること');
    expect(one(r, 'VISIT_RECORDED', 'center')).toContain('訪問者: 城南職業能力開発センター 訓練課 丙野 三郎、指摘事項 2件');
    expect(one(r, 'VISIT_RESCHEDULED', 'school')).toContain('訪問予定日が 令和8年10月28日 (2026-10-28) に変更されました');
    expect(one(r, 'VISIT_RESCHEDULED', 'school')).toContain('訓練管理帳票類が整備されているか');
  });

  it('a report is sent to the centre with what was asked; the second, after the 再指導\'s effective day, is recorded late', () => {
    const reports = all(withFindings(), 'IMPROVEMENT_REPORTED', 'center');
    expect(reports).toHaveLength(2);
    expect(reports[0]).toContain('確認を完了するか、再指導してください');
    expect(reports[0]).not.toContain('過ぎた');
    // The 再指導's date 2026-12-20 is a Sunday: effective 2026-12-18, so a report on 2026-12-21 is 3 days late.
    expect(reports[1]).toContain('改善状況の報告の期限（令和8年12月18日 (2026-12-18)）を3日過ぎた登録');
    expect(one(withFindings(), 'FURTHER_FOLLOW_UP', 'school')).toContain('校長の確認欄への押印を徹底すること');
    expect(one(withFindings(), 'FOLLOW_UP_CONFIRMED', 'school')).toContain('期限を過ぎた提出として記録されています');
    expect(one(withFindings(), 'CANCELLED', 'school')).toContain('中止になりました（理由: 訓練が休講となったため）');
  });

  it('a visit without findings is done, and a late record is noted to the centre', () => {
    const r = clean();
    expect(one(r, 'VISIT_RECORDED', 'school')).toContain('(5) 職業訓練法人調査では、指摘事項はありませんでした');
    expect(one(r, 'VISIT_RECORDED', 'center')).toContain('期限（令和8年11月2日 (2026-11-02)）を1日過ぎた登録');
  });
});
