/**
 * Reads the original certificate from the case that issued it (a skill check or a completion exam of this
 * system): old numbers, exam date, registered name. Pure; problems are returned, never thrown, because a
 * machine's input cannot reject — the rule `linkConsistent` turns them into a 422 on the first filing.
 */
import type { CompletionExamContext } from '../completion-exam/context.js';
import type { SkillCheckContext } from '../skill-check/context.js';
import type { LinkedCase } from '../types.js';
import type { OriginalCertificate } from './context.js';
import type { CertificateType, ReissueInput } from './forms.js';

const TYPE_OF: Record<string, CertificateType> = { 'skill-check': 'skill-check', 'completion-exam': 'completion' };

interface Prefill {
  certificateType: CertificateType | null;
  original: OriginalCertificate;
  problems: string[];
}

/** The parts both issuing procedures share (numbers, completers/applicants, the trainee's name). */
function fromIssuer(ctx: SkillCheckContext | CompletionExamContext, procedure: string, traineeId: string) {
  const person =
    procedure === 'skill-check'
      ? (ctx as SkillCheckContext).roster.find((r) => r.traineeId === traineeId)
      : (ctx as CompletionExamContext).results.find((r) => r.traineeId === traineeId);
  // What the certificate restates besides the numbers (課程; grade, mode and hours of a completion course).
  const course: Partial<OriginalCertificate> = {};
  if (procedure === 'skill-check') {
    const courseType = (ctx as Partial<SkillCheckContext>).course?.courseType;
    if (courseType) course.courseType = courseType;
  } else {
    const c = (ctx as Partial<CompletionExamContext>).course;
    if (c?.grade) course.grade = c.grade;
    if (c?.mode) course.mode = c.mode;
    const a = (person as CompletionExamContext['results'][number] | undefined)?.attendance;
    if (a) course.hours = a.mode === 'classroom' ? a.plannedHours : a.faceToFacePlannedHours;
  }
  return {
    course,
    examDate: ctx.examDate,
    schoolNumber: ctx.application?.applicants.find((a) => a.traineeId === traineeId)?.schoolNumber ?? null,
    tokyoNumber: ctx.numbers.find((n) => n.traineeId === traineeId)?.tokyoNumber ?? null,
    name: person?.name ?? null,
    birthDate: person?.birthDate ?? null,
  };
}

export function prefill(input: ReissueInput, linked: LinkedCase | null | undefined): Prefill {
  const given: OriginalCertificate = {
    examDate: input.original?.examDate ?? null,
    schoolNumber: input.original?.schoolNumber ?? null,
    tokyoNumber: input.original?.tokyoNumber ?? null,
    name: input.request.formerName ?? input.request.name,
    birthDate: input.request.birthDate,
  };
  if (!linked || !input.traineeId) return { certificateType: input.certificateType ?? null, original: given, problems: [] };

  const problems: string[] = [];
  const linkedType = TYPE_OF[linked.procedure] ?? null;
  if (input.certificateType && linkedType && input.certificateType !== linkedType) {
    problems.push(`元の案件は${linked.procedure === 'skill-check' ? '技能照査' : '修了時試験'}の案件で、証書の種類と一致しません`);
  }
  if (linked.state !== 'delivered') problems.push(`元の案件は証書の交付まで進んでいません（状態: ${linked.state}）`);
  const found = fromIssuer(linked.context as SkillCheckContext | CompletionExamContext, linked.procedure, input.traineeId);
  if (!found.tokyoNumber || !found.schoolNumber) problems.push(`訓練生 ${input.traineeId} は元の案件で証明を受けていません`);
  const revoked = (linked.context as Partial<SkillCheckContext>).revocations?.some((r) => r.traineeId === input.traineeId);
  if (revoked) problems.push(`訓練生 ${input.traineeId} の合格は取り消されています（訓練未修了）`);
  return {
    certificateType: input.certificateType ?? linkedType,
    original: {
      examDate: found.examDate,
      schoolNumber: found.schoolNumber ?? given.schoolNumber,
      tokyoNumber: found.tokyoNumber ?? given.tokyoNumber,
      name: found.name ?? given.name,
      birthDate: found.birthDate ?? given.birthDate,
      ...found.course,
    },
    problems,
  };
}
