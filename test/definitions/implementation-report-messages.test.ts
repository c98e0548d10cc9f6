/**
 * Every message of the yearly report, rendered for its recipient: it names 様式1 and its sheets only, tells the
 * centre whether the transcribed figures were kept (and which were changed), and records a late report.
 */
import { describe, expect, it } from 'vitest';
import { implementationReport } from '../../definitions/implementation-report/index.js';
import { E, deadlineEvent, report, run, skillCheck, start, type Event, type Snapshot } from '../machines/implementation-report-fixtures.js';

const formsIn = (text: string) => [...text.matchAll(/様式\s*(\d+(?:-\d+)*)/g)].map((m) => m[1]!);

interface Rendered {
  type: string;
  to: string;
  text: string;
}

function render(steps: [Snapshot, Event][]): Rendered[] {
  return steps.flatMap(([before, event]) => {
    const after = run([event], before);
    return (implementationReport.events[event.type]!.notify ?? []).map((n) => {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      return { type: event.type, to: n.to, text: n.todo!({ context: after.context, data: event.data }).join('\n') };
    });
  });
}

const changedPassers = report({ skillChecks: [skillCheck({ skillCheckPassers: 5, failedBoth: 0 })] });

function year(): Rendered[] {
  const filed = run([E.filed('2027-05-20', changedPassers)]);
  const back = run([E.correction()], filed);
  const again = run([E.refiled()], back);
  const late = run([deadlineEvent('overdue', '2027-06-05')]);
  return render([
    [start(), E.filed('2027-05-20', changedPassers)],
    [filed, E.correction()],
    [back, E.refiled()],
    [again, E.accepted()],
    [start(), E.withdrawn()],
    [late, E.filed('2027-06-07')],
  ]);
}

const all = (r: Rendered[], type: string, to: string) => r.filter((x) => x.type === type && x.to === to).map((x) => x.text);

describe('implementation-report messages', () => {
  it('every notify entry of the definition is rendered', () => {
    const expected = Object.values(implementationReport.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect([...new Set(year().map((r) => `${r.type} -> ${r.to}`))].sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(6);
  });

  it('every message names 様式1 (and its sheets) and no other 様式 or procedure', () => {
    for (const r of year()) {
      expect(formsIn(r.text).length, `${r.type} -> ${r.to}`).toBeGreaterThan(0);
      for (const f of formsIn(r.text)) expect(f.startsWith('1'), `${r.type}: 様式${f}`).toBe(true);
      expect(r.text).not.toMatch(/休止届|廃止届|変更届|再交付|事業計画書/);
    }
  });

  it('the centre sees the sheets filed and each transcribed figure the school changed; kept figures are said to be kept', () => {
    const [changed, late] = all(year(), 'REPORT_FILED', 'center');
    expect(changed).toContain('令和8年度の実施状況（専門課程・普通課程 1科、短期課程 1コース）と令和9年4月30日 (2027-04-30)現在の訓練生数の報告です。提出された様式: 様式1-1-1・様式1-1-2・様式1-1-3・様式1-2・様式1-3・様式1-4');
    expect(changed).toContain('既存の案件から転記した数値と異なる箇所があります（機械系 機械加工科: 技能照査合格者数 転記 4人 → 報告 5人。機械系 機械加工科: 技能照査不合格者数（学科及び実技） 転記 1人 → 報告 0人）');
    expect(late).toContain('転記した数値は、そのまま報告されています');
    expect(late).toContain('本庁が定める提出期限（令和9年6月4日 (2027-06-04)）を3日過ぎた提出として記録しています');
    expect(all(year(), 'REFILED', 'center')[0]).toContain('求めた補正（修了者数を確認してください。）がされているか確認してください');
  });

  it('the school hears what to correct and of the receipt; HQ of the receipt; the centre of a withdrawal', () => {
    const r = year();
    expect(all(r, 'CORRECTION_REQUESTED', 'school')[0]).toContain('補正した報告書を管轄職業能力開発センターへ再提出してください');
    expect(all(r, 'ACCEPTED', 'school')[0]).toContain('令和9年度の認定職業訓練実施状況報告書（様式1）（令和8年度の実施状況、令和9年4月30日 (2027-04-30)現在の訓練生数）が受理されました');
    expect(all(r, 'ACCEPTED', 'hq')[0]).toContain('規則35条の4の報告として集計してください');
    expect(all(r, 'WITHDRAWN', 'center')[0]).toContain('取り下げられました（理由: 同じ年度の報告書を二重に作成したため）');
  });
});
