/**
 * Tables of the notification dispatcher (src/notify). Kept apart from schema.ts, which belongs to the engine.
 * The outbox itself is the engine's; this file only records what the dispatcher did with each row.
 */
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per delivery attempt of an outbox row: to whom, with what outcome. An audit trail for "who was
 * told what, when", and the place where a skipped delivery (e.g. every contact reads the digest) is explained.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: uuid('outbox_id').notNull(),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome', { enum: ['sent', 'error', 'skipped', 'failed'] }).notNull(),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    subject: text('subject'),
    detail: text('detail'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notification_deliveries_outbox_idx').on(t.outboxId, t.id)],
);
