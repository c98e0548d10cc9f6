/**
 * The officers' inboxes: text search over school, course and trainee names, days in the current state, the next
 * action from the definition, the case's own dates and received filings for the centre, and claiming a case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/db/directory.js';
import * as pay from '../support/skill-check-payloads.js';
import { csrfOf, signIn, webWorld } from './harness.js';
import { caseIn } from './fixtures.js';

let t: Awaited<ReturnType<typeof webWorld>>;
let reviewA: { id: string };
let reviewB: { id: string };
let noticed: { id: string };

beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
  await addUser(t.w.db, { role: 'hq', email: 'hq2@example.test', orgId: t.w.orgs.hq.id, name: '本庁 次郎' }, t.w.clock.now());
  reviewA = await caseIn(t.w, 'questionReview');
  reviewB = await caseIn(t.w, 'questionReview', t.w.users.neighbour.principal, { course: { kei: '建築', ka: '建築施工', courseType: '普通課程' } });
  // Filed 様式19: its roster holds the trainee names; it waits on the school, so it shows in the centre's region.
  t.w.clock.set('2026-12-01T10:00:00+09:00');
  noticed = await caseIn(t.w, 'preparing');
  await t.w.engine.applyEvent(t.w.users.school.principal, noticed.id, { type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-02-15') });
  t.w.clock.set('2026-12-11T10:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

const rowOf = (html: string, id: string) => {
  const start = html.indexOf(`href="/cases/${id}"`);
  if (start < 0) return '';
  return html.slice(html.lastIndexOf('<tr>', start), html.indexOf('</tr>', start));
};

describe('HQ inbox', () => {
  it('finds cases by school name and by course, every word must match, and % is only a character', async () => {
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const bySchool = await hq.get(`/inbox?q=${encodeURIComponent('城南建築')}`);
    expect(bySchool.text).toContain(reviewB.id);
    expect(bySchool.text).not.toContain(reviewA.id);
    const byCourse = await hq.get(`/inbox?q=${encodeURIComponent('機械加工')}`);
    expect(byCourse.text).toContain(reviewA.id);
    expect(byCourse.text).not.toContain(reviewB.id);
    // Full-width space between words (as typed with a Japanese keyboard).
    expect((await hq.get(`/inbox?q=${encodeURIComponent('建築施工　城南')}`)).text).toContain(reviewB.id);
    expect((await hq.get(`/inbox?q=${encodeURIComponent('建築施工 城北')}`)).text).toContain('該当する案件はありません');
    expect((await hq.get('/inbox?q=%25')).text).toContain('該当する案件はありません');
    // Keys of the stored data are not text of the case.
    expect((await hq.get('/inbox?q=traineeId')).text).toContain('該当する案件はありません');
  });

  it('shows days in the current state and the next action the definition allows HQ', async () => {
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const row = rowOf((await hq.get('/inbox')).text, reviewA.id);
    // Filed on 2026-09-01, viewed on 2026-12-11: 101 days.
    expect(row).toContain('この状態になって 101日（令和8年9月1日 (2026-09-01)から）');
    expect(row).toContain('試験問題審査結果通知（適）、試験問題審査結果通知（指導）');
    expect(row).toContain('未割当');
  });

  it('claims a case, lists it under "mine", refuses a second officer with 409 in Japanese, and gives it up', async () => {
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const page = await hq.get('/inbox');
    const claimed = await hq.post(`/cases/${reviewA.id}/assignee`, { _csrf: csrfOf(page.text), action: 'claim', back: '/inbox?mine=1' });
    expect(claimed.status).toBe(303);
    expect(claimed.location).toBe('/inbox?mine=1');
    const mine = await hq.get('/inbox?mine=1');
    expect(mine.text).toContain(reviewA.id);
    expect(mine.text).not.toContain(reviewB.id);
    expect(rowOf(mine.text, reviewA.id)).toContain('★ あなた');
    // Claiming again changes nothing.
    expect((await hq.post(`/cases/${reviewA.id}/assignee`, { _csrf: csrfOf(page.text), action: 'claim' })).status).toBe(303);

    const other = await signIn(t.app, t.mailer, 'hq2@example.test');
    const seen = await other.get('/inbox');
    expect(rowOf(seen.text, reviewA.id)).toContain('hq@example.test');
    expect(rowOf(seen.text, reviewA.id)).not.toContain('担当になる');
    expect((await other.get('/inbox?mine=1')).text).toContain('該当する案件はありません');
    const refused = await other.post(`/cases/${reviewA.id}/assignee`, { _csrf: csrfOf(seen.text), action: 'claim' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('この案件は既にhq@example.test さんが担当しています');
    const notHis = await other.post(`/cases/${reviewA.id}/assignee`, { _csrf: csrfOf(seen.text), action: 'release' });
    expect(notHis.status).toBe(409);
    expect(notHis.text).toContain('担当を外せるのは担当している本人だけです');

    expect((await hq.post(`/cases/${reviewA.id}/assignee`, { _csrf: csrfOf(page.text), action: 'release' })).status).toBe(303);
    expect((await hq.get('/inbox?mine=1')).text).toContain('該当する案件はありません');
    expect((await other.post(`/cases/${reviewA.id}/assignee`, { _csrf: csrfOf(seen.text), action: 'claim' })).status).toBe(303);
    // Claiming is not a step: the case keeps its version and history.
    expect((await t.w.engine.getCase(t.w.users.hq.principal, reviewA.id)).version).toBe(2);
  });

  it('refuses a claim without the form token, with a bad action, from a school, and on another region', async () => {
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    expect((await hq.post(`/cases/${reviewB.id}/assignee`, { _csrf: 'x', action: 'claim' })).status).toBe(403);
    const page = await hq.get('/inbox');
    const bad = await hq.post(`/cases/${reviewB.id}/assignee`, { _csrf: csrfOf(page.text), action: 'steal' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('担当の操作が正しくありません');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const home = await school.get('/school');
    expect((await school.post(`/cases/${reviewB.id}/assignee`, { _csrf: csrfOf(home.text), action: 'claim' })).status).toBe(403);
    const far = await signIn(t.app, t.mailer, 'center2@example.test');
    const farPage = await far.get('/inbox');
    const missing = await far.post(`/cases/${reviewB.id}/assignee`, { _csrf: csrfOf(farPage.text), action: 'claim' });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('案件が見つかりません');
  });
});

describe('centre inbox', () => {
  it('opens on its region with the exam date and the received filing, and finds a trainee by name', async () => {
    const center = await signIn(t.app, t.mailer, 'center@example.test');
    const page = await center.get('/inbox');
    expect(page.text).toContain('受付箱（管内の進行中の案件）');
    expect(page.text).toMatch(/<a href="\/inbox" aria-current="page">管内の進行中の案件/);
    const row = rowOf(page.text, noticed.id);
    expect(row).toContain('試験実施予定日: 令和9年2月15日 (2027-02-15)');
    // No deadline runs while the exam is awaited: the first column says so and names the next date instead.
    expect(row).toContain('期限なし<span class="hint">次の予定: 試験実施予定日 令和9年2月15日 (2027-02-15)</span>');
    expect(row).toContain('受付: 技能照査実施届出（令和8年12月1日 (2026-12-01)）');
    expect(row).toContain('訓練校の対応待ち');
    // The questions went to HQ only: the centre was not told it received them.
    expect(rowOf(page.text, reviewA.id)).not.toContain('受付:');
    const found = await center.get(`/inbox?q=${encodeURIComponent('髙橋')}`);
    expect(found.text).toContain(noticed.id);
    expect(found.text).not.toContain(reviewA.id);
    const waiting = await center.get('/inbox?scope=waiting');
    expect(waiting.text).toContain('受付箱（センターの対応待ち）');
    expect(waiting.text).toMatch(/<a href="\/inbox\?scope=waiting" aria-current="page">/);
    expect(waiting.text).not.toContain(noticed.id);
  });

  it('stays under 100 KB with a full page of rows with every column filled, and pages on', async () => {
    for (let i = 0; i < 41; i++) {
      const c = await caseIn(t.w, 'preparing', t.w.users.neighbour.principal, { plannedExamDate: '2027-02-22' });
      await t.w.engine.applyEvent(t.w.users.neighbour.principal, c.id, { type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-02-22') });
    }
    const center = await signIn(t.app, t.mailer, 'center@example.test');
    const page = await center.get('/inbox');
    expect(page.text.match(/<td data-label="担当">/g)?.length).toBe(40);
    expect(page.text).toContain('次のページ →');
    expect(new TextEncoder().encode(page.text).byteLength).toBeLessThan(100 * 1024);
  });

  it('sends admins and analysts to the case list', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const r = await admin.get('/inbox');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/cases');
  });
});
