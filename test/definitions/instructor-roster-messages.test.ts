/**
 * Every message of the instructor roster, rendered for its recipient: it names 様式5-1・5-2 or 5-3 and only those, counts
 * the consents and names who still owes one, and records a late roster or consent.
 */
import { describe, expect, it } from 'vitest';
import { instructorRoster } from '../../definitions/instructor-roster/index.js';
import { E, deadlineEvent, run, start, type Event, type Snapshot } from '../machines/instructor-roster-fixtures.js';

const formsIn = (text: string) => [...text.matchAll(/様式\s*(\d+(?:-\d+)?(?:・\d+(?:-\d+)?)*)/g)].flatMap((m) => m[1]!.split('・'));

interface Rendered {
  type: string;
  to: string;
  text: string;
}

function render(steps: [Snapshot, Event][]): Rendered[] {
  return steps.flatMap(([before, event]) => {
    const after = run([event], before);
    return (instructorRoster.events[event.type]!.notify ?? []).map((n) => {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      return { type: event.type, to: n.to, text: n.todo!({ context: after.context, data: event.data }).join('\n') };
    });
  });
}

/** Filed in time, one consent, the rest late, a change adding an instructor; another withdrawn. */
function year(): Rendered[] {
  const filed = run([E.filed()]);
  const one = run([E.consents('2026-04-22', '甲野 一郎')], filed);
  const all = run([E.consents('2026-05-07', '乙川 二郎', '丙山 三郎')], one);
  return render([
    [start(), E.filed()],
    [filed, E.consents('2026-04-22', '甲野 一郎')],
    [one, E.consents('2026-05-07', '乙川 二郎', '丙山 三郎')],
    [all, E.changed()],
    [start(), E.withdrawn()],
  ]);
}

/** The roster made after the effective day. */
function lateRoster(): Rendered[] {
  const overdue = run([deadlineEvent('overdue', '2026-05-02')]);
  return render([[overdue, E.filed('2026-05-07')]]);
}

const all = (r: Rendered[], type: string, to: string) => r.filter((x) => x.type === type && x.to === to).map((x) => x.text);

describe('instructor-roster messages', () => {
  it('every notify entry of the definition is rendered', () => {
    const expected = Object.values(instructorRoster.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect([...new Set(year().map((r) => `${r.type} -> ${r.to}`))].sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(4);
  });

  it('every message names 様式5-1・5-2 or 5-3 and no other 様式 or procedure', () => {
    for (const r of [...year(), ...lateRoster()]) {
      expect(formsIn(r.text).length, `${r.type} -> ${r.to}`).toBeGreaterThan(0);
      for (const f of formsIn(r.text)) expect(['5-1', '5-2', '5-3'], `${r.type}: 様式${f}`).toContain(f);
      expect(r.text).not.toMatch(/技能照査|修了時試験|再交付|休止届|変更届|廃止届/);
    }
  });

  it('the centre hears of the roster with its size and who owes a consent; then of each consent', () => {
    const r = year();
    const [roster] = all(r, 'ROSTER_FILED', 'center');
    expect(roster).toContain('令和8年度の職業訓練指導員・講師名簿（様式5-1・5-2）が作成されました（作成年月日 令和8年4月20日 (2026-04-20)、集合 3人、分散 1事業所）');
    expect(roster).toContain('3人中0人分を受け取り済みで、未提出は甲野 一郎、乙川 二郎、丙山 三郎です');
    const [first, rest] = all(r, 'CONSENT_RECORDED', 'center');
    expect(first).toContain('3人中1人分を受け取り済みで、未提出は乙川 二郎、丙山 三郎です');
    expect(first).not.toContain('過ぎた');
    expect(rest).toContain('承諾書を要する3人全員分がそろいました');
    expect(rest).toContain('指導員・講師承諾書の提出の期限（令和8年5月1日 (2026-05-01)）を6日過ぎた登録');
  });

  it('a change names its date and reason and the new instructor who owes a consent; a late roster is noted', () => {
    const [change] = all(year(), 'ROSTER_CHANGED', 'center');
    expect(change).toContain('変更年月日 令和8年6月15日 (2026-06-15)、変更理由: 講師の追加（溶接実技）');
    expect(change).toContain('未提出は己野 六郎です');
    expect(all(lateRoster(), 'ROSTER_FILED', 'center')[0]).toContain('職業訓練指導員・講師名簿の作成の期限（令和8年5月1日 (2026-05-01)）を6日過ぎた登録');
    expect(all(year(), 'WITHDRAWN', 'center')[0]).toContain('取り下げられました（理由: 訓練科の休止により今年度は作成しない）');
  });
});
