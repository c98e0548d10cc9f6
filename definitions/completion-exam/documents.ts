/**
 * The completion exam's documents (manual IV, 様式23-1, 24, 25, 26, 27-1, 27-2), laid out like the manual's forms
 * from the case's data. Pure: layouts only (definitions/common/document-layout.ts); the shell renders them as PDF.
 * The certificate page (様式27-2) is exported for the reissue, which prints it again with 再-numbers.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { courseName, dateLine, senderBlock, singlePage, wareki, type Block, type Cell } from '../common/document-layout.js';
import type { DocumentDefinition, DocumentFacts } from '../types.js';
import type { CompletionExamContext, ScoredResult } from './context.js';
import type { CompletionExamInput, GRADES } from './forms.js';
import { passers } from './rules.js';

type Doc = DocumentDefinition<CompletionExamContext>;
type Ctx = CompletionExamContext;
export type Grade = (typeof GRADES)[number];

const GOVERNOR = '東京都知事 殿';
const HQ_DESK = '産業労働局雇用就業部能力開発課';
const ALL_GRADES = '一級・二級・単一等級';
const GRADE_JA: Record<Grade, string> = { '1級': '一級', '2級': '二級', 単一等級: '単一等級' };
/** The row of 施行規則別表第五 the course's grade is trained under (第一号 1級, 第二号 2級, 第三号 単一等級). */
const TABLE_5_ROW: Record<Grade, string> = { '1級': '第一号', '2級': '第二号', 単一等級: '第三号' };

/** '二級' for the case's grade; the manual's '一級・二級・単一等級' when it is not known (a reissue without its case). */
export const gradeJa = (g: Grade | null | undefined): string => (g ? GRADE_JA[g] : ALL_GRADES);

/**
 * A school or Tokyo number as printed: a bare number '12' -> '第12号'; anything else (written with 第/号, a 再-number,
 * a code such as '東京R8修-0001') stays as entered.
 */
export const numbered = (n: string | null | undefined): string => {
  const t = (n ?? '').trim();
  if (!t) return '第　　　号';
  return /^[0-9０-９]+$/.test(t) ? `第${t}号` : t;
};

/** 令和9年2月27日（土） */
const withWeekday = (d: IsoDate | null | undefined): string => {
  if (!d) return `${wareki(null)}（　）`;
  return `${wareki(d)}（${'日月火水木金土'[new Date(`${d}T00:00:00Z`).getUTCDay()]}）`;
};

/** 2026 -> '令和8年度' */
const fiscalYearJa = (fy: number): string => wareki(`${fy}-04-01`).replace(/年.*$/, '年度');

/** '09:30' -> '9時30分' */
const jaTime = (t: string | undefined): string => {
  const m = /^(\d{2}):(\d{2})$/.exec(t ?? '');
  return m ? `${Number(m[1])}時${m[2]}分` : '　　時　　分';
};
const timeRange = (start: string | undefined, end: string | undefined) => `${jaTime(start)} ～ ${jaTime(end)}まで`;

const hoursText = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

const courseWithGrade = (c: Ctx) => `${courseName(c.course)}（${GRADE_JA[c.course.grade]}技能士コース）`;

/** The long titles, broken where the manual breaks them. */
const shortCourse = (g: Grade | null | undefined) => `${gradeJa(g)}技能士コースの短期課程の`;

const head = (form: string, title: string, fiscalYear?: number): Block[] => [
  { kind: 'formNumber', text: `〔${form}〕` },
  ...(fiscalYear === undefined ? [] : [{ kind: 'paragraph', text: fiscalYearJa(fiscalYear), align: 'right' } as Block]),
  { kind: 'title', text: title },
];

const letterHead = (c: Ctx, f: DocumentFacts, sentences: string[], filedOn: IsoDate | undefined, sender: Block = senderBlock(f.schoolName, c.representative)): Block[] => [
  ...sentences.map((text): Block => ({ kind: 'paragraph', text, indent: 10.5 })),
  dateLine(filedOn),
  sender,
  { kind: 'addressee', text: GOVERNOR },
  { kind: 'ki' },
];

const submitNotes = (copies: string, to: string): Block => ({ kind: 'notes', items: [`提出部数　${copies}`, `提出先　${to}`] });

/** 職業能力開発促進法の規定に基づく二級技能士コースの短期課程の普通職業訓練 */
const lawTraining = (c: Ctx) => `職業能力開発促進法の規定に基づく${GRADE_JA[c.course.grade]}技能士コースの短期課程の普通職業訓練`;

/** 様式23-1 修了時試験問題届出書 (to HQ, with 様式23-2 attached, 2 months before the exam). */
const form23_1: Doc = {
  form: '様式23-1',
  title: '修了時試験問題届出書',
  fileName: 'form-23-1',
  events: ['QUESTIONS_FILED'],
  available: (c) => c.filing !== null,
  layout: (c, f) =>
    singlePage([
      ...head('様式23-1', `${shortCourse(c.course.grade)}\n普通職業訓練の修了時試験問題届出書`),
      ...letterHead(c, f, [`${lawTraining(c)}の修了時試験を実施するので下記のとおり届け出ます。`], c.filing?.filedOn, {
        kind: 'sender',
        lines: [
          ['事業所又は団体名', f.schoolName],
          ['代表者名', c.representative ?? ''],
          ['事務担当者名', c.clerk ?? ''],
          ['電話', ''],
        ],
      }),
      { kind: 'fields', items: [{ label: '1　試験科名', value: courseName(c.course) }, { label: '2　試験問題', value: '別添のとおり（学科・解答）' }, { label: '3　合格判定の基準', value: '' }] },
      {
        kind: 'table',
        widths: [80, 80, 80, '*'],
        header: [['区分', '満点', '合格点', '採点方法']],
        rows: [[{ text: '学科', align: 'center' }, { text: '100', align: 'center' }, { text: '65', align: 'center' }, { text: '得点方式', align: 'center' }]],
        size: 10,
      },
      { kind: 'fields', items: [{ label: '4　試験実施予定日', value: wareki(c.examDate) }] },
      submitNotes('1部', HQ_DESK),
    ]),
};

/** 様式24 修了時試験実施届出書 (to the regional centre, filed with 23-1). */
const form24: Doc = {
  form: '様式24',
  title: '修了時試験実施届出書',
  fileName: 'form-24',
  events: ['QUESTIONS_FILED'],
  available: (c) => c.filing !== null,
  layout: (c, f) => {
    const n = c.filing;
    return singlePage([
      ...head('様式24', `${shortCourse(c.course.grade)}\n普通職業訓練の修了時試験実施届出書`, c.fiscalYear),
      ...letterHead(c, f, [`${lawTraining(c)}の修了時試験を実施するので下記のとおり届け出ます。`], n?.filedOn),
      {
        kind: 'fields',
        items: [
          { label: '1　合否判定の基準', value: '採点方法（得点方式）により、100点満点で65点以上の者を合格とする。' },
          { label: '2　試験実施予定年月日', value: withWeekday(c.examDate) },
          { label: '3　試験実施時間', value: timeRange(n?.start, n?.end) },
          { label: '4　試験実施場所', value: n?.place ?? '' },
          { label: '5　試験実施訓練科名', value: courseName(c.course) },
          { label: '6　受験人員', value: `${n?.examinees ?? ''} 人` },
          { label: '7　修了予定年月日', value: withWeekday(n?.plannedCompletionDate ?? c.examDate) },
        ],
      },
      submitNotes('2部（データ提出の場合除く）', `訓練校を管轄する職業能力開発センター${f.centerName ? `（${f.centerName}）` : ''}`),
    ]);
  },
};

/** 様式25 修了証書交付届出書及び証明申請書 (to HQ, 2 weeks before delivery). */
const form25: Doc = {
  form: '様式25',
  title: '修了証書交付届出書及び証明申請書',
  fileName: 'form-25',
  events: ['CERT_APPLICATION_FILED'],
  available: (c) => c.application !== null,
  layout: (c, f) => {
    const a = c.application;
    const s = a?.summary ?? {
      plannedExaminees: c.filing?.examinees ?? c.results.length,
      examinees: c.results.filter((r) => r.outcome === 'sat').length,
      passers: passers(c).length,
    };
    const count = (n: number): Cell => ({ text: `${n} 名`, align: 'right' });
    return singlePage([
      ...head('様式25', `${shortCourse(c.course.grade)}\n普通職業訓練の修了証書交付届出書及び証明申請書`, c.fiscalYear),
      ...letterHead(
        c,
        f,
        [
          `${lawTraining(c)}を実施し、別紙修了者名簿に掲げる者に修了証書を交付するので届け出ます。`,
          'なお、今回の当該訓練に係る修了時試験が、的確に行われたものであることを証明願いたくあわせて申請します。',
        ],
        a?.filedOn,
      ),
      { kind: 'paragraph', text: '1　訓練実施状況' },
      {
        kind: 'table',
        widths: ['*', 80, 80, 80],
        header: [['訓練科名', '受験予定者数', '受験者数', '合格者数']],
        rows: [[courseName(c.course), count(s.plannedExaminees), count(s.examinees), count(s.passers)]],
        size: 10,
      },
      {
        kind: 'fields',
        items: [
          { label: '2　試験実施年月日', value: withWeekday(c.examDate) },
          { label: '3　試験実施時間', value: timeRange(c.filing?.start, c.filing?.end) },
          { label: '4　試験実施場所', value: c.filing?.place ?? '' },
          { label: '5　修了証書交付予定年月日', value: withWeekday(a?.deliveryDate) },
        ],
        labelWidth: 150,
      },
      submitNotes('1部', HQ_DESK),
    ]);
  },
};

const attendanceText = (r: ScoredResult): string => {
  const a = r.attendance;
  if (!a) return r.eligibility.eligible ? '受験資格あり' : '受験資格なし';
  if (a.mode === 'classroom') return `${hoursText(a.attendedHours)}/${hoursText(a.plannedHours)}時間`;
  return `添削${a.assignmentsCorrected}/${a.assignmentsTotal}・面接${hoursText(a.faceToFaceAttendedHours)}/${hoursText(a.faceToFacePlannedHours)}時間`;
};

/** 様式26 修了時試験合格判定結果連名簿: every examinee with the score and the result (the latest round). */
const form26: Doc = {
  form: '様式26',
  title: '修了時試験合格判定結果連名簿',
  fileName: 'form-26',
  events: ['CERT_APPLICATION_FILED'],
  available: (c) => c.results.length > 0,
  layout: (c, f) =>
    singlePage([
      ...head('様式26', '修了時試験合格判定結果連名簿', c.fiscalYear),
      {
        kind: 'fields',
        labelWidth: 110,
        items: [
          { label: '事業所又は団体名', value: f.schoolName },
          { label: '訓練科名', value: courseWithGrade(c) },
          { label: '試験実施年月日', value: withWeekday(c.examDate) },
          { label: '合格者数', value: `${passers(c).length} 名（受験者 ${c.results.filter((r) => r.outcome === 'sat').length} 名）` },
        ],
      },
      {
        kind: 'table',
        widths: [24, 48, '*', 78, 74, 30, 36, 70],
        header: [['番号', '訓練生番号', '氏名', '生年月日', c.course.mode === 'classroom' ? '受講見込/計画' : '受講状況', '得点', '判定', '備考']],
        rows: c.results.map((r, i) => [
          { text: String(i + 1), align: 'center' },
          r.traineeId,
          r.name,
          wareki(r.birthDate),
          { text: attendanceText(r), align: 'center' },
          { text: r.score === null ? '—' : String(r.score), align: 'right' },
          { text: r.passed ? '合格' : '不合格', align: 'center' },
          [r.outcome === 'absent' ? '欠席' : '', r.round > 0 ? `追試験（第${r.round}回）` : ''].filter(Boolean).join('・'),
        ]),
      },
      { kind: 'paragraph', text: '合格の基準：100点満点で65点以上（正答数のみ加点する得点方式）。', size: 8.5 },
    ]),
};

const resultOf = (c: Ctx, traineeId: string) => c.results.find((r) => r.traineeId === traineeId);
const tokyoNumberOf = (c: Ctx, traineeId: string) => c.numbers.find((n) => n.traineeId === traineeId)?.tokyoNumber;

/** 様式27-1 修了者名簿 (kept as the register for ever): both numbers per completer. */
const form27_1: Doc = {
  form: '様式27-1',
  title: '修了者名簿',
  fileName: 'form-27-1',
  events: ['CERT_APPLICATION_FILED'],
  available: (c) => c.application !== null,
  layout: (c, f) =>
    singlePage([
      ...head('様式27-1', `${GRADE_JA[c.course.grade]}技能士コース修了者名簿`, c.fiscalYear),
      {
        kind: 'fields',
        labelWidth: 110,
        items: [
          { label: '事業所又は団体名', value: f.schoolName },
          { label: '訓練科名', value: courseWithGrade(c) },
          { label: '修了年月日', value: wareki(c.filing?.plannedCompletionDate ?? c.examDate) },
          { label: '修了証書交付年月日', value: wareki(c.application?.deliveryDate) },
        ],
      },
      {
        kind: 'table',
        widths: [26, 84, 96, '*', 90, 56],
        header: [['番号', '修了証書交付番号', '知事証明番号', '氏名', '生年月日', '訓練生番号']],
        rows: (c.application?.applicants ?? []).map((a, i) => {
          const r = resultOf(c, a.traineeId);
          return [{ text: String(i + 1), align: 'center' }, numbered(a.schoolNumber), numbered(tokyoNumberOf(c, a.traineeId)), r?.name ?? '', wareki(r?.birthDate), a.traineeId];
        }),
      },
    ]),
};

/** What one 修了証書 prints: the completion exam's own, or a reissue's with 再-numbers and the date HQ gave. */
export interface CompletionCertificate {
  schoolNumber: string | null | undefined;
  tokyoNumber: string | null | undefined;
  name: string;
  birthDate: IsoDate | null | undefined;
  course: { kei: string; ka: string };
  grade: Grade | null | undefined;
  mode: CompletionExamInput['course']['mode'] | null | undefined;
  /** 総訓練時間 (classroom) or 面接指導時間 (correspondence); blank when not known. */
  hours: number | null | undefined;
  /** The certificate's date (交付年月日) and the governor's certification date. */
  date: IsoDate | null | undefined;
  certifiedDate?: IsoDate | null | undefined;
  schoolName: string;
  representative: string | null | undefined;
}

/** The training hours a certificate states: 総訓練時間, or the 面接指導時間 of a correspondence course. */
export const certificateHours = (r: ScoredResult | undefined): number | null => {
  const a = r?.attendance;
  if (!a) return null;
  return a.mode === 'classroom' ? a.plannedHours : a.faceToFacePlannedHours;
};

/** 様式27-2 修了証書 as one A4 page (manual IV 修了証書記載例). */
export function completionCertificatePage(x: CompletionCertificate): Block[] {
  const grade = gradeJa(x.grade);
  const hours = x.hours === null || x.hours === undefined ? '　　' : hoursText(x.hours);
  const duration = x.mode === 'correspondence' ? `面接指導時間${hours}時間` : `総訓練時間${hours}時間`;
  const row = x.grade ? TABLE_5_ROW[x.grade] : '第一～三号';
  return [
    { kind: 'paragraph', text: numbered(x.schoolNumber), align: 'left', size: 11 },
    { kind: 'spacer', height: 16 },
    { kind: 'title', text: '修　了　証　書', size: 28 },
    { kind: 'spacer', height: 8 },
    { kind: 'paragraph', text: `氏　　名　　${x.name}`, align: 'center', size: 20, bold: true, spacing: 2 },
    { kind: 'paragraph', text: `生年月日　　${wareki(x.birthDate)}生`, align: 'center', size: 12, marginTop: 6 },
    { kind: 'spacer', height: 14 },
    {
      kind: 'paragraph',
      text: `上の者は本校において職業能力開発促進法の規定による${grade}技能士コース短期課程（${duration}）${courseName(x.course)}の普通職業訓練（施行規則別表第五${row}）を修了したことを証する。`,
      size: 14,
      indent: 14,
    },
    { kind: 'paragraph', text: wareki(x.date), size: 12, marginTop: 14, indent: 28 },
    { kind: 'signature', lines: [x.schoolName, x.representative ?? ''], size: 13, seal: { label: '印', size: 44 } },
    { kind: 'spacer', height: 18 },
    { kind: 'paragraph', text: numbered(x.tokyoNumber), size: 11 },
    {
      kind: 'paragraph',
      text: `上の${grade}技能士コース短期課程${courseName(x.course)}の普通職業訓練に係る修了時試験は的確に行われたものであることを証明する。`,
      size: 12,
      indent: 12,
      marginTop: 6,
    },
    { kind: 'paragraph', text: wareki(x.certifiedDate ?? x.date), size: 12, marginTop: 8, indent: 24 },
    // 知事印: about 30 mm square (85 pt).
    { kind: 'signature', lines: ['東京都知事'], size: 13, seal: { label: '知事印', size: 85 } },
  ];
}

/** 様式27-2 修了証書: one A4 page per completer, with the school's and Tokyo's numbers. */
const form27_2: Doc = {
  form: '様式27-2',
  title: '修了証書',
  fileName: 'form-27-2',
  events: ['CERT_APPLICATION_FILED'],
  available: (c) => c.application !== null && c.application.applicants.length > 0,
  layout: (c, f) => ({
    orientation: 'portrait',
    pages: (c.application?.applicants ?? []).map((a) => {
      const r = resultOf(c, a.traineeId);
      return completionCertificatePage({
        schoolNumber: a.schoolNumber,
        tokyoNumber: tokyoNumberOf(c, a.traineeId),
        name: r?.name ?? '',
        birthDate: r?.birthDate,
        course: c.course,
        grade: c.course.grade,
        mode: c.course.mode,
        hours: certificateHours(r),
        date: c.application?.deliveryDate,
        schoolName: f.schoolName,
        representative: c.representative,
      });
    }),
  }),
};

export const completionExamDocuments: Doc[] = [form23_1, form24, form25, form26, form27_1, form27_2];
