/**
 * Every admin page route x every principal -> the expected outcome, in the manner of
 * test/security/pages-authorization.test.ts: signed-out visitors go to sign in (a posted form comes back to its
 * page), other roles get a Japanese 403 page, allowed ones the page (200) or their refused form (400) or 404 for
 * an unknown id. Administrators have every admin page; HQ the home page, the organisations (changing schools
 * only) and the incidents; nobody else any.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenOf } from '../../src/web/auth/session-store.js';
import { signIn, visitor, webWorld } from './harness.js';

const WHO = ['anonymous', 'school', 'center', 'hq', 'analyst', 'admin'] as const;
type Who = (typeof WHO)[number];
type Signed = Exclude<Who, 'anonymous'>;
type Outcome = 200 | 400 | 403 | 404 | 'sign-in';
const EMAIL: Record<Signed, string> = { school: 'school@example.test', center: 'center@example.test', hq: 'hq@example.test', analyst: 'analyst@example.test', admin: 'admin@example.test' };
const MISSING = '00000000-0000-4000-8000-000000000000';

const only = (allowed: Partial<Record<Signed, Outcome>>): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? 'sign-in' : (allowed[w as Signed] ?? 403)])) as Record<Who, Outcome>;

let t: Awaited<ReturnType<typeof webWorld>>;
type Visitor = ReturnType<typeof visitor>;
const sessions = {} as Record<Who, Visitor>;
beforeAll(async () => {
  t = await webWorld('2026-10-01T09:00:00+09:00');
  sessions.anonymous = visitor(t.app);
  for (const who of Object.keys(EMAIL) as Signed[]) sessions[who] = await signIn(t.app, t.mailer, EMAIL[who]);
}, 60_000);
afterAll(async () => {
  await t.w.database.close();
});

const csrf = (v: Visitor) => (v.cookie ? csrfTokenOf(v.cookie.slice(v.cookie.indexOf('=') + 1)) : '');

describe('authorization matrix of the admin pages', () => {
  it('answers every admin route x principal as expected, refusals as Japanese pages', async () => {
    const school = t.w.orgs.school.id;
    const center = t.w.orgs.center.id;
    const user = t.w.users.school.principal.userId;
    const cells: { name: string; expect: Record<Who, Outcome>; path: string; form?: Record<string, string> }[] = [
      { name: 'GET /admin', path: '/admin', expect: only({ admin: 200, hq: 200 }) },
      { name: 'GET /admin/organizations', path: '/admin/organizations', expect: only({ admin: 200, hq: 200 }) },
      { name: 'GET /admin/organizations/:school', path: `/admin/organizations/${school}`, expect: only({ admin: 200, hq: 200 }) },
      { name: 'GET /admin/organizations/:center', path: `/admin/organizations/${center}`, expect: only({ admin: 200 }) },
      { name: 'GET /admin/organizations/:missing', path: `/admin/organizations/${MISSING}`, expect: only({ admin: 404, hq: 404 }) },
      { name: 'POST /admin/organizations (school, empty)', path: '/admin/organizations', form: { kind: 'school', name: '' }, expect: only({ admin: 400, hq: 400 }) },
      { name: 'POST /admin/organizations (centre, empty)', path: '/admin/organizations', form: { kind: 'center', name: '' }, expect: only({ admin: 400 }) },
      { name: 'POST /admin/organizations/:school (empty)', path: `/admin/organizations/${school}`, form: { name: '' }, expect: only({ admin: 400, hq: 400 }) },
      { name: 'POST /admin/organizations/:center (empty)', path: `/admin/organizations/${center}`, form: { name: '' }, expect: only({ admin: 400 }) },
      { name: 'GET /admin/users', path: '/admin/users', expect: only({ admin: 200 }) },
      { name: 'GET /admin/users/new', path: '/admin/users/new', expect: only({ admin: 200 }) },
      { name: 'GET /admin/users/:id', path: `/admin/users/${user}`, expect: only({ admin: 200 }) },
      { name: 'GET /admin/users/:missing', path: `/admin/users/${MISSING}`, expect: only({ admin: 404 }) },
      { name: 'POST /admin/users/new (empty)', path: '/admin/users/new', form: { email: '' }, expect: only({ admin: 400 }) },
      { name: 'POST /admin/users/:id (save, no role)', path: `/admin/users/${user}`, form: { _action: 'save', role: '' }, expect: only({ admin: 400 }) },
      { name: 'GET /admin/incidents', path: '/admin/incidents', expect: only({ admin: 200, hq: 200 }) },
      { name: 'POST /admin/incidents (retry a missing timer)', path: '/admin/incidents', form: { _action: 'retry-timer', id: MISSING }, expect: only({ admin: 404, hq: 404 }) },
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const cell of cells) {
      for (const who of WHO) {
        const v = sessions[who];
        const page = cell.form ? await v.post(cell.path, { _csrf: csrf(v), ...cell.form }) : await v.get(cell.path);
        const back = cell.form ? `/sign-in?next=${encodeURIComponent(cell.path)}&reason=expired` : `/sign-in?next=${encodeURIComponent(cell.path)}`;
        const outcome = page.status === 303 ? (page.location === back ? 'sign-in' : `303 ${page.location}`) : page.status;
        got.push(`${cell.name} as ${who}: ${outcome}`);
        want.push(`${cell.name} as ${who}: ${cell.expect[who]}`);
        if (page.status >= 400) {
          expect(page.headers.get('content-type'), `${cell.name} as ${who}`).toContain('text/html');
          expect(page.text, `${cell.name} as ${who}`).toContain('role="alert"');
        }
      }
    }
    expect(got).toEqual(want);
  }, 120_000);
});
