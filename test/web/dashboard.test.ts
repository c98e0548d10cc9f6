/**
 * The school's dashboard separates what the school must do from what waits on HQ or the centre, never marks an
 * office's missed date as the school's lateness, and says plainly what a missed hard deadline means.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, webWorld } from './harness.js';
import { caseIn } from './fixtures.js';

let t: Awaited<ReturnType<typeof webWorld>>;
const at = (iso: string) => t.w.clock.set(`${iso}T10:00:00+09:00`);

beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

const section = (html: string, id: string) => {
  const start = html.indexOf(`<section aria-labelledby="${id}">`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

describe('school dashboard', () => {
  it('puts the school\'s own work first and HQ\'s work apart, without a red mark for HQ\'s missed date', async () => {
    at('2026-09-01');
    const drafting = await caseIn(t.w, 'questionsDrafting');
    const review = await caseIn(t.w, 'questionReview');
    // HQ's review result was due 2026-11-16; the school's question filing (soft) was due 2026-10-07.
    at('2026-11-20');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const page = await school.get('/school');
    const todo = section(page.text, 'h-todo');
    const waiting = section(page.text, 'h-waiting');
    expect(todo).toContain('あなたの対応が必要なもの（1件）');
    expect(todo).toContain(drafting.id);
    expect(todo).not.toContain(review.id);
    expect(waiting).toContain('本庁・センターの対応待ち（1件）');
    expect(waiting).toContain(review.id);
    expect(waiting).toContain('本庁の対応待ち');
    expect(waiting).toContain('試験問題審査結果の通知: 令和8年11月16日 (2026-11-16)');
    expect(waiting).toContain('本庁の期限を過ぎています。貴校の対応は不要です');
    expect(waiting).not.toContain('⚠');
    expect(waiting).not.toContain('status-overdue');
    // The school's own missed soft deadline: late, but still accepted.
    expect(todo).toContain('目安の期限を過ぎたもの（1件）');
    expect(todo).toContain('目安の期限のため、今から提出しても受け付けられます');
    expect(todo).toContain('技能照査試験問題等届出〔様式18-1・18-2・18-3〕：令和8年10月7日 (2026-10-07)から44日経過');
    expect(todo).not.toContain('厳守の期限のため');
  });

  it('says a missed hard deadline can no longer be met as it is, and what the definition says can be done', async () => {
    at('2026-12-01');
    const c = await caseIn(t.w, 'preparing', t.w.users.neighbour.principal, { plannedExamDate: '2027-02-15' });
    at('2027-01-20');
    const school = await signIn(t.app, t.mailer, 'neighbour@example.test');
    const todo = section((await school.get('/school')).text, 'h-todo');
    expect(todo).toContain(c.id);
    expect(todo).toMatch(/⚠ 技能照査実施届出〔様式19-1・19-2〕 の期限（令和9年1月15日 \(2027-01-15\)）を5日過ぎています/);
    expect(todo).toContain('厳守の期限のため、このままでは提出しても受理されません。');
    expect(todo).toContain('できること: 試験実施予定日を1か月以上先の実施期間内の日に変更し');
  });

  it('shows the new-case form open, not behind a heading', async () => {
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const form = await school.get('/cases/new/skill-check');
    expect(form.text).toContain('<details open="" id="form-CREATE">');
  });

  it('lists only the days of the next 14 that hold a deadline of the school', async () => {
    at('2027-01-20');
    const school = await signIn(t.app, t.mailer, 'far@example.test');
    expect(section((await school.get('/school')).text, 'h-outlook')).toContain('14日間に、貴校の期限はありません。');
    const c = await caseIn(t.w, 'preparing', t.w.users.farSchool.principal, { plannedExamDate: '2027-03-01' });
    const outlook = section((await school.get('/school')).text, 'h-outlook');
    // 1 month before 2027-03-01 is 2027-02-01 (a Monday).
    expect(outlook).toContain('令和9年2月1日 (2027-02-01)（月）');
    expect(outlook).toContain(c.id);
    expect(outlook.match(/<tr>/g)?.length).toBe(2);
  });
});
