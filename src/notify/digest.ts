/**
 * The daily digest: for each contact who chose it (users.digest), one message listing the deadlines their
 * organisation must meet in the next 14 days, in place of single reminder / due-today messages.
 *
 * A digest is written as an outbox row, so it is delivered, retried and failed like any other message. Its
 * Message-ID is derived from (user, Tokyo day) and message_id is unique: however many servers run this, a
 * reader gets at most one digest a day.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, isNotNull, lte } from 'drizzle-orm';
import type { Registry } from '../../definitions/registry.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { cases, organizations, outbox, timers, users } from '../db/schema.js';
import { addDays, tokyoDate, type IsoDate } from '../domain/dates.js';
import { MESSAGE_ID_DOMAIN } from '../db/message-id.js';
import { orgCanSee, type OrgScope } from './recipients.js';
import type { DigestItem, DigestPayload } from './templates.js';

export interface DigestDeps {
  db: Db;
  clock: Clock;
  registry: Registry;
  /** Hour of the Tokyo day from which the digest goes out. */
  hour: number;
  horizonDays?: number;
}

export const digestMessageId = (userId: string, day: IsoDate) => `<digest-${userId}-${day}@${MESSAGE_ID_DOMAIN}>`;

const tokyoHour = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).getUTCHours();

interface OpenDeadline {
  item: DigestItem;
  schoolOrgId: string;
  centerOrgId: string | null;
}

export function createDigest(deps: DigestDeps) {
  const { db, clock, registry } = deps;
  const horizonDays = deps.horizonDays ?? 14;
  /** The day this process already wrote digests for; the unique Message-ID covers other processes. */
  let doneDay: IsoDate | null = null;

  /** Deadlines due in [day, day + horizon]: their pending due-day timers, one per case and deadline. */
  async function openDeadlines(day: IsoDate): Promise<OpenDeadline[]> {
    const rows = await db
      .select({
        caseId: cases.id,
        procedure: cases.procedure,
        version: cases.definitionVersion,
        title: cases.title,
        schoolOrgId: cases.schoolOrgId,
        centerOrgId: cases.centerOrgId,
        schoolName: organizations.name,
        deadline: timers.deadline,
        nominal: timers.nominal,
        effective: timers.effective,
      })
      .from(timers)
      .innerJoin(cases, eq(cases.id, timers.caseId))
      .innerJoin(organizations, eq(organizations.id, cases.schoolOrgId))
      // The pending *missed* timer marks a deadline still open: it stays pending through its last day (the due
      // timer has already fired by a digest sent after 09:00) and is cancelled the moment the deadline is met.
      .where(and(eq(timers.status, 'pending'), eq(timers.kind, 'overdue'), gte(timers.effective, day), lte(timers.effective, addDays(day, horizonDays)), eq(cases.status, 'active')));
    const seen = new Set<string>();
    return rows.flatMap((r) => {
      const definition = registry.get(r.procedure, r.version);
      const rule = definition?.deadlines[r.deadline];
      const key = `${r.caseId}|${r.deadline}`;
      if (!definition || !rule || seen.has(key)) return [];
      seen.add(key);
      const deadline = { name: rule.name, label: rule.label, form: rule.form ?? null, enforcement: rule.enforcement, party: rule.party, anchorLabel: rule.anchor.label, nominal: r.nominal, effective: r.effective };
      return [{ schoolOrgId: r.schoolOrgId, centerOrgId: r.centerOrgId, item: { caseId: r.caseId, caseTitle: r.title, procedureTitle: definition.title, schoolName: r.schoolName, deadline } }];
    });
  }

  /** The deadlines an organisation must meet itself, on cases it can see. */
  const itemsFor = (org: OrgScope, open: OpenDeadline[]) =>
    open
      .filter((o) => o.item.deadline.party === org.kind && orgCanSee(org, o))
      .map((o) => o.item)
      .sort((a, b) => a.deadline.effective.localeCompare(b.deadline.effective) || a.caseTitle.localeCompare(b.caseTitle));

  /** Writes today's digests once the digest hour has come; returns how many were written. */
  async function runOnce(): Promise<number> {
    const now = clock.now();
    const day = tokyoDate(now);
    if (doneDay === day || tokyoHour(now) < deps.hour) return 0;
    const readers = await db
      .select({ userId: users.id, orgId: organizations.id, kind: organizations.kind })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.orgId))
      .where(and(eq(users.digest, true), eq(users.contact, true), isNotNull(users.orgId)));
    let written = 0;
    if (readers.length) {
      const open = await openDeadlines(day);
      for (const r of readers) {
        const items = itemsFor({ id: r.orgId, kind: r.kind }, open);
        // Nothing due: no mail. A daily "nothing to do" would teach readers to ignore the digest.
        if (items.length === 0) continue;
        const payload: DigestPayload = { userId: r.userId, day, horizonDays, items };
        const id = randomUUID();
        const inserted = await db
          .insert(outbox)
          .values({ id, caseId: null, recipientOrgId: r.orgId, recipientParty: r.kind, template: 'digest', payload, status: 'pending', nextAttemptAt: now, messageId: digestMessageId(r.userId, day) })
          .onConflictDoNothing({ target: outbox.messageId })
          .returning({ id: outbox.id });
        written += inserted.length;
      }
    }
    doneDay = day;
    return written;
  }

  return { runOnce, openDeadlines };
}

export type Digest = ReturnType<typeof createDigest>;
