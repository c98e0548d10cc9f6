/** Reads and officer actions on the outbox for the API. Data functions take the database first. */
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox, users } from '../db/schema.js';
import { notificationDeliveries } from '../db/schema-notify.js';
import type { Principal } from '../db/directory.js';
import { conflict, notFound } from '../errors.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface NotificationFilter {
  status?: OutboxStatus;
  caseId?: string;
  template?: string;
  limit?: number;
  offset?: number;
}

const NOBODY = '00000000-0000-0000-0000-000000000000';

/** HQ and admins see every row; everyone else only rows addressed to their own organisation. */
export async function listNotifications(db: Db, p: Principal, f: NotificationFilter) {
  const where: SQL[] = [];
  if (p.role !== 'hq' && p.role !== 'admin') where.push(eq(outbox.recipientOrgId, p.orgId ?? NOBODY));
  if (f.status) where.push(eq(outbox.status, f.status));
  if (f.caseId) where.push(eq(outbox.caseId, f.caseId));
  if (f.template) where.push(eq(outbox.template, f.template));
  const rows = await db
    .select()
    .from(outbox)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(Math.min(f.limit ?? 50, 500))
    .offset(f.offset ?? 0);
  const last = await lastDeliveries(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, lastDelivery: last.get(r.id) ?? null }));
}

async function lastDeliveries(db: Db, ids: string[]) {
  const out = new Map<string, typeof notificationDeliveries.$inferSelect>();
  if (ids.length === 0) return out;
  const rows = await db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.outboxId, ids)).orderBy(desc(notificationDeliveries.id));
  for (const r of rows) if (!out.has(r.outboxId)) out.set(r.outboxId, r);
  return out;
}

export async function deliveriesOf(db: Db, outboxId: string) {
  return db.select().from(notificationDeliveries).where(eq(notificationDeliveries.outboxId, outboxId)).orderBy(notificationDeliveries.id);
}

const STATUS_LABEL: Record<string, string> = { pending: '送信待ち', sent: '送信済み', failed: '送信失敗' };

/** Puts a failed row back in the queue with a fresh attempt budget; the next dispatcher pass sends it. */
export async function retryNotification(db: Db, id: string, now: Date) {
  const [row] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id));
  if (!row) throw notFound('指定された通知は見つかりません。', { id });
  const [updated] = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning();
  if (!updated) throw conflict('not_failed', `この通知は${STATUS_LABEL[row.status] ?? row.status}のため、再送できません（再送できるのは送信に失敗した通知だけです）。`, { id, status: row.status });
  return updated;
}

export async function notificationSettings(db: Db, userId: string) {
  const [u] = await db.select({ digest: users.digest, contact: users.contact, email: users.email }).from(users).where(eq(users.id, userId));
  if (!u) throw notFound('指定された利用者は見つかりません。');
  return u;
}

export async function setNotificationSettings(db: Db, userId: string, s: { digest?: boolean; contact?: boolean }) {
  if (s.digest !== undefined || s.contact !== undefined) await db.update(users).set(s).where(eq(users.id, userId));
  return notificationSettings(db, userId);
}
