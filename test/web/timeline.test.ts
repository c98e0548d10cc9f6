/** The case page shows every deadline of the procedure, not only the current state's: met, current and ahead. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, webWorld } from './harness.js';
import { caseIn } from './fixtures.js';

let t: Awaited<ReturnType<typeof webWorld>>;
beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

const rowOf = (html: string, label: string) => {
  const section = html.slice(html.indexOf('id="h-timeline"'));
  const row = section.split('<tr').find((r) => r.includes(label));
  return row?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? '';
};

describe('deadline timeline on the case page', () => {
  it('marks filed deadlines as met, the current one, and those still ahead with their dates', async () => {
    const c = await caseIn(t.w, 'preparing');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const page = (await school.get(`/cases/${c.id}`)).text;
    expect(page).toContain('この案件の期限の全体');
    expect(rowOf(page, '技能照査試験問題等届出')).toContain('済');
    expect(rowOf(page, '技能照査実施届出')).toContain('▶ 現在');
    const ahead = rowOf(page, '技能照査合格証明申請');
    expect(ahead).toContain('今後');
    expect(ahead).toMatch(/令和\d+年\d+月\d+日/);
  });
});
