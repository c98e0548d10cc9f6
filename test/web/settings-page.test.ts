/** The fiscal-year settings page lists whatever the definitions declare; HQ changes a date there, others read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDefinitions } from '../../definitions/index.js';
import { csrfOf, signIn, webWorld } from './harness.js';

let t: Awaited<ReturnType<typeof webWorld>>;
beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

const declared = allDefinitions.flatMap((d) => d.settings.map((s) => ({ d, s })));

describe('/settings/:fy', () => {
  it('shows every declared setting with its default, and HQ saves a change that then shows in the API view', async () => {
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const start = await hq.get('/settings');
    expect(start.status).toBe(303);
    expect(start.location).toBe('/settings/2026');
    const page = await hq.get('/settings/2026');
    expect(page.status).toBe(200);
    for (const { d, s } of declared) {
      expect(page.text).toContain(s.label);
      expect(page.text).toContain(d.title);
    }
    const { s } = declared[0]!;
    const name = page.text.match(new RegExp(`id="s-([A-Za-z]+)"[^>]*value="${s.default(2026)}"`))?.[1];
    expect(name, 'a date input per setting').toBeDefined();
    const saved = await hq.post('/settings/2026', { _csrf: csrfOf(page.text), [name!]: '2026-09-30' });
    expect(saved.status).toBe(303);
    const after = await hq.get(saved.location!);
    expect(after.text).toContain('設定を保存しました');
    expect(after.text).toContain('value="2026-09-30"');
  });

  it('refuses a date outside the fiscal year with the reason, keeping what was typed; a school only reads', async () => {
    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const page = await hq.get('/settings/2027');
    const name = page.text.match(/id="s-([A-Za-z]+)"/)?.[1]!;
    const refused = await hq.post('/settings/2027', { _csrf: csrfOf(page.text), [name]: '2030-01-01' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('2027年度');
    expect(refused.text).toContain('value="2030-01-01"');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const read = await school.get('/settings/2027');
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('type="date"');
    expect((await school.post('/settings/2027', { _csrf: csrfOf(read.text), [name]: '2027-10-01' })).status).toBe(403);
    expect((await school.get('/settings/abcd')).status).toBe(404);
  });
});
