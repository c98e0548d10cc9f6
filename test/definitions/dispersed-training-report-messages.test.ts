/**
 * Every message of the dispersed-training reports, rendered for its recipient: it names 様式15 and only 様式15, the
 * quarter, the hours, who has still to report, and a late report with its effective day.
 */
import { describe, expect, it } from 'vitest';
import { dispersedTrainingReport } from '../../definitions/dispersed-training-report/index.js';
import { E, run, start, type Event, type Snapshot } from '../machines/dispersed-training-report-fixtures.js';

const formsIn = (text: string) => [...text.matchAll(/様式\s*(\d+(?:-\d+)?(?:・\d+(?:-\d+)?)*)/g)].flatMap((m) => m[1]!.split('・'));

interface Rendered {
  type: string;
  to: string;
  text: string;
}

function render(steps: [Snapshot, Event][]): Rendered[] {
  return steps.flatMap(([before, event]) => {
    const after = run([event], before);
    return (dispersedTrainingReport.events[event.type]!.notify ?? []).map((n) => {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      return { type: event.type, to: n.to, text: n.todo!({ context: after.context, data: event.data }).join('\n') };
    });
  });
}

/** The second quarter: one report in time, one on the Saturday (late); then a trainee leaves; another case withdrawn. */
function quarter(): Rendered[] {
  const first = run([E.report('q2', 0, '2026-10-30')]);
  const both = run([E.report('q2', 1, '2026-10-31')], first);
  return render([
    [start(), E.report('q2', 0, '2026-10-30')],
    [first, E.report('q2', 1, '2026-10-31')],
    [both, E.left()],
    [start(), E.withdrawn()],
  ]);
}

const all = (r: Rendered[], type: string, to: string) => r.filter((x) => x.type === type && x.to === to).map((x) => x.text);

describe('dispersed-training-report messages', () => {
  it('every notify entry of the definition is rendered', () => {
    const expected = Object.values(dispersedTrainingReport.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect([...new Set(quarter().map((r) => `${r.type} -> ${r.to}`))].sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(3);
  });

  it('every message names 様式15 and no other 様式 or procedure', () => {
    for (const r of quarter()) {
      expect(formsIn(r.text), `${r.type} -> ${r.to}`).toContain('15');
      for (const f of formsIn(r.text)) expect(f).toBe('15');
      expect(r.text).not.toMatch(/技能照査|修了時試験|再交付|休止届|変更届|廃止届/);
    }
  });

  it('each report names the employer, trainee, quarter and hours, and who has still to report', () => {
    const [first, second] = all(quarter(), 'REPORT_RECORDED', 'center');
    expect(first).toContain('株式会社城南製作所から山田 太郎の分散訓練実施状況報告書（様式15）（7月〜9月分、報告年月日 令和8年10月9日 (2026-10-09)）');
    expect(first).toContain('専攻実技 実施240時間・出席228時間、系基礎実技 実施120時間・出席120時間');
    expect(first).toContain('7月〜9月分は2人中1人分を受領済みで、未受領は佐藤 花子（有限会社蒲田精機）です');
    expect(first).not.toContain('過ぎた');
    expect(second).toContain('7月〜9月分は2人全員分を受領しました');
    // 2026-10-31 is a Saturday: the effective day is Friday 2026-10-30.
    expect(second).toContain('分散訓練実施状況報告書（7月〜9月分）の受領期限（令和8年10月30日 (2026-10-30)）を1日過ぎた登録');
  });

  it('a trainee leaving and a withdrawal are told to the centre', () => {
    const r = quarter();
    expect(all(r, 'TRAINEE_LEFT', 'center')[0]).toContain('佐藤 花子の分散訓練が 令和8年11月5日 (2026-11-05) に終了しました（理由: 退校）');
    expect(all(r, 'WITHDRAWN', 'center')[0]).toContain('令和8年度の分散訓練実施状況報告書（様式15）の受領の管理が取り下げられました');
  });
});
