/** The data a dispersed-training case carries: the trainees, each 様式15 recorded, the quarters that went missing. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { DispersedTrainee, eventForms, Quarter, ReportRecorded } from './forms.js';

/** Every event a dispersed-training case receives, typed from its forms. */
export type DispersedTrainingReportEvent = MachineEventsOf<typeof eventForms>;
export type DispersedTrainingReportEventOf<T extends DispersedTrainingReportEvent['type']> = EventOf<DispersedTrainingReportEvent, T>;

export interface DispersedTrainingReportContext {
  fiscalYear: number;
  course: { kei: string; ka: string };
  trainees: (DispersedTrainee & { leftOn: IsoDate | null })[];
  reports: (ReportRecorded & { recordedOn: IsoDate })[];
  /** Quarters whose due day passed with reports missing (a missing quarter is late). */
  missedQuarters: Quarter[];
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
