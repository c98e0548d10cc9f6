/**
 * The school's other open cases, for a definition whose rules read them at some events (`schoolCases`): an
 * abolition refuses while a case about an abolished 訓練科 is still open. Read in the step's own transaction, so a
 * case opened or closed meanwhile is seen as of the decision.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { AnyProcedureDefinition, OpenSchoolCase } from '../../definitions/types.js';
import type { Db } from '../db/client.js';
import { cases } from '../db/schema.js';
import { restore, stateLabel, type StoredSnapshot } from './snapshot.js';
import type { CaseRow, Tx } from './step.js';

export const readsSchoolCases = (definition: AnyProcedureDefinition, eventType: string): boolean =>
  definition.schoolCases?.events.includes(eventType) ?? false;

export async function loadOpenSchoolCases(
  on: Db | Tx,
  row: Pick<CaseRow, 'id' | 'schoolOrgId'>,
  definitionOf: (r: Pick<CaseRow, 'procedure' | 'definitionVersion'>) => AnyProcedureDefinition,
): Promise<OpenSchoolCase[]> {
  const open = await on
    .select({ id: cases.id, procedure: cases.procedure, definitionVersion: cases.definitionVersion, title: cases.title, snapshot: cases.snapshot })
    .from(cases)
    .where(and(eq(cases.schoolOrgId, row.schoolOrgId), eq(cases.status, 'active'), ne(cases.id, row.id)))
    .orderBy(asc(cases.createdAt), asc(cases.id));
  return open.map((c) => {
    const definition = definitionOf(c);
    const stored = c.snapshot as StoredSnapshot;
    return {
      id: c.id,
      procedure: c.procedure,
      procedureTitle: definition.title,
      title: c.title,
      stateLabel: stateLabel(restore(definition.machine, stored)),
      courses: definition.courses?.(stored.context) ?? [],
    };
  });
}
