/**
 * Every message of the abolition, rendered for its recipient from a realistic case: it names 様式4 and only 様式4, tells
 * the centre what to check (the 認定書, the custodian, the school's open cases), records a late filing, and tells the
 * school the records stay kept for their retention periods.
 */
import { describe, expect, it } from 'vitest';
import { abolition } from '../../definitions/abolition/index.js';
import { E, deadlineEvent, payload, run, start, type Event, type Snapshot } from '../machines/abolition-fixtures.js';

const formsIn = (text: string) => [...text.matchAll(/様式\s*(\d+(?:-\d+)?(?:・\d+(?:-\d+)?)*)/g)].flatMap((m) => m[1]!.split('・'));

interface Rendered {
  type: string;
  to: string;
  text: string;
}

function render(steps: [Snapshot, Event][]): Rendered[] {
  return steps.flatMap(([before, event]) => {
    const after = run([event], before);
    return (abolition.events[event.type]!.notify ?? []).map((n) => {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      return { type: event.type, to: n.to, text: n.todo!({ context: after.context, data: event.data }).join('\n') };
    });
  });
}

/** Filed in time, corrected once (an open case), re-filed, received; and one withdrawn before filing. */
function inTime(): Rendered[] {
  const filed = run([E.filed()]);
  const correcting = run([E.correction()], filed);
  return render([
    [start(), E.filed()],
    [filed, E.correction()],
    [correcting, E.refiled()],
    [run([E.refiled()], correcting), E.accepted()],
    [start(), E.withdrawn()],
  ]);
}

/** Filed on 文化の日 (a day late) by a school that used the subsidy; received; another withdrawn at the centre. */
function late(): Rendered[] {
  const overdue = run([deadlineEvent('overdue', '2026-11-03')]);
  const e = E.filed('2026-11-03', payload({ subsidyUsed: true }));
  const filed = run([e], overdue);
  return render([
    [overdue, e],
    [filed, E.accepted('2026-11-05')],
    [filed, E.withdrawn('2026-11-04')],
  ]);
}

const one = (r: Rendered[], type: string, to: string) => {
  const found = r.filter((x) => x.type === type && x.to === to);
  expect(found, `${type} -> ${to}`).toHaveLength(1);
  return found[0]!.text;
};

describe('abolition messages', () => {
  it('every notify entry of the definition is rendered', () => {
    const expected = Object.values(abolition.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect(inTime().map((r) => `${r.type} -> ${r.to}`).sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(6);
  });

  for (const [name, rendered] of [
    ['in time', inTime],
    ['late', late],
  ] as const) {
    it(`${name}: every message names 様式4 and only 様式4, and no other procedure`, () => {
      for (const r of rendered()) {
        expect(r.text, `${r.type} -> ${r.to}`).toContain('様式4');
        for (const f of formsIn(r.text)) expect(f, `${r.type} -> ${r.to}: 様式${f}`).toBe('4');
        expect(r.text).not.toMatch(/技能照査|修了時試験|再交付|休止届|変更届/);
      }
    });
  }

  it('the centre is told to check the 認定書 and the custodian, then to receive or ask for corrections (the open cases: abolition.test.ts)', () => {
    const text = one(inTime(), 'ABOLITION_FILED', 'center');
    expect(text).toContain('認定職業訓練廃止届（様式4）を受け付けました（廃止年月日 令和8年10月3日 (2026-10-03)、訓練科: 塗装系 建築塗装科）');
    expect(text).toContain('東京都塗装工業協同組合、東京都品川区東品川1-2-3、理事長 乙山 二郎');
    expect(text).toContain('受理するか、補正を求めてください');
    expect(text).not.toContain('過ぎた提出');
    expect(text).not.toContain('補助金');
  });

  it('a late filing is recorded with the effective day, and a subsidy user is flagged to the centre and HQ', () => {
    const r = late();
    const centre = one(r, 'ABOLITION_FILED', 'center');
    expect(centre).toContain('届出の期限（令和8年11月2日 (2026-11-02)）を1日過ぎた提出');
    expect(centre).toContain('事業内職業訓練事業補助金の施設費・設備費');
    expect(one(r, 'ACCEPTED', 'hq')).toContain('事業内職業訓練事業補助金');
    expect(one(r, 'ACCEPTED', 'school')).toContain('1か月を過ぎた提出');
    expect(one(inTime(), 'ACCEPTED', 'school')).not.toContain('過ぎた提出');
  });

  it('a correction asks for a re-filing with the 認定書; the receipt reminds of the retention periods; HQ hears of it', () => {
    const r = inTime();
    expect(one(r, 'CORRECTION_REQUESTED', 'school')).toContain('補正を求める事項: 進行中の案件が1件あります。完了又は取下げの後に再提出してください）。補正した様式4を認定書とともに');
    expect(one(r, 'REFILED', 'center')).toContain('補正後の認定職業訓練廃止届（様式4）');
    const received = one(r, 'ACCEPTED', 'school');
    expect(received).toContain('認定書の受領日 令和8年10月26日 (2026-10-26)');
    expect(received).toContain('保存年限に従って引継先で保存してください');
    expect(one(r, 'ACCEPTED', 'hq')).toContain('帳票類の引継先 東京都塗装工業協同組合');
  });

  it('a withdrawal tells the centre whether a filed notice is withdrawn or none will come', () => {
    expect(one(inTime(), 'WITHDRAWN', 'center')).toContain('この廃止届は提出されません');
    expect(one(late(), 'WITHDRAWN', 'center')).toContain('受理前に認定職業訓練廃止届（様式4）が取り下げられました');
  });
});
