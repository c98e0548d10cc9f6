/** The case page's 書類（PDF） section and its download routes, with the page's own access (the session user). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn } from '../web/fixtures.js';
import { signIn, webWorld } from '../web/harness.js';

let t: Awaited<ReturnType<typeof webWorld>>;

beforeAll(async () => {
  t = await webWorld('2026-10-02T10:00:00+09:00');
}, 180_000);
afterAll(async () => {
  await t.w.database.close();
});

describe('documents on the case page', { timeout: 180_000 }, () => {
  it('links each available document and the submission, and serves them to those who may see the case', async () => {
    const c = await caseIn(t.w, 'questionReview');
    const school = await signIn(t.app, t.mailer, 'school@example.test');
    const page = await school.get(`/cases/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('書類（PDF）');
    expect(page.text).toContain(`href="/cases/${c.id}/documents/form-18-1.pdf"`);
    expect(page.text).toContain(`href="/cases/${c.id}/documents/submission/QUESTIONS_FILED.pdf"`);
    expect(page.text).not.toContain('documents/form-21.pdf');

    const one = await school.get(`/cases/${c.id}/documents/form-18-1.pdf`);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe('application/pdf');
    expect((await school.get(`/cases/${c.id}/documents/submission/QUESTIONS_FILED.pdf`)).status).toBe(200);
    expect((await school.get(`/cases/${c.id}/documents/form-21.pdf`)).status).toBe(404);

    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    expect((await hq.get(`/cases/${c.id}/documents/form-18-1.pdf`)).status).toBe(200);
    const far = await signIn(t.app, t.mailer, 'far@example.test');
    expect((await far.get(`/cases/${c.id}/documents/form-18-1.pdf`)).status).toBe(403);
  });
});
