/**
 * /admin/organizations over HTTP: schools with their centre and 職業訓練法人 flag, centres and HQ; an admin
 * registers a school and a centre and changes a school; HQ registers and changes schools only; other roles get
 * a Japanese 403 page; a refused form keeps what was typed and writes nothing; unknown ids are 404.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../src/db/schema.js';
import { csrfOf, signIn, webWorld } from './harness.js';

let t: Awaited<ReturnType<typeof webWorld>>;
beforeAll(async () => {
  t = await webWorld('2026-10-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

/** What a person reads on a page (no markup, styles or code samples), and no English sentence in it. */
const readable = (html: string) => html.replace(/<(style|script|code)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
const expectJapanese = (html: string) => expect(readable(html)).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/);
const allOrgs = () => t.w.db.select().from(organizations);
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('/admin/organizations', () => {
  it('lists schools with their centre and flag, centres with their schools, and HQ, for admins and HQ', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const page = await admin.get('/admin/organizations');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<th scope="row">東京都機械職業訓練校<\/th>\s*<td data-label="管轄センター">城南職業能力開発センター<\/td>/);
    expect(page.text).toMatch(/<th scope="row">城北塗装職業訓練校<\/th>\s*<td data-label="管轄センター">城北職業能力開発センター<\/td>/);
    expect(page.text).toMatch(/<th scope="row">城南職業能力開発センター<\/th>\s*<td data-label="管内の訓練校" class="num">2校<\/td>/);
    expect(page.text).toContain('産業労働局 雇用就業部 能力開発課');
    expect(page.text).toContain('センターを登録');
    expectJapanese(page.text);
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const hqPage = await hq.get('/admin/organizations');
    expect(hqPage.status).toBe(200);
    expect(hqPage.text).toContain('訓練校を登録');
    expect(hqPage.text).not.toContain('センターを登録');
    for (const email of ['school@example.test', 'center@example.test', 'analyst@example.test']) {
      const v = await signIn(t.app, t.mailer, email);
      const refused = await v.get('/admin/organizations');
      expect(refused.status, email).toBe(403);
      expect(refused.text).toContain('システム管理者・本庁の担当者用です');
      expect((await v.get('/admin')).status, email).toBe(403);
    }
    const anonymous = await t.app.request('/admin/organizations');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/sign-in?next=%2Fadmin%2Forganizations');
  });

  it('an admin registers a 職業訓練法人 school under a centre and a centre; the list shows them', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const csrf = csrfOf((await admin.get('/admin/organizations')).text);
    const added = await admin.post('/admin/organizations', { _csrf: csrf, kind: 'school', name: '職業訓練法人 多摩技能訓練協会', centerId: t.w.orgs.otherCenter.id, trainingCorporation: 'on' });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/admin/organizations?done=school-added#schools');
    const [row] = await t.w.db.select().from(organizations).where(eq(organizations.name, '職業訓練法人 多摩技能訓練協会'));
    expect(row).toMatchObject({ kind: 'school', centerId: t.w.orgs.otherCenter.id, trainingCorporation: true });
    const list = await admin.get(added.location!);
    expect(list.text).toContain('訓練校を登録しました');
    expect(list.text).toMatch(/職業訓練法人 多摩技能訓練協会<\/th>\s*<td data-label="管轄センター">城北職業能力開発センター<\/td>\s*<td data-label="職業訓練法人">✔ 職業訓練法人<\/td>/);
    const center = await admin.post('/admin/organizations', { _csrf: csrf, kind: 'center', name: '多摩職業能力開発センター' });
    expect(center.status).toBe(303);
    expect((await admin.get('/admin/organizations')).text).toMatch(/<option value="[0-9a-f-]+">多摩職業能力開発センター<\/option>/);
  });

  it('refuses a form with Japanese errors and the input kept, writing nothing; HQ may not register a centre; a forged token is 403', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const csrf = csrfOf((await admin.get('/admin/organizations')).text);
    const before = (await allOrgs()).length;
    const empty = await admin.post('/admin/organizations', { _csrf: csrf, kind: 'school', name: '  ', centerId: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('訓練校の名称を入力してください。');
    expect(empty.text).toContain('管轄の職業能力開発センターを選んでください。');
    expect(empty.text).toContain('aria-invalid="true"');
    expectJapanese(empty.text);
    const forged = await admin.post('/admin/organizations', { _csrf: csrf, kind: 'school', name: '入力を残す訓練校<b>', centerId: t.w.orgs.school.id, trainingCorporation: 'on' });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('選んだセンターは登録されていません');
    expect(forged.text).toContain('value="入力を残す訓練校&lt;b&gt;"');
    expect(forged.text).toMatch(/name="trainingCorporation" checked/);
    const long = await admin.post('/admin/organizations', { _csrf: csrf, kind: 'center', name: 'あ'.repeat(101) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('100文字以内');
    expect((await admin.post('/admin/organizations', { _csrf: csrf, kind: 'planet', name: 'x' })).status).toBe(400);
    expect((await admin.post('/admin/organizations', { _csrf: 'forged', kind: 'center', name: '偽のセンター' })).status).toBe(403);
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const hqCsrf = csrfOf((await hq.get('/admin/organizations')).text);
    const refused = await hq.post('/admin/organizations', { _csrf: hqCsrf, kind: 'center', name: '本庁が作るセンター' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('システム管理者が行います');
    expect((await allOrgs()).length).toBe(before);
  });

  it("changes a school's centre and flag (admin or HQ); open cases are said to keep theirs; unknown ids are 404", async () => {
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const id = t.w.orgs.neighbour.id;
    const edit = await hq.get(`/admin/organizations/${id}`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('進行中の案件 0件');
    expect(edit.text).toMatch(new RegExp(`<option value="${t.w.orgs.center.id}" selected="">`));
    const refused = await hq.post(`/admin/organizations/${id}`, { _csrf: csrfOf(edit.text), name: '城南建築職業訓練校', centerId: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('管轄の職業能力開発センターを選んでください');
    const saved = await hq.post(`/admin/organizations/${id}`, { _csrf: csrfOf(edit.text), name: '城南建築職業訓練校', centerId: t.w.orgs.otherCenter.id, trainingCorporation: 'on' });
    expect(saved.status).toBe(303);
    const [row] = await t.w.db.select().from(organizations).where(eq(organizations.id, id));
    expect(row).toMatchObject({ centerId: t.w.orgs.otherCenter.id, trainingCorporation: true });
    expect((await hq.get(saved.location!)).text).toContain('変更を保存しました');
    const cleared = await hq.post(`/admin/organizations/${id}`, { _csrf: csrfOf(edit.text), name: '城南建築職業訓練校', centerId: t.w.orgs.center.id });
    expect(cleared.status).toBe(303);
    const [after] = await t.w.db.select().from(organizations).where(eq(organizations.id, id));
    expect(after).toMatchObject({ centerId: t.w.orgs.center.id, trainingCorporation: false });
    // A centre is the administrators' to change.
    expect((await hq.get(`/admin/organizations/${t.w.orgs.center.id}`)).status).toBe(403);
    for (const bad of [MISSING, 'not-an-id']) {
      const missing = await hq.get(`/admin/organizations/${bad}`);
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('指定された組織は登録されていません');
    }
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const centerEdit = await admin.get(`/admin/organizations/${t.w.orgs.otherCenter.id}`);
    expect(centerEdit.status).toBe(200);
    expect(centerEdit.text).not.toContain('name="centerId"');
    expect((await admin.post(`/admin/organizations/${MISSING}`, { _csrf: csrfOf(centerEdit.text), name: 'x' })).status).toBe(404);
  });
});
