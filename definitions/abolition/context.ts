/** The data an abolition case carries: the filings of 様式4 (first and after corrections), corrections, the receipt. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { AbolishedTraining, AbolitionFiled, eventForms } from './forms.js';

/** Every event an abolition case receives, typed from its forms. */
export type AbolitionEvent = MachineEventsOf<typeof eventForms>;
export type AbolitionEventOf<T extends AbolitionEvent['type']> = EventOf<AbolitionEvent, T>;

export interface AbolitionContext {
  fiscalYear: number;
  /** 廃止年月日: from the case input, then as the latest filing states it. */
  abolishedOn: IsoDate;
  trainings: AbolishedTraining[];
  trainingCorporation: boolean;
  filings: (AbolitionFiled & { filedOn: IsoDate })[];
  corrections: { points: string; requestedOn: IsoDate }[];
  acceptance: { on: IsoDate; certificateReceivedOn: IsoDate; note: string | null } | null;
  withdrawal: { reason: string; on: IsoDate } | null;
  /**
   * The school's open cases about the school as a whole (a yearly plan, the roster) when 様式4 was last filed, for
   * the centre; absent on cases filed before the engine passed them.
   */
  schoolWideCases?: { title: string; stateLabel: string }[];
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
