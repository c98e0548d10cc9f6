/** Statutory checks of an abolition: named once in `abolitionRules`, placed on transitions by name. */
import { checkRule } from '../common/rules.js';
import { sameCourse } from '../common/courses.js';
import type { OpenSchoolCase, RuleTable } from '../types.js';
import type { AbolitionContext, AbolitionEventOf as Ev } from './context.js';

type Ctx = AbolitionContext;
/** The first filing and a re-filing after a correction request are the same form (様式4). */
type Filing = Ev<'ABOLITION_FILED' | 'REFILED'>;

/** 規則34条 / manual II-4(2): 様式4 is filed 「に認定書を添えて」. */
export const certificateAttached = checkRule<Ctx, Filing>(
  'certificate',
  (_c, e) => (e.data.certificateAttached ? null : '認定職業訓練廃止届（様式4）には認定書を添えて提出する必要があります。'),
  '認定書を添付して提出してください。認定書を紛失している場合は管轄職業能力開発センターにご相談ください。',
);

/** The school's open cases that concern a training being abolished (another procedure's case of that 訓練科). */
export const openCasesOfTrainings = (e: Filing): OpenSchoolCase[] =>
  (e.schoolCases ?? []).filter((c) => c.courses.some((course) => e.data.trainings.some((t) => sameCourse(course, t))));

/**
 * 法40条 / issue 15: the cases of the abolished training are closed or withdrawn first. Cases about the school as a
 * whole (a yearly plan, the instructor roster) go on for its other courses: the centre is told of them instead.
 */
export const openCasesClosed = checkRule<Ctx, Filing>(
  'openCases',
  (_c, e) => {
    const open = openCasesOfTrainings(e);
    return open.length
      ? `廃止する訓練科に完了していない案件があるため、廃止届を提出できません（${open.map((c) => `${c.title}：${c.stateLabel}`).join('、')}）。進行中の案件を先に完了するか取り下げてください。`
      : null;
  },
  '案件一覧で進行中の案件を完了又は取下げの後に提出してください。休止中の訓練科は、その休止の案件から廃止を届け出てください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const abolitionRules = { certificateAttached, openCasesClosed } satisfies RuleTable<Ctx>;

export type AbolitionRuleName = keyof typeof abolitionRules;
