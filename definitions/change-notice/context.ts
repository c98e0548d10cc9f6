/** The data a change-notice case carries: the filings (the first and each re-filing), corrections, the outcome. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { ChangeFiled, ChangeItem, eventForms } from './forms.js';

/** Every event a change-notice case receives, typed from its forms. */
export type ChangeNoticeEvent = MachineEventsOf<typeof eventForms>;
export type ChangeNoticeEventOf<T extends ChangeNoticeEvent['type']> = EventOf<ChangeNoticeEvent, T>;

export interface ChangeNoticeContext {
  fiscalYear: number;
  /** 変更年月日: from the case input, then as the latest filing states it. */
  changeDate: IsoDate;
  /** The matters (1)-(6) changed: from the case input, then from the latest filing. */
  items: ChangeItem[];
  /** 職業訓練法人 (from the school's registration). */
  trainingCorporation: boolean;
  filings: (ChangeFiled & { filedOn: IsoDate })[];
  corrections: { points: string; requestedOn: IsoDate }[];
  /**
   * A 職業訓練法人 changing what its 定款等 state: besides this notice it must apply to the governor for
   * 変更認可 under 規則51条 (manual II-3 《変更届提出の際の留意点》).
   */
  articlesApprovalNeeded: boolean;
  acknowledgement: { on: IsoDate; note: string | null } | null;
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
