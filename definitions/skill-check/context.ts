/** The data a skill-check case carries from state to state. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { Eligibility } from '../../src/domain/eligibility.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { eventForms, RosterEntry, SkillCheckInput } from './forms.js';

/** Every event a skill-check case receives, typed from its forms. */
export type SkillCheckEvent = MachineEventsOf<typeof eventForms>;
export type SkillCheckEventOf<T extends SkillCheckEvent['type']> = EventOf<SkillCheckEvent, T>;

export interface ScoredResult {
  traineeId: string;
  outcome: 'sat' | 'absent-accident' | 'abandoned-accident' | 'absent';
  writtenScore: number | null;
  practicalScore: number | null;
  passed: boolean;
  makeup: boolean;
}

export interface ExamSession {
  date: IsoDate;
  start: string;
  end: string;
  place: string;
}

export interface SkillCheckContext {
  /** The representative named on the latest filing (様式18-1, 19-1, 20-1), printed on the documents. */
  representative?: string;
  course: SkillCheckInput['course'];
  fiscalYear: number;
  trainingCompletionDate: IsoDate;
  /** The planned exam day: the earlier of the written and practical days once a notice names them. */
  examDate: IsoDate;
  plannedDeliveryDate: IsoDate;
  questions: { filedOn: IsoDate; subjects: string[] } | null;
  review: { result: 'approved' | 'guidance'; text: string | null; on: IsoDate } | null;
  correctedQuestionsOn: IsoDate | null;
  notice: {
    filedOn: IsoDate;
    writtenDate: IsoDate;
    practicalDate: IsoDate;
    expectedExaminees: number;
    /** The sessions as notified (様式19-1: times and places); absent on cases filed before documents existed. */
    written?: ExamSession;
    practical?: ExamSession;
  } | null;
  roster: (RosterEntry & { eligibility: Eligibility })[];
  results: ScoredResult[];
  makeup: { date: IsoDate; traineeIds: string[]; filedOn: IsoDate } | null;
  numbers: { traineeId: string; tokyoNumber: string }[];
  application: { filedOn: IsoDate; deliveryDate: IsoDate; applicants: { traineeId: string; schoolNumber: string }[] } | null;
  certifiedOn: IsoDate | null;
  deliveredOn: IsoDate | null;
  revocations: { traineeId: string; reason: string; on: IsoDate }[];
  returns: { reason: string; on: IsoDate }[];
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
