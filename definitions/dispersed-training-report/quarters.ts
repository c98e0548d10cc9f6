/** Which 様式15 a quarter needs: pure functions of the case, shared by the deadlines, the machine and the messages. */
import { compareDates, toIso } from '../../src/domain/dates.js';
import type { DispersedTrainingReportContext } from './context.js';
import { QUARTER_KEYS, QUARTER_MONTHS, type Quarter } from './forms.js';

type Ctx = Pick<DispersedTrainingReportContext, 'fiscalYear' | 'trainees' | 'reports'>;

/** The first day of a quarter of the fiscal year (q4 is January of the next calendar year). */
export const quarterStart = (fiscalYear: number, q: Quarter) => {
  const month = QUARTER_MONTHS[q][0]!;
  return toIso(month >= 4 ? fiscalYear : fiscalYear + 1, month, 1);
};

/** The trainees who owe a report for a quarter: those who had not left before it began. */
export const traineesOf = (c: Ctx, q: Quarter) => c.trainees.filter((t) => !t.leftOn || compareDates(t.leftOn, quarterStart(c.fiscalYear, q)) >= 0);

export const missingReports = (c: Ctx, q: Quarter) => traineesOf(c, q).filter((t) => !c.reports.some((r) => r.quarter === q && r.traineeName === t.name));

export const quarterReported = (c: Ctx, q: Quarter) => missingReports(c, q).length === 0;

export const allQuartersReported = (c: Ctx) => QUARTER_KEYS.every((q) => quarterReported(c, q));
