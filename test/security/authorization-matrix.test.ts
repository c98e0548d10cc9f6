/**
 * Every JSON API endpoint x every role x own / other organisation -> the expected status. A school never
 * reads or acts on another school's case; a centre only on its region's cases. The case under test belongs
 * to `school`, in the region of `center`; `neighbour` is another school of that region, `farSchool` and
 * `otherCenter` are of another region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, issueToken } from '../../src/db/directory.js';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

const WHO = ['anonymous', 'school', 'neighbour', 'farSchool', 'center', 'otherCenter', 'hq', 'analyst', 'admin'] as const;
type Who = (typeof WHO)[number];
type Expect = Record<Who, number>;

const all = (status: number, anonymous = 401): Expect => Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? anonymous : status])) as Expect;
const only = (allowed: Partial<Record<Who, number>>, otherwise = 403): Expect =>
  Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? 401 : (allowed[w] ?? otherwise)])) as Expect;

let w: World;
let targets = 0;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  w = await makeWorld();
  api = client(appFor(w));
});
afterAll(async () => {
  await w.database.close();
});

/** A fresh token for each call, so revoking it in one cell does not affect the next. */
async function tokenOf(who: Who): Promise<string | null> {
  if (who === 'anonymous') return null;
  return issueToken(w.db, w.users[who].principal.userId, w.clock.now(), 1);
}

const newCase = async () => (await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput())).id;
async function caseInReview() {
  const id = await newCase();
  await w.engine.applyEvent(w.users.school.principal, id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  return id;
}

interface Cell {
  name: string;
  expect: Expect;
  call: (token: string | null, who: Who) => Promise<{ status: number; body: any }>;
}

const settings = { skillCheckQuestionFiling: '2026-10-02', skillCheckReviewResult: '2026-11-13', suspensionRefiling: '2026-05-15' };

const cells = (): Cell[] => [
  { name: 'GET /healthz', expect: all(200, 200), call: (t) => api.get('/healthz', t) },
  { name: 'GET /api/openapi.json', expect: all(200, 200), call: (t) => api.get('/api/openapi.json', t) },
  { name: 'GET /api/procedures', expect: all(200), call: (t) => api.get('/api/procedures', t) },
  { name: 'GET /api/procedures/:id', expect: all(200), call: (t) => api.get('/api/procedures/skill-check', t) },
  { name: 'GET /api/cases', expect: all(200), call: (t) => api.get('/api/cases', t) },
  {
    name: "POST /api/cases for the school's organisation",
    expect: only({ school: 201, hq: 201 }),
    call: (t) => api.post('/api/cases', t, { procedure: 'skill-check', input: pay.skillCheckInput({ schoolOrgId: w.orgs.school.id }) }),
  },
  {
    name: 'GET /api/cases/:id',
    expect: only({ school: 200, center: 200, hq: 200, analyst: 200, admin: 200 }),
    call: async (t) => api.get(`/api/cases/${await newCase()}`, t),
  },
  {
    name: 'GET /api/cases/:id/history',
    expect: only({ school: 200, center: 200, hq: 200, analyst: 200, admin: 200 }),
    call: async (t) => api.get(`/api/cases/${await newCase()}/history`, t),
  },
  {
    name: 'POST /api/cases/:id/events (school event QUESTIONS_FILED)',
    expect: only({ school: 200 }),
    call: async (t) => api.post(`/api/cases/${await newCase()}/events`, t, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }),
  },
  {
    name: 'POST /api/cases/:id/events (HQ event REVIEW_APPROVED)',
    expect: only({ hq: 200 }),
    call: async (t) => api.post(`/api/cases/${await caseInReview()}/events`, t, { type: 'REVIEW_APPROVED', data: {} }),
  },
  { name: 'GET /api/settings/:fy', expect: all(200), call: (t) => api.get('/api/settings/2026', t) },
  { name: 'PUT /api/settings/:fy', expect: only({ hq: 200, admin: 200 }), call: (t) => api.put('/api/settings/2026', t, settings) },
  { name: 'POST /api/tokens/revoke (own token)', expect: all(200), call: (t) => api.post('/api/tokens/revoke', t, {}) },
  {
    name: "POST /api/tokens/users/:id/revoke (a school user's access)",
    expect: only({ admin: 200 }),
    call: async (t) => {
      // A throwaway target each time: the real users keep their access for the other cells.
      const target = await addUser(w.db, { role: 'school', email: `target${++targets}@example.test`, orgId: w.orgs.school.id }, w.clock.now());
      return api.post(`/api/tokens/users/${target.id}/revoke`, t, {});
    },
  },
];

describe('authorization matrix of the JSON API', () => {
  it('answers every endpoint x role x organisation with the expected status', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const cell of cells()) {
      for (const who of WHO) {
        const r = await cell.call(await tokenOf(who), who);
        got.push(`${cell.name} as ${who}: ${r.status}`);
        want.push(`${cell.name} as ${who}: ${cell.expect[who]}`);
        if (r.status >= 400) expect(r.body.error, `${cell.name} as ${who}`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
    }
    expect(got).toEqual(want);
  });

  it('lists only what each role may see', async () => {
    const mine = await newCase();
    const theirs = (await w.engine.createCase(w.users.neighbour.principal, 'skill-check', pay.skillCheckInput())).id;
    const far = (await w.engine.createCase(w.users.farSchool.principal, 'skill-check', pay.skillCheckInput())).id;
    const seen = async (who: Exclude<Who, 'anonymous'>, q = '') => {
      const ids: string[] = (await api.get(`/api/cases?limit=500${q}`, w.users[who].token)).body.cases.map((c: { id: string }) => c.id);
      return [mine, theirs, far].filter((id) => ids.includes(id));
    };
    expect(await seen('school')).toEqual([mine]);
    expect(await seen('neighbour')).toEqual([theirs]);
    expect(await seen('farSchool')).toEqual([far]);
    expect(await seen('center')).toEqual([mine, theirs]);
    expect(await seen('otherCenter')).toEqual([far]);
    for (const who of ['hq', 'analyst', 'admin'] as const) expect(await seen(who)).toEqual([mine, theirs, far]);
    // Filtering by another organisation does not widen the scope.
    expect(await seen('school', `&org=${w.orgs.neighbour.id}`)).toEqual([]);
    expect(await seen('center', `&org=${w.orgs.farSchool.id}`)).toEqual([]);
  });

  it('refuses every /api route without a valid token (anonymous, unknown, expired, revoked)', async () => {
    const app = appFor(w);
    const expired = await issueToken(w.db, w.users.hq.principal.userId, new Date(w.clock.now().getTime() - 2 * 86_400_000), 1);
    const revoked = await issueToken(w.db, w.users.hq.principal.userId, w.clock.now(), 1);
    expect((await api.post('/api/tokens/revoke', revoked, {})).status).toBe(200);
    const routes = app.routes.filter((r) => r.path.startsWith('/api/') && r.path !== '/api/openapi.json' && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const r of routes) {
      const path = r.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*$/, 'x');
      for (const token of [null, 'swe_unknown', expired, revoked]) {
        const res = await app.request(path, { method: r.method, headers: token ? { authorization: `Bearer ${token}` } : {} });
        expect(res.status, `${r.method} ${r.path} with ${token ? 'a bad token' : 'no token'}`).toBe(401);
      }
    }
  });
});
