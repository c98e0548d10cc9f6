import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import { outbox, users } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { notifyPlugin } from '../../src/notify/plugin.js';
import { createMailboxTransport } from '../../src/notify/transport.js';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

let w: World;
let dir: string;
let plugin: ReturnType<typeof notifyPlugin>;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  w = await makeWorld('2026-10-01T10:00:00+09:00');
  dir = mkdtempSync(join(tmpdir(), 'mailbox-'));
  const config = loadConfig({ DATA_DIR: dir, PUBLIC_URL: 'https://kunren.example.jp' });
  const mailer = createMailboxTransport(join(dir, 'mailbox'), config.MAIL_FROM);
  plugin = notifyPlugin({ config, db: w.db, clock: w.clock, engine: w.engine, registry: w.registry, logger: createLogger('silent'), mailer });
  api = client(appFor(w, undefined, mailer));
});
afterAll(async () => {
  await w.database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('notification API', () => {
  it('lists failed rows with their error, lets HQ retry them, and shows the local mailbox', async () => {
    const { hq, school, center, admin, analyst } = w.users;
    await w.db.update(users).set({ contact: false }).where(eq(users.id, hq.principal.userId));
    const c = await w.engine.createCase(school.principal, 'skill-check', pay.skillCheckInput());
    await w.engine.applyEvent(school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    expect(await plugin.dispatcher.runOnce()).toMatchObject({ failed: 1 });

    const failed = await api.get('/api/notifications?status=failed', hq.token);
    expect(failed.status).toBe(200);
    expect(failed.body.notifications).toHaveLength(1);
    const row = failed.body.notifications[0];
    expect(row).toMatchObject({ caseId: c.id, template: 'received', recipientParty: 'hq', status: 'failed' });
    expect(row.lastError).toContain('no contact address');
    expect(row.lastDelivery).toMatchObject({ outcome: 'failed' });
    // Rows are scoped to the caller's organisation; an analyst has none.
    expect((await api.get('/api/notifications?status=failed', school.token)).body.notifications).toEqual([]);
    expect((await api.get('/api/notifications', analyst.token)).body.notifications).toEqual([]);
    expect((await api.get('/api/notifications?status=lost', hq.token)).status).toBe(400);

    expect((await api.post(`/api/notifications/${row.id}/retry`, school.token, {})).status).toBe(403);
    expect((await api.post(`/api/notifications/${row.id}/retry`, center.token, {})).status).toBe(403);
    expect((await api.post('/api/notifications/00000000-0000-4000-8000-000000000000/retry', admin.token, {})).status).toBe(404);
    expect((await api.post('/api/notifications/nope/retry', admin.token, {})).status).toBe(400);
    await w.db.update(users).set({ contact: true }).where(eq(users.id, hq.principal.userId));
    const retried = await api.post(`/api/notifications/${row.id}/retry`, hq.token, {});
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await api.post(`/api/notifications/${row.id}/retry`, hq.token, {})).status).toBe(409);
    expect(await plugin.dispatcher.runOnce()).toMatchObject({ sent: 1 });
    const [sent] = await w.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(sent!.status).toBe('sent');

    const box = await api.get('/api/mailbox', admin.token);
    expect(box.status).toBe(200);
    expect(box.body.messages).toEqual([expect.objectContaining({ messageId: sent!.messageId, to: ['hq@example.test'], subject: expect.stringContaining('【受付】技能照査試験問題等届出') })]);
    expect((await api.get('/api/mailbox', school.token)).status).toBe(403);
    const history = await api.get(`/api/notifications/${row.id}/deliveries`, hq.token);
    expect(history.body.deliveries.map((d: { outcome: string }) => d.outcome)).toEqual(['failed', 'sent']);
  });

  it('PUT /api/me/notification-settings switches a user to the daily digest', async () => {
    const { school } = w.users;
    expect((await api.get('/api/me/notification-settings', school.token)).body).toMatchObject({ digest: false, contact: true });
    const put = await api.put('/api/me/notification-settings', school.token, { digest: true });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ digest: true, contact: true, email: 'school@example.test' });
    expect((await api.put('/api/me/notification-settings', school.token, { digest: 'yes' })).status).toBe(400);
    expect((await api.put('/api/me/notification-settings', school.token, { extra: 1 })).status).toBe(400);
    expect((await api.put('/api/me/notification-settings', null, { digest: false })).status).toBe(401);
  });

  it('the plugin delivers in the background once started, and stops with the server', async () => {
    const { school, hq } = w.users;
    const c = await w.engine.createCase(school.principal, 'skill-check', pay.skillCheckInput());
    await w.engine.applyEvent(school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    plugin.start!();
    // Bounded wait for the loop's first pass (database and file I/O), not for a timer.
    let rows = await w.db.select().from(outbox).where(eq(outbox.caseId, c.id));
    for (let i = 0; i < 200 && rows.some((r) => r.status !== 'sent'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      rows = await w.db.select().from(outbox).where(eq(outbox.caseId, c.id));
    }
    await plugin.stop!();
    expect(rows.map((r) => r.status)).toEqual(['sent']);
    const box = await api.get('/api/mailbox', hq.token);
    expect(box.body.messages.map((m: { messageId: string }) => m.messageId)).toContain(rows[0]!.messageId);
  });
});
