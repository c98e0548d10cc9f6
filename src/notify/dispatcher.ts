/**
 * Delivers outbox rows after the engine committed them. Any number of dispatchers may share one database:
 * a batch is claimed in ONE statement (FOR UPDATE SKIP LOCKED) and leased; the mail is sent with no
 * transaction open; the row is then marked sent in its own short transaction. A dispatcher that dies
 * between send and mark-sent leaves a leased row; when the lease runs out another dispatcher claims and sends
 * it again, under the same Message-ID, so the reader's mail client sees one message.
 */
import { and, eq, getTableColumns } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { claimLeased, type LeasedTable } from '../db/lease.js';
import { outbox } from '../db/schema.js';
import { notificationDeliveries } from '../db/schema-notify.js';
import { MESSAGE_ID_DOMAIN } from '../db/message-id.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { resolveRecipients } from './recipients.js';
import { render } from './templates.js';
import type { MailTransport } from './transport.js';

export type OutboxRow = typeof outbox.$inferSelect;

export interface DispatcherDeps {
  db: Db;
  clock: Clock;
  mailer: MailTransport;
  publicUrl: string;
  /** Attempts before a row is marked failed (the claim counts as an attempt). */
  maxAttempts?: number;
  leaseMs?: number;
  batchSize?: number;
  /** Rows sent at once within a batch. */
  concurrency?: number;
  backoff?: BackoffPolicy;
  /** Jitter source; tests pass a fixed function. */
  random?: () => number;
  onError?: (err: unknown, rowId: string) => void;
}

export type Outcome = 'sent' | 'skipped' | 'retry' | 'failed';

const LEASED_OUTBOX: LeasedTable = {
  table: outbox,
  id: outbox.id,
  status: outbox.status,
  due: outbox.nextAttemptAt,
  lockedUntil: outbox.lockedUntil,
  attempts: outbox.attempts,
  order: [outbox.nextAttemptAt, outbox.id],
};

const describe = (err: unknown) => {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const code = e?.responseCode ?? e?.code;
  return `${code ? `${code}: ` : ''}${e?.message ?? String(err)}`.slice(0, 1000);
};

/**
 * An SMTP answer in the 5xx range (nodemailer's `responseCode`: mailbox unknown, relaying denied, message refused)
 * says the same message will be refused again: retrying cannot help. 4xx answers and network errors can heal.
 */
export function isPermanentSmtpError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createDispatcher(deps: DispatcherDeps) {
  const { db, clock, mailer } = deps;
  const maxAttempts = deps.maxAttempts ?? 8;
  const leaseMs = deps.leaseMs ?? 120_000;
  const batchSize = deps.batchSize ?? 50;
  const concurrency = deps.concurrency ?? 4;
  const backoff = deps.backoff ?? { baseMs: 60_000, maxMs: 6 * 3_600_000 };
  const random = deps.random ?? Math.random;

  /** Leases due rows in one statement; each claim increments `attempts`, which also fences later updates. */
  async function claim(): Promise<OutboxRow[]> {
    return claimLeased(db, LEASED_OUTBOX, { now: clock.now(), leaseMs, batchSize }, getTableColumns(outbox));
  }

  async function log(rowId: string, attempt: number, outcome: 'sent' | 'error' | 'skipped' | 'failed', recipients: string[], subject: string | null, detail: string | null) {
    await db.insert(notificationDeliveries).values({ outboxId: rowId, attempt, outcome, recipients, subject, detail, at: clock.now() });
  }

  async function markSent(row: OutboxRow, to: string[], subject: string | null, note: string | null) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      // Guarded on 'pending' only: whoever sent it first wins; a duplicate send changes nothing here.
      await tx
        .update(outbox)
        .set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: note })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')));
      await tx.insert(notificationDeliveries).values({ outboxId: row.id, attempt: row.attempts, outcome: note ? 'skipped' : 'sent', recipients: to, subject, detail: note, at: now });
    });
  }

  /** A permanent problem (no address, wrong organisation): failed at once, since retrying cannot help. */
  async function markFailed(row: OutboxRow, reason: string, to: string[] = []) {
    await db
      .update(outbox)
      .set({ status: 'failed', lockedUntil: null, lastError: reason })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.attempts, row.attempts)));
    await log(row.id, row.attempts, 'failed', to, null, reason);
  }

  /** A transient problem: back off, or give up after maxAttempts. Fenced on `attempts` so a stale holder cannot undo a newer claim. */
  async function markRetry(row: OutboxRow, to: string[], err: unknown): Promise<Outcome> {
    const now = clock.now();
    const reason = describe(err);
    const giveUp = row.attempts >= maxAttempts;
    const nextAttemptAt = new Date(now.getTime() + backoffDelay(row.attempts, backoff, random));
    await db
      .update(outbox)
      .set(giveUp ? { status: 'failed', lockedUntil: null, lastError: reason } : { nextAttemptAt, lockedUntil: null, lastError: reason })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.attempts, row.attempts)));
    await log(row.id, row.attempts, giveUp ? 'failed' : 'error', to, null, reason);
    return giveUp ? 'failed' : 'retry';
  }

  /** Resolves, renders, sends and records one claimed row. */
  async function deliver(row: OutboxRow): Promise<Outcome> {
    let to: string[] = [];
    try {
      const who = await resolveRecipients(db, row);
      if (who.kind === 'fail') {
        await markFailed(row, who.reason);
        return 'failed';
      }
      if (who.kind === 'skip') {
        await markSent(row, [], null, who.reason);
        return 'skipped';
      }
      to = who.to;
      const now = clock.now();
      const msg = render({
        template: row.template,
        payload: row.payload,
        recipientParty: row.recipientParty,
        orgName: who.org?.name ?? null,
        schoolName: who.case?.schoolName ?? null,
        publicUrl: deps.publicUrl,
        now,
        uidDomain: MESSAGE_ID_DOMAIN,
      });
      await mailer.send({
        to,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        messageId: row.messageId,
        date: now,
        attachments: msg.ics ? [{ filename: 'deadline.ics', content: msg.ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] : undefined,
        headers: {
          ...(row.caseId ? { References: `<case-${row.caseId}@${MESSAGE_ID_DOMAIN}>`, 'X-Workflow-Case': row.caseId } : {}),
          'X-Workflow-Template': row.template,
        },
      });
      await markSent(row, to, msg.subject, null);
      return 'sent';
    } catch (err) {
      deps.onError?.(err, row.id);
      if (isPermanentSmtpError(err)) {
        await markFailed(row, `permanent SMTP error, not retried: ${describe(err)}`, to);
        return 'failed';
      }
      return markRetry(row, to, err);
    }
  }

  /** Claims and delivers what is due now, batch after batch; returns the outcomes. */
  async function runOnce(): Promise<Record<Outcome, number>> {
    const counts: Record<Outcome, number> = { sent: 0, skipped: 0, retry: 0, failed: 0 };
    for (;;) {
      const rows = await claim();
      if (rows.length === 0) return counts;
      // One case's rows go out one after another in the order they were queued (a due notice before the
      // missed notice after it); different cases are sent concurrently.
      const groups = new Map<string, OutboxRow[]>();
      // RETURNING does not keep the claim's ORDER BY: sort again (oldest first).
      rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const row of rows) {
        const key = row.caseId ?? row.id;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      const queue = [...groups.values()];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let group = queue.shift(); group; group = queue.shift()) {
            for (const row of group) {
              try {
                counts[await deliver(row)]++;
              } catch (err) {
                // The database failed while recording: the lease runs out and another pass retries the row.
                deps.onError?.(err, row.id);
              }
            }
          }
        }),
      );
      if (rows.length < batchSize) return counts;
    }
  }

  return { claim, deliver, runOnce };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
