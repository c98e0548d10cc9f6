/**
 * The yearly plan's documents (manual II-1 and the forms of 〔事業計画〕, 〔様式6〕, 〔様式7〕), laid out like the manual's
 * sheets from the latest filing. Pure: layouts only; the shell renders them as PDF.
 *
 * The filing holds who files, the subsidy wish and each course (課程, 系・科, コース名, 学年数, 実施期間, 訓練生数); it does
 * not hold the subjects, hours, instructors, places or costs. So 事業計画1-1・1-2 are filled (one sheet per 訓練課程,
 * 「訓練課程ごとに提出」), and the 訓練計画・実績表 (様式6-1 per 学年, 様式7-1 per 科, 様式7-2・7-3 per コース) carry their
 * heads and the planned figures the filing knows, their grids ruled empty to be written by hand, as the manual's
 * blank forms are. Not laid out: 事業計画2〜6・10・11 (tables of subjects, hours and costs the filing does not hold)
 * and 様式6-2 (月分訓練計画・実績表), whose layout the manual's text does not reproduce.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { fiscalYearLabel } from '../../src/domain/fiscal-year.js';
import { dateLine, wareki, type Block, type Cell } from '../common/document-layout.js';
import type { DocumentDefinition, DocumentFacts } from '../types.js';
import type { AnnualPlanContext } from './context.js';
import type { PlanCourse, PlanFiled } from './forms.js';
import { courseLabel } from './rules.js';
import { COURSE_TYPES, isLong, type CourseType, type PlanSheet, type Subsidy } from './sheets.js';

type Ctx = AnnualPlanContext;
type Doc = DocumentDefinition<Ctx>;

const EVENTS = ['PLAN_FILED', 'REFILED'];
const latest = (c: Ctx) => c.filings.at(-1);
const coursesOf = (c: Ctx) => latest(c)?.courses ?? [];
const filing = (c: Ctx, sheet: PlanSheet) => coursesOf(c).filter((x) => x.sheets.includes(sheet));

/**
 * The three 訓練課程 a plan is filed by (事業計画1-1: 「専門 普通 短期」, 「管理監督者・技能士コース・研修課程も短期」).
 * ASSUMED: 専門短期課程 is filed with the short courses.
 */
const GROUPS = ['専門', '普通', '短期'] as const;
type Group = (typeof GROUPS)[number];
const groupOf = (t: CourseType): Group => (t === 'senmon' ? '専門' : t === 'futsu' ? '普通' : '短期');

/** '専門　○普通　短期': the manual's choice line, the filed one marked as circled. */
const groupLine = (g: Group) => GROUPS.map((x) => (x === g ? `○${x}` : x)).join('　');
/** A choice of the form, circled (○) when it is the filed one; `rowSpan` for a choice that spans two rows. */
const circled = (label: string, chosen: boolean, rowSpan?: number): Cell => ({ text: chosen ? `○${label}` : label, bold: chosen, ...(rowSpan ? { rowSpan } : {}) });

const kaName = (x: Pick<PlanCourse, 'kei' | 'ka'>) => `${x.kei}系 ${x.ka}科`;
const period = (from: IsoDate, to: IsoDate) => `${wareki(from)}\n〜${wareki(to)}`;
const right = (text: string): Cell => ({ text, align: 'right' });
const center = (text: string): Cell => ({ text, align: 'center' });
const blanks = (n: number, text = ''): Cell[] => Array.from({ length: n }, () => text);
const note = (text: string): Block => ({ kind: 'paragraph', text, size: 8.5, marginTop: 0 });
const heading = (text: string): Block => ({ kind: 'paragraph', text, bold: true, marginTop: 8 });
const submitTo = (f: DocumentFacts) => `提出先　管轄職業能力開発センター${f.centerName ? `（${f.centerName}）` : ''}`;

/** The filer, as 事業計画1-1 heads it (所在地 and the representative's address are written by hand). */
const filer = (f: DocumentFacts, x: PlanFiled | undefined): Block => ({
  kind: 'sender',
  lines: [
    ['認定職業訓練実施団体・事業所', ''],
    ['　（所在地）', '〒'],
    ['　（名称）', f.schoolName],
    ['　（施設の名称）', ''],
    ['代表者　（住所）', '〒　　　　（任意団体の場合のみ）'],
    ['　　　　（職・氏名）', x?.representative ?? ''],
    ['事務担当者（氏名・電話）', x?.contact ?? ''],
    ['　　　　（メールアドレス）', ''],
  ],
});

/** 1 団体・事業所の概要: the school's kind circled; the numbers are not part of the filing. */
const overview = (x: PlanFiled | undefined): Block => ({
  kind: 'table',
  widths: [54, '*', 70, 54, '*', 80],
  header: [],
  rows: [
    [circled('共同校', x?.schoolType === 'joint', 2), '構成事業主数', right('（　　）社'), circled('単独校', x?.schoolType === 'single', 2), '資本金又は出資額', right('円')],
    ['訓練生派遣事業主数', right('社'), '常用労働者数', right('人')],
  ],
  size: 9.5,
});

/** 2 補助金等の交付希望有無: ①〜④, the filed one circled. */
const subsidyTable = (s: Subsidy | undefined): Block => ({
  kind: 'table',
  widths: [150, '*', '*', '*'],
  header: [],
  rows: [
    ['東京都事業内職業訓練事業補助金', circled('① 補助金希望', s === 'subsidy'), circled('③ 希望なし', s === 'none', 2), circled('④ 対象外（大企業）', s === 'notEligible', 2)],
    ['広域団体認定訓練助成金', circled('② 助成金希望', s === 'grant')],
  ],
  size: 9.5,
});

/**
 * 3 今年度訓練生数: a row per 専門・普通 course, a row per 科 of the short courses (「訓練科（短期コース数）」, their
 * 延べ人数 added up). The filing counts a long course's trainees in all; its split by 学年 is known only for one 学年.
 */
function traineeTable(courses: PlanCourse[]): Block {
  const long = courses.filter((x) => isLong(x.courseType));
  const short = new Map<string, PlanCourse[]>();
  for (const x of courses.filter((y) => !isLong(y.courseType))) {
    const key = `${x.courseType}\u0000${x.kei}\u0000${x.ka}`;
    short.set(key, [...(short.get(key) ?? []), x]);
  }
  const rows: Cell[][] = [
    ...long.map((x): Cell[] => [
      COURSE_TYPES[x.courseType],
      `${kaName(x)}${x.years ? `\n（${x.years}年制）` : ''}`,
      period(x.startsOn, x.endsOn),
      right(String(x.trainees)),
      ...[1, 2, 3].map((y) => right(x.years === 1 && y === 1 ? String(x.trainees) : y > (x.years ?? 1) ? '—' : '')),
      right('—'),
    ]),
    ...[...short.values()].map((xs): Cell[] => {
      const n = xs.reduce((s, x) => s + x.trainees, 0);
      const from = xs.map((x) => x.startsOn).sort()[0]!;
      const to = xs.map((x) => x.endsOn).sort().at(-1)!;
      return [COURSE_TYPES[xs[0]!.courseType].replace('（', '\n（'), `${kaName(xs[0]!)}\n（${xs.length}コース）`, period(from, to), right(String(n)), ...['—', '—', '—'].map(right), right(String(n))];
    }),
  ];
  const total = courses.reduce((s, x) => s + x.trainees, 0);
  const shortTotal = courses.filter((x) => !isLong(x.courseType)).reduce((s, x) => s + x.trainees, 0);
  return {
    kind: 'table',
    widths: [76, '*', 88, 40, 30, 30, 30, 40],
    header: [
      [{ text: '課程', rowSpan: 2 }, { text: '訓練科（短期コース数）', rowSpan: 2 }, { text: '実施期間', rowSpan: 2 }, { text: '計（人）', rowSpan: 2 }, { text: '普通課程', colSpan: 3 }, '短期'],
      ['1年生', '2年生', '3年生', '（延）人'],
    ],
    rows: [...rows, [{ text: '合計', colSpan: 3, align: 'center' }, right(String(total)), ...blanks(3), right(shortTotal ? String(shortTotal) : '')]],
    size: 9,
  };
}

/** 事業計画1-1: the letter head, 1 団体・事業所の概要, 2 補助金等の交付希望有無, for one 訓練課程. */
const plan1_1Page = (c: Ctx, f: DocumentFacts, g: Group): Block[] => {
  const x = latest(c);
  return [
    { kind: 'paragraph', text: `訓練課程ごとに提出　${groupLine(g)}`, align: 'right', size: 9, marginTop: 0 },
    { kind: 'formNumber', text: '（事業計画1-1）' },
    { kind: 'title', text: '認定職業訓練事業計画書' },
    { kind: 'paragraph', text: `${fiscalYearLabel(c.fiscalYear)}における認定職業訓練に係る事業計画を下記のとおり定めたので届け出ます。`, indent: 10.5 },
    dateLine(c.datedOn),
    { kind: 'addressee', text: '東京都知事 殿' },
    filer(f, x),
    { kind: 'ki' },
    heading('1　団体・事業所の概要'),
    overview(x),
    note('（注）構成事業主数欄には大企業数を内数として（　）内に記入'),
    heading('2　補助金等の交付希望有無'),
    subsidyTable(x?.subsidy),
    note('①〜④のいずれかを○で選択（補助金、助成金の両方を希望することはできません）。'),
    note('（注）「③希望なし」は中小企業又は中小企業団体等で、補助金等の交付を希望しない場合のほか、訓練生数が補助基準に満たない等で交付の対象とならない場合も含む。'),

    { kind: 'notes', items: ['押印不要', submitTo(f)] },
  ];
};

/** 事業計画1-2: 3 今年度訓練生数 from the filing; 4〜7 ruled for the school to write. */
const plan1_2Page = (c: Ctx, g: Group): Block[] => {
  const courses = coursesOf(c).filter((x) => groupOf(x.courseType) === g);
  return [
    { kind: 'paragraph', text: `訓練課程ごとに提出　${groupLine(g)}`, align: 'right', size: 9, marginTop: 0 },
    { kind: 'formNumber', text: '（事業計画1-2）' },
    { kind: 'paragraph', text: `${fiscalYearLabel(c.fiscalYear)}　認定職業訓練事業計画書（${g}）`, bold: true, size: 12, marginTop: 0 },
    heading('3　今年度訓練生数'),
    traineeTable(courses),
    ...(courses.some((x) => isLong(x.courseType) && (x.years ?? 1) > 1) ? [note('（注）2年制以上の訓練科の学年別の人数は、事業計画書の提出内容にないため記入してください。')] : []),
    heading('4　集合訓練を行う場所の名称等'),
    {
      kind: 'table',
      widths: ['*', '*', 44, 40, 40, 46, 46],
      header: [['名称及び所有者名', '所在地（電話）', '面積（㎡）', '訓練生数', '構造', '用途', '所有区分']],
      rows: [1, 2].map((): Cell[] => [...blanks(5), center('学科・実技'), center('自己・借用')]),
      size: 8.5,
    },
    heading('5　指導員・講師数（分散訓練担当者を除く。）'),
    {
      kind: 'table',
      widths: ['*', 100, 100],
      header: [['指導員・講師数', '補助対象（人）', '補助対象外（人）']],
      rows: [['指導員免許のある指導員・講師数', '', ''], ['指導員免許のない指導員・講師数', '', ''], [center('合計'), '', '']],
      size: 9,
    },
    heading('6　技能照査'),
    {
      kind: 'table',
      widths: [80, '*', 80],
      header: [],
      rows: [[{ text: '実施予定：あり・なし', colSpan: 3 }], ...['学科', '実技', '追試験日'].map((k): Cell[] => [k, center('月　　日（　）'), center('AM・PM')])],
      size: 9,
    },
    heading('7　前年度計画との変更点（特に「増」の場合は必ず説明資料等を添付のこと。）'),
    { kind: 'table', widths: ['*'], header: [], rows: [['\n\n']], size: 9 },
  ];
};

const groupsOf = (c: Ctx) => GROUPS.filter((g) => coursesOf(c).some((x) => groupOf(x.courseType) === g));

const plan1_1: Doc = {
  form: '事業計画1-1',
  title: '認定職業訓練事業計画書（団体・事業所の概要）',
  fileName: 'plan-1-1',
  events: EVENTS,
  available: (c) => c.filings.length > 0,
  layout: (c, f) => ({ orientation: 'portrait', pages: groupsOf(c).map((g) => plan1_1Page(c, f, g)) }),
};

const plan1_2: Doc = {
  form: '事業計画1-2',
  title: '認定職業訓練事業計画書（今年度訓練生数〜前年度計画との変更点）',
  fileName: 'plan-1-2',
  events: EVENTS,
  available: (c) => c.filings.length > 0,
  layout: (c) => ({ orientation: 'portrait', pages: groupsOf(c).map((g) => plan1_2Page(c, g)) }),
};

/** The 計画/実施 (and 実施率) rows of one block of 様式6-1, with 14 empty month/合計/実施率 cells each. */
const planRows = (label: Cell[], withRate: boolean): Cell[][] => [
  [...label, '計画', ...blanks(14)],
  ['実施', ...blanks(14)],
  ...(withRate ? [['実施率', ...blanks(14)]] : []),
];
const span = (text: string, rowSpan: number, colSpan = 1): Cell => ({ text, rowSpan, ...(colSpan > 1 ? { colSpan } : {}), align: 'center' });

/** 様式6-1's rows: each 学科 with a subject's row and its 小計, 集合実技 (系基礎・専攻), 分散訓練, 合計. */
function form6_1Rows(): Cell[][] {
  // A block opens its group's cell (spanning the group's rows) unless it continues the group above.
  const subjectBlock = (group: [name: string, rows: number] | null, sub: string): Cell[][] => [
    ...planRows([...(group ? [span(group[0], group[1])] : []), span(sub, 2)], false),
    ...planRows([span('小計', 3)], true),
  ];
  return [
    ...subjectBlock(['普通学科', 5], ''),
    ...subjectBlock(['系基礎学科', 5], ''),
    ...subjectBlock(['専攻学科', 5], ''),
    ...subjectBlock(['集合実技', 10], '系基礎'),
    ...subjectBlock(null, '専攻'),
    ...planRows([span('分散訓練', 3, 2)], true),
    ...planRows([span('合計', 3, 2)], true),
  ];
}

const MONTHS = ['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月'];

/** 様式6-1 for one 学年 of one course: the year, 学年 (2年制以上), 課程・科 and the monthly grid to fill. */
const form6_1Page = (c: Ctx, f: DocumentFacts, x: PlanCourse, year: number): Block[] => [
  { kind: 'formNumber', text: '〔様式6-1〕' },
  { kind: 'paragraph', text: `${fiscalYearLabel(c.fiscalYear)}　訓練計画・実績表${(x.years ?? 1) > 1 ? `（${year}年生）` : ''}`, align: 'center', bold: true, size: 13, marginTop: 0 },
  { kind: 'paragraph', text: `${COURSE_TYPES[x.courseType]}　${kaName(x)}　　${f.schoolName}`, size: 9.5, marginTop: 0 },
  {
    kind: 'table',
    widths: [40, 34, 26, ...MONTHS.map(() => '*' as const), 30, 30],
    header: [[{ text: '訓練科目', colSpan: 3 }, ...MONTHS, '合計', '実施率']],
    rows: form6_1Rows(),
    size: 7,
  },
  note(`科目は事業計画${year === 1 ? '3-1・3-2（1年生）' : year === 2 ? '4-1・4-2（2年生）' : '5-1・5-2（3年生）'}に記入した科目。月ごとの訓練計画時間数を計画欄に、実績を実施欄に（赤字で）記入。`),
];

const form6_1: Doc = {
  form: '様式6-1',
  title: '年度訓練計画・実績表',
  fileName: 'form-6-1',
  events: EVENTS,
  available: (c) => filing(c, 'form6-1').length > 0,
  layout: (c, f) => ({
    orientation: 'portrait',
    pages: filing(c, 'form6-1').flatMap((x) => Array.from({ length: x.years ?? 1 }, (_, i) => form6_1Page(c, f, x, i + 1))),
  }),
};

/** 短期課程's kind of training, as 様式7-1 heads it. */
const shortKind = (x: PlanCourse) =>
  x.courseType === 'senmonTanki' ? '高度職業訓練（専門短期課程）' : x.courseType === 'ginoshi' ? '普通職業訓練（短期課程）（技能士コース）' : '普通職業訓練（短期課程）';
const courseTitle = (x: PlanCourse, gap = '') => `${x.courseName ?? `${x.ka}科`}${x.correspondence ? `${gap}（通信制）` : ''}`;

/** 様式7-1 総括表 of one 科: every planned コース with its 日程 and 訓練生数 planned, the 実績 left for later. */
function form7_1Page(c: Ctx, f: DocumentFacts, xs: PlanCourse[]): Block[] {
  const x0 = xs[0]!;
  const rows: Cell[][] = xs.map((x, i) => [
    center(String(i + 1)),
    courseTitle(x, '\n'),
    period(x.startsOn, x.endsOn),
    center('〜'),
    ...blanks(4),
    right(String(x.trainees)),
    '',
    '',
    center('内・外'),
    ...blanks(4),
  ]);
  return [
    { kind: 'formNumber', text: '〔様式7-1〕（事業計画7）' },
    { kind: 'paragraph', text: `${fiscalYearLabel(c.fiscalYear)}　訓練計画・実績表（総括表）`, align: 'center', bold: true, size: 13, marginTop: 0 },
    { kind: 'paragraph', text: `${shortKind(x0)}　${kaName(x0)}　　${f.schoolName}`, size: 10 },
    {
      kind: 'table',
      widths: [26, '*', 84, 40, 30, 30, 30, 30, 30, 30, 30, 46, 32, 32, 32, 32],
      header: [
        [span('回数', 3), span('コース名', 3), { text: '日程', colSpan: 2, rowSpan: 2 }, { text: '訓練日数', colSpan: 2, rowSpan: 2 }, { text: '訓練時間数', colSpan: 2, rowSpan: 2 }, { text: '訓練生数', colSpan: 3, rowSpan: 2 }, span('所定労働時間内外の別', 3), { text: '指導員・講師', colSpan: 4 }],
        [{ text: '補助対象持時間数', colSpan: 2 }, { text: '補助対象外持時間数', colSpan: 2 }],
        ['計画', '実績', '計画', '実績', '計画', '実績', '計画', '実績', '修了者', '学科', '実技', '学科', '実技'],
      ],
      rows: [...rows, [{ text: '計', colSpan: 2, align: 'center' }, '', '', ...blanks(4), right(String(xs.reduce((s, x) => s + x.trainees, 0))), ...blanks(7)]],
      size: 7.5,
    },
    note('当該訓練科で実施する予定の全訓練コースについて記入。実績は赤字で記入。訓練実施場所が複数の場合は（　）内に実施訓練場所を記入。'),
    note('通信制の訓練を実施する場合は、スクーリング（面接指導）の内容を記入。指導員・講師の持時間数はコースごとに補助対象・補助対象外別、学科・実技別の合計を記入。'),
  ];
}

/** The short courses filing a sheet, grouped by 課程・系・科 (one 総括表 per 科). */
function byKa(courses: PlanCourse[]): PlanCourse[][] {
  const out = new Map<string, PlanCourse[]>();
  for (const x of courses) {
    const key = `${x.courseType}\u0000${x.kei}\u0000${x.ka}`;
    out.set(key, [...(out.get(key) ?? []), x]);
  }
  return [...out.values()];
}

const form7_1: Doc = {
  form: '様式7-1',
  title: '訓練計画・実績表（総括表）',
  fileName: 'form-7-1',
  events: EVENTS,
  available: (c) => filing(c, 'form7-1').length > 0,
  layout: (c, f) => ({ orientation: 'landscape', pages: byKa(filing(c, 'form7-1')).map((xs) => form7_1Page(c, f, xs)) }),
};

/** The schedule grid of 様式7-2 and 7-3: a row per day and content, written by the school (計画 above, 実績 below). */
const scheduleTable = (n: number): Block => ({
  kind: 'table',
  widths: [24, 24, 24, 24, 28, 40, 46, '*', '*', 70, 34],
  header: [
    [{ text: '日程（月日）', colSpan: 2 }, { text: '時間数', colSpan: 2 }, span('出席数', 2), span('時間帯', 2), span('区分', 2), { text: '訓練内容', colSpan: 2 }, span('指導員・講師名（担当時限）', 2), span('実施確認', 2)],
    ['計画', '実績', '計画', '実績', '計画', '実施'],
  ],
  rows: Array.from({ length: n }, (): Cell[] => [center('／'), center('／'), '', '', right('人'), center('〜'), center('学科・実技'), '', '', center('（　）（　）'), '']),
  size: 7.5,
});

const confirmation: Block[] = [
  note('（注）補助対象団体において、補助対象外の指導員・講師については氏名に○印をつけてください。'),
  { kind: 'paragraph', text: '上記訓練を実施したことを確認した。', size: 9.5 },
  { kind: 'seal', label: '校長', size: 50 },
];

/** 様式7-2 教程表 of one コース: the planned 訓練生数, the course's name, and the grid. */
const form7_2Page = (c: Ctx, f: DocumentFacts, x: PlanCourse): Block[] => [
  { kind: 'formNumber', text: '〔様式7-2〕（事業計画8）' },
  { kind: 'paragraph', text: `${fiscalYearLabel(c.fiscalYear)}　訓練計画・実績表（教程表）`, align: 'center', bold: true, size: 13, marginTop: 0 },
  {
    kind: 'table',
    widths: ['*', '*', '*', '*', '*', '*', '*'],
    header: [
      [{ text: '日数', colSpan: 2 }, { text: '時間数', colSpan: 2 }, { text: '訓練生数', colSpan: 3 }],
      ['計画', '実施', '計画', '実施', '計画', '実施', '修了'],
    ],
    rows: [[right('日'), right('日'), right('H'), right('H'), right(`${x.trainees}人`), right('人'), right('人')]],
    size: 9,
  },
  {
    kind: 'table',
    widths: [110, '*'],
    header: [],
    rows: [
      ['（コース名）', `${courseTitle(x)}　${COURSE_TYPES[x.courseType]} ${kaName(x)}（${wareki(x.startsOn)}〜${wareki(x.endsOn)}）`],
      ['（訓練の対象者）', ''],
      ['（訓練の目的・内容）', '\n'],
    ],
    size: 9,
  },
  { kind: 'paragraph', text: `${f.schoolName}`, size: 9, align: 'right', marginTop: 0 },
  scheduleTable(10),
  note('行数が足りない場合は、〔様式7-3〕（事業計画9）に続けて記入してください。'),
  ...confirmation,
];

const form7_2: Doc = {
  form: '様式7-2',
  title: '訓練計画・実績表（教程表）',
  fileName: 'form-7-2',
  events: EVENTS,
  available: (c) => filing(c, 'form7-2').length > 0,
  layout: (c, f) => ({ orientation: 'portrait', pages: filing(c, 'form7-2').map((x) => form7_2Page(c, f, x)) }),
};

/** 様式7-3 教程表続き: the grid continued, for a コース that files it. */
const form7_3Page = (c: Ctx, x: PlanCourse): Block[] => [
  { kind: 'formNumber', text: '〔様式7-3〕（事業計画9）' },
  { kind: 'paragraph', text: `${fiscalYearLabel(c.fiscalYear)}　訓練計画・実績表（教程表続き）`, align: 'center', bold: true, size: 13, marginTop: 0 },
  { kind: 'paragraph', text: `（コース名）${courseTitle(x)}　${COURSE_TYPES[x.courseType]} ${kaName(x)}`, size: 9.5 },
  scheduleTable(24),
  ...confirmation,
];

const form7_3: Doc = {
  form: '様式7-3',
  title: '訓練計画・実績表（教程表続き）',
  fileName: 'form-7-3',
  events: EVENTS,
  available: (c) => filing(c, 'form7-3').length > 0,
  layout: (c) => ({ orientation: 'portrait', pages: filing(c, 'form7-3').map((x) => form7_3Page(c, x)) }),
};

export const annualPlanDocuments: Doc[] = [plan1_1, plan1_2, form6_1, form7_1, form7_2, form7_3];
