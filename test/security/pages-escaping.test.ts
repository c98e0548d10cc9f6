/**
 * Hostile and rare text on the pages. A case whose course names and free text carry HTML/script
 * metacharacters and CJK compatibility ideographs (塚 U+FA10, 隆 U+F9DC, 神 U+FA19) and a combining mark is
 * created through the JSON API; the case page, the inbox, the school dashboard, the analyst CSV and the
 * calendar feed never let the markup through unescaped, and show the rare characters code point for code
 * point (NFC/NFKC would fold them into other code points).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, signIn, webWorld } from '../web/harness.js';
import { client } from '../support/http.js';
import * as pay from '../support/skill-check-payloads.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const AMP = '&amp;';
/** Compatibility ideographs and a combining voiced mark (NFC composes か + U+3099 into が). */
const RARE = '\uFA10\uF9DC\uFA19か\u3099';

const KEI = `${SCRIPT}${RARE}`; // 系: at most 60 characters
const KA = `${IMG}${AMP}${RARE}`; // 科
const FREE = `${SCRIPT} ${IMG} ${AMP} ${RARE}`;
const HOSTILE = [SCRIPT, IMG, AMP];

/** Markup that must never reach a page as markup. */
const UNSAFE = [/<script>alert/i, /<img src=x/i, /onerror=alert\(1\)>/i];

/** Undoes HTML escaping of text and attribute values (what a browser shows). */
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase());

let t: Awaited<ReturnType<typeof webWorld>>;
let api: ReturnType<typeof client>;
let reviewed: string; // waiting on HQ: in the inbox, on the dashboard, in the calendar
let drafting: string; // the school's form is prefilled with the course names
/** One session per person, signed in through the e-mailed link. */
const as = {} as Record<'school' | 'center' | 'hq' | 'analyst', Awaited<ReturnType<typeof signIn>>>;

beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
  api = client(t.app);
  const { school } = t.w.users;
  const create = async () => {
    const r = await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput({ course: { kei: KEI, ka: KA, courseType: '普通課程' } }) });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  reviewed = await create();
  const filed = await api.post(`/api/cases/${reviewed}/events`, school.token, {
    type: 'QUESTIONS_FILED',
    data: { ...pay.questionsFiled(), representative: FREE, course: { kei: KEI, ka: KA }, practical: { ...pay.questionsFiled().practical, problem: FREE, tools: [FREE] } },
  });
  expect(filed.status).toBe(200);
  drafting = await create();
  for (const who of ['school', 'center', 'hq', 'analyst'] as const) as[who] = await signIn(t.app, t.mailer, `${who}@example.test`);
}, 60_000);
afterAll(async () => {
  await t.w.database.close();
});

function expectSafeHtml(where: string, page: { status: number; text: string; headers: Headers }) {
  expect(page.status, where).toBe(200);
  expect(page.headers.get('content-type'), where).toContain('text/html');
  for (const bad of UNSAFE) expect(page.text, `${where}: ${bad}`).not.toMatch(bad);
  // The ampersand is escaped once: the text "&amp;" shows as such, not as "&".
  expect(page.text, where).toContain('&amp;amp;');
}

/** The page shows the hostile strings as text, and the rare characters exactly as entered. */
function expectExactText(where: string, text: string, strings: string[]) {
  const shown = unescapeHtml(text);
  for (const s of strings) expect(shown.includes(s), `${where} shows ${JSON.stringify(s)} (${codePoints(s).join(' ')})`).toBe(true);
  expect(text.includes(RARE), `${where}: ${codePoints(RARE).join(' ')}`).toBe(true);
  expect(text.includes(RARE.normalize('NFC')), `${where} has a normalised form`).toBe(false);
  expect(text.includes(RARE.normalize('NFKC')), `${where} has a normalised form`).toBe(false);
}

describe('pages escape markup and keep rare characters', () => {
  it('the test strings really change under NFC and NFKC', () => {
    expect(RARE.normalize('NFC')).not.toBe(RARE);
    expect(RARE.normalize('NFKC')).not.toBe(RARE);
    expect(KEI.length).toBeLessThanOrEqual(60);
    expect(KA.length).toBeLessThanOrEqual(60);
  });

  it('case page, as the school, the centre and HQ (title, key facts, JSON, history, prefilled forms)', async () => {
    for (const who of ['school', 'center', 'hq'] as const) {
      const v = as[who];
      for (const id of [reviewed, drafting]) {
        const page = await v.get(`/cases/${id}`);
        expectSafeHtml(`case ${id} as ${who}`, page);
        expectExactText(`case ${id} as ${who}`, page.text, [KEI, KA]);
        if (id === reviewed) expectExactText(`case ${id} history as ${who}`, page.text, HOSTILE);
      }
    }
    // The school's filing form is prefilled from the case: the values sit inside attributes, escaped.
    const school = as.school;
    const form = (await school.get(`/cases/${drafting}`)).text;
    const kei = /name="course\.kei"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="course\.kei"/.exec(form);
    expect(kei, 'a prefilled 系 field').not.toBeNull();
    expect(unescapeHtml(kei![1] ?? kei![2]!)).toBe(KEI);
    const ka = /name="course\.ka"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="course\.ka"/.exec(form);
    expect(unescapeHtml(ka![1] ?? ka![2]!)).toBe(KA);
  });

  it('a refused form shows the values as entered, escaped (no reflected markup)', async () => {
    const school = as.school;
    const page = await school.get(`/cases/${drafting}`);
    const res = await school.post(`/cases/${drafting}/events/QUESTIONS_FILED`, {
      _csrf: csrfOf(page.text),
      representative: FREE,
      'course.kei': KEI,
      'course.ka': KA,
      'written.mainQuestions': '99', // refused: the 様式 says 100
      'written.spareQuestions': '10',
      'written.subjects': FREE,
      'practical.problem': FREE,
      'practical.tools': FREE,
      'practical.scoringGuide': FREE,
      'practical.criteria': FREE,
    });
    expect(res.status).toBe(400);
    for (const bad of UNSAFE) expect(res.text).not.toMatch(bad);
    expectExactText('refused filing', res.text, [FREE, KEI, KA]);
    const created = await school.post('/cases/new/skill-check', {
      _csrf: csrfOf(page.text),
      'course.kei': KEI,
      'course.ka': KA,
      'course.courseType': '普通課程',
      trainingCompletionDate: '2027-03-25',
      plannedExamDate: `${SCRIPT}`, // refused: not a date
    });
    expect(created.status).toBe(400);
    for (const bad of UNSAFE) expect(created.text).not.toMatch(bad);
    expectExactText('refused new case', created.text, [KEI, KA]);
  });

  it('inbox (HQ, and the centre by region) and the school dashboard', async () => {
    const hq = as.hq;
    const inbox = await hq.get('/inbox');
    expect(inbox.text).toContain(reviewed);
    expectSafeHtml('HQ inbox', inbox);
    expectExactText('HQ inbox', inbox.text, [KEI, KA]);
    const center = as.center;
    const region = await center.get('/inbox?scope=region');
    expect(region.text).toContain(reviewed);
    expectSafeHtml('region inbox', region);
    expectExactText('region inbox', region.text, [KEI, KA]);
    const school = as.school;
    const dash = await school.get('/school');
    expect(dash.text).toContain(reviewed);
    expectSafeHtml('dashboard', dash);
    expectExactText('dashboard', dash.text, [KEI, KA]);
  });

  it('analyst pages and CSV (text, attachment, exact characters)', async () => {
    const analyst = as.analyst;
    for (const path of ['/analyst', '/analyst/procedures/skill-check']) {
      const page = await analyst.get(path);
      expect(page.status).toBe(200);
      for (const bad of UNSAFE) expect(page.text).not.toMatch(bad);
    }
    const csv = await analyst.get('/analyst/procedures/skill-check/cases.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment;/);
    const rows = csv.text.split('\r\n').filter((l) => l.includes(reviewed));
    expect(rows).toHaveLength(1);
    // The title cell, quoted with "" doubled, is the case title exactly as built from the course.
    const title = `${KEI}系 ${KA}科 技能照査（普通課程）`;
    expect(rows[0]).toContain(`"${title.replace(/"/g, '""')}"`);
    expect(csv.text.includes(RARE)).toBe(true);
    expect(csv.text.includes(RARE.normalize('NFC'))).toBe(false);
  });

  it('calendar feed (text/calendar, exact characters after unfolding)', async () => {
    const school = as.school;
    const dash = await school.get('/school');
    const issued = await school.post('/school/calendar-feed', { _csrf: csrfOf(dash.text) });
    expectSafeHtml('dashboard with feed URL', issued);
    const url = /id="feed-url" readonly="" value="([^"]+)"/.exec(issued.text)![1]!;
    const feed = await t.app.request(new URL(url).pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    // Lines are folded at 75 characters (CRLF + space or tab); iCalendar escapes ; , and \ in text.
    const ics = (await feed.text()).replace(/\r\n[ \t]/g, '');
    const unescaped = ics.replace(/\\([;,\\])/g, '$1').replace(/\\n/gi, '\n');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(reviewed);
    const summary = unescaped.split('\r\n').filter((l) => l.startsWith('SUMMARY'));
    expect(summary.some((l) => l.includes(`${KEI}系 ${KA}科`)), summary.join('\n')).toBe(true);
    expect(ics.includes(RARE)).toBe(true);
    expect(ics.includes(RARE.normalize('NFC'))).toBe(false);
  });
});
