/** GET /cases: every case the viewer may see (the access rules of src/engine/access.ts), searched, filtered and paged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema.js';
import { canSee } from '../../src/engine/access.js';
import { caseListQuery } from '../../src/web/queries.js';
import * as pay from '../support/skill-check-payloads.js';
import { signIn, webWorld } from './harness.js';
import { caseIn } from './fixtures.js';

let t: Awaited<ReturnType<typeof webWorld>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
  ids.own = (await caseIn(t.w, 'questionReview')).id;
  ids.neighbour = (await caseIn(t.w, 'questionsDrafting', t.w.users.neighbour.principal, { course: { kei: '建築', ka: '建築施工', courseType: '普通課程' } })).id;
  ids.far = (await caseIn(t.w, 'questionReview', t.w.users.farSchool.principal)).id;
  const noticed = await caseIn(t.w, 'preparing');
  await t.w.engine.applyEvent(t.w.users.school.principal, noticed.id, { type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-02-15') });
  ids.noticed = noticed.id;
  const done = await caseIn(t.w, 'questionsDrafting', t.w.users.farSchool.principal);
  await t.w.engine.applyEvent(t.w.users.farSchool.principal, done.id, { type: 'WITHDRAWN', data: { reason: '訓練生がいないため' } });
  ids.done = done.id;
});
afterAll(async () => {
  await t.w.database.close();
});

describe('caseListQuery', () => {
  it('lists for every role exactly the cases canSee allows', async () => {
    const all = await t.w.db.select().from(cases);
    for (const u of Object.values(t.w.users)) {
      const listed = (await caseListQuery(t.w.db, u.principal, { pageSize: 200 })).rows.map((r) => r.id).sort();
      expect(listed).toEqual(all.filter((c) => canSee(u.principal, c)).map((c) => c.id).sort());
    }
  });

  it('pages in update order, each case once', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const r = await caseListQuery(t.w.db, t.w.users.admin.principal, { page, pageSize: 2 });
      seen.push(...r.rows.map((x) => x.id));
      if (!r.hasNext) break;
    }
    expect(seen.length).toBe(5);
    expect(new Set(seen).size).toBe(5);
  });
});

describe('GET /cases', () => {
  it('shows an analyst every case with links, and searches by trainee name, school and course', async () => {
    const analyst = await signIn(t.app, t.mailer, 'analyst@example.test');
    const page = await analyst.get('/cases');
    expect(page.status).toBe(200);
    for (const id of Object.values(ids)) expect(page.text).toContain(`href="/cases/${id}"`);
    expect(page.text).toContain('すべての案件（閲覧のみ）');
    const trainee = await analyst.get(`/cases?q=${encodeURIComponent('塚本 次郎')}`);
    expect(trainee.text).toContain(ids.noticed);
    expect(trainee.text).not.toContain(ids.own);
    const school = await analyst.get(`/cases?q=${encodeURIComponent('城北塗装')}`);
    expect(school.text).toContain(ids.far);
    expect(school.text).toContain(ids.done);
    expect(school.text).not.toContain(ids.own);
    expect((await analyst.get(`/cases?q=${encodeURIComponent('建築施工')}`)).text).toContain(ids.neighbour);
  });

  it('filters by status, procedure, state, fiscal year and school, ignoring malformed values', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const done = await admin.get('/cases?status=done');
    expect(done.text).toContain(ids.done);
    expect(done.text).not.toContain(ids.own);
    expect(done.text).toContain('終了');
    const state = await admin.get('/cases?procedure=skill-check&state=questionReview');
    expect(state.text).toContain(ids.own);
    expect(state.text).toContain(ids.far);
    expect(state.text).not.toContain(ids.neighbour);
    expect((await admin.get('/cases?fy=2025')).text).toContain('該当する案件はありません');
    const bySchool = await admin.get(`/cases?school=${t.w.orgs.neighbour.id}`);
    expect(bySchool.text).toContain(ids.neighbour);
    expect(bySchool.text).not.toContain(ids.own);
    const odd = await admin.get('/cases?fy=abc&school=nope&status=maybe&page=-3');
    expect(odd.status).toBe(200);
    expect(odd.text).toContain(ids.own);
  });

  it('is sent compressed to a browser that accepts gzip', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const res = await t.app.request('/cases', { headers: { cookie: admin.cookie, 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const plain = await t.app.request('/cases', { headers: { cookie: admin.cookie } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBeLessThan((await plain.arrayBuffer()).byteLength / 3);
  });

  it('limits a centre to its region and a school to its own cases', async () => {
    const center = await signIn(t.app, t.mailer, 'center@example.test');
    const c = (await center.get('/cases')).text;
    expect(c).toContain(ids.own);
    expect(c).toContain(ids.neighbour);
    expect(c).not.toContain(ids.far);
    expect(c).not.toContain(ids.done);
    const school = await signIn(t.app, t.mailer, 'neighbour@example.test');
    const s = (await school.get('/cases')).text;
    expect(s).toContain(ids.neighbour);
    expect(s).not.toContain(ids.own);
    // A school searching another school's trainees finds nothing.
    expect((await school.get(`/cases?q=${encodeURIComponent('塚本')}`)).text).toContain('該当する案件はありません');
  });
});
