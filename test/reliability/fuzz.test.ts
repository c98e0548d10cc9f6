/**
 * Property-based fuzzing of the JSON API (fast-check, >= 1,000 generated requests): wrong types, missing and
 * extra fields, huge strings and arrays, deep JSON, invalid UTF-8, control characters, SQL and HTML
 * metacharacters, rare kanji and combining marks, impossible dates and 和暦 strings, unknown events, events
 * for the wrong state, role or version, statutory-rule violations. Every answer is a 4xx in the error
 * format (never 5xx), and a dump of every table is identical before and after.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

let w: World;
let app: ReturnType<typeof appFor>;
const ids = { drafting: '', review: '', preparing: '' };
beforeAll(async () => {
  w = await makeWorld();
  app = appFor(w);
  const s = w.users.school.principal;
  ids.drafting = (await w.engine.createCase(s, 'skill-check', pay.skillCheckInput())).id;
  ids.review = (await w.engine.createCase(s, 'skill-check', pay.skillCheckInput())).id;
  await w.engine.applyEvent(s, ids.review, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  ids.preparing = (await w.engine.createCase(s, 'skill-check', pay.skillCheckInput())).id;
  await w.engine.applyEvent(s, ids.preparing, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  await w.engine.applyEvent(w.users.hq.principal, ids.preparing, { type: 'REVIEW_APPROVED', data: {} });
});
afterAll(async () => {
  await w.database.close();
});

/** Every row of every table, as sorted JSON: equal dumps mean nothing changed. */
async function dump(): Promise<Record<string, string[]>> {
  const tables = await w.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const names = (Array.isArray(tables) ? tables : (tables as { rows: unknown[] }).rows).map((r) => (r as { table_name: string }).table_name);
  const out: Record<string, string[]> = {};
  for (const t of names) {
    const res = await w.db.execute(sql.raw(`select row_to_json(x)::text as j from "${t}" x`));
    out[t] = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows).map((r) => (r as { j: string }).j).sort();
  }
  return out;
}

// ---- hostile values -------------------------------------------------------------------------------
const nasty = [
  "'; DROP TABLE cases; --",
  '" OR 1=1 --',
  '$1::text',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;&amp;&quot;',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\u202e\u2066',
  '\ud800',
  '\udfff\ud800',
  '塚本 \uFA10 \uF9DC \uFA19',
  '𠮷野家 𩸽',
  'か\u3099き\u309A',
  '葛\u{E0100}飾',
  'ｱｲｳｴｵ',
  '   ',
  '\t\n',
  '令和9年2月15日',
  '\u{1F600}',
];
const badDates = ['2027-02-30', '2027-13-01', '2026-02-29', '令和9年2月15日', 'R9.2.15', '2027/02/15', '2027-2-15', '20270215', '', ' 2027-02-15', '2027-02-15T00:00:00Z', '0000-00-00', '9999-99-99'];
const hostileString = fc.oneof(
  fc.constantFrom(...nasty),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(...nasty), { minLength: 1, maxLength: 4 }).map((xs) => xs.join('')),
);
/** A valid name for a field that will be rejected for another reason (state, role, version, rule). */
const hostileName = fc.oneof(fc.constantFrom('塚\uFA10本 隆\uF9DC', '神\uFA19田 𠮷子', 'か\u3099ぎ 葛\u{E0100}', "O'Brien <b>&amp;", '山田\u3000太郎'), fc.constantFrom(...nasty).filter((s) => s.trim().length > 0));
const deep = fc.integer({ min: 50, max: 5000 }).map((n) => JSON.parse('['.repeat(Math.min(n, 500)) + ']'.repeat(Math.min(n, 500))));
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }), deep);
const notANumber = fc.oneof(hostileString, fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({}));

// ---- payload surgery ------------------------------------------------------------------------------
type Path = Array<string | number>;
function leaves(v: unknown, path: Path = []): Path[] {
  if (Array.isArray(v)) return [path, ...v.flatMap((x, i) => leaves(x, [...path, i]))];
  if (v && typeof v === 'object') return [path, ...Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]))];
  return [path];
}
const getAt = (v: any, p: Path) => p.reduce((x, k) => x?.[k], v);
function setAt(v: any, p: Path, value: unknown): any {
  if (p.length === 0) return value;
  const copy = Array.isArray(v) ? [...v] : { ...v };
  copy[p[0] as any] = setAt(v[p[0] as any], p.slice(1), value);
  return copy;
}
const isDateField = (p: Path) => /date|Date|On$|birthDate/.test(String(p.at(-1)));

/** A sure-to-be-invalid replacement for the value at a path. */
function invalidFor(current: unknown, p: Path): fc.Arbitrary<unknown> {
  if (typeof current === 'string') {
    if (isDateField(p)) return fc.oneof(fc.constantFrom(...badDates), notAString);
    return fc.oneof(notAString, fc.constantFrom('   ', '\t\n', ' \u3000 '), fc.integer({ min: 4001, max: 70_000 }).map((n) => '長'.repeat(n)));
  }
  if (typeof current === 'number') return notANumber;
  if (Array.isArray(current)) return fc.oneof(hostileString, fc.constant({}), fc.constant(null), fc.constant(Array.from({ length: 501 }, () => current[0])));
  return fc.oneof(hostileString, fc.integer(), fc.constant([]), fc.constant(null));
}

interface Req {
  kind: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  token: string | null;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

const json = (x: unknown) => JSON.stringify(x);
/** Percent-encodes a path segment; a lone surrogate becomes invalid UTF-8 on the wire (%ED%A0%80). */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent((s as string & { toWellFormed(): string }).toWellFormed())}%ED%A0%80%FF`;
  }
};
const userToken = (who: keyof World['users']) => w.users[who].token;

/** A valid payload for an event, mutated so that its schema must reject it. */
function brokenPayload(valid: Record<string, unknown>, requiredTop: boolean): fc.Arbitrary<unknown> {
  const paths = leaves(valid).filter((p) => p.length > 0);
  const replace = fc.constantFrom(...paths).chain((p) => invalidFor(getAt(valid, p), p).map((bad) => setAt(valid, p, bad)));
  const extra = fc.tuple(fc.constantFrom(...paths.filter((p) => typeof getAt(valid, p) === 'object' && !Array.isArray(getAt(valid, p))), []), hostileString.filter((k) => !(k in valid)), fc.jsonValue()).map(([p, k, v]) => {
    const target = getAt(valid, p as Path);
    if (k in (target ?? {})) return { ...valid, ['__extra__' + k]: v };
    return setAt(valid, p as Path, { ...target, [k]: v });
  });
  const drop = fc.constantFrom(...Object.keys(valid)).map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k)));
  return requiredTop ? fc.oneof(replace, extra, drop) : fc.oneof(replace, extra);
}

const validEvents = () => [
  { caseId: ids.drafting, who: 'school' as const, type: 'QUESTIONS_FILED', data: pay.questionsFiled(), required: true },
  { caseId: ids.drafting, who: 'school' as const, type: 'EXAM_DATE_CHANGED', data: { examDate: '2027-02-20', reason: '会場の都合' }, required: true },
  { caseId: ids.preparing, who: 'school' as const, type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-02-15'), required: true },
  { caseId: ids.review, who: 'hq' as const, type: 'REVIEW_GUIDANCE', data: { guidance: '問5を訂正' }, required: true },
];

const request = (): fc.Arbitrary<Req> => {
  const ev = (caseId: string) => `/api/cases/${caseId}/events`;
  // 1. schema violations of events the state accepts, by the right role
  const schemaBroken = fc.constantFrom(...validEvents()).chain((e) =>
    brokenPayload(e.data as Record<string, unknown>, e.required).map((data): Req => ({ kind: 'schema', method: 'POST', path: ev(e.caseId), token: userToken(e.who), body: json({ type: e.type, data }) })),
  );
  // 2. valid payloads with hostile names, for the wrong state (409)
  const wrongState = fc.tuple(hostileName, fc.constantFrom<[string, keyof World['users'], string, (n: string) => unknown]>(
    [ids.review, 'school', 'QUESTIONS_FILED', (n) => ({ ...pay.questionsFiled(), representative: n })],
    [ids.drafting, 'hq', 'CERTIFIED', () => ({ certifiedOn: '2026-09-01' })],
    [ids.drafting, 'school', 'DELIVERED', () => ({ deliveredOn: '2026-09-01' })],
    [ids.preparing, 'hq', 'REVIEW_GUIDANCE', (n) => ({ guidance: n })],
    [ids.drafting, 'school', 'CERT_APPLICATION_FILED', (n) => ({ representative: n, deliveryDate: '2027-03-25', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] })],
  )).map(([name, [id, who, type, data]]): Req => ({ kind: 'state', method: 'POST', path: ev(id), token: userToken(who), body: json({ type, data: data(name) }) }));
  // 3. valid payloads from the wrong role or organisation (403)
  const wrongWho = fc.tuple(hostileName, fc.constantFrom<keyof World['users']>('neighbour', 'farSchool', 'center', 'otherCenter', 'analyst', 'admin', 'hq')).map(
    ([name, who]): Req => ({ kind: 'role', method: 'POST', path: ev(ids.drafting), token: userToken(who), body: json({ type: 'QUESTIONS_FILED', data: { ...pay.questionsFiled(), representative: name } }) }),
  );
  // 4. stale or malformed If-Match (409 after the row lock, or 400)
  const ifMatch = fc.tuple(hostileName, fc.oneof(fc.integer({ min: 2, max: 999 }).map(String), hostileString, fc.constantFrom('W/"9"', '"0"', '-1', '1e3', '99999999999'))).map(
    ([name, tag]): Req => ({ kind: 'if-match', method: 'POST', path: ev(ids.drafting), token: userToken('school'), body: json({ type: 'EXAM_DATE_CHANGED', data: { examDate: '2027-02-22', reason: name } }), headers: { 'if-match': tag } }),
  );
  // 5. statutory rules (422 inside the transaction)
  const rules = fc.tuple(hostileName, fc.constantFrom('2026-12-01', '2027-04-01', '2027-06-30')).chain(([name, date]) =>
    fc.constantFrom<Req>(
      { kind: 'rule', method: 'POST', path: ev(ids.drafting), token: userToken('school'), body: json({ type: 'EXAM_DATE_CHANGED', data: { examDate: date, reason: name } }) },
      {
        kind: 'rule',
        method: 'POST',
        path: ev(ids.preparing),
        token: userToken('school'),
        body: json({ type: 'IMPLEMENTATION_NOTICE_FILED', data: { ...pay.implementationNotice(date), roster: pay.roster().map((r) => ({ ...r, name })) } }),
      },
    ),
  );
  // 6. unknown events and malformed envelopes
  const unknownEvent = fc.tuple(fc.oneof(hostileString, notAString), fc.anything()).map(([type, data]): Req => ({ kind: 'unknown', method: 'POST', path: ev(ids.drafting), token: userToken('school'), body: json({ type, data }) }));
  const envelope = fc.oneof(
    fc.jsonValue().map((v) => json(v)),
    fc.dictionary(hostileString, fc.jsonValue(), { maxKeys: 4 }).map((o) => json({ ...o, extra: 1 })),
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Uint8Array.from([0x7b, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3a, 0x22, ...b, 0xff, 0xfe, 0x22, 0x7d])),
    fc.integer({ min: 1, max: 20_000 }).map((n) => '{"type":"QUESTIONS_FILED","data":' + '['.repeat(n) + ']'.repeat(n) + '}'),
    fc.integer({ min: 65 * 1024, max: 200 * 1024 }).map((n) => json({ type: 'QUESTIONS_FILED', data: { representative: 'x'.repeat(n) } })),
    fc.constantFrom('', '{', '{"type":', 'null', '[]', '"QUESTIONS_FILED"', '{"type":"QUESTIONS_FILED","data":{}}garbage'),
  ).chain((body) => fc.constantFrom(ids.drafting, 'not-a-uuid', '00000000-0000-4000-8000-000000000000', "1' OR '1'='1", '%00').map((id): Req => ({ kind: 'envelope', method: 'POST', path: ev(enc(id)), token: userToken('school'), body })));
  // 7. invalid case creation
  const validInput = pay.skillCheckInput();
  const create = fc.oneof(
    brokenPayload(validInput, false).map((input) => ({ procedure: 'skill-check', input })),
    fc.constantFrom(...badDates).chain((d) => fc.constantFrom('trainingCompletionDate', 'plannedExamDate').map((k) => ({ procedure: 'skill-check', input: { ...validInput, [k]: d } }))),
    fc.tuple(hostileString, fc.anything()).map(([procedure, input]) => ({ procedure, input })),
    fc.constant({ procedure: 'skill-check', input: { ...validInput, schoolOrgId: '00000000-0000-4000-8000-000000000000' } }),
  ).chain((body) => fc.constantFrom<keyof World['users']>('school', 'hq', 'analyst', 'center').map((who): Req => ({ kind: 'create', method: 'POST', path: '/api/cases', token: userToken(who), body: json(who === 'school' || who === 'hq' ? body : { procedure: 'skill-check', input: { ...validInput, schoolOrgId: w.orgs.school.id } }) })));
  // 8. reads with hostile queries and ids (never 5xx)
  const reads = fc.oneof(
    fc.dictionary(fc.constantFrom('procedure', 'state', 'org', 'due_before', 'waiting_on', 'fiscal_year', 'status', 'limit', 'offset', 'x', "'"), fc.oneof(hostileString, fc.constantFrom(...badDates), fc.integer().map(String)), { maxKeys: 4 }).map(
      (q): Req => ({ kind: 'read', method: 'GET', path: `/api/cases?${new URLSearchParams(q).toString()}`, token: userToken('hq') }),
    ),
    fc.oneof(hostileString, fc.constantFrom(ids.drafting.toUpperCase(), `${ids.drafting}x`)).chain((id) =>
      fc.constantFrom('', '/history').map((suffix): Req => ({ kind: 'read', method: 'GET', path: `/api/cases/${enc(id)}${suffix}`, token: userToken('school') })),
    ),
    hostileString.map((id): Req => ({ kind: 'read', method: 'GET', path: `/api/procedures/${enc(id)}`, token: userToken('school') })),
  );
  // 9. settings, token administration and credentials
  const settings = { skillCheckQuestionFiling: '2026-10-02', skillCheckReviewResult: '2026-11-13', suspensionRefiling: '2026-05-15' };
  const admin = fc.oneof(
    // Settings are partial updates: leaving a key out is valid, so only replace values or add unknown keys.
    brokenPayload(settings, false).map((body): Req => ({ kind: 'settings', method: 'PUT', path: '/api/settings/2026', token: userToken('hq'), body: json(body) })),
    fc.constantFrom('2018', '2101', 'abc', '２０２６', '令和8').map((fy): Req => ({ kind: 'settings', method: 'PUT', path: `/api/settings/${enc(fy)}`, token: userToken('hq'), body: json(settings) })),
    fc.constant<Req>({ kind: 'settings', method: 'PUT', path: '/api/settings/2026', token: userToken('school'), body: json(settings) }),
    fc.constant<Req>({ kind: 'settings', method: 'PUT', path: '/api/settings/2026', token: userToken('hq'), body: json({ ...settings, skillCheckQuestionFiling: '2027-10-02' }) }),
    fc.oneof(hostileString, fc.constant('00000000-0000-4000-8000-000000000000')).map((id): Req => ({ kind: 'revoke', method: 'POST', path: `/api/tokens/users/${enc(id)}/revoke`, token: userToken('admin'), body: '{}' })),
    fc.constant<Req>({ kind: 'revoke', method: 'POST', path: `/api/tokens/users/${w.users.school.principal.userId}/revoke`, token: userToken('hq'), body: '{}' }),
    fc.oneof(hostileString, fc.constantFrom('Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'a'.repeat(600)}`, "Bearer ' OR 1=1 --")).map(
      (auth): Req => ({ kind: 'auth', method: 'POST', path: `/api/cases/${ids.drafting}/events`, token: null, body: json({ type: 'QUESTIONS_FILED', data: pay.questionsFiled() }), headers: { authorization: auth } }),
    ),
  );
  return fc.oneof(
    { weight: 4, arbitrary: schemaBroken },
    { weight: 2, arbitrary: wrongState },
    { weight: 1, arbitrary: wrongWho },
    { weight: 1, arbitrary: ifMatch },
    { weight: 1, arbitrary: rules },
    { weight: 1, arbitrary: unknownEvent },
    { weight: 2, arbitrary: envelope },
    { weight: 2, arbitrary: create },
    { weight: 1, arbitrary: reads },
    { weight: 2, arbitrary: admin },
  );
};

describe('fuzzing the API', () => {
  it(`answers ${RUNS} hostile requests with 4xx in the error format and changes nothing`, async () => {
    const before = await dump();
    const byKind: Record<string, Record<number, number>> = {};
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(request(), async (req) => {
        // Header values are bytes on the wire: what HTTP cannot carry (beyond Latin-1, CR, LF, NUL) is dropped.
        const raw: Record<string, string> = { 'content-type': 'application/json', ...(req.token ? { authorization: `Bearer ${req.token}` } : {}), ...req.headers };
        const headers = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.replace(/[^\x20-\x7e\x80-\xff]/g, '').trim()]));
        const res = await app.request(req.path, { method: req.method, headers, body: req.body as BodyInit | undefined });
        sent++;
        (byKind[req.kind] ??= {})[res.status] = (byKind[req.kind]![res.status] ?? 0) + 1;
        const text = await res.text();
        if (req.method === 'GET' && res.status === 200) return;
        expect(res.status, `${req.kind} ${req.method} ${req.path} -> ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${req.kind} ${req.method} ${req.path} -> ${text.slice(0, 300)}`).toBeLessThan(500);
        const body = JSON.parse(text);
        expect(typeof body.error.code).toBe('string');
        expect(typeof body.error.message).toBe('string');
        expect(text).not.toMatch(/\bat \S+\.(ts|js):\d+|Failed query|select .* from/i);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect(await dump()).toEqual(before);
    // Every family of attack was exercised.
    expect(Object.keys(byKind).sort()).toEqual(['auth', 'create', 'envelope', 'if-match', 'read', 'revoke', 'role', 'rule', 'schema', 'settings', 'state', 'unknown'].sort());
    console.log(`fuzz: ${sent} requests (seed ${SEED})`, JSON.stringify(byKind));
  }, 180_000);
});
