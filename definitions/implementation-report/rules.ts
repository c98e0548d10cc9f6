/** Checks of the yearly report: named once in `implementationReportRules`, placed on transitions by name. */
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { ImplementationReportContext, ImplementationReportEventOf as Ev } from './context.js';
import type { ReportFiled } from './forms.js';

type Ctx = ImplementationReportContext;
type Filing = Ev<'REPORT_FILED' | 'REFILED'>;

interface Course {
  kei: string;
  ka: string;
  courseName?: string;
}

/** 「機械系 機械加工科」, with a short course's コース名. */
export const courseLabel = (c: Course) => `${c.kei}系 ${c.ka}科${c.courseName ? `（${c.courseName}）` : ''}`;
export const regularName = (c: Course & { courseType: string }) => `${c.courseType} ${courseLabel(c)}`;
export const shortName = regularName;

/** The key that ties the rows of one course across the tables of a sheet. */
const keyOf = (c: Course) => `${c.kei}\u0000${c.ka}\u0000${c.courseName ?? ''}`;
/** The row of the same course in another table of the sheet. */
export const rowOf = <R extends Course>(rows: R[], c: Course): R | undefined => rows.find((r) => keyOf(r) === keyOf(c));

type Education = { junior: number; high: number; college: number; university: number };
const educated = (e: Education) => e.junior + e.high + e.college + e.university;
const years = (y: { year1: number; year2: number; year3: number }) => y.year1 + y.year2 + y.year3;

/** The report names at least one course; a 共同校 states its employers and attaches 様式1-4 (共同校のみ). */
export const reportSheets = checkRule<Ctx, Filing>(
  'reportSheets',
  (_c, e) => {
    const d = e.data;
    const h = d.report;
    const problems = [
      ...(d.currentByYear.length + d.previousByYear.length + d.shortCourses.length === 0 ? ['訓練課程が一つも記入されていません'] : []),
      ...(h.schoolType === 'joint' && !d.joint.attached ? ['共同校は年間実施状況4〔様式1-4〕を添付します'] : []),
      ...(h.schoolType === 'joint' && (h.memberEmployers === undefined || h.dispatchingEmployers === undefined) ? ['共同校は構成事業主数と訓練生派遣事業主数を記入します'] : []),
      ...(h.schoolType === 'single' && d.joint.attached ? ['年間実施状況4〔様式1-4〕は共同校だけが提出します'] : []),
    ];
    return problems.length ? `提出一覧表のとおりになっていません（${problems.join('。')}）。` : null;
  },
  '「認定職業訓練実施状況報告書」の提出一覧表のとおり、訓練課程ごとに必要な様式を記入してください。',
);

/** What is wrong with the courses of one sheet's tables: a course twice in a table, or missing from a table. */
function courseProblems(sheet: string, tables: [string, Course[], 'all' | 'subset'][]): string[] {
  const out: string[] = [];
  const [firstTitle, first] = tables[0]!;
  for (const [title, rows] of tables) {
    const twice = rows.filter((r, i) => rows.findIndex((x) => keyOf(x) === keyOf(r)) !== i);
    for (const r of twice) out.push(`${sheet}の${title}の表に${courseLabel(r)}が二度あります`);
  }
  for (const [title, rows, mode] of tables.slice(1)) {
    for (const r of rows) if (!rowOf(first, r)) out.push(`${sheet}の${title}の表の${courseLabel(r)}が${firstTitle}の表にありません`);
    if (mode === 'all') for (const r of first) if (!rowOf(rows, r)) out.push(`${sheet}の${title}の表に${courseLabel(r)}がありません`);
  }
  return out;
}

/**
 * The tables of one sheet list the same courses (a sheet is split into tables by columns only): 様式1-1-2 学年別 and
 * 学歴別; 様式1-1-3 学年別 and 学歴別, and its 技能照査 for courses that held one; 様式1-3 the courses of 様式1-1-3 (both
 * the previous year's); 様式1-2 each course in its three tables.
 */
export const reportCourses = checkRule<Ctx, Filing>(
  'reportCourses',
  (_c, e) => {
    const d: ReportFiled = e.data;
    const problems = [
      ...courseProblems('様式1-1-2', [['学年別', d.currentByYear, 'all'], ['学歴別', d.currentByEducation, 'all']]),
      ...courseProblems('様式1-1-3', [['学年別', d.previousByYear, 'all'], ['学歴別', d.previousByEducation, 'all'], ['技能照査', d.skillChecks, 'subset']]),
      ...courseProblems('様式1-2', [['実施期間', d.shortCourses, 'all'], ['学歴別', d.shortTrainees, 'all'], ['修了者', d.shortResults, 'all']]),
      ...courseProblems('前年度の訓練科', [['様式1-1-3', d.previousByYear, 'all'], ['様式1-3', d.training, 'all']]),
      ...d.training
        .filter((t) => (rowOf(d.previousByYear, t)?.courseType ?? t.courseType) !== t.courseType)
        .map((t) => `${courseLabel(t)}の訓練課程が様式1-1-3と様式1-3とで異なります`),
    ];
    return problems.length ? `様式の表の訓練科が揃っていません（${problems.join('。')}）。` : null;
  },
  '同じ様式の表には、同じ訓練科（短期課程・専門短期課程は同じコース）を1行ずつ、系・訓練科（・コース名）を同じ書き方で記入してください。',
);

/**
 * The figures add up as the forms say: 学歴別 = 全学年の合計 (様式1-1-2・1-1-3), 合格者 + 不合格者 = 受験者, and for a
 * short course 訓練中止者 + 修了者 ≤ 学歴別訓練生数 (学歴別訓練生数 = 訓練中止者数 + 修了者数 + 未修了者数); 女性数 and
 * 編入者数 are 内数. A course is checked with its rows in the sheet's other tables (reportCourses ties them).
 */
export const reportTotals = checkRule<Ctx, Filing>(
  'reportTotals',
  (_c, e) => {
    const d: ReportFiled = e.data;
    const problems: string[] = [];
    for (const cur of d.currentByYear) {
      const n = regularName(cur);
      const total = years(cur);
      const edu = rowOf(d.currentByEducation, cur);
      if (edu && educated(edu) !== total) problems.push(`${n}: 4月30日現在の学歴別内訳（${educated(edu)}人）が学年別の合計（${total}人）と一致しません`);
      if (cur.women > total || cur.transfers > total) problems.push(`${n}: 女性数・編入者数（内数）が訓練生数を超えています`);
    }
    for (const p of d.previousByYear) {
      const n = regularName(p);
      const total = years(p);
      const edu = rowOf(d.previousByEducation, p);
      if (edu && educated(edu) !== total) problems.push(`${n}: 前年度の学歴別内訳（${educated(edu)}人）が学年別の合計（${total}人）と一致しません`);
      if (p.leftForJob + p.leftOther + p.completers > total) problems.push(`${n}: 前年度の訓練中止者と修了者の計が訓練生数を超えています`);
    }
    for (const s of d.skillChecks) {
      const failed = s.failedWrittenOnly + s.failedPracticalOnly + s.failedBoth;
      if (s.skillCheckPassers + failed > s.skillCheckExaminees) problems.push(`${regularName({ courseType: rowOf(d.previousByYear, s)?.courseType ?? '専門課程・普通課程', ...s })}: 技能照査の合格者数と不合格者数の計が受験者数を超えています`);
    }
    for (const c of d.shortCourses) {
      const n = shortName(c);
      const t = rowOf(d.shortTrainees, c);
      const r = rowOf(d.shortResults, c);
      if (!t) continue;
      const total = educated(t);
      if (r && r.leftForJob + r.leftOther + r.completers > total) problems.push(`${n}: 訓練中止者数と修了者数の計が訓練生数（${total}人）を超えています`);
      if (t.women > total) problems.push(`${n}: 女性数（内数）が訓練生数を超えています`);
    }
    return problems.length ? `${problems.join('。')}。` : null;
  },
  '様式の記載上の注意のとおり、内訳と合計が合うように記入してください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const implementationReportRules = { reportSheets, reportCourses, reportTotals } satisfies RuleTable<Ctx>;

export type ImplementationReportRuleName = keyof typeof implementationReportRules;
