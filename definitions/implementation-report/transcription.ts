/**
 * What the report takes from the school's own cases of the reported year (`related`: the previous fiscal year's
 * skill checks and completion exams, with their figures), and how it compares with what the school files. Pure.
 *
 * 専門・普通課程 (様式1-1-3) take from a skill check of the same 系・科: 技能照査受験者数 (examinees), 合格者数 (passers)
 * and the 不合格者数 split. A skill check counts one failing both parts under 学科 and under 実技, so the split is
 * derived: failures = examinees − passers − revocations (a revoked pass had passed on scores), 学科及び実技 =
 * failedWritten + failedPractical − failures. 短期課程 (様式1-2) take 修了者数 (completers) from a completion exam of
 * the same 系・科 (技能士コース). Several cases of one course add up. The school fills every other figure, and may
 * correct a transcribed one: the centre is told which differ. The figures land in the report's 技能照査 table
 * (様式1-1-3) and its 修了者 table (様式1-2); the course is entered in the other tables of those sheets (and in 様式1-3)
 * for the school to complete, and each sheet lists where its figures come from (「既存の案件から転記: …」).
 */
import type { RelatedCase } from '../types.js';
import type { ReportFiled } from './forms.js';

export const SKILL_CHECK = 'skill-check';
export const COMPLETION_EXAM = 'completion-exam';

/** One course's figures from the related cases of one procedure, summed, with the cases they came from. */
export interface Transcribed {
  procedure: string;
  kei: string;
  ka: string;
  values: Record<string, number>;
  sources: { id: string; title: string; done: boolean }[];
}

export const FIGURE_LABELS: Record<string, string> = {
  examinees: '受検者数',
  passers: '合格者数',
  failedWritten: '学科試験不合格者数',
  failedPractical: '実技試験不合格者数',
  makeups: '追試験等の受検者数',
  revocations: '合格取消し者数',
  certificates: '合格証書交付数',
  completers: '修了者数',
};

const strip = (s: string, suffix: string) => (s.endsWith(suffix) ? s.slice(0, -suffix.length) : s);

/** The related cases' figure rows, by procedure and 系・科 (in the order first met). */
export function transcribe(related: RelatedCase[] | undefined): Transcribed[] {
  const out: Transcribed[] = [];
  for (const c of related ?? []) {
    if (c.procedure !== SKILL_CHECK && c.procedure !== COMPLETION_EXAM) continue;
    for (const row of c.figures) {
      const kei = strip(row.family, '系');
      const ka = strip(row.course, '科');
      let t = out.find((x) => x.procedure === c.procedure && x.kei === kei && x.ka === ka);
      if (!t) out.push((t = { procedure: c.procedure, kei, ka, values: {}, sources: [] }));
      for (const [k, v] of Object.entries(row.values)) t.values[k] = (t.values[k] ?? 0) + v;
      if (!t.sources.some((s) => s.id === c.id)) t.sources.push({ id: c.id, title: c.title, done: c.done });
    }
  }
  return out;
}

const v = (t: Transcribed, k: string) => t.values[k] ?? 0;

/** The skill-check figures as 様式1-1-3 names them. */
export function skillCheckFigures(t: Transcribed) {
  const failures = Math.max(0, v(t, 'examinees') - v(t, 'passers') - v(t, 'revocations'));
  const both = Math.max(0, Math.min(v(t, 'failedWritten'), v(t, 'failedPractical'), v(t, 'failedWritten') + v(t, 'failedPractical') - failures));
  return {
    skillCheckExaminees: v(t, 'examinees'),
    skillCheckPassers: v(t, 'passers'),
    failedWrittenOnly: Math.max(0, v(t, 'failedWritten') - both),
    failedPracticalOnly: Math.max(0, v(t, 'failedPractical') - both),
    failedBoth: both,
  };
}

/** The cases a course's figures come from, by title (an unfinished case says so). */
export const sourceTitles = (t: Transcribed) => t.sources.map((s) => `${s.title}${s.done ? '' : '（未完了）'}`).join('、');
export const sourceNote = (t: Transcribed) => `${t.kei}系 ${t.ka}科 既存の案件から転記: ${sourceTitles(t)}`;

/** The report's starting values: each transcribed course in the tables of its sheets, its known figures filled in. */
export function reportPrefill(transcribed: Transcribed[]): Partial<Record<keyof ReportFiled, unknown>> {
  const skill = transcribed.filter((t) => t.procedure === SKILL_CHECK);
  const exams = transcribed.filter((t) => t.procedure === COMPLETION_EXAM);
  const id = (t: Transcribed) => ({ kei: t.kei, ka: t.ka });
  return {
    previousByYear: skill.map((t) => ({ courseType: '普通課程', ...id(t) })),
    previousByEducation: skill.map(id),
    skillChecks: skill.map((t) => ({ ...id(t), ...skillCheckFigures(t) })),
    skillCheckSources: skill.map(sourceNote),
    shortCourses: exams.map((t) => ({ courseType: '短期課程', ...id(t) })),
    shortTrainees: exams.map(id),
    shortResults: exams.map((t) => ({ ...id(t), completers: v(t, 'completers') })),
    shortSources: exams.map(sourceNote),
    training: skill.map((t) => ({ courseType: '普通課程', ...id(t) })),
  };
}

const PREVIOUS_LABELS: Record<string, string> = {
  skillCheckExaminees: '技能照査受験者数',
  skillCheckPassers: '技能照査合格者数',
  failedWrittenOnly: '技能照査不合格者数（学科のみ）',
  failedPracticalOnly: '技能照査不合格者数（実技のみ）',
  failedBoth: '技能照査不合格者数（学科及び実技）',
};

const sameCourse = (t: Transcribed) => (c: { kei: string; ka: string }) => c.kei === t.kei && c.ka === t.ka;

/** Where the filed report differs from what was transcribed (a course left out, a figure changed), in words. */
export function differences(transcribed: Transcribed[], filing: ReportFiled): string[] {
  const out: string[] = [];
  for (const t of transcribed) {
    const name = `${t.kei}系 ${t.ka}科`;
    if (t.procedure === SKILL_CHECK) {
      const rows = filing.skillChecks.filter(sameCourse(t));
      if (!rows.length) {
        out.push(`${name}: 技能照査の案件があるのに、様式1-1-3の技能照査の表にこの訓練科がありません`);
        continue;
      }
      const expected = skillCheckFigures(t);
      for (const [k, want] of Object.entries(expected)) {
        const got = rows.reduce((n, r) => n + r[k as keyof typeof expected], 0);
        if (got !== want) out.push(`${name}: ${PREVIOUS_LABELS[k]} 転記 ${want}人 → 報告 ${got}人`);
      }
    } else {
      const rows = filing.shortResults.filter(sameCourse(t));
      if (!rows.length) {
        out.push(`${name}: 修了時試験の案件があるのに、様式1-2の修了者の表にこの訓練科がありません`);
        continue;
      }
      const got = rows.reduce((n, r) => n + r.completers, 0);
      if (got !== v(t, 'completers')) out.push(`${name}: 修了者数 転記 ${v(t, 'completers')}人 → 報告 ${got}人`);
    }
  }
  return out;
}
