/**
 * One step of a case inside an open transaction: pure transition, then snapshot + history row + timer
 * changes + outbox rows. The caller holds the case row lock.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { AnyMachineSnapshot } from 'xstate';
import { transition } from 'xstate';
import type { AnyProcedureDefinition, EngineEvent, Party } from '../../definitions/types.js';
import type { Db } from '../db/client.js';
import { caseEvents, cases, organizations, outbox, timers } from '../db/schema.js';
import { MESSAGE_ID_DOMAIN } from '../db/message-id.js';
import { settingsOfEvent } from '../../definitions/common/settings.js';
import { activeDeadlines, plannedTimers, timerKey, worthArming } from './deadline-plan.js';
import { plannedNotices } from './notifications.js';
import { isClosed, stateKey, stateLabel, toStored, waitingOn } from './snapshot.js';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type CaseRow = typeof cases.$inferSelect;

/** Writes the case row's derived columns, the history row, the timers and the outbox for a new snapshot. */
export async function persistStep(
  tx: Tx,
  args: {
    definition: AnyProcedureDefinition;
    row: Pick<CaseRow, 'id' | 'schoolOrgId' | 'centerOrgId' | 'title'>;
    prev: { state: string; version: number } | null;
    next: AnyMachineSnapshot;
    event: EngineEvent;
    now: Date;
    insertCase?: Omit<typeof cases.$inferInsert, 'state' | 'status' | 'snapshot' | 'version' | 'waitingOn' | 'nextDue' | 'figures'>;
    hqOrgId: HqOrgLookup;
  },
): Promise<Pick<CaseRow, 'title' | 'state' | 'status' | 'snapshot' | 'version' | 'waitingOn' | 'nextDue' | 'figures' | 'updatedAt'>> {
  const { definition, row, prev, next, event, now } = args;
  const toState = stateKey(next.value);
  const version = (prev?.version ?? 0) + 1;
  const deadlines = activeDeadlines(definition, next, { settings: event.settings, settingsOf: settingsOfEvent(event) });
  const nextDue = deadlines.map((d) => d.effective).sort()[0] ?? null;
  // The title follows the case (a visit moved to another day, a filing with a new date).
  const title = definition.caseTitle(next.context);
  const columns = {
    title,
    state: toState,
    status: next.status === 'active' && !isClosed(next) ? ('active' as const) : ('done' as const),
    snapshot: toStored(next),
    version,
    waitingOn: waitingOn(next),
    nextDue,
    figures: definition.statistics ? definition.statistics.rows(next.context) : null,
    updatedAt: now,
  };
  if (args.insertCase) await tx.insert(cases).values({ ...args.insertCase, ...columns });
  else await tx.update(cases).set(columns).where(eq(cases.id, row.id));

  await tx.insert(caseEvents).values({
    caseId: row.id,
    seq: version,
    type: event.type,
    payload: event.data ?? {},
    actorKind: event.actor.kind,
    actorUserId: event.actor.userId,
    actorRole: event.actor.role,
    fromState: prev?.state ?? null,
    toState,
    at: new Date(event.at),
  });

  await syncTimers(tx, row.id, plannedTimers(deadlines), now);

  const notices = plannedNotices(
    definition,
    { id: row.id, title, fromState: prev?.state ?? null, toState, stateLabel: stateLabel(next), context: next.context, deadlines },
    event,
  );
  if (notices.length) {
    const orgOf: Record<Party, string | null> = { school: row.schoolOrgId, center: row.centerOrgId, hq: await args.hqOrgId(tx) };
    const rows = notices.flatMap((n) => {
      const orgId = orgOf[n.to];
      if (!orgId) return [];
      const id = randomUUID();
      return [
        {
          id,
          caseId: row.id,
          recipientOrgId: orgId,
          recipientParty: n.to,
          template: n.template,
          payload: n.payload,
          status: 'pending' as const,
          nextAttemptAt: now,
          messageId: `<${id}@${MESSAGE_ID_DOMAIN}>`,
        },
      ];
    });
    if (rows.length) await tx.insert(outbox).values(rows);
  }
  return columns;
}

/** Arms the timers the plan needs and cancels pending ones it no longer has (state left, anchor moved). */
export async function syncTimers(tx: Tx, caseId: string, plan: ReturnType<typeof plannedTimers>, now: Date) {
  const existing = await tx
    .select({ id: timers.id, deadline: timers.deadline, kind: timers.kind, effective: timers.effective, fireAt: timers.fireAt, status: timers.status })
    .from(timers)
    .where(and(eq(timers.caseId, caseId), inArray(timers.status, ['pending', 'fired'])));
  const wanted = new Set(plan.map(timerKey));
  const have = new Set(existing.map(timerKey));
  const stale = existing.filter((t) => t.status === 'pending' && !wanted.has(timerKey(t))).map((t) => t.id);
  if (stale.length) await tx.update(timers).set({ status: 'cancelled' }).where(inArray(timers.id, stale));
  const fresh = plan.filter((t) => !have.has(timerKey(t)) && worthArming(t, now));
  if (fresh.length) {
    await tx.insert(timers).values(fresh.map((t) => ({ id: randomUUID(), caseId, ...t, status: 'pending' as const })));
  }
}

export type HqOrgLookup = (tx: Tx) => Promise<string | null>;

/** The HQ organisation never changes once registered: look it up until found, then remember it. */
export function hqOrgLookup(): HqOrgLookup {
  let found: string | null = null;
  return async (tx) => {
    if (found) return found;
    const [hq] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'hq')).limit(1);
    found = hq?.id ?? null;
    return found;
  };
}

export function computeNext(definition: AnyProcedureDefinition, snapshot: AnyMachineSnapshot, event: EngineEvent) {
  const [next] = transition(definition.machine, snapshot, event as never);
  return next as AnyMachineSnapshot;
}
