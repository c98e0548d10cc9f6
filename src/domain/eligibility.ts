/**
 * Who may sit the skill check and the completion exam, based on expected
 * attendance at completion (so trainees can be told early if they will miss it).
 */
export interface SubjectAttendance {
  subject: string;
  plannedHours: number;
  /** Expected attended hours by the completion date, not hours attended so far. */
  attendedHours: number;
}

export const ATTENDANCE_RATIO = 0.8;

export interface Eligibility {
  eligible: boolean;
  reasons: string[];
}

export type CompletionExamInput =
  | { mode: 'classroom'; plannedHours: number; attendedHours: number }
  | {
      mode: 'correspondence';
      assignmentsTotal: number;
      assignmentsCorrected: number;
      faceToFacePlannedHours: number;
      faceToFaceAttendedHours: number;
    };

// Absorbs float noise such as 0.8 * 3 = 2.4000000000000004 so exactly 80% passes.
const EPSILON = 1e-9;
const THRESHOLD_LABEL = `${Math.round(ATTENDANCE_RATIO * 100)}%`;

/** Rounded down so a failing 79.96% is never displayed as "80.0%". */
function percent(ratio: number): string {
  return `${(Math.floor(ratio * 1000 + EPSILON) / 10).toFixed(1)}%`;
}

/** Returns a reason string when the requirement is not met, else null. */
function checkRatio(label: string, planned: number, actual: number): string | null {
  if (!(planned > 0)) return `${label}の予定が 0 のため判定できません`;
  const ratio = actual / planned;
  if (ratio + EPSILON >= ATTENDANCE_RATIO) return null;
  return `${label} ${percent(ratio)} が ${THRESHOLD_LABEL} 未満`;
}

function result(reasons: (string | null)[]): Eligibility {
  const failures = reasons.filter((r): r is string => r !== null);
  return { eligible: failures.length === 0, reasons: failures };
}

export function skillCheckEligibility(subjects: SubjectAttendance[]): Eligibility {
  if (subjects.length === 0) return { eligible: false, reasons: ['訓練科目が登録されていません'] };
  const planned = subjects.reduce((s, x) => s + x.plannedHours, 0);
  const attended = subjects.reduce((s, x) => s + x.attendedHours, 0);
  return result([
    ...subjects.map((x) => checkRatio(`科目「${x.subject}」の出席見込み`, x.plannedHours, x.attendedHours)),
    checkRatio('総訓練時間の出席見込み', planned, attended),
  ]);
}

export function completionExamEligibility(input: CompletionExamInput): Eligibility {
  if (input.mode === 'classroom') {
    return result([checkRatio('総訓練時間の出席見込み', input.plannedHours, input.attendedHours)]);
  }
  return result([
    checkRatio('添削指導の提出見込み', input.assignmentsTotal, input.assignmentsCorrected),
    checkRatio('面接指導の出席見込み', input.faceToFacePlannedHours, input.faceToFaceAttendedHours),
  ]);
}
