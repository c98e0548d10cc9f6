/**
 * /admin over HTTP: the home page links every admin page the viewer may use (and the fiscal-year settings); the
 * menu shows 管理 and 案件一覧 by role; an invitation typed while the session expired comes back after signing in;
 * every admin form answers garbage in Japanese, never 500, and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, users } from '../../src/db/schema.js';
import { csrfOf, linkIn, ORIGIN, signIn, webWorld } from './harness.js';

let t: Awaited<ReturnType<typeof webWorld>>;
beforeAll(async () => {
  t = await webWorld('2026-10-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

const readable = (html: string) => html.replace(/<(style|script|code)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
const ENGLISH = /[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/;
const menuOf = (html: string) => [.../<nav aria-label="メインメニュー">([\s\S]*?)<\/nav>/.exec(html)![1]!.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);

/** A cookie jar over app.request: the session cookie and the kept-form cookie side by side. */
function browser() {
  const jar = new Map<string, string>();
  async function go(method: string, path: string, form?: Record<string, string>) {
    const res = await t.app.request(path, {
      method,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const set of (res.headers as Headers & { getSetCookie(): string[] }).getSetCookie()) {
      const [pair, ...attrs] = set.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const value = pair!.slice(pair!.indexOf('=') + 1);
      if (!value || attrs.some((a) => /max-age=0/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }
  return { get: (p: string) => go('GET', p), post: (p: string, f: Record<string, string>) => go('POST', p, f), jar };
}

describe('/admin', () => {
  it('links every admin page for an admin, what HQ may use for HQ, and the menu shows 管理 and 案件一覧 by role', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const home = await admin.get('/admin');
    expect(home.status).toBe(200);
    for (const href of ['/admin/organizations', '/admin/users', '/settings/2026', '/settings/2027', '/admin/incidents']) expect(home.text).toContain(`href="${href}"`);
    expect(home.text).toContain('訓練校 3校・センター 2か所');
    expect(home.text).toContain('8人');
    expect(readable(home.text)).not.toMatch(ENGLISH);
    expect(menuOf(home.text)).toEqual(expect.arrayContaining(['管理 /admin', '案件一覧 /cases', '年度ごとの設定 /settings']));
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const hqHome = await hq.get('/admin');
    expect(hqHome.status).toBe(200);
    expect(hqHome.text).toContain('href="/admin/organizations"');
    expect(hqHome.text).toContain('href="/admin/incidents"');
    expect(hqHome.text).not.toContain('href="/admin/users"');
    expect(menuOf(hqHome.text)).toEqual(expect.arrayContaining(['管理 /admin', '案件一覧 /cases']));
    for (const [email, cases] of [['analyst@example.test', true], ['center@example.test', true], ['school@example.test', false]] as const) {
      const v = await signIn(t.app, t.mailer, email);
      const page = await v.get(email.startsWith('school') ? '/school' : email.startsWith('center') ? '/inbox' : '/analyst');
      const menu = menuOf(page.text);
      expect(menu.some((m) => m.startsWith('管理 ')), email).toBe(false);
      expect(menu.includes('案件一覧 /cases'), email).toBe(cases);
      const refused = await v.get('/admin');
      expect(refused.status, email).toBe(403);
      expect(readable(refused.text)).not.toMatch(ENGLISH);
    }
  });

  it('an invitation typed while the session expired is kept, and shown filled in after signing in (nothing saved)', async () => {
    const b = browser();
    await b.post('/sign-in', { email: 'admin@example.test', next: '/admin/users/new' });
    const link = new URL(linkIn(t.mailer.sent.at(-1)!));
    await b.post('/auth/link', { token: link.searchParams.get('token')!, next: '/admin/users/new' });
    const csrf = csrfOf((await b.get('/admin/users/new')).text);
    t.w.clock.advance(13 * 3_600_000); // sessions last 12 hours
    const posted = await b.post('/admin/users/new', { _csrf: csrf, email: 'kept.form@example.test', name: '保持 花子', role: 'center', orgId: t.w.orgs.center.id, contact: 'on' });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe('/sign-in?next=%2Fadmin%2Fusers%2Fnew&reason=expired');
    expect((await t.w.db.select().from(users)).some((u) => u.email === 'kept.form@example.test')).toBe(false);
    await b.post('/sign-in', { email: 'admin@example.test', next: '/admin/users/new' });
    const again = new URL(linkIn(t.mailer.sent.at(-1)!));
    const back = await b.post('/auth/link', { token: again.searchParams.get('token')!, next: again.searchParams.get('next')! });
    expect(back.location).toBe('/admin/users/new');
    const page = await b.get('/admin/users/new');
    expect(page.text).toContain('入力した内容を戻しました');
    expect(page.text).toContain('value="kept.form@example.test"');
    expect(page.text).toContain('value="保持 花子"');
    expect(page.text).toMatch(new RegExp(`<option value="${t.w.orgs.center.id}" selected="">`));
  });

  it('every admin form answers garbage in Japanese, never a 500; only an accepted add form adds a row', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const rows = async () => [(await t.w.db.select().from(organizations)).length, (await t.w.db.select().from(users)).length];
    const before = await rows();
    const pages = ['/admin/organizations', `/admin/organizations/${t.w.orgs.school.id}`, `/admin/organizations/${t.w.orgs.center.id}`, '/admin/users/new', `/admin/users/${t.w.users.school.principal.userId}`, '/admin/incidents'];
    const garbage = ['', 'zz', '-1', '{"x":', '99999999999999999999', '\u0000', 'あ'.repeat(300), '<script>alert(1)</script>'];
    let checked = 0;
    const added = { orgs: 0, users: 0 };
    for (const path of pages) {
      const html = (await admin.get(path)).text;
      for (const form of html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"[\s\S]*?<\/form>/g)) {
        if (form[1] === '/sign-out') continue;
        const names = [...new Set([...form[0].matchAll(/<(?:input|select)[^>]*name="([^"]+)"/g)].map((n) => n[1]!))].filter((n) => n !== '_csrf');
        const fixed = Object.fromEntries([...form[0].matchAll(/<input type="hidden" name="(kind|_action)" value="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
        for (const g of garbage) {
          const body = { ...Object.fromEntries(names.map((n) => [n, g])), ...fixed, _csrf: csrfOf(html) };
          const res = await admin.post(form[1]!, body);
          expect(res.status, `${form[1]} '${g}'`).toBeLessThan(500);
          if (res.status === 303) {
            // A harmless value is a valid name ('zz'): saved, as a person would expect.
            if (form[1] === '/admin/organizations') added.orgs++;
            if (form[1] === '/admin/users/new') added.users++;
          } else {
            expect(res.status, `${form[1]} '${g}'`).toBeGreaterThanOrEqual(400);
            expect(readable(res.text), `${form[1]} '${g}'`).not.toMatch(ENGLISH);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(await rows()).toEqual([before[0]! + added.orgs, before[1]! + added.users]);
  });
});
