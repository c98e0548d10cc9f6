/** The data a reissue case carries. */
import type { IsoDate } from '../../src/domain/dates.js';
import type { LateFiling } from '../common/lateness.js';
import type { DeadlineNotice, EventOf, MachineEventsOf } from '../types.js';
import type { CompletionExamInput } from '../completion-exam/forms.js';
import type { SkillCheckInput } from '../skill-check/forms.js';
import type { Attachment, CertificateType, eventForms, HolderRequest } from './forms.js';

/** Every event a reissue case receives, typed from its forms. */
export type ReissueEvent = MachineEventsOf<typeof eventForms>;
export type ReissueEventOf<T extends ReissueEvent['type']> = EventOf<ReissueEvent, T>;

export interface OriginalCertificate {
  examDate: IsoDate | null;
  schoolNumber: string | null;
  tokyoNumber: string | null;
  /** As registered on the original (before a name change). */
  name: string | null;
  birthDate: IsoDate | null;
  /**
   * What the reissued certificate restates from the original, read from the linked case (absent without one, and
   * on cases opened before documents existed): the skill check's 課程, the completion course's grade, mode and hours.
   */
  courseType?: SkillCheckInput['course']['courseType'];
  grade?: CompletionExamInput['course']['grade'];
  mode?: CompletionExamInput['course']['mode'];
  hours?: number;
}

export interface ReissueContext {
  /** The representative named on the application (様式22 / 様式28), printed on the documents. */
  representative?: string;
  certificateType: CertificateType | null;
  fiscalYear: number;
  request: HolderRequest;
  /** The case of this system that issued the original certificate, when there is one. */
  link: { caseId: string; procedure: string; state: string; traineeId: string } | null;
  /** Why the linked case cannot be the original (wrong type, trainee not certified there): blocks the case. */
  linkProblems: string[];
  original: OriginalCertificate;
  reissue: { reissueDate: IsoDate; schoolNumber: string; tokyoNumber: string; assignedOn: IsoDate } | null;
  application: {
    filedOn: IsoDate;
    attachments: Attachment[];
    /** As filed on 様式22 / 様式28 (absent on cases filed before documents existed). */
    holder?: { name: string; formerName?: string; birthDate: IsoDate };
    course?: { kei: string; ka: string };
    examDate?: IsoDate;
    oldTokyoNumber?: string;
  } | null;
  certifiedOn: IsoDate | null;
  deliveredOn: IsoDate | null;
  returns: { reason: string; on: IsoDate }[];
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
  deadlineNotices: DeadlineNotice[];
}
