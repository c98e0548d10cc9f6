import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cases } from '../../src/db/schema.js';
import { csrfOf, signIn, webWorld } from './harness.js';
import { caseIn, noticeForm } from './fixtures.js';

let t: Awaited<ReturnType<typeof webWorld>>;
const at = (iso: string) => t.w.clock.set(`${iso}T10:00:00+09:00`);

beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

describe('officer inbox', () => {
  it('lists the cases waiting on HQ, soonest due first, with overdue and this-week marks and filters', async () => {
    at('2026-09-01');
    const a = await caseIn(t.w, 'questionReview');
    const b = await caseIn(t.w, 'questionReview', t.w.users.neighbour.principal);
    await caseIn(t.w, 'questionsDrafting');
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const page = await hq.get('/inbox');
    expect(page.status).toBe(200);
    expect(page.text).toContain(a.id);
    expect(page.text).toContain(b.id);
    expect(page.text).toContain('令和8年11月16日 (2026-11-16)');
    expect(page.text).not.toContain('試験問題作成中（届出前）</td>');
    // Sessions last 12 hours: sign in again after moving the clock.
    at('2026-11-12');
    expect((await (await signIn(t.app, t.mailer, 'hq@example.test')).get('/inbox')).text).toContain('● 今週が期限（あと4日）');
    at('2026-11-20');
    const late = await signIn(t.app, t.mailer, 'hq@example.test');
    expect((await late.get('/inbox')).text).toContain('⚠ 期限超過（4日経過）');
    const filtered = await late.get(`/inbox?school=${t.w.orgs.neighbour.id}`);
    expect(filtered.text).toContain(b.id);
    expect(filtered.text).not.toContain(a.id);
    expect((await late.get('/inbox?fy=2025')).text).toContain('該当する案件はありません');
    expect((await late.get('/inbox?state=preparing')).text).toContain('該当する案件はありません');
  });

  it('is for officers only', async () => {
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    expect((await school.get('/inbox')).status).toBe(403);
  });
});

describe('case page', () => {
  it('shows the state, deadlines in 和暦 and the history, and HQ approves from a generated form (PRG)', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'questionReview');
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const page = await hq.get(`/cases/${c.id}`);
    expect(page.text).toContain('試験問題審査中');
    expect(page.text).toContain('試験問題審査結果の通知');
    expect(page.text).toContain('令和8年11月16日 (2026-11-16)');
    expect(page.text).toContain('技能照査試験問題等届出');
    expect(page.text).toContain('school@example.test');
    expect(page.text).toMatch(/<label for="REVIEW_GUIDANCE-guidance">指導内容/);
    const done = await hq.post(`/cases/${c.id}/events/REVIEW_APPROVED`, { _csrf: csrfOf(page.text), _version: '2', note: '適当と認めます' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/cases/${c.id}?done=REVIEW_APPROVED`);
    const after = await hq.get(done.location!);
    expect(after.text).toContain('「試験問題審査結果通知（適）」を受け付けました');
    expect(after.text).toContain('実施届出前');
  });

  it('shows a rule violation (422) next to the form with the entered values kept', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'preparing');
    at('2027-01-20');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const page = await school.get(`/cases/${c.id}`);
    const res = await school.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { _csrf: csrfOf(page.text), ...noticeForm('2027-02-15') });
    expect(res.status).toBe(422);
    expect(res.text).toContain('技能照査実施届出〔様式19-1・19-2〕は試験実施予定日');
    expect(res.text).toContain('令和9年1月15日 (2027-01-15)');
    expect(res.text).toContain('本校 第1教室');
    expect(res.text).toContain('能力 太郎');
    expect(res.text).toMatch(/<details open="" id="form-IMPLEMENTATION_NOTICE_FILED"|<details id="form-IMPLEMENTATION_NOTICE_FILED" open=""/);
  });

  it('shows validation errors (400) by field in Japanese, and by cell in a row editor', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'preparing');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const page = await school.get(`/cases/${c.id}`);
    const bad = await school.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { _csrf: csrfOf(page.text), ...noticeForm('2027-02-15'), 'written.start': '9時', representative: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('開始時刻は HH:MM 形式で入力してください');
    expect(bad.text).toContain('代表者名を入力してください');
    // An empty row between filled ones is left out; the error of the row after it still lands on its own cell.
    const form = noticeForm('2027-02-15');
    const moved = Object.fromEntries(Object.entries(form).map(([k, v]) => [k.replace(/^roster\.1\./, 'roster.3.'), v]));
    const rows = await school.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { _csrf: csrfOf(page.text), ...moved, 'roster.2.name': '', 'roster.3.birthDate': '2001-02-30', 'roster.3.subjects.0.plannedHours': '十' });
    expect(rows.status).toBe(400);
    expect(rows.text).toContain('訓練計画時間は数字で入力してください');
    const late = await school.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { _csrf: csrfOf(page.text), ...moved, 'roster.2.name': '', 'roster.3.birthDate': '2001-02-30' });
    expect(late.status).toBe(400);
    expect(late.text).toMatch(/id="IMPLEMENTATION_NOTICE_FILED-roster-3-birthDate-err"[^>]*>.*生年月日は YYYY-MM-DD 形式の実在する日付で入力してください/s);
    expect(late.text).toContain('4行目: 生年月日は YYYY-MM-DD');
    expect(late.text).not.toContain('class="json"');
    expect(late.text).not.toMatch(/JSON|Unexpected token|Unrecognized key|Invalid input/);
  });

  it('hides other schools\' cases', async () => {
    const c = await caseIn(t.w, 'questionsDrafting', t.w.users.farSchool.principal);
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    expect((await school.get(`/cases/${c.id}`)).status).toBe(403);
  });
});

describe('school dashboard', () => {
  it('shows what to do next, a 14-day outlook and issues a private calendar feed', async () => {
    at('2026-09-30');
    const school = await signIn(t.app, t.mailer, 'far@example.test');
    const c = await caseIn(t.w, 'questionsDrafting', t.w.users.farSchool.principal);
    const page = await school.get('/school');
    expect(page.text).toContain('<h2 id="h-todo">あなたの対応が必要なもの');
    expect(page.text).toContain(c.id);
    expect(page.text).toContain('今後14日間の貴校の期限');
    expect(page.text).toMatch(/令和8年10月7日 \(2026-10-07\)（水）<\/th>\s*<td[^>]*><div><a href="\/cases\//);
    const issued = await school.post('/school/calendar-feed', { _csrf: csrfOf(page.text) });
    const url = /id="feed-url" readonly="" value="([^"]+)"/.exec(issued.text)![1]!;
    const feed = await t.app.request(new URL(url).pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('DTSTART;VALUE=DATE:20261007');
    // Issuing again revokes the first URL.
    await school.post('/school/calendar-feed', { _csrf: csrfOf(page.text) });
    expect((await t.app.request(new URL(url).pathname)).status).toBe(404);
  });

  it('opens a new case from the definition\'s input form', async () => {
    at('2026-09-30');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const form = await school.get('/cases/new/skill-check');
    expect(form.text).toContain('訓練修了日');
    expect(form.text).not.toContain('name="schoolOrgId"');
    const res = await school.post('/cases/new/skill-check', {
      _csrf: csrfOf(form.text),
      'course.kei': '機械',
      'course.ka': '溶接',
      'course.courseType': '普通課程',
      fiscalYear: '2026',
      trainingCompletionDate: '2027-03-25',
      plannedExamDate: '2027-02-15',
    });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/cases\/[0-9a-f-]{36}\?done=CASE_CREATED$/);
  });
});

describe('analyst pages and diagram API', () => {
  it('lists procedures, shows figures per state that match the database, the deadline rules and a CSV', async () => {
    const analyst = await signIn(t.app, t.mailer, 'analyst@example.test');
    const list = await analyst.get('/analyst');
    expect(list.text).toContain('技能照査');
    const page = await analyst.get('/analyst/procedures/skill-check');
    expect(page.status).toBe(200);
    const rows = await t.w.db.select({ state: cases.state, n: sql<number>`count(*)::int` }).from(cases).where(sql`${cases.procedure} = 'skill-check'`).groupBy(cases.state);
    for (const r of rows) {
      expect(page.text).toMatch(new RegExp(`<tr data-state="${r.state}">[\\s\\S]*?data-count="total">${r.n}<`));
    }
    expect(page.text).toContain('◆厳守（遅れると受理されません）');
    expect(page.text).toContain('試験実施予定日の1か月前');
    const csv = await analyst.get('/analyst/procedures/skill-check/cases.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines.length - 1).toBe(rows.reduce((n, r) => n + r.n, 0));
    expect(lines[0]).toContain('"案件ID"');
  });

  it('serves the diagram as SVG and Mermaid on the API with a bearer token', async () => {
    const auth = { authorization: `Bearer ${t.w.users.analyst.token}` };
    const svg = await t.app.request('/api/procedures/skill-check/diagram.svg', { headers: auth });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
    const mmd = await t.app.request('/api/procedures/skill-check/diagram.mmd', { headers: auth });
    expect(await mmd.text()).toMatch(/^stateDiagram-v2/);
    expect((await t.app.request('/api/procedures/skill-check/diagram.svg')).status).toBe(401);
    expect((await t.app.request('/api/procedures/nope/diagram.svg', { headers: auth })).status).toBe(404);
  });
});
