import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signInLinks, webSessions } from '../../src/db/schema-web.js';
import { csrfOf, linkIn, signIn, visitor, webWorld } from './harness.js';

let t: Awaited<ReturnType<typeof webWorld>>;
beforeAll(async () => {
  t = await webWorld();
});
afterAll(async () => {
  await t.w.database.close();
});

describe('sign-in by one-time link', () => {
  it('GET / sends a signed-out visitor to the sign-in page', async () => {
    const v = visitor(t.app);
    const home = await v.get('/');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/sign-in');
    const inbox = await v.get('/inbox?fy=2026');
    expect(inbox.location).toBe('/sign-in?next=%2Finbox%3Ffy%3D2026');
  });

  it('mails a single-use link; the link opens a confirmation page and signs in once with an HttpOnly SameSite cookie', async () => {
    const v = visitor(t.app);
    const asked = await v.post('/sign-in', { email: 'HQ@example.test', next: '/inbox' });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('送信しました');
    const mail = t.mailer.sent.at(-1)!;
    expect(mail.to).toEqual(['hq@example.test']);
    const url = new URL(linkIn(mail));
    expect(url.origin).toBe('http://localhost:3000');
    const token = url.searchParams.get('token')!;
    // Only the hash is stored.
    const rows = await t.w.db.select().from(signInLinks);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);

    const confirm = await v.get(url.pathname + url.search);
    expect(confirm.status).toBe(200);
    expect(v.cookie).toBe('');
    const res = await t.app.request('/auth/link', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      body: new URLSearchParams({ token, next: '/inbox' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/inbox');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const again = await v.post('/auth/link', { token });
    expect(again.status).toBe(400);
    expect(again.text).toContain('無効');
  });

  it('refuses an expired link', async () => {
    const v = visitor(t.app);
    await v.post('/sign-in', { email: 'center@example.test' });
    const url = new URL(linkIn(t.mailer.sent.at(-1)!));
    t.w.clock.advance(16 * 60_000);
    const res = await v.post('/auth/link', { token: url.searchParams.get('token')! });
    expect(res.status).toBe(400);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = t.mailer.sent.length;
    const res = await visitor(t.app).post('/sign-in', { email: 'nobody@example.test' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('送信しました');
    expect(t.mailer.sent.length).toBe(before);
  });

  it('limits sign-in requests per address', async () => {
    const v = visitor(t.app);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await v.post('/sign-in', { email: 'neighbour@example.test' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    t.w.clock.advance(15 * 60_000);
    expect((await v.post('/sign-in', { email: 'neighbour@example.test' })).status).toBe(200);
  });

  it('refuses a form from another origin and a form without the session token; sign-out ends the session', async () => {
    const v = await signIn(t.app, t.mailer, 'school@example.test');
    const dash = await v.get('/school');
    expect(dash.status).toBe(200);
    const token = csrfOf(dash.text);
    expect(token).not.toBe('');
    expect((await v.post('/sign-out', { _csrf: token }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await v.post('/sign-out', { _csrf: 'forged' })).status).toBe(403);
    const out = await v.post('/sign-out', { _csrf: token });
    expect(out.status).toBe(303);
    expect((await v.get('/school')).location).toMatch(/^\/sign-in/);
    const sessions = await t.w.db.select().from(webSessions).where(eq(webSessions.userId, t.w.users.school.principal.userId));
    expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
  });

  it('keeps API tokens working for the JSON API, and pages do not accept them', async () => {
    const api = await t.app.request('/api/cases', { headers: { authorization: `Bearer ${t.w.users.hq.token}` } });
    expect(api.status).toBe(200);
    const pageWithToken = await t.app.request('/inbox', { headers: { authorization: `Bearer ${t.w.users.hq.token}` } });
    expect(pageWithToken.status).toBe(303);
  });

  it('refuses a redirect target outside the site', async () => {
    const v = visitor(t.app);
    await v.post('/sign-in', { email: 'analyst@example.test', next: '//evil.example/x' });
    const url = new URL(linkIn(t.mailer.sent.at(-1)!));
    const res = await v.post('/auth/link', { token: url.searchParams.get('token')!, next: '//evil.example/x' });
    expect(res.location).toBe('/');
  });
});
