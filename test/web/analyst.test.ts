/**
 * Analyst pages over HTTP: the diagram links every state and transition to its cases with the filters; the case
 * lists (cases in a state, cases that took a transition or a grouped event) against hand-made data; overlays
 * switch with a legend; exports as SVG, PNG and Mermaid from the pages and the API; bad filters answer 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn } from './fixtures.js';
import { signIn, webWorld } from './harness.js';
import * as pay from '../support/skill-check-payloads.js';

let t: Awaited<ReturnType<typeof webWorld>>;
let analyst: Awaited<ReturnType<typeof signIn>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await webWorld('2026-10-01T10:00:00+09:00');
  // Hand-made history: one drafting, two under review (one of the neighbour school), one approved (preparing),
  // one withdrawn after review.
  ids.drafting = (await caseIn(t.w, 'questionsDrafting')).id;
  ids.review = (await caseIn(t.w, 'questionReview')).id;
  ids.neighbourReview = (await caseIn(t.w, 'questionReview', t.w.users.neighbour.principal)).id;
  ids.preparing = (await caseIn(t.w, 'preparing')).id;
  const withdrawn = await caseIn(t.w, 'questionReview');
  await t.w.engine.applyEvent(t.w.users.school.principal, withdrawn.id, { type: 'WITHDRAWN', data: { reason: '訓練生がいなくなったため' } });
  ids.withdrawn = withdrawn.id;
  analyst = await signIn(t.app, t.mailer, 'analyst@example.test');
});
afterAll(async () => {
  await t.w.database.close();
});

const listed = (html: string) => [...html.matchAll(/<tr data-case="([^"]+)"/g)].map((m) => m[1]).sort();

describe('analyst diagram page', () => {
  it('links every state and transition of the diagram to its cases, keeping the filters', async () => {
    const page = await analyst.get(`/analyst/procedures/skill-check?fy=2026&school=${t.w.orgs.school.id}`);
    expect(page.status).toBe(200);
    const svg = /<svg[\s\S]*<\/svg>/.exec(page.text)![0];
    const stateLinks = [...svg.matchAll(/<g class="state[^"]*"[^>]*data-state="([^"]+)"[^>]*><a href="([^"]+)"/g)];
    expect(stateLinks.length).toBeGreaterThan(10);
    for (const [, path, href] of stateLinks) {
      const url = new URL(href!.replace(/&amp;/g, '&'), 'http://x');
      expect(url.pathname).toBe('/analyst/procedures/skill-check/cases');
      expect(url.searchParams.get('state')).toBe(path);
      expect(url.searchParams.get('fy')).toBe('2026');
      expect(url.searchParams.get('school')).toBe(t.w.orgs.school.id);
    }
    const edgeLinks = [...svg.matchAll(/<g class="transition[^"]*"[^>]*><a href="([^"]+)"/g)];
    expect(edgeLinks.length).toBeGreaterThan(10);
    expect(page.text).toMatch(/<script src="\/assets\/diagram\.js" defer[^>]*><\/script>/);
    expect(page.text).toMatch(/<div class="diagram" data-diagram[^>]*>/);
  });

  it('switches overlays, each with its legend', async () => {
    for (const [key, word] of [
      ['count', '現在の案件数'],
      ['overdue', '期限超過の案件数'],
      ['median', '滞在日数の中央値'],
      ['p90', '滞在日数の90パーセンタイル'],
      ['share', '遷移ごとの案件の割合'],
    ] as const) {
      const page = await analyst.get(`/analyst/procedures/skill-check?overlay=${key}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`data-legend="${key}"`);
      expect(page.text).toContain(`状態遷移図：${word}`);
      expect(page.text).toMatch(new RegExp(`aria-current="true" data-overlay="${key}"`));
    }
    // Cases now: 試験問題審査中 holds two cases (no filter); the state is filled from the scale.
    const count = await analyst.get('/analyst/procedures/skill-check?overlay=count');
    expect(count.text).toMatch(/data-state="questionReview"[\s\S]*?案件 2件（期限超過 0件）/);
    // Share: of the 4 cases that entered review, 1 withdrew through the withdrawal group (5 entered the procedure).
    const share = await analyst.get('/analyst/procedures/skill-check?overlay=share');
    expect(share.text).toMatch(/data-event="REVIEW_APPROVED" data-from="questionReview" data-to="preparing"[\s\S]*?1件（25%）/);
    expect(share.text).toMatch(/class="transition-group" data-group="[A-Z]" data-event="WITHDRAWN"[\s\S]*?1件（20%）/);
  });

  it('lists the cases in a state and those that took a transition, under the filters', async () => {
    const inReview = await analyst.get('/analyst/procedures/skill-check/cases?state=questionReview');
    expect(inReview.status).toBe(200);
    expect(listed(inReview.text)).toEqual([ids.review, ids.neighbourReview].sort());
    expect(inReview.text).toContain('「試験問題審査中」にある案件');
    const ownSchool = await analyst.get(`/analyst/procedures/skill-check/cases?state=questionReview&school=${t.w.orgs.school.id}`);
    expect(listed(ownSchool.text)).toEqual([ids.review]);
    const filed = await analyst.get('/analyst/procedures/skill-check/cases?event=QUESTIONS_FILED&from=questionsDrafting&to=questionReview');
    expect(listed(filed.text)).toEqual([ids.review, ids.neighbourReview, ids.preparing, ids.withdrawn].sort());
    const withdrawn = await analyst.get('/analyst/procedures/skill-check/cases?event=WITHDRAWN&to=withdrawn');
    expect(listed(withdrawn.text)).toEqual([ids.withdrawn]);
    expect(withdrawn.text).toContain(`/cases/${ids.withdrawn}`);
    const otherYear = await analyst.get('/analyst/procedures/skill-check/cases?state=questionReview&fy=2027');
    expect(listed(otherYear.text)).toEqual([]);
    expect(otherYear.text).toContain('該当する案件はありません');
  });

  it('answers bad filters and unknown states with 400 and a Japanese message, never 500', async () => {
    for (const q of ['state=nope', 'fy=abc&state=questionReview', 'school=1&state=questionReview', 'event=NOPE', '']) {
      const page = await analyst.get(`/analyst/procedures/skill-check/cases?${q}`);
      expect(page.status, q).toBe(400);
      expect(page.text).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
    expect((await analyst.get('/analyst/procedures/nope/cases?state=a')).status).toBe(404);
  });

  it('exports each diagram as SVG, PNG and Mermaid from the page and the API', async () => {
    const page = await analyst.get('/analyst/procedures/suspension');
    for (const ext of ['svg', 'png', 'mmd']) expect(page.text).toContain(`/analyst/procedures/suspension/diagram.${ext}?download`);
    const png = await t.app.request('/analyst/procedures/suspension/diagram.png?download', { headers: { cookie: analyst.cookie } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toContain('suspension-v1.png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const auth = { authorization: `Bearer ${t.w.users.analyst.token}` };
    const apiPng = await t.app.request('/api/procedures/suspension/diagram.png', { headers: auth });
    expect(apiPng.headers.get('content-type')).toBe('image/png');
    const svg = await (await t.app.request('/api/procedures/suspension/diagram.svg', { headers: auth })).text();
    expect(svg).not.toContain('&lt;br');
    expect(svg).toContain('class="legend"');
    const mmd = await (await t.app.request('/api/procedures/suspension/diagram.mmd', { headers: auth })).text();
    expect(mmd).toMatch(/^stateDiagram-v2/);
  });

  it('filters by a date range of opening and refuses a reversed one', async () => {
    const none = await analyst.get('/analyst/procedures/skill-check/cases?state=questionReview&since=2026-10-02');
    expect(listed(none.text)).toEqual([]);
    const all = await analyst.get('/analyst/procedures/skill-check/cases?state=questionReview&since=2026-10-01&until=2026-10-01');
    expect(listed(all.text)).toHaveLength(2);
    expect((await analyst.get('/analyst/procedures/skill-check?since=2026-10-05&until=2026-10-01')).status).toBe(400);
    expect((await analyst.get('/analyst/procedures/skill-check?since=2026-13-45')).status).toBe(400);
  });

  // Changes the data: runs last.
  it('counts lateness per deadline and the paths the cases took, and draws a selected path', async () => {
    // The drafting case misses the question filing date (7 Oct): the overdue timer fires, then it files 2 days late.
    t.w.clock.set('2026-10-09T10:00:00+09:00');
    await t.w.scheduler.runOnce();
    await t.w.engine.applyEvent(t.w.users.school.principal, ids.drafting!, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    // Sessions last 12 hours: sign in again after the clock moved.
    analyst = await signIn(t.app, t.mailer, 'analyst@example.test');
    const page = await analyst.get('/analyst/procedures/skill-check?overlay=lateness');
    expect(page.status, page.text.slice(-600)).toBe(200);
    const row = /<tr data-deadline="questionFiling">([\s\S]*?)<\/tr>/.exec(page.text)![1]!;
    expect(row).toMatch(/data-count="on-time">4件/);
    expect(row).toMatch(/data-count="missed">1件/);
    expect(row).toContain('1件・2日・2.0日・2日');
    const drafting = /data-state="questionsDrafting"[^>]*>([\s\S]*?)<\/g>/.exec(page.text)![1]!;
    const shown = [...drafting.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('');
    expect(shown).toContain('◇期限内 4/5件（80%）・超過 1件、遅れた届出 1件（中央値 2日）');
    // Paths: 3 cases went drafting -> review and stayed; 1 on to preparing; 1 to withdrawn.
    const paths = [...page.text.matchAll(/<tr data-path="(\d+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[2]!.replace(/<[^>]+>/g, ''));
    expect(paths).toHaveLength(3);
    expect(paths[0]).toContain('試験問題作成中（届出前） →〔技能照査試験問題等届出〕→ 試験問題審査中');
    expect(paths[0]).toContain('3件');
    const chosen = await analyst.get('/analyst/procedures/skill-check?path=1');
    expect(chosen.text).toMatch(/data-state="questionReview"[^>]*><a[^>]*><title>[^<]*<\/title><rect[^>]*fill="#fde68a"/);
    expect(chosen.text).toMatch(/data-event="QUESTIONS_FILED" data-from="questionsDrafting" data-to="questionReview"[\s\S]*?stroke-width="6"/);
    expect((await analyst.get('/analyst/procedures/skill-check?path=9')).status).toBe(404);
    expect((await analyst.get('/analyst/procedures/skill-check?path=x')).status).toBe(400);
  });

  it('serves the zoom script to any page', async () => {
    const res = await t.app.request('/assets/diagram.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('data-current');
  });
});
