/**
 * Every message of the change notice, rendered for its recipient from a realistic case: it names 様式2 (and, for a
 * 職業訓練法人 changing its 定款等, 規則51条's 変更認可), records a filing after the change date, and never names
 * another procedure's 様式.
 */
import { describe, expect, it } from 'vitest';
import { changeNotice } from '../../definitions/change-notice/index.js';
import { CORPORATION, E, deadlineEvent, payload, run, start, type Event, type Snapshot } from '../machines/change-notice-fixtures.js';

/** Every 様式 number a text names, including the ones joined to it ('様式3-1・3-2' -> 3-1, 3-2). */
const formsIn = (text: string) => [...text.matchAll(/様式\s*(\d+(?:-\d+)?(?:・\d+(?:-\d+)?)*)/g)].flatMap((m) => m[1]!.split('・'));

interface Rendered {
  type: string;
  to: string;
  text: string;
}

function render(steps: [Snapshot, Event][]): Rendered[] {
  const out: Rendered[] = [];
  for (const [before, event] of steps) {
    const after = run([event], before);
    for (const n of changeNotice.events[event.type]!.notify ?? []) {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      out.push({ type: event.type, to: n.to, text: n.todo!({ context: after.context, data: event.data }).join('\n') });
    }
  }
  return out;
}

/** A school's notice filed in time, corrected once, acknowledged; and one withdrawn before filing. */
function schoolCase(): Rendered[] {
  const filed = run([E.filed()]);
  const correcting = run([E.correction()], filed);
  const refiled = run([E.refiled()], correcting);
  return render([
    [start(), E.filed()],
    [filed, E.correction()],
    [correcting, E.refiled()],
    [refiled, E.acknowledged()],
    [start(), E.withdrawn()],
  ]);
}

/** A 職業訓練法人 renaming itself (its 定款), filed after the change date, acknowledged; withdrawn at the centre. */
function corporationCase(): Rendered[] {
  const overdue = run([deadlineEvent('overdue', '2026-10-01')], start(CORPORATION));
  const late = E.filed('2026-10-05', payload.articles());
  const filed = run([late], overdue);
  return render([
    [overdue, late],
    [filed, E.correction('2026-10-06')],
    [run([E.correction('2026-10-06')], filed), E.refiled('2026-10-07', payload.articles())],
    [filed, E.acknowledged('2026-10-08')],
    [filed, E.withdrawn('2026-10-06')],
  ]);
}

const one = (r: Rendered[], type: string, to: string) => {
  const found = r.filter((x) => x.type === type && x.to === to);
  expect(found, `${type} -> ${to}`).toHaveLength(1);
  return found[0]!.text;
};

describe('change-notice messages', () => {
  it('every notify entry of the definition has a todo, and the renderer covers them all', () => {
    const expected = Object.values(changeNotice.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect(schoolCase().map((r) => `${r.type} -> ${r.to}`).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThanOrEqual(5);
  });

  for (const [name, rendered] of [
    ['a school', schoolCase],
    ['a 職業訓練法人', corporationCase],
  ] as const) {
    it(`${name}: every message names 様式2 and only 様式2`, () => {
      for (const r of rendered()) {
        expect(r.text, `${r.type} -> ${r.to}`).toContain('様式2');
        for (const f of formsIn(r.text)) expect(f, `${r.type} -> ${r.to}: 様式${f} in «${r.text}»`).toBe('2');
        // Never another procedure's forms or terms (suspension 3-4, skill check 18-22, completion exam 23-28).
        expect(r.text).not.toMatch(/様式\s*(1|3|4|1\d|2\d)(?![\d])/);
        expect(r.text).not.toMatch(/技能照査|修了時試験|再交付|休止届|廃止届/);
      }
    });
  }

  it('the centre is told what to check: the items (1)-(6) in the manual\'s words, the change date, and to acknowledge or ask for corrections', () => {
    const text = one(schoolCase(), 'CHANGE_FILED', 'center');
    expect(text).toContain('認定職業訓練事項変更届（様式2）を受け付けました');
    expect(text).toContain('令和8年10月1日 (2026-10-01)');
    expect(text).toContain('(1) 認定職業訓練を行う者の氏名（代表者名）又は名称、事業所又は主たる事務所の所在地');
    expect(text).toMatch(/受理するか、補正を求めてください/);
    expect(text).not.toContain('過ぎた提出');
    expect(text).not.toContain('第51条');
  });

  it('a filing after the change date is recorded late, and the acknowledgement reminds the school to file beforehand', () => {
    const r = corporationCase();
    expect(one(r, 'CHANGE_FILED', 'center')).toContain('変更年月日前の届出の期限（令和8年9月30日 (2026-09-30)）を5日過ぎた提出');
    expect(one(r, 'ACKNOWLEDGED', 'school')).toContain('事前かつ速やかに届け出てください');
    expect(one(schoolCase(), 'ACKNOWLEDGED', 'school')).not.toContain('変更年月日より後の提出');
  });

  it('a correction request tells the school what to correct and to re-file 様式2; the re-filing tells the centre', () => {
    const r = schoolCase();
    const school = one(r, 'CORRECTION_REQUESTED', 'school');
    expect(school).toContain('補正を求められました');
    expect(school).toContain('変更理由に役員改選の年月日を記載してください');
    expect(school).toContain('補正した様式2を管轄職業能力開発センターへ再提出してください');
    expect(one(r, 'REFILED', 'center')).toContain('補正後の認定職業訓練事項変更届（様式2）');
  });

  it('a 職業訓練法人 changing its 定款等 is told of 規則51条\'s 変更認可 (the manual\'s words), and so is the centre', () => {
    const r = corporationCase();
    const rule = '職業訓練法人の定款等の記載事項については別途、法施行規則第51条に基づき都知事に申請し、変更認可を受ける必要があります。';
    expect(one(r, 'ACKNOWLEDGED', 'school')).toContain(rule);
    expect(one(r, 'CHANGE_FILED', 'center')).toContain(rule);
    expect(one(r, 'REFILED', 'center')).toContain(rule);
    expect(one(r, 'CHANGE_FILED', 'center')).toContain('運営要綱等');
    expect(one(schoolCase(), 'ACKNOWLEDGED', 'school')).not.toContain('第51条');
  });

  it('a withdrawal tells the centre whether a filed notice is withdrawn or none will come', () => {
    expect(one(schoolCase(), 'WITHDRAWN', 'center')).toContain('この変更届は提出されません');
    expect(one(corporationCase(), 'WITHDRAWN', 'center')).toContain('受理前に認定職業訓練事項変更届（様式2）が取り下げられました');
  });

  it('facts name the change date and the items', () => {
    expect(changeNotice.facts(start().context)).toEqual([
      ['変更年月日', '令和8年10月1日 (2026-10-01)'],
      ['変更事項', '(1) 認定職業訓練を行う者の氏名（代表者名）又は名称、事業所又は主たる事務所の所在地'],
    ]);
    const corp = run([E.filed('2026-09-15', payload.articles())], start(CORPORATION));
    expect(changeNotice.facts(corp.context).map(([k]) => k)).toEqual(['変更年月日', '変更事項', '設置者', '規則51条の変更認可']);
  });
});
