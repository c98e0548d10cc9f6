/** Who owes a 承諾書 (様式5-3): pure functions of the roster, shared by the rules, the machine and the messages. */
import type { InstructorRosterContext } from './context.js';
import type { CollectiveRow, SchoolType } from './forms.js';

/** 作成上の留意点⑤: every 集合訓練 instructor, except an internal unpaid one at a single-employer school. */
export const needsConsent = (schoolType: SchoolType, row: CollectiveRow) => !(schoolType === 'single' && row.internal && !row.paid);

export const consentsOwed = (c: Pick<InstructorRosterContext, 'schoolType' | 'collective'>) => c.collective.filter((r) => needsConsent(c.schoolType, r));

/** The instructors whose 承諾書 is not in yet this year. */
export const missingConsents = (c: Pick<InstructorRosterContext, 'schoolType' | 'collective' | 'consents'>) =>
  consentsOwed(c).filter((r) => !c.consents.some((x) => x.name === r.name));
