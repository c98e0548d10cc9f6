/**
 * The yearly report's documents (manual II-2, 規則35条の4, 認定職業訓練実施状況報告書 様式1-1-1・1-1-2・1-1-3・1-2・1-3),
 * laid out like the manual's sheets from the latest filing. Pure: layouts only; the shell renders them as PDF.
 *
 * A figure the report took from the school's own cases (技能照査 in 様式1-1-3, 修了者数 in 様式1-2) and the school
 * kept as transcribed is marked ※, and the sheet names the cases it came from; a transcribed figure the school
 * changed is printed as filed, unmarked, and listed under the sheet with the transcribed value. What the filing
 * does not hold (所在地, 訓練施設, 訓練期間 of 専門・普通課程, the subjects' hours of 様式1-3) is left blank for the
 * school to write. 様式1-4 (共同校のみ) is not laid out: the manual's text does not reproduce it, and the filing only
 * says it is attached.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { fiscalYearEnd, fiscalYearLabel, fiscalYearStart } from '../../src/domain/fiscal-year.js';
import { dateLine, wareki, type Block, type Cell } from '../common/document-layout.js';
import type { DocumentDefinition, DocumentFacts } from '../types.js';
import type { ImplementationReportContext } from './context.js';
import type { ReportFiled } from './forms.js';
import { rowOf } from './rules.js';
import { COMPLETION_EXAM, differences, SKILL_CHECK, skillCheckFigures, sourceNote, type Transcribed } from './transcription.js';

type Ctx = ImplementationReportContext;
type Doc = DocumentDefinition<Ctx>;
type Filing = ReportFiled & { filedOn: IsoDate };
type Education = { junior: number; high: number; college: number; university: number };

const EVENTS = ['REPORT_FILED', 'REFILED'];
const latest = (c: Ctx): Filing | undefined => c.filings.at(-1);
const MARK = '※';

const right = (text: string | number): Cell => ({ text: String(text), align: 'right' });
const center = (text: string): Cell => ({ text, align: 'center' });
const span = (text: string, rowSpan: number, colSpan = 1): Cell => ({ text, rowSpan, ...(colSpan > 1 ? { colSpan } : {}), align: 'center' });
const note = (text: string): Block => ({ kind: 'paragraph', text, size: 8.5, marginTop: 0 });
const schoolLine = (f: DocumentFacts): Block => ({ kind: 'paragraph', text: f.schoolName, align: 'right', size: 9.5, marginTop: 0 });
const heading = (text: string, size = 10.5): Block => ({ kind: 'paragraph', text, bold: true, size, marginTop: 6 });
const ka = (x: { kei: string; ka: string }) => `${x.kei}系 ${x.ka}科`;
const educated = (e: Education) => e.junior + e.high + e.college + e.university;
const years = (y: { year1: number; year2: number; year3: number }) => y.year1 + y.year2 + y.year3;
/** 専門課程 is 高度職業訓練, 普通課程 and 短期課程 普通職業訓練, 専門短期課程 高度職業訓練. */
const kindOf = (courseType: string) => (courseType.startsWith('専門') ? '高度職業訓練' : '普通職業訓練');
/** A date in a narrow column, broken after the year ('令和9年' / '2月10日'). */
const narrowDate = (d: IsoDate | undefined) => (d ? wareki(d).replace('年', '年\n') : '');
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const reportedPeriod = (c: Ctx) => `${fiscalYearLabel(c.reportedYear)}（${wareki(fiscalYearStart(c.reportedYear))}から${wareki(fiscalYearEnd(c.reportedYear))}まで）`;

/** The 訓練課程 the report is filed for (「訓練課程ごとに提出　専門｜普通｜短期」). ASSUMED: 専門短期課程 goes with 短期. */
const GROUPS = ['専門', '普通', '短期'] as const;
type Group = (typeof GROUPS)[number];
function groupsOf(f: Filing): Group[] {
  const regular = [...f.currentByYear, ...f.previousByYear, ...f.training].map((r) => r.courseType);
  return GROUPS.filter((g) => (g === '短期' ? f.shortCourses.length > 0 : regular.includes(`${g}課程` as never)));
}
const groupLine = (g: Group) => `訓練課程ごとに提出　${GROUPS.map((x) => (x === g ? `○${x}` : x)).join('　')}`;

const transcribedOf = (c: Ctx, procedure: string) => c.transcribed.filter((t) => t.procedure === procedure);
const sameCourse = (t: Transcribed) => (r: { kei: string; ka: string }) => r.kei === t.kei && r.ka === t.ka;
/** The sheet's note on where its ※ figures come from and which transcribed figures the school changed. */
const transcriptionNotes = (c: Ctx, f: Filing, procedure: string): Block[] => {
  const ts = transcribedOf(c, procedure);
  if (!ts.length) return [];
  return [
    note(`${MARK}印は、既存の案件から転記し、そのまま報告した数値です。`),
    ...ts.map((t) => note(`転記元　${sourceNote(t)}`)),
    ...differences(ts, f).map((d) => note(`転記した数値との違い　${d}`)),
  ];
};

/** 様式1-1-1 (年間実施状況1-1): the report's head, for one 訓練課程. */
const form1_1_1Page = (c: Ctx, f: DocumentFacts, x: Filing, g: Group | null, sheets: string[]): Block[] => {
  const h = x.report;
  const joint = h.schoolType === 'joint';
  return [
    ...(g ? [{ kind: 'paragraph', text: groupLine(g), align: 'right', size: 9, marginTop: 0 } as Block] : []),
    { kind: 'formNumber', text: '〔様式1-1-1〕（年間実施状況1-1）' },
    { kind: 'title', text: '認定職業訓練実施状況報告書（施行規則第35条の4）', size: 14 },
    { kind: 'paragraph', text: `${wareki(c.countedOn)}現在における認定職業訓練の実施状況を下記のとおり報告します。`, indent: 10.5 },
    dateLine(x.filedOn),
    {
      kind: 'sender',
      lines: [
        ['認定職業訓練実施団体・事業所', ''],
        ['　（所在地）', '〒'],
        ['　（名称）', f.schoolName],
        ['代表者　（住所）', '〒　　　　（任意団体の場合のみ）'],
        ['　　　　（職・氏名）', h.representative],
        ['事務担当者（氏名・電話）', h.contact],
        ['　　　　（メールアドレス）', ''],
      ],
    },
    { kind: 'ki' },
    {
      kind: 'table',
      widths: [144, '*', 96, 80],
      header: [],
      rows: [
        [{ text: '事業の種類（産業分類中分類）', bold: true }, h.industry, { text: '常用労働者数', bold: true }, right(`${h.employees}人`)],
        [{ text: '構成事業主数', bold: true }, joint ? right(`${h.memberEmployers ?? '　'}社`) : center('—（単独校）'), { text: '訓練生派遣事業主数', bold: true }, joint ? right(`${h.dispatchingEmployers ?? '　'}社`) : center('—')],
        [{ text: '職業訓練施設の名称及び所在地', bold: true }, { text: '\n\n', colSpan: 3 }],
      ],
      size: 9.5,
    },
    note('職業訓練施設の欄には、認定訓練に使用する全ての施設の名称及び所在地を記入（欄が不足する場合は別紙一覧表等を添付）。'),
    { kind: 'notes', items: [`提出する様式　${sheets.join('・')}`, '押印不要', `提出先　管轄職業能力開発センター${f.centerName ? `（${f.centerName}）` : ''}`] },
  ];
};

/** The sheets of the filing, as the case's facts name them. */
const sheetsOf = (x: Filing) => [
  '様式1-1-1',
  ...(x.currentByYear.length ? ['様式1-1-2'] : []),
  ...(x.previousByYear.length ? ['様式1-1-3'] : []),
  ...(x.shortCourses.length ? ['様式1-2'] : []),
  ...(x.training.length ? ['様式1-3'] : []),
  ...(x.joint.attached ? ['様式1-4'] : []),
];

const form1_1_1: Doc = {
  form: '様式1-1-1',
  title: '認定職業訓練実施状況報告書（年間実施状況1-1）',
  fileName: 'form-1-1-1',
  events: EVENTS,
  available: (c) => c.filings.length > 0,
  layout: (c, f) => {
    const x = latest(c)!;
    const groups = groupsOf(x);
    return { orientation: 'portrait', pages: (groups.length ? groups : [null]).map((g) => form1_1_1Page(c, f, x, g, sheetsOf(x))) };
  },
};

/** The head rows of 様式1-1-2 and 1-1-3, a column per course: 種類, 課程, 訓練科名, 訓練期間. */
const courseHead = (rows: { courseType: string; kei: string; ka: string }[], labelCols: number): Cell[][] => [
  [span('職業訓練の種類', 1, labelCols), ...rows.map((r) => center(`${kindOf(r.courseType)}（　　）`))],
  [span('訓練課程', 1, labelCols), ...rows.map((r) => center(`${r.courseType}　中・高卒`))],
  [span('訓練科名', 1, labelCols), ...rows.map((r) => center(ka(r)))],
  [span('訓練期間', 1, labelCols), ...rows.map(() => center('　年　月　日〜　年　月　日'))],
];

/** 様式1-1-2 (年間実施状況1-2): 4月30日現在の訓練生数 by 学年 (編入者①・女性② 内数) and by 学歴, four courses a sheet. */
const form1_1_2Page = (c: Ctx, f: DocumentFacts, x: Filing, rows: Filing['currentByYear']): Block[] => {
  const edu = (r: (typeof rows)[number]) => rowOf(x.currentByEducation, r);
  const eduCell = (r: (typeof rows)[number], k: keyof Education | 'total'): Cell => {
    const e = edu(r);
    return right(e ? (k === 'total' ? educated(e) : e[k]) : '');
  };
  return [
    { kind: 'formNumber', text: '〔様式1-1-2〕（年間実施状況1-2）' },
    heading('1　訓練生数'),
    heading('(1) 普通職業訓練（普通課程）及び高度職業訓練（専門課程）', 10),
    { kind: 'paragraph', text: `${wareki(c.countedOn)}現在の職業訓練実施状況`, size: 10 },
    schoolLine(f),
    {
      kind: 'table',
      widths: [56, 50, 46, ...rows.map(() => '*' as const)],
      header: [],
      rows: [
        ...courseHead(rows, 3),
        [span(`${wareki(c.countedOn).replace('年', '年\n')}\n現在`, 9), span('訓練年度別内訳', 4), '第1年度', ...rows.map((r) => right(r.year1))],
        ['第2年度', ...rows.map((r) => right(r.year2))],
        ['第3年度', ...rows.map((r) => right(r.year3))],
        ['合計', ...rows.map((r) => right(`${years(r)}（①${r.transfers}）（②${r.women}）`))],
        [span('訓練学歴別内訳', 5), '中学卒', ...rows.map((r) => eduCell(r, 'junior'))],
        ['高校卒', ...rows.map((r) => eduCell(r, 'high'))],
        ['短大卒', ...rows.map((r) => eduCell(r, 'college'))],
        ['大学卒', ...rows.map((r) => eduCell(r, 'university'))],
        ['合計', ...rows.map((r) => eduCell(r, 'total'))],
      ],
      size: 9,
    },
    note('（注）「職業訓練の種類」欄の（　）は、学科について通信制により実施する場合に「通信制」と記入。'),
    note('（注）「年度別内訳」欄の（　）は、①編入者の数、②女性数をそれぞれ内数として記入。'),
    note('（注）新年度に入校した訓練生数（4月30日までに退校した者を含む）を記入。学歴別内訳は全学年の合計。'),
  ];
};

const form1_1_2: Doc = {
  form: '様式1-1-2',
  title: '認定職業訓練実施状況報告書（年間実施状況1-2 4月30日現在の訓練生数）',
  fileName: 'form-1-1-2',
  events: EVENTS,
  available: (c) => (latest(c)?.currentByYear.length ?? 0) > 0,
  layout: (c, f) => {
    const x = latest(c)!;
    return { orientation: 'portrait', pages: chunks(x.currentByYear, 4).map((rows) => form1_1_2Page(c, f, x, rows)) };
  },
};

/** The skill-check figures of a course, each marked ※ when the school kept the transcribed value. */
function skillCheckCells(c: Ctx, x: Filing, r: { kei: string; ka: string }) {
  const s = rowOf(x.skillChecks, r);
  const t = transcribedOf(c, SKILL_CHECK).find((y) => sameCourse(y)(r));
  const expected = t ? skillCheckFigures(t) : null;
  const cell = (k: keyof ReturnType<typeof skillCheckFigures>): Cell => {
    if (!s) return center('—');
    const kept = expected !== null && x.skillChecks.filter(sameCourse(t!)).reduce((n, y) => n + y[k], 0) === expected[k];
    return right(`${s[k]}${kept ? MARK : ''}`);
  };
  const rate: Cell = !s ? center('—') : right(s.skillCheckExaminees ? `${((s.skillCheckPassers / s.skillCheckExaminees) * 100).toFixed(1)}%` : '—');
  return { cell, rate };
}

/** 様式1-1-3 (年間実施状況1-3): the reported year's 訓練生数, 訓練中止者, 修了者 and 技能照査, four courses a sheet. */
const form1_1_3Page = (c: Ctx, f: DocumentFacts, x: Filing, rows: Filing['previousByYear'], last: boolean): Block[] => {
  const edu = (r: (typeof rows)[number], k: keyof Education | 'total'): Cell => {
    const e = rowOf(x.previousByEducation, r);
    return right(e ? (k === 'total' ? educated(e) : e[k]) : '');
  };
  const sc = rows.map((r) => skillCheckCells(c, x, r));
  return [
    { kind: 'formNumber', text: '〔様式1-1-3〕（年間実施状況1-3）' },
    heading('1　訓練生数'),
    heading('(1) 普通職業訓練（普通課程）及び高度職業訓練（専門課程）', 10),
    { kind: 'paragraph', text: `${reportedPeriod(c)}に実施した職業訓練について記入すること`, size: 9.5 },
    schoolLine(f),
    {
      kind: 'table',
      widths: [16, 56, 74, ...rows.map(() => '*' as const)],
      header: [],
      rows: [
        ...courseHead(rows, 3),
        [span([...'前年度分'].join('\n'), 18), span('訓練生数\n年度別内訳', 4), '第1年度', ...rows.map((r) => right(r.year1))],
        ['第2年度', ...rows.map((r) => right(r.year2))],
        ['第3年度', ...rows.map((r) => right(r.year3))],
        ['合計', ...rows.map((r) => right(years(r)))],
        [span('訓練生数\n学歴別内訳', 5), '中学卒', ...rows.map((r) => edu(r, 'junior'))],
        ['高校卒', ...rows.map((r) => edu(r, 'high'))],
        ['短大卒', ...rows.map((r) => edu(r, 'college'))],
        ['大学卒', ...rows.map((r) => edu(r, 'university'))],
        ['合計', ...rows.map((r) => edu(r, 'total'))],
        [span('訓練中止者', 2), '離職者', ...rows.map((r) => right(r.leftForJob))],
        ['その他', ...rows.map((r) => right(r.leftOther))],
        [span('修了者数', 1, 2), ...rows.map((r) => right(r.completers))],
        [span('技能照査受験者数', 1, 2), ...sc.map((s) => s.cell('skillCheckExaminees'))],
        [span('技能照査合格者数', 1, 2), ...sc.map((s) => s.cell('skillCheckPassers'))],
        [span('技能照査合格率', 1, 2), ...sc.map((s) => s.rate)],
        [span('技能照査\n不合格者数', 3), '学科のみ', ...sc.map((s) => s.cell('failedWrittenOnly'))],
        ['実技のみ', ...sc.map((s) => s.cell('failedPracticalOnly'))],
        ['学科及び実技', ...sc.map((s) => s.cell('failedBoth'))],
      ],
      size: 9,
    },
    ...(last ? transcriptionNotes(c, x, SKILL_CHECK) : []),
  ];
};

const form1_1_3: Doc = {
  form: '様式1-1-3',
  title: '認定職業訓練実施状況報告書（年間実施状況1-3 前年度の訓練生数・技能照査）',
  fileName: 'form-1-1-3',
  events: EVENTS,
  available: (c) => (latest(c)?.previousByYear.length ?? 0) > 0,
  layout: (c, f) => {
    const x = latest(c)!;
    const pages = chunks(x.previousByYear, 4);
    return { orientation: 'portrait', pages: pages.map((rows, i) => form1_1_3Page(c, f, x, rows, i === pages.length - 1)) };
  },
};

/** 様式1-2 (年間実施状況2): a row per 短期課程・専門短期課程 course, 修了者数 marked ※ when kept as transcribed. */
const form1_2: Doc = {
  form: '様式1-2',
  title: '認定職業訓練実施状況報告書（年間実施状況2 短期課程・専門短期課程）',
  fileName: 'form-1-2',
  events: EVENTS,
  available: (c) => (latest(c)?.shortCourses.length ?? 0) > 0,
  layout: (c, f) => {
    const x = latest(c)!;
    const kept = (r: { kei: string; ka: string }) => {
      const t = transcribedOf(c, COMPLETION_EXAM).find((y) => sameCourse(y)(r));
      return t !== undefined && x.shortResults.filter(sameCourse(t)).reduce((n, y) => n + y.completers, 0) === (t.values.completers ?? 0);
    };
    const rows: Cell[][] = x.shortCourses.map((s) => {
      const t = rowOf(x.shortTrainees, s);
      const r = rowOf(x.shortResults, s);
      return [
        center(`${kindOf(s.courseType)}\n（　　）`),
        center(s.courseType),
        `${ka(s)}${s.courseName ? `\n（${s.courseName}）` : ''}`,
        `自 ${wareki(s.startsOn)}\n至 ${wareki(s.endsOn)}\n${s.hours}時間`,
        ...(t ? [right(t.junior), right(t.high), right(t.college), right(t.university), right(`${educated(t)}（${t.women}）`)] : ['', '', '', '', '']),
        ...(r ? [right(r.leftForJob), right(r.leftOther), right(`${r.completers}${kept(s) ? MARK : ''}`), center(r.examOn ? narrowDate(r.examOn) : '—')] : ['', '', '', '']),
      ];
    });
    const sum = (pick: (s: Filing['shortCourses'][number]) => number) => x.shortCourses.reduce((n, s) => n + pick(s), 0);
    const tr = (k: keyof Education | 'women' | 'total') => (s: Filing['shortCourses'][number]) => {
      const t = rowOf(x.shortTrainees, s);
      return t ? (k === 'total' ? educated(t) : t[k]) : 0;
    };
    const rs = (k: 'leftForJob' | 'leftOther' | 'completers') => (s: Filing['shortCourses'][number]) => rowOf(x.shortResults, s)?.[k] ?? 0;
    return {
      orientation: 'landscape',
      pages: [
        [
          { kind: 'formNumber', text: '〔様式1-2〕（年間実施状況2）' },
          heading('(2) 普通職業訓練（短期課程）及び高度職業訓練（専門短期課程）'),
          { kind: 'paragraph', text: `${reportedPeriod(c)}に実施した職業訓練`, size: 9.5 },
          schoolLine(f),
          {
            kind: 'table',
            widths: [64, 50, '*', 104, 30, 30, 30, 30, 48, 30, 30, 36, 60],
            header: [
              [span('職業訓練の種類', 2), span('訓練課程名', 2), span('訓練科名', 2), span('実施期間', 2), { text: '学歴別訓練生数', colSpan: 5 }, { text: '訓練中止者数', colSpan: 2 }, span('修了者数', 2), span('試験実施月日', 2)],
              ['中学卒', '高校卒', '短大卒', '大学卒', '合計（女性）', '離職者', 'その他'],
            ],
            rows: [
              ...rows,
              [
                { text: '合計', colSpan: 4, align: 'center' },
                right(sum(tr('junior'))), right(sum(tr('high'))), right(sum(tr('college'))), right(sum(tr('university'))),
                right(`${sum(tr('total'))}（${sum(tr('women'))}）`),
                right(sum(rs('leftForJob'))), right(sum(rs('leftOther'))), right(sum(rs('completers'))), '',
              ],
            ],
            size: 8.5,
          },
          note('・学歴別訓練生数欄は、コースごとに、コース開始時の訓練生数を最終学歴（中途退学の場合はその前の学歴）別に記入。合計欄の（　）は内数として女性数を記入。'),
          note('・訓練中止者数欄は、上記訓練生数のうちコースの途中で訓練を中止した者の数を理由別に記入（その他は、病気、事故、自己都合による訓練の中止等）。'),
          note('・修了者数欄は、上記訓練生数のうち訓練を修了した者の数を記入。（参考）学歴別訓練生数＝訓練中止者数＋修了者数＋未修了者数'),
          ...transcriptionNotes(c, x, COMPLETION_EXAM),
        ],
      ],
    };
  },
};

/** 様式1-3's rows of one course: the subjects to write, 合計 the filed 訓練時間数, and the test dates. */
function trainingRows(r: Filing['training'][number]): Cell[][] {
  const hours = (total: string): Cell[] => ['', '', '', right(total)];
  const subject = (group: string): Cell[][] => [
    [span(group, 2), '', ...hours('')],
    ['小計', ...hours('')],
  ];
  const [first, ...rest] = subject('普通学科');
  return [
    [span(kindOf(r.courseType), 12), span(r.courseType, 12), span(ka(r), 12), ...first!, span(narrowDate(r.testedOn), 12), span(narrowDate(r.skillCheckOn), 12)],
    ...rest,
    ...subject('系基礎学科'),
    ...subject('専攻学科'),
    [span('実技', 5), '系基礎（集合）', ...hours('')],
    ['専攻（集合）', ...hours('')],
    ['系基礎（分散）', ...hours('')],
    ['専攻（分散）', ...hours('')],
    ['小計', ...hours('')],
    [span('合計', 1, 2), ...hours(`${r.hours}`)],
  ];
}

/** 様式1-3 (年間実施状況3): 訓練実施状況, two courses a sheet. */
const form1_3: Doc = {
  form: '様式1-3',
  title: '認定職業訓練実施状況報告書（年間実施状況3 訓練実施状況）',
  fileName: 'form-1-3',
  events: EVENTS,
  available: (c) => (latest(c)?.training.length ?? 0) > 0,
  layout: (c, f) => ({
    orientation: 'portrait',
    pages: chunks(latest(c)!.training, 2).map((rows): Block[] => [
      { kind: 'formNumber', text: '〔様式1-3〕（年間実施状況3）' },
      heading('2　訓練実施状況'),
      heading('(1) 普通職業訓練（普通課程）及び高度職業訓練（専門課程）', 10),
      { kind: 'paragraph', text: `${reportedPeriod(c)}に実施した職業訓練`, size: 9.5 },
      schoolLine(f),
      {
        kind: 'table',
        // Content widths: with each cell's padding they fill the portrait sheet.
        widths: [30, 30, 46, 36, '*', 30, 30, 30, 30, 44, 44],
        header: [
          [span('職業訓練の種類', 2), span('訓練課程名', 2), span('訓練科名', 2), span('教科の科目', 2, 2), { text: '訓練時間数', colSpan: 4 }, span('試験実施年月日', 2), span('技能照査実施年月日', 2)],
          ['第1年度', '第2年度', '第3年度', '合計'],
        ],
        rows: rows.flatMap(trainingRows),
        size: 7.5,
      },
      note('教科の科目ごとの訓練時間数は、報告書の提出内容にないため記入してください（合計は報告された訓練時間数）。'),
    ]),
  }),
};

export const implementationReportDocuments: Doc[] = [form1_1_1, form1_1_2, form1_1_3, form1_2, form1_3];
