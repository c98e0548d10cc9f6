/**
 * One step of a case: pure transition, then snapshot + history row + timer changes + outbox rows, staged in
 * memory and written by one statement (step-writes.ts).
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
import { flushWrites, WriteSet, type CaseColumns, type CaseInsert } from './step-writes.js';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type CaseRow = typeof cases.$inferSelect;

/** A timer of the case that still counts for its plan (pending, or fired: a fired one is not armed again). */
export interface LiveTimer {
  id: string;
  deadline: string;
  kind: string;
  effective: string;
  fireAt: Date;
  status: 'pending' | 'fired';
}

export interface StepArgs {
  definition: AnyProcedureDefinition;
  row: Pick<CaseRow, 'id' | 'schoolOrgId' | 'centerOrgId' | 'title'>;
  prev: { state: string; version: number } | null;
  next: AnyMachineSnapshot;
  event: EngineEvent;
  now: Date;
  insertCase?: Omit<CaseInsert, keyof CaseColumns>;
  /** The case's live timers; updated in place as the step arms and cancels. */
  live: LiveTimer[];
  /** The HQ organisation (for messages to HQ), looked up before staging. */
  hqOrgId: string | null;
}

/**
 * Stages one step's writes (pure: no I/O): the case row's derived columns, the history row, the timer changes
 * against the live timers, and the outbox rows. Several steps, of one case or many, go into one write set.
 */
export function stageStep(writes: WriteSet, args: StepArgs): CaseColumns {
  const { definition, row, prev, next, event, now, live } = args;
  const toState = stateKey(next.value);
  const version = (prev?.version ?? 0) + 1;
  const deadlines = activeDeadlines(definition, next, { settings: event.settings, settingsOf: settingsOfEvent(event) });
  const nextDue = deadlines.map((d) => d.effective).sort()[0] ?? null;
  // The title follows the case (a visit moved to another day, a filing with a new date).
  const title = definition.caseTitle(next.context);
  const columns: CaseColumns = {
    title,
    state: toState,
    status: next.status === 'active' && !isClosed(next) ? 'active' : 'done',
    snapshot: toStored(next),
    version,
    waitingOn: waitingOn(next),
    nextDue,
    figures: definition.statistics ? definition.statistics.rows(next.context) : null,
    updatedAt: now,
  };
  writes.setCase(row.id, prev?.version ?? null, columns, args.insertCase);
  writes.history.push({
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
  stageTimers(writes, row.id, plannedTimers(deadlines), live, now, true);

  const notices = plannedNotices(
    definition,
    { id: row.id, title, fromState: prev?.state ?? null, toState, stateLabel: stateLabel(next), context: next.context, deadlines },
    event,
  );
  const orgOf: Record<Party, string | null> = { school: row.schoolOrgId, center: row.centerOrgId, hq: args.hqOrgId };
  for (const n of notices) {
    const orgId = orgOf[n.to];
    if (!orgId) continue;
    const id = randomUUID();
    writes.outbox.push({ id, caseId: row.id, recipientOrgId: orgId, recipientParty: n.to, template: n.template, payload: n.payload, nextAttemptAt: now, messageId: `<${id}@${MESSAGE_ID_DOMAIN}>`, withStep: true });
  }
  return columns;
}

/**
 * Cancels the pending timers the plan no longer has (state left, anchor moved) and arms the ones it lacks.
 * `withStep`: the changes are written only with the case row (a step), or on their own (a re-arm under the lock).
 */
export function stageTimers(
  writes: WriteSet,
  caseId: string,
  plan: ReturnType<typeof plannedTimers>,
  live: LiveTimer[],
  now: Date,
  withStep: boolean,
) {
  const wanted = new Set(plan.map(timerKey));
  const have = new Set(live.map(timerKey));
  for (let i = live.length - 1; i >= 0; i--) {
    const t = live[i]!;
    if (t.status === 'pending' && !wanted.has(timerKey(t))) {
      writes.mark({ id: t.id, caseId, status: 'cancelled', firedAt: null, withStep });
      live.splice(i, 1);
    }
  }
  for (const t of plan) {
    if (have.has(timerKey(t)) || !worthArming(t, now)) continue;
    const id = randomUUID();
    writes.newTimers.set(id, { id, caseId, ...t, withStep });
    live.push({ id, deadline: t.deadline, kind: t.kind, effective: t.effective, fireAt: t.fireAt, status: 'pending' });
  }
}

/** Writes one step in the caller's transaction, which holds the case row lock (or creates the case). */
export async function persistStep(
  tx: Tx,
  args: Omit<StepArgs, 'live' | 'hqOrgId'> & { live?: LiveTimer[]; hqOrgId: HqOrgLookup },
): Promise<CaseColumns> {
  const writes = new WriteSet();
  const live = args.live ?? (args.insertCase ? [] : await liveTimers(tx, args.row.id));
  const columns = stageStep(writes, { ...args, live, hqOrgId: await args.hqOrgId(tx) });
  const written = await flushWrites(tx, writes);
  if (!written.has(args.row.id)) throw new Error(`case ${args.row.id} changed under its row lock`);
  return columns;
}

/** The timers of a case that count for its plan. */
export async function liveTimers(tx: Tx | Db, caseId: string): Promise<LiveTimer[]> {
  const rows = await tx
    .select({ id: timers.id, deadline: timers.deadline, kind: timers.kind, effective: timers.effective, fireAt: timers.fireAt, status: timers.status })
    .from(timers)
    .where(and(eq(timers.caseId, caseId), inArray(timers.status, ['pending', 'fired'])));
  return rows as LiveTimer[];
}

export type HqOrgLookup = (tx: Tx | Db) => Promise<string | null>;

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
