/** The data an annual-plan case carries: the plan's filings (first and after corrections), corrections, the receipt. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { eventForms, PlanFiled } from './forms.js';

/** Every event an annual-plan case receives, typed from its forms. */
export type AnnualPlanEvent = MachineEventsOf<typeof eventForms>;
export type AnnualPlanEventOf<T extends AnnualPlanEvent['type']> = EventOf<AnnualPlanEvent, T>;

export interface AnnualPlanContext {
  fiscalYear: number;
  /** The plan is dated 1 April of its fiscal year (「●年4月1日」「4月1日付け」). */
  datedOn: IsoDate;
  filings: (PlanFiled & { filedOn: IsoDate })[];
  corrections: { points: string; requestedOn: IsoDate }[];
  acceptance: { on: IsoDate; note: string | null } | null;
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
