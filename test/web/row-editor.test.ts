/**
 * Row editors and spreadsheets over HTTP, without a browser: no page has a JSON text area; the row buttons work
 * without script; a roster downloads as .xlsx and .csv and uploads back as a preview; the same access as the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOfSchema } from '../../src/web/forms/schemas.js';
import { gridOf, toXlsx } from '../../src/web/forms/sheets.js';
import { tableNamed } from '../../src/web/routes/sheets.js';
import { skillCheck } from '../../definitions/skill-check/index.js';
import * as pay from '../support/skill-check-payloads.js';
import { caseIn, noticeForm, rosterFields } from './fixtures.js';
import { csrfOf, ORIGIN, signIn, webWorld } from './harness.js';

let t: Awaited<ReturnType<typeof webWorld>>;
const at = (iso: string) => t.w.clock.set(`${iso}T10:00:00+09:00`);

beforeAll(async () => {
  t = await webWorld('2026-10-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

async function upload(cookie: string, path: string, fields: Record<string, string>, file: { name: string; bytes: Uint8Array; key: string }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append(file.key, new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await t.app.request(path, { method: 'POST', headers: { cookie, origin: ORIGIN }, body });
  return { status: res.status, text: await res.text() };
}

describe('row editors', () => {
  it('no page a signed-in user sees has a JSON text area or English parse errors', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'preparing');
    for (const email of ['school@example.test', 'hq@example.test', 'center@example.test', 'admin@example.test', 'analyst@example.test']) {
      const v = await signIn(t.app, t.mailer, email).catch(() => null);
      if (!v) continue;
      const everyProcedure = t.w.registry.list().flatMap((d) => [`/cases/new/${d.id}`, `/analyst/procedures/${d.id}`]);
      const admin = ['/admin', '/admin/organizations', '/admin/users', '/admin/users/new', '/admin/incidents'];
      for (const path of ['/', '/inbox', '/school', '/cases', '/analyst', '/settings', `/cases/${c.id}`, ...everyProcedure, ...admin]) {
        const page = await v.get(path);
        expect(page.text, `${email} ${path}`).not.toMatch(/<textarea[^>]*class="json"/);
        expect(page.text, `${email} ${path}`).not.toContain('JSON形式');
        // zod's and JSON.parse's own words, which must never reach a person.
        expect(page.text, `${email} ${path}`).not.toMatch(/Unexpected token|Unrecognized key|Invalid (input|enum|option)|Expected (string|number|object)/);
      }
    }
  });

  it('row buttons work without script: add rows, move and remove one, keeping what was typed', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'preparing');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const page = await school.get(`/cases/${c.id}`);
    expect(page.text).toContain('name="roster.0.subjects.0.subject"');
    expect(page.text).toContain('<script src="/assets/row-editor.js" defer=""></script>');
    const form = { _csrf: csrfOf(page.text), ...noticeForm('2027-02-15') };
    const added = await school.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { ...form, _op: 'add:roster' });
    expect(added.status).toBe(200);
    expect(added.text).toContain('name="roster.7.traineeId"');
    expect(added.text).toContain('value="甲野 乙男"');
    const moved = await school.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { ...form, _op: 'down:roster.0' });
    expect(moved.text).toMatch(/name="roster\.1\.traineeId" value="T1"/);
    const removed = await school.post(`/cases/${c.id}/events/IMPLEMENTATION_NOTICE_FILED`, { ...form, _op: 'remove:roster.0' });
    expect(removed.text).toMatch(/name="roster\.0\.traineeId" value="T2"/);
    expect((await t.w.engine.getCase(t.w.users.school.principal, c.id)).state).toBe('preparing');
    const script = await t.app.request('/assets/row-editor.js');
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('downloads a roster as .xlsx and .csv with Japanese headers, and uploads it back as a preview with errors by row', async () => {
    at('2026-10-01');
    const c = await caseIn(t.w, 'preparing');
    at('2026-12-01');
    await t.w.engine.applyEvent(t.w.users.school.principal, c.id, { type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-02-15') });
    at('2027-02-16');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const csv = await school.get(`/cases/${c.id}/events/RESULTS_RECORDED/fields/results.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('訓練生番号,受験状況,学科解答 正答数,学科解答 誤答数,学科解答 無回答数,実技得点');
    expect(csv.text).toContain('T1,受験');
    const xlsx = await t.app.request(`/cases/${c.id}/events/RESULTS_RECORDED/fields/results.xlsx`, { headers: { cookie: school.cookie } });
    expect(xlsx.status).toBe(200);
    const grid = await gridOf(new Uint8Array(await xlsx.arrayBuffer()));
    expect(grid[0]![0]).toBe('訓練生番号');
    expect(grid[1]!.slice(0, 2)).toEqual(['T1', '受験']);
    // Another school, an event not allowed now, a field that is not a list: not found / forbidden.
    const other = await signIn(t.app, t.mailer, 'far@example.test');
    expect((await other.get(`/cases/${c.id}/events/RESULTS_RECORDED/fields/results.csv`)).status).toBe(403);
    expect((await school.get(`/cases/${c.id}/events/CERT_NUMBERS_ISSUED/fields/numbers.csv`)).status).toBe(404);
    expect((await school.get(`/cases/${c.id}/events/RESULTS_RECORDED/fields/nothing.csv`)).status).toBe(404);

    const page = await school.get(`/cases/${c.id}`);
    const file = new TextEncoder().encode('\uFEFF訓練生番号,受験状況,学科解答 正答数,学科解答 誤答数,学科解答 無回答数,実技得点\r\nT1,受験,70,12,18,75\r\nT2,遅刻,50,40,10,80\r\nT3,不測の事故による欠席,,,,\r\n');
    const r = await upload(school.cookie, `/cases/${c.id}/events/RESULTS_RECORDED/fields/results/upload`, { _csrf: csrfOf(page.text) }, { key: '_sheet.results', name: '採点結果.csv', bytes: file });
    expect(r.status).toBe(200);
    expect(r.text).toContain('「採点結果.csv」から3行を読み込みました。1件の誤りがあります');
    expect(r.text).toContain('2行目: 受験状況は 受験・不測の事故による欠席・不測の事故による途中放棄・欠席 のいずれかを選んでください（ファイルの値: 「遅刻」）');
    expect(r.text).toMatch(/name="results\.2\.outcome"[^>]*>[\s\S]*?<option value="absent-accident" selected=""/);
    expect((await t.w.engine.getCase(t.w.users.school.principal, c.id)).state).toBe('examScheduled');

    // The roster's .xlsx with nested subjects, read back through the route.
    const fields = fieldsOfSchema(skillCheck.events.IMPLEMENTATION_NOTICE_FILED!.schema);
    at('2026-10-01');
    const d = await caseIn(t.w, 'preparing');
    const page2 = await school.get(`/cases/${d.id}`);
    const bytes = new Uint8Array(await toXlsx(tableNamed(fields, 'roster')!, rosterFields(pay.implementationNotice().roster)));
    const r2 = await upload(school.cookie, `/cases/${d.id}/events/IMPLEMENTATION_NOTICE_FILED/fields/roster/upload`, { _csrf: csrfOf(page2.text), representative: '甲野 乙男' }, { key: '_sheet.roster', name: 'roster.xlsx', bytes });
    expect(r2.text).toContain('「roster.xlsx」から3行を読み込みました。内容を確認して');
    expect(r2.text).toMatch(/name="roster\.2\.subjects\.0\.subject" value="機械工作法"/);
    expect(r2.text).toMatch(/name="representative"[^>]*value="甲野 乙男"/);
    const none = await upload(school.cookie, `/cases/${d.id}/events/IMPLEMENTATION_NOTICE_FILED/fields/roster/upload`, { _csrf: csrfOf(page2.text) }, { key: '_sheet.roster', name: 'x.xlsx', bytes: new Uint8Array([0x50, 0x4b, 1, 2]) });
    expect(none.status).toBe(400);
    expect(none.text).toContain('ファイルを読み込めませんでした');
  });
});
