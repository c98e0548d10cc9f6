/**
 * Every web page route x every principal -> the expected outcome: a signed-out visitor is sent to the
 * sign-in page (303 to /sign-in?next=...), a forbidden principal gets 403 (or 404 where the thing does not
 * exist for anyone), an allowed one 200 (or 303 after an accepted form, PRG). A school never reads or acts on
 * another school's case; a centre only on its region's cases. The cases under test belong to `school`
 * (region of `center`) unless a cell says otherwise; `neighbour` is another school of that region,
 * `farSchool` and `otherCenter` are of another region. Sessions come from the e-mailed one-time link, as in
 * the other web tests; forms carry the session's CSRF token and this site's Origin.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema.js';
import { formPageOf } from '../../src/web/auth/form-stash.js';
import { csrfTokenOf } from '../../src/web/auth/session-store.js';
import { caseIn } from '../web/fixtures.js';
import { signIn, visitor, webWorld } from '../web/harness.js';
import * as pay from '../support/skill-check-payloads.js';

const WHO = ['anonymous', 'school', 'neighbour', 'farSchool', 'center', 'otherCenter', 'hq', 'analyst', 'admin'] as const;
type Who = (typeof WHO)[number];
type Signed = Exclude<Who, 'anonymous'>;
/** 'sign-in' is a 303 to /sign-in?next=<the page>; 303 is any other redirect (an accepted form). */
type Outcome = 200 | 303 | 400 | 403 | 404 | 'sign-in';
type Expect = Record<Who, Outcome>;

const EMAIL: Record<Signed, string> = {
  school: 'school@example.test',
  neighbour: 'neighbour@example.test',
  farSchool: 'far@example.test',
  center: 'center@example.test',
  otherCenter: 'center2@example.test',
  hq: 'hq@example.test',
  analyst: 'analyst@example.test',
  admin: 'admin@example.test',
};

/** Allowed principals get the given outcome, everybody else `otherwise`; anonymous is sent to sign in. */
const only = (allowed: Partial<Record<Signed, Outcome>>, otherwise: Outcome = 403, anonymous: Outcome = 'sign-in'): Expect =>
  Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? anonymous : (allowed[w as Signed] ?? otherwise)])) as Expect;
const all = (outcome: Outcome, anonymous: Outcome = 'sign-in'): Expect => only({}, outcome, anonymous);

const SCHOOLS = { school: 200, neighbour: 200, farSchool: 200 } as const;
const ANALYSTS = { analyst: 200, hq: 200, admin: 200 } as const;
const MISSING = '00000000-0000-4000-8000-000000000000';

let t: Awaited<ReturnType<typeof webWorld>>;
type Visitor = ReturnType<typeof visitor>;
const sessions = {} as Record<Who, Visitor>;

beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
  sessions.anonymous = visitor(t.app);
  for (const who of Object.keys(EMAIL) as Signed[]) sessions[who] = await signIn(t.app, t.mailer, EMAIL[who]);
}, 60_000);
afterAll(async () => {
  await t.w.database.close();
});

/** The CSRF token of a visitor's session (derived from the session id, as the pages do); none when signed out. */
const csrf = (v: Visitor) => (v.cookie ? csrfTokenOf(v.cookie.slice(v.cookie.indexOf('=') + 1)) : '');

const questionsForm = (): Record<string, string> => {
  const q = pay.questionsFiled();
  return {
    representative: q.representative,
    'course.kei': q.course.kei,
    'course.ka': q.course.ka,
    'written.mainQuestions': String(q.written.mainQuestions),
    'written.spareQuestions': String(q.written.spareQuestions),
    'written.subjects': q.written.subjects.join('\n'),
    'practical.problem': q.practical.problem,
    'practical.tools': q.practical.tools.join('\n'),
    'practical.scoringGuide': q.practical.scoringGuide,
    'practical.criteria': q.practical.criteria,
  };
};

const newCaseForm = (schoolOrgId: string): Record<string, string> => ({
  'course.kei': '機械',
  'course.ka': '溶接',
  'course.courseType': '普通課程',
  fiscalYear: '2026',
  trainingCompletionDate: '2027-03-25',
  plannedExamDate: '2027-02-15',
  // Shown to HQ only; a school's form has no such field, so a school cannot open a case for another school.
  schoolOrgId,
});

interface Cell {
  name: string;
  expect: Expect;
  /** The request, made as `who`; the path is also what an anonymous visitor should come back to. */
  call: (v: Visitor, who: Who) => Promise<{ path: string; page: Awaited<ReturnType<Visitor['get']>> }>;
}

const get = (path: string | (() => Promise<string>)) => async (v: Visitor) => {
  const p = typeof path === 'string' ? path : await path();
  return { path: p, page: await v.get(p) };
};
const post = (path: () => Promise<string>, form: () => Record<string, string>) => async (v: Visitor) => {
  const p = await path();
  return { path: p, page: await v.post(p, { _csrf: csrf(v), ...form() }) };
};

const caseOf =
  (state: 'questionsDrafting' | 'questionReview', owner: 'school' | 'neighbour' | 'farSchool' = 'school', suffix = '') =>
  async () =>
    `/cases/${(await caseIn(t.w, state, t.w.users[owner].principal)).id}${suffix}`;

const cells = (): Cell[] => [
  // Admins and analysts have no inbox: they are sent to the case list.
  { name: 'GET /inbox', expect: only({ center: 200, otherCenter: 200, hq: 200, analyst: 303, admin: 303 }), call: get('/inbox') },
  { name: 'GET /inbox?scope=region', expect: only({ center: 200, otherCenter: 200, hq: 200, analyst: 303, admin: 303 }), call: get('/inbox?scope=region') },
  { name: 'GET /cases', expect: only({ ...SCHOOLS, center: 200, otherCenter: 200, hq: 200, analyst: 200, admin: 200 }), call: get('/cases') },
  { name: 'GET /school', expect: only(SCHOOLS), call: get('/school') },
  {
    name: "GET /cases/:id (school's case)",
    expect: only({ school: 200, center: 200, hq: 200, analyst: 200, admin: 200 }),
    call: get(caseOf('questionsDrafting')),
  },
  {
    name: "GET /cases/:id (neighbour's case, same region)",
    expect: only({ neighbour: 200, center: 200, hq: 200, analyst: 200, admin: 200 }),
    call: get(caseOf('questionsDrafting', 'neighbour')),
  },
  {
    name: "GET /cases/:id (farSchool's case, other region)",
    expect: only({ farSchool: 200, otherCenter: 200, hq: 200, analyst: 200, admin: 200 }),
    call: get(caseOf('questionsDrafting', 'farSchool')),
  },
  { name: 'GET /cases/:id (no such case)', expect: all(404), call: get(`/cases/${MISSING}`) },
  { name: 'GET /cases/:id (not a case number)', expect: all(400), call: get('/cases/not-a-uuid') },
  {
    name: 'POST /cases/:id/events/QUESTIONS_FILED (school event)',
    expect: only({ school: 303 }),
    call: post(caseOf('questionsDrafting', 'school', '/events/QUESTIONS_FILED'), questionsForm),
  },
  {
    name: "POST /cases/:id/events/QUESTIONS_FILED (farSchool's case)",
    expect: only({ farSchool: 303 }),
    call: post(caseOf('questionsDrafting', 'farSchool', '/events/QUESTIONS_FILED'), questionsForm),
  },
  {
    name: 'POST /cases/:id/events/REVIEW_APPROVED (HQ event)',
    expect: only({ hq: 303 }),
    call: post(caseOf('questionReview', 'school', '/events/REVIEW_APPROVED'), () => ({ note: '適当と認めます', _version: '2' })),
  },
  {
    name: 'POST /cases/:id/events/NO_SUCH_EVENT',
    expect: only({ school: 404, center: 404, hq: 404, analyst: 404, admin: 404 }),
    call: post(caseOf('questionsDrafting', 'school', '/events/NO_SUCH_EVENT'), () => ({})),
  },
  { name: 'GET /cases/new/skill-check', expect: only({ ...SCHOOLS, hq: 200 }), call: get('/cases/new/skill-check') },
  { name: 'GET /cases/new/no-such-procedure', expect: only({ school: 404, neighbour: 404, farSchool: 404, hq: 404 }), call: get('/cases/new/no-such-procedure') },
  {
    name: "POST /cases/new/skill-check (naming the school's organisation)",
    expect: only({ school: 303, neighbour: 303, farSchool: 303, hq: 303 }),
    call: post(async () => '/cases/new/skill-check', () => newCaseForm(t.w.orgs.school.id)),
  },
  { name: 'GET /analyst', expect: only(ANALYSTS), call: get('/analyst') },
  { name: 'GET /analyst/procedures/:id', expect: only(ANALYSTS), call: get('/analyst/procedures/skill-check') },
  { name: 'GET /analyst/procedures/:id (unknown)', expect: only({ analyst: 404, hq: 404, admin: 404 }), call: get('/analyst/procedures/nope') },
  { name: 'GET /analyst/procedures/:id/diagram.svg', expect: only(ANALYSTS), call: get('/analyst/procedures/skill-check/diagram.svg') },
  { name: 'GET /analyst/procedures/:id/diagram.mmd', expect: only(ANALYSTS), call: get('/analyst/procedures/skill-check/diagram.mmd') },
  { name: 'GET /analyst/procedures/:id/cases.csv', expect: only(ANALYSTS), call: get('/analyst/procedures/skill-check/cases.csv') },
  { name: 'GET /analyst/procedures/:id/diagram.png', expect: only(ANALYSTS), call: get('/analyst/procedures/skill-check/diagram.png') },
  { name: 'GET /analyst/procedures/:id/cases', expect: only(ANALYSTS), call: get('/analyst/procedures/skill-check/cases?state=questionsDrafting') },
  { name: 'GET /analyst/procedures/:id/cases (bad filter)', expect: only({ analyst: 400, hq: 400, admin: 400 }), call: get('/analyst/procedures/skill-check/cases?fy=abc') },
  { name: 'POST /school/calendar-feed', expect: only(SCHOOLS), call: post(async () => '/school/calendar-feed', () => ({})) },
  // The feed URL's token is its only credential: a bad one is 404 for everybody, signed in or not.
  { name: 'GET /calendar/:token.ics (bad token)', expect: all(404, 404), call: get('/calendar/not-a-feed-token.ics') },
];

function outcomeOf(page: { status: number; location: string | null }, path: string): Outcome | string {
  if (page.status === 303 && page.location?.startsWith('/sign-in')) {
    // A page comes back to itself; a form posted without a session comes back to the form's page (the form is
    // kept and refilled there after signing in: test/web/error-pages.test.ts).
    const back = [`/sign-in?next=${encodeURIComponent(path)}`, `/sign-in?next=${encodeURIComponent(formPageOf(path))}&reason=expired`];
    return back.includes(page.location!) ? 'sign-in' : `sign-in (next lost: ${page.location})`;
  }
  if (page.status === 303 && page.location?.startsWith('/sign-in') === false) return 303;
  return page.status as Outcome;
}

describe('authorization matrix of the web pages', () => {
  it('answers every page route x principal with the expected outcome', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const cell of cells()) {
      for (const who of WHO) {
        const { path, page } = await cell.call(sessions[who], who);
        got.push(`${cell.name} as ${who}: ${outcomeOf(page, path)}`);
        want.push(`${cell.name} as ${who}: ${cell.expect[who]}`);
        // A refusal is an HTML error page that says why, never a stack trace or the case's data.
        if (page.status === 403 || page.status === 404) {
          expect(page.headers.get('content-type'), `${cell.name} as ${who}`).toContain('text/html');
          expect(page.text, `${cell.name} as ${who}`).toContain('role="alert"');
        }
      }
    }
    expect(got).toEqual(want);
    expect(WHO.length).toBe(9);
  }, 120_000);

  it('a school opening a case gets it for its own organisation, whatever school the form names', async () => {
    for (const who of ['neighbour', 'farSchool'] as const) {
      const res = await sessions[who].post('/cases/new/skill-check', { _csrf: csrf(sessions[who]), ...newCaseForm(t.w.orgs.school.id) });
      expect(res.status).toBe(303);
      const id = /^\/cases\/([0-9a-f-]{36})\?/.exec(res.location ?? '')![1]!;
      const [row] = await t.w.db.select({ schoolOrgId: cases.schoolOrgId }).from(cases).where(eq(cases.id, id));
      expect(row!.schoolOrgId).toBe(t.w.orgs[who].id);
    }
  });

  it("an accepted form really changed only the own school's case; a refused one left the case as it was", async () => {
    const mine = await caseIn(t.w, 'questionsDrafting');
    for (const who of ['neighbour', 'farSchool', 'center', 'otherCenter', 'hq'] as const) {
      expect((await sessions[who].post(`/cases/${mine.id}/events/QUESTIONS_FILED`, { _csrf: csrf(sessions[who]), ...questionsForm() })).status).toBe(403);
    }
    const [before] = await t.w.db.select({ state: cases.state, version: cases.version }).from(cases).where(eq(cases.id, mine.id));
    expect(before).toEqual({ state: 'questionsDrafting', version: 1 });
    expect((await sessions.school.post(`/cases/${mine.id}/events/QUESTIONS_FILED`, { _csrf: csrf(sessions.school), ...questionsForm() })).status).toBe(303);
    const [after] = await t.w.db.select({ state: cases.state }).from(cases).where(eq(cases.id, mine.id));
    expect(after!.state).toBe('questionReview');
  });

  it("refuses another session's CSRF token and a form from another origin, even for the case's own school", async () => {
    const mine = await caseIn(t.w, 'questionsDrafting');
    const path = `/cases/${mine.id}/events/QUESTIONS_FILED`;
    expect((await sessions.school.post(path, { _csrf: csrf(sessions.neighbour), ...questionsForm() })).status).toBe(403);
    expect((await sessions.school.post(path, { ...questionsForm() })).status).toBe(403);
    expect((await sessions.school.post(path, { _csrf: csrf(sessions.school), ...questionsForm() }, { origin: 'https://evil.example' })).status).toBe(403);
    const [row] = await t.w.db.select({ version: cases.version }).from(cases).where(eq(cases.id, mine.id));
    expect(row!.version).toBe(1);
  });

  it("lists in the inbox and on the dashboard only the cases of the principal's own school or region", async () => {
    const mine = (await caseIn(t.w, 'questionReview')).id;
    const theirs = (await caseIn(t.w, 'questionReview', t.w.users.neighbour.principal)).id;
    const far = (await caseIn(t.w, 'questionReview', t.w.users.farSchool.principal)).id;
    const seen = async (who: Signed, path: string) => {
      const text = (await sessions[who].get(path)).text;
      return [mine, theirs, far].filter((id) => text.includes(id));
    };
    expect(await seen('school', '/school')).toEqual([mine]);
    expect(await seen('neighbour', '/school')).toEqual([theirs]);
    expect(await seen('farSchool', '/school')).toEqual([far]);
    // Earlier tests of this file fill the inboxes beyond one page (50 rows, ties in random id order): look per
    // school where a case must appear; a case that must not appear is absent from any page.
    const o = t.w.orgs;
    expect(await seen('center', `/inbox?scope=region&school=${o.school.id}`)).toEqual([mine]);
    expect(await seen('center', `/inbox?scope=region&school=${o.neighbour.id}`)).toEqual([theirs]);
    expect(await seen('center', '/inbox?scope=region')).not.toContain(far);
    expect(await seen('otherCenter', '/inbox?scope=region')).toEqual([far]);
    expect(await seen('hq', `/inbox?school=${o.school.id}`)).toEqual([mine]);
    expect(await seen('hq', `/inbox?school=${o.neighbour.id}`)).toEqual([theirs]);
    expect(await seen('hq', `/inbox?school=${o.farSchool.id}`)).toEqual([far]);
    // Filtering by another region's school does not widen a centre's scope.
    expect(await seen('center', `/inbox?scope=region&school=${t.w.orgs.farSchool.id}`)).toEqual([]);
  });
});
