/** Checks of the yearly report: named once in `implementationReportRules`, placed on transitions by name. */
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { ImplementationReportContext, ImplementationReportEventOf as Ev } from './context.js';
import type { RegularCourse, ShortCourse } from './forms.js';

type Ctx = ImplementationReportContext;
type Filing = Ev<'REPORT_FILED' | 'REFILED'>;

export const regularName = (c: Pick<RegularCourse, 'courseType' | 'kei' | 'ka'>) => `${c.courseType} ${c.kei}系 ${c.ka}科`;
export const shortName = (c: Pick<ShortCourse, 'courseType' | 'kei' | 'ka' | 'courseName'>) => `${c.courseType} ${c.kei}系 ${c.ka}科${c.courseName ? `（${c.courseName}）` : ''}`;

type Education = { junior: number; high: number; college: number; university: number };
const educated = (e: Education) => e.junior + e.high + e.college + e.university;

/** The report names at least one course; a 共同校 states its employers and attaches 様式1-4 (共同校のみ). */
export const reportSheets = checkRule<Ctx, Filing>(
  'reportSheets',
  (_c, e) => {
    const d = e.data;
    const problems = [
      ...(d.regular.length + d.short.length === 0 ? ['訓練課程が一つも記入されていません'] : []),
      ...(d.schoolType === 'joint' && !d.jointSheetAttached ? ['共同校は年間実施状況4〔様式1-4〕を添付します'] : []),
      ...(d.schoolType === 'joint' && (d.memberEmployers === undefined || d.dispatchingEmployers === undefined) ? ['共同校は構成事業主数と訓練生派遣事業主数を記入します'] : []),
      ...(d.schoolType === 'single' && d.jointSheetAttached ? ['年間実施状況4〔様式1-4〕は共同校だけが提出します'] : []),
    ];
    return problems.length ? `提出一覧表のとおりになっていません（${problems.join('。')}）。` : null;
  },
  '「認定職業訓練実施状況報告書」の提出一覧表のとおり、訓練課程ごとに必要な様式を記入してください。',
);

/**
 * The figures add up as the forms say: 学歴別 = 全学年の合計 (様式1-1-2・1-1-3), 合格者 + 不合格者 = 受験者, and for a
 * short course 訓練中止者 + 修了者 ≤ 学歴別訓練生数 (学歴別訓練生数 = 訓練中止者数 + 修了者数 + 未修了者数); 女性数 and
 * 編入者数 are 内数.
 */
export const reportTotals = checkRule<Ctx, Filing>(
  'reportTotals',
  (_c, e) => {
    const problems: string[] = [];
    for (const r of e.data.regular) {
      const n = regularName(r);
      const cur = r.current;
      const curTotal = cur.year1 + cur.year2 + cur.year3;
      if (educated(cur) !== curTotal) problems.push(`${n}: 4月30日現在の学歴別内訳（${educated(cur)}人）が学年別の合計（${curTotal}人）と一致しません`);
      if (cur.women > curTotal || cur.transfers > curTotal) problems.push(`${n}: 女性数・編入者数（内数）が訓練生数を超えています`);
      const p = r.previous;
      const prevTotal = p.year1 + p.year2 + p.year3;
      if (educated(p) !== prevTotal) problems.push(`${n}: 前年度の学歴別内訳（${educated(p)}人）が学年別の合計（${prevTotal}人）と一致しません`);
      if (p.leftForJob + p.leftOther + p.completers > prevTotal) problems.push(`${n}: 前年度の訓練中止者と修了者の計が訓練生数を超えています`);
      const failed = p.failedWrittenOnly + p.failedPracticalOnly + p.failedBoth;
      if (p.skillCheckPassers + failed > p.skillCheckExaminees) problems.push(`${n}: 技能照査の合格者数と不合格者数の計が受験者数を超えています`);
    }
    for (const s of e.data.short) {
      const n = shortName(s);
      const total = educated(s);
      if (s.leftForJob + s.leftOther + s.completers > total) problems.push(`${n}: 訓練中止者数と修了者数の計が訓練生数（${total}人）を超えています`);
      if (s.women > total) problems.push(`${n}: 女性数（内数）が訓練生数を超えています`);
    }
    return problems.length ? `${problems.join('。')}。` : null;
  },
  '様式の記載上の注意のとおり、内訳と合計が合うように記入してください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const implementationReportRules = { reportSheets, reportTotals } satisfies RuleTable<Ctx>;

export type ImplementationReportRuleName = keyof typeof implementationReportRules;
