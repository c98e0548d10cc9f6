/** The analyst's filters (fiscal year, school, centre, dates of opening) and their conditions on the cases. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import type { IsoDate } from '../../domain/dates.js';

export interface AnalystFilter {
  fiscalYear: number | null;
  schoolId: string | null;
  centerId: string | null;
  /** Cases opened on or after / on or before these Tokyo dates. */
  since: IsoDate | null;
  until: IsoDate | null;
}

export function caseWhere(procedure: string, f: AnalystFilter, alias = cases): SQL {
  const parts = [eq(alias.procedure, procedure)];
  if (f.fiscalYear !== null) parts.push(eq(alias.fiscalYear, f.fiscalYear));
  if (f.schoolId) parts.push(eq(alias.schoolOrgId, f.schoolId));
  if (f.centerId) parts.push(eq(alias.centerOrgId, f.centerId));
  if (f.since) parts.push(sql`${alias.createdAt} >= (${f.since}::date)::timestamp at time zone 'Asia/Tokyo'`);
  if (f.until) parts.push(sql`${alias.createdAt} < ((${f.until}::date + 1)::timestamp at time zone 'Asia/Tokyo')`);
  return and(...parts)!;
}

/** A date range is answered from the history itself (the counts have no day of opening). */
export const byHistory = (f: AnalystFilter) => f.since !== null || f.until !== null;
