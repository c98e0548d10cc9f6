/** The data a record-retention case carries: the year's records with their periods, disposals, the custodian. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { eventForms } from './forms.js';
import type { CourseType } from './table.js';

/** Every event a record-retention case receives, typed from its forms. */
export type RecordRetentionEvent = MachineEventsOf<typeof eventForms>;
export type RecordRetentionEventOf<T extends RecordRetentionEvent['type']> = EventOf<RecordRetentionEvent, T>;

export interface KeptRecord {
  no: number;
  name: string;
  forms: string;
  /** Years, or permanent (永年: flagged, never disposed). */
  retention: number | 'permanent';
  /** The last day of the period; null for a permanent record. */
  retentionEnds: IsoDate | null;
  /** The period has ended (its timer fired): the record may be disposed of. */
  disposable: boolean;
  disposedOn: IsoDate | null;
}

export interface RecordRetentionContext {
  fiscalYear: number;
  courseTypes: CourseType[];
  subsidy: boolean;
  records: KeptRecord[];
  disposals: { records: number[]; disposedOn: IsoDate; method: string; recordedOn: IsoDate }[];
  custodian: { name: string; address: string; representative: string; transferredOn: IsoDate; reason: string } | null;
  deadlineNotices: DeadlineNotice[];
}
