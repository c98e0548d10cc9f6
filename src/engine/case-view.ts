/** The API's view of a case: state, context, deadlines with both dates, and the events the viewer may send. */
import type { AnyMachineSnapshot } from 'xstate';
import type { AnyProcedureDefinition } from '../../definitions/types.js';
import type { CaseSettings } from './settings.js';
import { formatDateJa } from '../domain/wareki.js';
import type { Principal } from '../db/directory.js';
import { canSend } from './access.js';
import { activeDeadlines, deadlineStatus } from './deadline-plan.js';
import { stateAccepts } from './candidates.js';
import type { CaseRow } from './step.js';
import { stateLabel } from './snapshot.js';

export function caseView(
  definition: AnyProcedureDefinition,
  row: CaseRow,
  snapshot: AnyMachineSnapshot,
  viewer: Principal | null,
  settings: CaseSettings,
  now: Date,
) {
  const deadlines = activeDeadlines(definition, snapshot, settings).map((d) => ({
    name: d.rule.name,
    label: d.rule.label,
    form: d.rule.form ?? null,
    party: d.rule.party,
    enforcement: d.rule.enforcement,
    nominal: d.nominal,
    effective: d.effective,
    nominalJa: formatDateJa(d.nominal),
    effectiveJa: formatDateJa(d.effective),
    closedReason: d.closedReason,
    status: deadlineStatus(d.effective, now),
  }));
  const allowedEvents = Object.values(definition.events)
    .filter((e) => stateAccepts(snapshot, e.type) && (!viewer || canSend(viewer, e.roles, row)))
    .map((e) => e.type);
  return {
    id: row.id,
    procedure: row.procedure,
    definitionVersion: row.definitionVersion,
    title: row.title,
    state: row.state,
    stateLabel: stateLabel(snapshot),
    status: row.status,
    version: row.version,
    schoolOrgId: row.schoolOrgId,
    centerOrgId: row.centerOrgId,
    fiscalYear: row.fiscalYear,
    waitingOn: row.waitingOn,
    nextDue: row.nextDue,
    context: snapshot.context,
    deadlines,
    allowedEvents,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type CaseView = ReturnType<typeof caseView>;
