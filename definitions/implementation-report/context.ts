/** The data an implementation-report case carries: what it transcribed at opening, the filings, corrections, the receipt. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { eventForms, ReportFiled } from './forms.js';
import type { Transcribed } from './transcription.js';

/** Every event an implementation-report case receives, typed from its forms. */
export type ImplementationReportEvent = MachineEventsOf<typeof eventForms>;
export type ImplementationReportEventOf<T extends ImplementationReportEvent['type']> = EventOf<ImplementationReportEvent, T>;

export interface ImplementationReportContext {
  /** The fiscal year the report is filed in; it reports the year before (`reportedYear`). */
  fiscalYear: number;
  reportedYear: number;
  /** The count date of 様式1-1-2 (4月30日現在). */
  countedOn: IsoDate;
  /** The previous year's skill checks and completion exams of the school, read when the case was opened. */
  transcribed: Transcribed[];
  filings: (ReportFiled & { filedOn: IsoDate })[];
  corrections: { points: string; requestedOn: IsoDate }[];
  acceptance: { on: IsoDate; note: string | null } | null;
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
