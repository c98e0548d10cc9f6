/** The data a suspension case carries: the filings of every fiscal year, reviews, inspections and the exit. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { eventForms, SuspensionInput } from './forms.js';

/** Every event a suspension case receives, typed from its forms. */
export type SuspensionEvent = MachineEventsOf<typeof eventForms>;
export type SuspensionEventOf<T extends SuspensionEvent['type']> = EventOf<SuspensionEvent, T>;

export type ReviewReason = 'fiveYears' | 'corporationIdle';

/**
 * One year's 様式3-1・3-2. The optional fields are what the forms print beside the dates the case runs on
 * (snapshots stored before the documents lack them).
 */
export interface SuspensionFiling {
  fiscalYear: number;
  filedOn: IsoDate;
  plannedResumptionDate: IsoDate;
  periodTo: IsoDate;
  representative?: string;
  /** 様式3-1: the suspended training, the period's start and the reason. */
  course?: SuspensionInput['course'];
  periodFrom?: IsoDate;
  reason?: string;
  /** 様式3-2: 休止に至った状況又は理由, 再開に向けての今後の取組み及び見通し. */
  situation?: string;
  measures?: string;
}

export interface SuspensionContext {
  course: SuspensionInput['course'];
  /** The fiscal year the case was opened in (the engine's settings year). */
  fiscalYear: number;
  /** The fiscal year the suspension is in now: rolled forward at each 1 April by the fiscalYearStart timer. */
  currentFiscalYear: number;
  suspensionDate: IsoDate;
  trainingCorporation: boolean;
  filings: SuspensionFiling[];
  /** Fiscal years that ended without the yearly 様式3-1・3-2 being filed. */
  missedRefilings: number[];
  inspections: { inspectedOn: IsoDate; findings: string; recordedOn: IsoDate }[];
  reviews: { reason: ReviewReason; startedOn: IsoDate; outcome: 'continued' | 'revoked' | 'resumed' | 'abolished' | null; decidedOn: IsoDate | null; note: string | null }[];
  resumption: { resumedOn: IsoDate; reportedOn: IsoDate } | null;
  abolition: {
    abolishedOn: IsoDate;
    reason: string;
    custodian: { name: string; address: string; representative: string };
    filedOn: IsoDate;
    /** As 様式4 states them (optional: snapshots stored before the documents lack them). */
    representative?: string;
    course?: SuspensionInput['course'];
  } | null;
  revocation: { revokedOn: IsoDate; reason: string } | null;
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
