/** The records a school keeps for a fiscal year, and their periods: pure functions of the manual's table. */
import { addDays } from '../../src/domain/dates.js';
import { fiscalYearEnd } from '../../src/domain/fiscal-year.js';
import type { KeptRecord, RecordRetentionContext } from './context.js';
import { RECORD_KINDS, type CourseType } from './table.js';

/**
 * ASSUMED: a period counts from the end of the fiscal year the records belong to (a year's 出席簿 of FY2026 kept 3 years
 * is kept to 31 March 2030, and may be disposed of from 1 April 2030). The manual gives the years only.
 */
export const retentionEndOf = (fiscalYear: number, years: number) => fiscalYearEnd(fiscalYear + years);
export const disposableFrom = (r: Pick<KeptRecord, 'retentionEnds'>) => (r.retentionEnds ? addDays(r.retentionEnds, 1) : null);

export function recordsFor(fiscalYear: number, courseTypes: CourseType[], subsidy: boolean): KeptRecord[] {
  return RECORD_KINDS.filter((k) => k.courses.some((c) => courseTypes.includes(c))).map((k) => {
    const retention = subsidy ? k.subsidised : k.unsubsidised;
    return {
      no: k.no,
      name: k.name,
      forms: k.forms,
      retention,
      retentionEnds: retention === 'permanent' ? null : retentionEndOf(fiscalYear, retention),
      disposable: false,
      disposedOn: null,
    };
  });
}

type Ctx = Pick<RecordRetentionContext, 'records'>;
/** The next period to end: the earliest last day of the records still kept and not yet disposable. */
export const nextRetentionEnd = (c: Ctx) =>
  c.records
    .filter((r) => r.retentionEnds && !r.disposable)
    .map((r) => r.retentionEnds!)
    .sort()[0] ?? null;
export const awaitingDisposal = (c: Ctx) => c.records.filter((r) => r.disposable && !r.disposedOn);
export const kept = (c: Ctx) => c.records.filter((r) => !r.disposedOn);
export const permanent = (c: Ctx) => c.records.filter((r) => r.retention === 'permanent');
