/**
 * Japanese everywhere a person reads: every error (403, 404, 409, 413, 500) is an HTML page in Japanese with a
 * way back on page paths and JSON with a stable `code` (and a Japanese message) on /api; a form posted after
 * the session expired is kept and shown again after signing in; no page answers a bad form with English text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, linkIn, ORIGIN, signIn, webWorld } from './harness.js';
import { caseIn, noticeForm } from './fixtures.js';
import { client } from '../support/http.js';

let t: Awaited<ReturnType<typeof webWorld>>;
let api: ReturnType<typeof client>;
const at = (iso: string) => t.w.clock.set(`${iso}T10:00:00+09:00`);
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await webWorld('2026-10-01T09:00:00+09:00');
  api = client(t.app);
});
afterAll(async () => {
  await t.w.database.close();
});

/** What a person reads: the text outside tags, without the stylesheet, code samples and attribute values. */
export function readableText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<code[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
}

/** An English sentence (three words or more). */
const ENGLISH = /[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/;

function expectJapanesePage(res: { status: number; headers: Headers; text: string }, status: number, words: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.text).toMatch(/^<!DOCTYPE html>/);
  expect(res.text).toContain('<html lang="ja">');
  expect(res.text).toContain(words);
  expect(res.text).toMatch(/<a href="[^"]+">[^<]*(戻る|トップページ|ログイン画面へ)/);
  expect(readableText(res.text)).not.toMatch(ENGLISH);
}

function expectJapaneseJson(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  expect(res.body.error.message).not.toMatch(ENGLISH);
}

describe('error pages on page paths, JSON on /api', () => {
  it('404: unknown page paths (signed in or not) and a missing case are Japanese pages; /api stays JSON', async () => {
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    for (const path of ['/no-such-page', '/users', '/no/such/page']) expectJapanesePage(await hq.get(path), 404, 'ページが見つかりません');
    expectJapanesePage(await hq.post(`/cases/${MISSING}`, { _csrf: csrfOf((await hq.get('/inbox')).text) }), 404, 'ページが見つかりません');
    const anonymous = await t.app.request('/no-such-page');
    expectJapanesePage({ status: anonymous.status, headers: anonymous.headers, text: await anonymous.text() }, 404, 'ページが見つかりません');
    const missing = await hq.get(`/cases/${MISSING}`);
    expectJapanesePage(missing, 404, '案件が見つかりません');
    expect(missing.text).toContain('href="/inbox"');

    expectJapaneseJson(await api.get('/api/no-such-route', t.w.users.hq.token), 404, 'not_found');
    expectJapaneseJson(await api.get(`/api/cases/${MISSING}`, t.w.users.hq.token), 404, 'not_found');
    expect((await api.get(`/api/cases/${MISSING}`, t.w.users.hq.token)).body.error.details).toEqual({ caseId: MISSING });
    const anonymousApi = await api.get('/api/no-such-route', null);
    expectJapaneseJson(anonymousApi, 401, 'unauthorized');
  });

  it("403: another school's case and a page of another role, in Japanese without role codes", async () => {
    const c = await caseIn(t.w, 'questionsDrafting');
    const far = await signIn(t.app, t.mailer, 'far@example.test');
    const other = await far.get(`/cases/${c.id}`);
    expectJapanesePage(other, 403, '他の組織の案件');
    const inbox = await far.get('/inbox');
    expectJapanesePage(inbox, 403, 'この画面は本庁・センターの担当者用です');
    expect(readableText(inbox.text)).not.toMatch(/\b(hq|center|school|admin|analyst)\b/);

    expectJapaneseJson(await api.get(`/api/cases/${c.id}`, t.w.users.farSchool.token), 403, 'forbidden');
    const wrongRole = await api.post(`/api/cases/${c.id}/events`, t.w.users.school.token, { type: 'REVIEW_APPROVED', data: {} });
    expectJapaneseJson(wrongRole, 403, 'forbidden');
    expect(wrongRole.body.error.message).toContain('訓練校の担当者は「試験問題審査結果通知（適）」を送信できません（送信できるのは本庁の担当者です）');
  });

  it('409: an event the state does not accept, and a stale version, are Japanese on the page and in the API', async () => {
    const c = await caseIn(t.w, 'questionsDrafting');
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const csrf = csrfOf((await hq.get(`/cases/${c.id}`)).text);
    const refused = await hq.post(`/cases/${c.id}/events/REVIEW_APPROVED`, { _csrf: csrf });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(refused.text).toContain('現在の状態「試験問題作成中');
    expect(refused.text).toContain('「試験問題審査結果通知（適）」は受け付けられません');
    expect(readableText(refused.text)).not.toMatch(ENGLISH);

    const r = await api.post(`/api/cases/${c.id}/events`, t.w.users.hq.token, { type: 'REVIEW_APPROVED', data: {} });
    expectJapaneseJson(r, 409, 'event_not_allowed');
    expect(r.body.error.details).toMatchObject({ state: 'questionsDrafting' });
    const stale = await api.post(`/api/cases/${c.id}/events`, t.w.users.school.token, { type: 'QUESTIONS_FILED', data: {} }, { 'if-match': '99' });
    expect(stale.status).toBe(400); // the payload is checked before the version
    const pay = (await import('../support/skill-check-payloads.js')).questionsFiled();
    const staleOk = await api.post(`/api/cases/${c.id}/events`, t.w.users.school.token, { type: 'QUESTIONS_FILED', data: pay }, { 'if-match': '99' });
    expectJapaneseJson(staleOk, 409, 'stale_version');
    expect(staleOk.body.error.details).toEqual({ version: 1 });
  });

  it('413: a body over the limit is a Japanese page on page paths and JSON on /api', async () => {
    const c = await caseIn(t.w, 'preparing');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const csrf = csrfOf((await school.get(`/cases/${c.id}`)).text);
    const big = await school.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { _csrf: csrf, representative: 'x'.repeat(70 * 1024) });
    expectJapanesePage(big, 413, '送信された内容が大きすぎます（上限 64 KB）');
    const res = await api.post(`/api/cases/${c.id}/events`, t.w.users.school.token, { type: 'X', data: 'x'.repeat(70 * 1024) });
    expectJapaneseJson(res, 413, 'payload_too_large');
  });

  it('500: an unexpected failure is a Japanese page without the error text, and JSON on /api', async () => {
    const c = await caseIn(t.w, 'questionsDrafting');
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const original = t.w.engine.getCase;
    t.w.engine.getCase = async () => {
      throw new Error('boom: something broke inside');
    };
    try {
      const page = await hq.get(`/cases/${c.id}`);
      expectJapanesePage(page, 500, 'システムエラーが発生しました');
      expect(page.text).not.toContain('boom');
      expect(page.text).toContain('問い合わせ番号');
      const res = await api.get(`/api/cases/${c.id}`, t.w.users.hq.token);
      expectJapaneseJson(res, 500, 'internal');
      expect(JSON.stringify(res.body)).not.toContain('boom');
    } finally {
      t.w.engine.getCase = original;
    }
  });

  it('shows who is signed in once: "システム管理者", never "システム管理者（システム管理者）"', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const page = await admin.get('/analyst');
    expect(page.text).toContain('システム管理者 admin@example.test');
    expect(page.text).not.toContain('システム管理者（システム管理者）');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    expect((await school.get('/school')).text).toContain('東京都機械職業訓練校（訓練校） school@example.test');
    expect((await (await signIn(t.app, t.mailer, 'hq@example.test')).get('/inbox')).text).toContain('能力開発課（本庁） hq@example.test');
  });
});

/** A browser's cookie jar: every cookie by name (the harness's visitor keeps one). */
function browser(app: typeof t.app) {
  const jar = new Map<string, string>();
  async function go(method: string, path: string, form?: Record<string, string>) {
    const res = await app.request(path, {
      method,
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const setCookies = (res.headers as Headers & { getSetCookie(): string[] }).getSetCookie();
    for (const set of setCookies) {
      const [pair, ...attrs] = set.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (!value || attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text(), headers: res.headers };
  }
  return { get: (p: string) => go('GET', p), post: (p: string, f: Record<string, string>) => go('POST', p, f), jar };
}

async function signInBrowser(b: ReturnType<typeof browser>, email: string, next: string) {
  await b.post('/sign-in', { email, next });
  const link = new URL(linkIn(t.mailer.sent.filter((m) => m.to.includes(email)).at(-1)!));
  expect(link.searchParams.get('next')).toBe(next);
  return b.post('/auth/link', { token: link.searchParams.get('token')!, next: link.searchParams.get('next')! });
}

describe('an expired session keeps the posted form', () => {
  it('post without a session -> sign in -> the form shows the posted values, once', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'preparing');
    const b = browser(t.app);
    await signInBrowser(b, 'school@example.test', '/school');
    const csrf = csrfOf((await b.get(`/cases/${c.id}`)).text);
    // The session expires while the school types the notice (sessions last 12 hours).
    at('2026-10-02');
    const form = { ...noticeForm('2027-02-15'), representative: '復元 太郎', 'written.place': '別館 第3教室', _csrf: csrf };
    const posted = await b.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, form);
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`/sign-in?next=${encodeURIComponent(`/cases/${c.id}`)}&reason=expired`);
    // Form data never goes into a URL: only an id, in an httpOnly cookie.
    expect(posted.location).not.toContain('復元');
    expect(posted.headers.get('set-cookie')).toMatch(/swe_form=[A-Za-z0-9_-]{40,}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    const signInPage = await b.get(posted.location!);
    expect(signInPage.text).toContain('ログインの有効期限が切れました');
    expect(signInPage.text).toContain('入力中の内容は保存してあります');

    const back = await signInBrowser(b, 'school@example.test', `/cases/${c.id}`);
    expect(back.location).toBe(`/cases/${c.id}`);
    const page = await b.get(back.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('ログイン前に入力した「技能照査実施届出」の内容を復元しました');
    expect(page.text).toContain('value="復元 太郎"');
    expect(page.text).toContain('value="別館 第3教室"');
    // Nothing was sent: the case is where it was. The kept form is used once.
    expect((await t.w.engine.getCase(t.w.users.school.principal, c.id)).state).toBe('preparing');
    expect((await b.get(`/cases/${c.id}`)).text).not.toContain('復元 太郎');
  });

  it('is not shown to another user signing in on the same browser', async () => {
    at('2026-10-05');
    const c = await caseIn(t.w, 'preparing');
    const b = browser(t.app);
    await signInBrowser(b, 'school@example.test', '/school');
    const csrf = csrfOf((await b.get(`/cases/${c.id}`)).text);
    // Signed out elsewhere (revoked): the session cookie is still sent but opens nothing.
    const { closeSession } = await import('../../src/web/auth/session-store.js');
    await closeSession(t.w.db, b.jar.get('swe_session')!, t.w.clock.now());
    const posted = await b.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { ...noticeForm('2027-02-15'), representative: '他人 に見せない', _csrf: csrf });
    expect(posted.status).toBe(303);
    await signInBrowser(b, 'hq@example.test', `/cases/${c.id}`);
    const page = await b.get(`/cases/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('他人 に見せない');
  });
});

describe('no English error text on pages', () => {
  /** The forms of a page: action and the names of their text fields. */
  function formsOf(html: string) {
    return [...html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"[\s\S]*?<\/form>/g)].map((m) => ({
      action: m[1]!,
      names: [...new Set([...m[0].matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"/g)].map((n) => n[1]!))],
    }));
  }
  const garbage = ['', 'zz', '2027-13-45', '-1', '{"x":', '99999999999999999999'];

  it('every form of the case pages, the new-case form, the settings form and sign-in answer bad input in Japanese', async () => {
    at('2026-10-01');
    const seen: string[] = [];
    const check = (where: string, res: { status: number; text: string }) => {
      expect(res.status, where).toBeLessThan(500);
      const text = readableText(res.text);
      expect(text, `${where}: ${ENGLISH.exec(text)?.[0]}`).not.toMatch(ENGLISH);
      seen.push(where);
    };
    const states = ['questionsDrafting', 'questionReview', 'preparing'] as const;
    for (const [email, who] of [['school@example.test', t.w.users.school.principal], ['hq@example.test', t.w.users.school.principal]] as const) {
      const v = await signIn(t.app, t.mailer, email);
      for (const state of states) {
        const c = await caseIn(t.w, state, who);
        const html = (await v.get(`/cases/${c.id}`)).text;
        for (const f of formsOf(html).filter((f) => f.action.startsWith(`/cases/${c.id}/events/`))) {
          for (const g of garbage) {
            const body = Object.fromEntries(f.names.filter((n) => !n.startsWith('_')).map((n) => [n, g]));
            const res = await v.post(f.action, { ...body, _csrf: csrfOf(html), _version: '1' });
            check(`${email} ${state} ${f.action.split('/').pop()} '${g}'`, res);
          }
        }
        // An event the state does not offer, and one the procedure does not have.
        check(`${email} ${state} unknown event`, await v.post(`/cases/${c.id}/events/NO_SUCH_EVENT`, { _csrf: csrfOf(html) }));
        check(`${email} ${state} bad token`, await v.post(`/cases/${c.id}/events/REVIEW_APPROVED`, { _csrf: 'forged' }));
      }
      const newCase = await v.get('/cases/new/skill-check');
      for (const f of formsOf(newCase.text).filter((f) => f.action.startsWith('/cases/new/'))) {
        for (const g of garbage) {
          const body = Object.fromEntries(f.names.filter((n) => !n.startsWith('_')).map((n) => [n, g]));
          check(`${email} new case '${g}'`, await v.post(f.action, { ...body, _csrf: csrfOf(newCase.text) }));
        }
      }
    }
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const settings = await hq.get('/settings/2026');
    for (const f of formsOf(settings.text).filter((f) => f.action.startsWith('/settings/'))) {
      for (const g of garbage) {
        const body = Object.fromEntries(f.names.filter((n) => !n.startsWith('_')).map((n) => [n, g]));
        check(`settings '${g}'`, await hq.post(f.action, { ...body, _csrf: csrfOf(settings.text) }));
      }
    }
    check('bad case id', await hq.get('/cases/not-a-uuid'));
    check('unknown procedure', await hq.get('/cases/new/no-such-procedure'));
    check('bad fiscal year', await hq.get('/settings/1900'));
    const postAs = async (origin: string, body: string) => {
      const r = await t.app.request('/sign-in', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body });
      return { status: r.status, text: await r.text() };
    };
    for (const g of garbage) check(`sign-in '${g}'`, await postAs(ORIGIN, new URLSearchParams({ email: g }).toString()));
    check('cross-site form', await postAs('https://evil.example', 'email=a%40b'));
    expect(seen.length).toBeGreaterThan(30);
  });
});
