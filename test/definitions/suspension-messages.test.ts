/**
 * Every message of the suspension, rendered for its recipient from a realistic case: it names this procedure's
 * forms (様式3-1・3-2 to the regional centre and again every fiscal year by HQ's date, 様式4 for an abolition
 * with the custodian of the records), the 5-year / 1-year (職業訓練法人) review for 認定の取消し, and never
 * another procedure's 様式.
 */
import { describe, expect, it } from 'vitest';
import { suspension } from '../../definitions/suspension/index.js';
import { CORPORATION, E, INPUT, run, start, type Event, type Snapshot } from '../machines/suspension-fixtures.js';

/** The 様式 of the suspension (manual II-4): 3-1 休止届, 3-2 再開計画書, 4 廃止届. */
const OWN = ['3-1', '3-2', '4'];
/** Every 様式 number a text names, including the ones joined to it ('様式3-1・3-2' -> 3-1, 3-2). */
const formsIn = (text: string) =>
  [...text.matchAll(/様式\s*(\d+(?:-\d+)?(?:・\d+(?:-\d+)?)*)/g)].flatMap((m) => m[1]!.split('・'));

interface Rendered {
  type: string;
  to: string;
  template: string;
  text: string;
}

/** Applies each event on its case and renders every notify entry of it from the case after the event. */
function render(steps: [Snapshot, Event][]): Rendered[] {
  const out: Rendered[] = [];
  for (const [before, event] of steps) {
    const after = run([event], before);
    const def = suspension.events[event.type]!;
    for (const n of def.notify ?? []) {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      out.push({ type: event.type, to: n.to, template: n.template, text: n.todo!({ context: after.context, data: event.data }).join('\n') });
    }
  }
  return out;
}

const fiveYearsOn = () => {
  let s = run([E.filed()]);
  for (const fy of [2027, 2028, 2029, 2030]) s = run([E.newYear(fy), E.refiled(`${fy}-04-15`, `${fy + 2}-03-31`)], s);
  return run([E.fiveYears()], s);
};

/** A school's case through every event that has messages. */
function schoolCase(): Rendered[] {
  const filed = run([E.filed()]);
  const rolled = run([E.newYear(2027)], filed);
  const review = fiveYearsOn();
  return render([
    [start(), E.filed()],
    [rolled, E.refiled('2027-05-10')],
    [filed, E.inspection()],
    [review, E.resumed('2031-06-01')],
    [filed, E.abolished()],
    [run([E.newYear(2031), E.refiled('2031-04-08', '2033-03-31')], review), E.continued()],
    [review, E.revoked()],
    [start(), E.withdrawn()],
  ]);
}

/** A 職業訓練法人 idle for a year: reviewed, HQ revokes. */
function corporationCase(): Rendered[] {
  const filed = run([E.filed()], start(CORPORATION));
  // The year rolls the same morning the 1-year review starts: 令和9年度's filing is owed.
  const review = run([E.oneYear(), E.newYear(2027)], filed);
  return render([
    [start(CORPORATION), E.filed()],
    [review, E.continued('2027-04-10')],
    [review, E.revoked('2027-04-20')],
    [review, E.abolished('2027-06-20')],
  ]);
}

const one = (r: Rendered[], type: string, to: string) => {
  const found = r.filter((x) => x.type === type && x.to === to);
  expect(found, `${type} -> ${to}`).toHaveLength(1);
  return found[0]!.text;
};

describe('suspension messages', () => {
  it('every notify entry of the definition has a todo, and the renderer covers them all', () => {
    const rendered = schoolCase();
    const expected = Object.values(suspension.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect(rendered.map((r) => `${r.type} -> ${r.to}`).sort()).toEqual(expected.sort());
    for (const def of Object.values(suspension.events)) for (const n of def.notify ?? []) expect(n.todo, `${def.type} -> ${n.to}`).toBeDefined();
  });

  for (const [name, rendered] of [
    ['a school', schoolCase],
    ['a 職業訓練法人', corporationCase],
  ] as const) {
    it(`${name}: every message names only the suspension's forms`, () => {
      for (const r of rendered()) {
        expect(r.text.length, `${r.type} -> ${r.to}`).toBeGreaterThan(0);
        for (const f of formsIn(r.text)) expect(OWN, `${r.type} -> ${r.to}: 様式${f} in «${r.text}»`).toContain(f);
        // Never another procedure's forms (change notice 2, skill check 18-22, completion exam 23-28).
        expect(r.text).not.toMatch(/様式\s*(2|1\d|2\d)(?![\d-])/);
        expect(r.text).not.toMatch(/技能照査|修了試験|再交付/);
      }
    });
  }

  it('the first filing tells the centre of 様式3-1・3-2, the yearly re-filing by HQ\'s date and the 5-year review', () => {
    const text = one(schoolCase(), 'SUSPENSION_FILED', 'center');
    expect(text).toContain('様式3-1');
    expect(text).toContain('様式3-2');
    expect(text).toContain('本庁が定める年度ごとの提出日');
    expect(text).toContain('5年');
    expect(text).toContain('認定の取消し');
    expect(text).toContain('2028-03-31'); // the planned resumption
    // A 職業訓練法人: the 1-year rule as well.
    const corp = one(corporationCase(), 'SUSPENSION_FILED', 'center');
    expect(corp).toContain('職業訓練法人');
    expect(corp).toContain('1年以上');
  });

  it('a late yearly re-filing tells the centre the year, the forms and HQ\'s date it missed', () => {
    const text = one(schoolCase(), 'ANNUAL_REFILED', 'center');
    expect(text).toContain('令和9年度');
    expect(text).toContain('様式3-1');
    expect(text).toContain('2027-04-23'); // HQ's date for 令和9年度
    expect(text).toContain('17日');
  });

  it('abolition (様式4) names the custodian of the training records, for the centre and HQ', () => {
    const r = schoolCase();
    for (const to of ['center', 'hq']) {
      const text = one(r, 'ABOLISHED', to);
      expect(text).toContain('様式4');
      expect(text).toContain('東京建築業協同組合');
    }
    expect(one(r, 'ABOLISHED', 'center')).toContain('認定書');
    // Abolished during a review: HQ is told the review ends.
    expect(one(corporationCase(), 'ABOLISHED', 'hq')).toContain('審査は、廃止届により終了');
  });

  it('HQ letting the suspension continue tells the school what it owes: this year\'s 様式3-1・3-2 by HQ\'s date, or 様式4', () => {
    const r = schoolCase();
    const school = one(r, 'REVIEW_CONTINUED', 'school');
    expect(school).toContain('休止から5年経過');
    // Re-filed during the review: this year's forms are in.
    expect(school).toContain('令和13年度の認定職業訓練休止届（様式3-1）・再開計画書（様式3-2）は提出済みです');
    expect(school).toContain('本庁が定める年度ごとの提出日');
    expect(school).toContain('様式4');
    expect(one(r, 'REVIEW_CONTINUED', 'center')).not.toContain('まだ提出されていません');
    // The 職業訓練法人's review is the 1-year one; its year's filing is still owed.
    const c = corporationCase();
    const corp = one(c, 'REVIEW_CONTINUED', 'school');
    expect(corp).toContain('職業訓練法人の1年以上の休止');
    expect(corp).toContain('令和9年度の認定職業訓練休止届（様式3-1）・再開計画書（様式3-2）がまだ提出されていません');
    expect(one(c, 'REVIEW_CONTINUED', 'center')).toContain('令和9年度の様式3-1・3-2はまだ提出されていません');
  });

  it('a revocation (認定の取消し) names its ground: 5 years, or 1 year for a 職業訓練法人', () => {
    const school = one(schoolCase(), 'REVOKED', 'school');
    expect(school).toContain('休止から5年を経過しても訓練が再開されなかった');
    expect(school).toContain('2031-04-20');
    expect(one(schoolCase(), 'REVOKED', 'center')).toContain('休止から5年経過');
    expect(one(corporationCase(), 'REVOKED', 'school')).toContain('正当な理由がないのに1年以上');
  });

  it('a resumption after 5 years tells HQ the review ends and records the lateness', () => {
    const r = schoolCase();
    const hq = one(r, 'RESUMED', 'hq');
    expect(hq).toContain('2031-06-01');
    expect(hq).toContain('審査は、訓練の再開により終了');
    expect(hq).toContain('62日');
    expect(one(r, 'RESUMED', 'center')).toContain('様式3-1・3-2の年度ごとの再提出はありません');
  });

  it('a withdrawal before filing tells the centre no 様式3-1・3-2 will come', () => {
    expect(one(schoolCase(), 'WITHDRAWN', 'center')).toContain('休止を取りやめたため');
  });

  it('facts name the course, the suspension date and the year', () => {
    const s = run([E.filed()], start(INPUT));
    expect(suspension.facts(s.context)).toEqual([
      ['訓練科（系・科）', '建築系 建築科'],
      ['訓練の種類・訓練課程', '普通職業訓練・普通課程'],
      ['休止年月日', '令和8年4月1日 (2026-04-01)'],
      ['休止中の年度', '令和8年度'],
      ['再開予定年月日', '令和10年3月31日 (2028-03-31)'],
    ]);
  });
});
