/**
 * Replays a case's history into a live XState actor, so a development inspector (@statelyai/inspect) can
 * show the case's path through its statechart. Pure apart from the actor it starts.
 */
import { createActor, type AnyActor, type InspectionEvent, type Observer } from 'xstate';
import type { AnyProcedureDefinition, EngineEvent, SettingsOf } from '../../definitions/types.js';

export interface HistoryRow {
  type: string;
  payload: unknown;
  actorKind: string;
  actorUserId?: string | null;
  actorRole: string;
  at: Date;
}

export function replayCase(
  definition: AnyProcedureDefinition,
  row: { fiscalYear: number; schoolOrgId: string; linkedCase?: unknown },
  history: HistoryRow[],
  settingsOf: SettingsOf,
  inspect?: Observer<InspectionEvent> | ((e: InspectionEvent) => void),
): AnyActor {
  const [created, ...events] = history;
  if (!created || created.type !== 'CASE_CREATED') throw new Error('the history does not start with CASE_CREATED');
  const actor = createActor(definition.machine, {
    input: { ...(created.payload as object), fiscalYear: row.fiscalYear, schoolOrgId: row.schoolOrgId, linkedCase: row.linkedCase ?? null },
    inspect,
  });
  actor.start();
  for (const h of events) {
    const event: EngineEvent = {
      type: h.type,
      data: h.payload,
      at: h.at.toISOString(),
      actor: { kind: h.actorKind as 'user' | 'scheduler', userId: h.actorUserId ?? null, role: h.actorRole as EngineEvent['actor']['role'], orgId: null },
      settings: settingsOf(row.fiscalYear),
      settingsOf,
    };
    actor.send(event);
  }
  return actor;
}
