/**
 * Every message of the record retention, rendered for its recipient: it names the records by the manual's table (names
 * and 様式 as the table gives them), the permanent ones kept, the next period's end, and the custodian after an abolition.
 */
import { describe, expect, it } from 'vitest';
import { recordRetention } from '../../definitions/record-retention/index.js';
import { E, SUBSIDISED, run, start, type Event, type Snapshot } from '../machines/record-retention-fixtures.js';

interface Rendered {
  type: string;
  to: string;
  text: string;
}

function render(steps: [Snapshot, Event][]): Rendered[] {
  return steps.flatMap(([before, event]) => {
    const after = run([event], before);
    return (recordRetention.events[event.type]!.notify ?? []).map((n) => {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      return { type: event.type, to: n.to, text: n.todo!({ context: after.context, data: event.data }).join('\n') };
    });
  });
}

const subsidised = () => {
  const ended = run([E.ended()], start(SUBSIDISED));
  return render([
    [ended, E.disposed([15])],
    [start(SUBSIDISED), E.transferred()],
  ]);
};

describe('record-retention messages', () => {
  it('every notify entry of the definition is rendered', () => {
    const expected = Object.values(recordRetention.events).flatMap((d) => (d.notify ?? []).map((n) => `${d.type} -> ${n.to}`));
    expect(subsidised().map((r) => `${r.type} -> ${r.to}`).sort()).toEqual(expected.sort());
  });

  it('a disposal names the records, the permanent ones kept, and when the next period ends', () => {
    const [disposal] = subsidised();
    expect(disposal!.text).toContain('令和8年度の訓練管理帳票類のうち、保存年限が満了した分散訓練実施状況報告書（様式15）を令和12年4月8日 (2030-04-08)に廃棄したと登録されました（方法: 溶解処理）');
    expect(disposal!.text).toContain('永年保存の帳票（訓練生指導要録（普通・専門課程）（様式10-1）');
    expect(disposal!.text).toContain('次に保存年限が満了するのは令和14年3月31日 (2032-03-31)です');
    expect(disposal!.text).not.toMatch(/技能照査の|修了時試験の|休止届|変更届/);
  });

  it('a transfer names the custodian and that the periods run on after an abolition', () => {
    const transfer = subsidised()[1]!.text;
    expect(transfer).toContain('東京都機械工業協同組合（東京都大田区蒲田5-6-7、代表者 理事長 甲野 一郎）に引き継がれました');
    expect(transfer).toContain('認定職業訓練を廃止した場合でも、帳票類は保存年限に従って保存します');
    expect(transfer).toContain('訓練生出席簿（様式9） 5年');
    expect(transfer).toContain('修了証書交付台帳（様式16） 永年');
  });
});
