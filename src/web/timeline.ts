/** A case's whole deadline timeline for its page, from the case as stored and the states its history entered. */
import type { AnyProcedureDefinition } from '../../definitions/types.js';
import type { Db } from '../db/client.js';
import type { CaseView } from '../engine/case-view.js';
import { deadlineTimeline, type TimelineEntry } from '../engine/deadline-timeline.js';
import { loadSettings } from '../engine/settings.js';
import { restore, stateValueOf } from '../engine/snapshot.js';

export async function caseTimeline(
  db: Db,
  definition: AnyProcedureDefinition,
  view: CaseView,
  history: { fromState: string | null; toState: string }[],
  now: Date,
): Promise<TimelineEntry[]> {
  const snapshot = restore(definition.machine, { value: stateValueOf(view.state), context: view.context, status: view.status });
  const visited = history.flatMap((h) => [h.fromState, h.toState]).filter((s): s is string => !!s);
  return deadlineTimeline(definition, snapshot, visited, await loadSettings(db, definition, view.fiscalYear), now);
}
