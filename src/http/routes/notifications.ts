/**
 * Notification API: the outbox as officers see it (failed rows and why), retry, the local mailbox when no
 * SMTP server is configured, and a user's own notification settings. Handlers only translate HTTP.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { AppError, badRequest } from '../../errors.js';
import { zodDetails } from '../../engine/zod-details.js';
import { deliveriesOf, listNotifications, notificationSettings, retryNotification, setNotificationSettings } from '../../notify/queries.js';
import type { MailboxEntry, MailTransport } from '../../notify/transport.js';
import { requireRole } from '../auth.js';
import type { AppEnv } from '../env.js';
import { jsonBody } from '../json-body.js';

const listQuery = z
  .object({
    status: z.enum(['pending', 'sent', 'failed']).optional(),
    case: z.string().uuid().optional(),
    template: z.string().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();

const settingsBody = z.object({ digest: z.boolean().optional(), contact: z.boolean().optional() }).strict();

function notificationId(raw: string): string {
  if (!z.string().uuid().safeParse(raw).success) throw badRequest('invalid_id', '通知の番号が正しくありません（UUID の形式で指定してください）', { id: raw.slice(0, 60) });
  return raw;
}

type Mailbox = MailTransport & { list?: () => MailboxEntry[] };

/** Routes under /api/notifications. */
export function notificationRoutes(db: Db, clock: Clock) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('invalid_query', '検索条件に誤りがあります', zodDetails(q.error));
    const { status, case: caseId, template, limit, offset } = q.data;
    return c.json({ notifications: await listNotifications(db, c.get('principal'), { status, caseId, template, limit, offset }) });
  });
  app.get('/:id/deliveries', requireRole('hq', 'admin'), async (c) => c.json({ deliveries: await deliveriesOf(db, notificationId(c.req.param('id'))) }));
  app.post('/:id/retry', requireRole('hq', 'admin'), async (c) => c.json(await retryNotification(db, notificationId(c.req.param('id')), clock.now())));
  return app;
}

/** GET /api/mailbox: what the local mailbox holds (newest first); 409 when mail goes to an SMTP server. */
export function mailboxRoutes(mailer: Mailbox) {
  const app = new Hono<AppEnv>();
  app.get('/', requireRole('hq', 'admin'), (c) => {
    if (mailer.kind !== 'mailbox' || !mailer.list) {
      throw new AppError(409, 'smtp_configured', 'メールは SMTP サーバー（SMTP_URL）から送信しているため、表示できる受信箱はありません');
    }
    const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000);
    return c.json({ transport: 'mailbox', messages: mailer.list().reverse().slice(0, limit) });
  });
  return app;
}

/** /api/me/notification-settings: a user chooses single messages or the daily digest. */
export function meNotificationRoutes(db: Db) {
  const app = new Hono<AppEnv>();
  app.get('/notification-settings', async (c) => c.json(await notificationSettings(db, c.get('principal').userId)));
  app.put('/notification-settings', async (c) => {
    const body = settingsBody.safeParse(await jsonBody(c));
    if (!body.success) throw badRequest('invalid_settings', '本文は { "digest": true|false, "contact"?: true|false } の形で送ってください', zodDetails(body.error));
    return c.json(await setNotificationSettings(db, c.get('principal').userId, body.data));
  });
  return app;
}
