/** The case page for action: state, who must act, the next deadline and the actions first; timeline; diagram collapsed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, signIn, webWorld } from './harness.js';
import { caseIn } from './fixtures.js';

let t: Awaited<ReturnType<typeof webWorld>>;
const at = (iso: string) => t.w.clock.set(`${iso}T10:00:00+09:00`);

beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

const before = (html: string, ...ids: string[]) => {
  const at = ids.map((id) => html.indexOf(id));
  expect(at.every((x) => x >= 0)).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
};

describe('case page', () => {
  it('opens with the state, who must act, the next deadline and the actions, then the timeline, then the diagram', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'questionReview');
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const page = (await hq.get(`/cases/${c.id}`)).text;
    before(page, 'id="h-state"', 'id="h-actions"', 'id="h-timeline"', 'id="h-facts"', 'id="h-diagram"', 'id="h-history"');
    const box = page.slice(page.indexOf('id="h-state"'), page.indexOf('id="h-actions"'));
    expect(box).toContain('▶ 試験問題審査中');
    expect(box).toContain('本庁<strong class="you">（あなたの対応が必要です）</strong>');
    expect(box).toContain('試験問題審査結果の通知');
    expect(box).toContain('本庁が 令和8年11月16日 (2026-11-16) まで');
    expect(box).toContain('未割当');
    expect(box).toContain('担当になる');
    // The diagram: collapsed, wrapped for the diagram script, the current state marked.
    const diagram = page.slice(page.indexOf('id="h-diagram"'), page.indexOf('id="h-history"'));
    expect(diagram).toMatch(/<details class="diagram-box"><summary>/);
    expect(diagram).toMatch(/<div class="diagram" data-diagram(="(true)?")?><svg/);
    expect(diagram).toContain('data-current="true"');
    // The states the case passed through are filled.
    expect(diagram).toMatch(/data-state="questionsDrafting"[^>]*data-visited="true"|data-visited="true"[^>]*data-state="questionsDrafting"/);
    expect(diagram).toContain('<script src="/assets/diagram.js" defer=""></script>');
  });

  it('claims the case from its page and comes back to it', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'questionReview');
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const page = await hq.get(`/cases/${c.id}`);
    const r = await hq.post(`/cases/${c.id}/assignee`, { _csrf: csrfOf(page.text), action: 'claim', back: `/cases/${c.id}` });
    expect(r.location).toBe(`/cases/${c.id}`);
    const after = (await hq.get(`/cases/${c.id}`)).text;
    expect(after).toContain('★ あなた');
    expect(after).toContain('担当を外す');
    // Somewhere else than the inbox or this case is not a way back.
    const away = await hq.post(`/cases/${c.id}/assignee`, { _csrf: csrfOf(page.text), action: 'release', back: 'https://evil.example/' });
    expect(away.location).toBe('/inbox');
  });

  it('tells the school a missed hard deadline cannot be met as it is and what can be done, with the form open', async () => {
    at('2026-12-01');
    const c = await caseIn(t.w, 'preparing', t.w.users.school.principal, { plannedExamDate: '2027-02-15' });
    at('2027-01-20');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const page = (await school.get(`/cases/${c.id}`)).text;
    const box = page.slice(page.indexOf('id="h-state"'), page.indexOf('id="h-actions"'));
    expect(box).toContain('訓練校（東京都機械職業訓練校）<strong class="you">（あなたの対応が必要です）</strong>');
    expect(box).toContain('⚠ 技能照査実施届出 の期限を過ぎています。');
    expect(box).toContain('厳守の期限のため、このままでは受理されません。できること: 試験実施予定日を1か月以上先');
    // No claiming for schools.
    expect(box).not.toContain('担当');
    // The form the deadline names is open; the others stay closed.
    expect(page).toMatch(/<details open="" id="form-IMPLEMENTATION_NOTICE_FILED">/);
    expect(page).toMatch(/<details id="form-EXAM_DATE_CHANGED">/);
  });

  it('shows a centre officer who must act without claiming it for them, and no action when the case waits on others', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'questionReview');
    const center = await signIn(t.app, t.mailer, 'center@example.test');
    const page = (await center.get(`/cases/${c.id}`)).text;
    const box = page.slice(page.indexOf('id="h-state"'), page.indexOf('id="h-actions"'));
    expect(box).toContain('本庁');
    expect(box).not.toContain('あなたの対応が必要です');
    expect(page).toContain('あなたが現在この案件で行える操作はありません。');
  });
});
