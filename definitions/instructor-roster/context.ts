/** The data an instructor-roster case carries: this fiscal year's roster, its changes, the consents received. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { CollectiveRow, DispersedRow, eventForms, SchoolType } from './forms.js';

/** Every event an instructor-roster case receives, typed from its forms. */
export type InstructorRosterEvent = MachineEventsOf<typeof eventForms>;
export type InstructorRosterEventOf<T extends InstructorRosterEvent['type']> = EventOf<InstructorRosterEvent, T>;

export interface InstructorRosterContext {
  fiscalYear: number;
  schoolType: SchoolType;
  preparedOn: IsoDate | null;
  collective: CollectiveRow[];
  dispersed: DispersedRow[];
  changes: { changedOn: IsoDate; reason: string; recordedOn: IsoDate }[];
  /** 様式5-3 received this fiscal year, by instructor name. */
  consents: { name: string; consentedOn: IsoDate; recordedOn: IsoDate }[];
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
