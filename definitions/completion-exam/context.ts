/** The data a completion-exam case carries from state to state. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { Eligibility } from '../../src/domain/eligibility.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { CompletionExamInput, eventForms, ExamineeResult } from './forms.js';

/** Every event a completion-exam case receives, typed from its forms. */
export type CompletionExamEvent = MachineEventsOf<typeof eventForms>;
export type CompletionExamEventOf<T extends CompletionExamEvent['type']> = EventOf<CompletionExamEvent, T>;

export interface ScoredResult {
  traineeId: string;
  name: string;
  birthDate: IsoDate;
  outcome: 'sat' | 'absent';
  score: number | null;
  passed: boolean;
  eligibility: Eligibility;
  /** 0 for the exam on the last training day, N for the N-th makeup round. */
  round: number;
  /** The attendance as recorded (様式26, the total training hours on 様式27-2); absent on cases recorded before documents existed. */
  attendance?: ExamineeResult['attendance'];
}

/** 様式25's 訓練実施状況 as filed. */
export interface ApplicationSummary {
  plannedExaminees: number;
  examinees: number;
  passers: number;
}

export interface CompletionExamContext {
  /** The representative named on the latest filing (様式23-1, 24, 25), printed on the documents. */
  representative?: string;
  /** 事務担当者名 of 様式23-1, when given. */
  clerk?: string;
  course: CompletionExamInput['course'];
  fiscalYear: number;
  /** The exam is held on the last training day (manual IV (3)②): one date for both. */
  examDate: IsoDate;
  plannedDeliveryDate: IsoDate;
  filing: {
    filedOn: IsoDate;
    examinees: number;
    start: string;
    end: string;
    place: string;
    /** 修了予定年月日 of 様式24; absent on cases filed before documents existed. */
    plannedCompletionDate?: IsoDate;
  } | null;
  review: { result: 'approved' | 'guidance'; text: string | null; on: IsoDate } | null;
  questionsSentToCenterOn: IsoDate | null;
  results: ScoredResult[];
  /** Remedial lessons (補講) for failed trainees, which a makeup needs: at least 12 hours each. */
  remedial: { traineeId: string; subject: string; hours: number; on: IsoDate }[];
  makeup: { date: IsoDate; traineeIds: string[]; filedOn: IsoDate } | null;
  makeupRounds: number;
  numbers: { traineeId: string; tokyoNumber: string }[];
  application: {
    filedOn: IsoDate;
    deliveryDate: IsoDate;
    applicants: { traineeId: string; schoolNumber: string }[];
    /** 様式25's 訓練実施状況; absent on cases filed before documents existed. */
    summary?: ApplicationSummary;
  } | null;
  certifiedOn: IsoDate | null;
  deliveredOn: IsoDate | null;
  returns: { reason: string; on: IsoDate }[];
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
