/** The data a supervision visit carries: the plan, the record with findings, the follow-up rounds, the outcome. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { eventForms, VisitKind, VisitRecorded } from './forms.js';

/** Every event a supervision case receives, typed from its forms. */
export type SupervisionEvent = MachineEventsOf<typeof eventForms>;
export type SupervisionEventOf<T extends SupervisionEvent['type']> = EventOf<SupervisionEvent, T>;

export interface SupervisionContext {
  kind: VisitKind;
  fiscalYear: number;
  plannedOn: IsoDate;
  trainingCorporation: boolean;
  reschedules: { from: IsoDate; to: IsoDate; reason: string; on: IsoDate }[];
  visit: (VisitRecorded & { recordedOn: IsoDate }) | null;
  /** The date the school owes its next improvement report by (the visit's, then each 再指導's); null when none is owed. */
  followUpBy: IsoDate | null;
  /** Each round: what was asked (the visit's findings, or a 再指導), and the school's report. */
  rounds: { instruction: string; followUpBy: IsoDate; report: { improvements: string; improvedOn: IsoDate; reportedOn: IsoDate } | null }[];
  confirmation: { on: IsoDate; note: string | null } | null;
  cancellation: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
