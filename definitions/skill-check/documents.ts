/**
 * The skill check's documents (manual III, 様式18-1 to 21), laid out like the manual's forms from the case's data.
 * Pure: layouts only (definitions/common/document-layout.ts); the shell renders them as PDF.
 */
import { courseName, dateLine, senderBlock, singlePage, wareki, type Block, type Cell } from '../common/document-layout.js';
import type { DocumentDefinition, DocumentFacts } from '../types.js';
import type { ExamSession, SkillCheckContext } from './context.js';

type Doc = DocumentDefinition<SkillCheckContext>;

const GOVERNOR = '東京都知事 殿';
const HQ_DESK = '産業労働局雇用就業部能力開発課';
const LAW_21 = '職業能力開発促進法第21条';

/** The pass criteria table every skill-check notice repeats (manual III (9)(10)). */
const criteria = (): Block => ({
  kind: 'table',
  widths: [70, 70, 70, '*'],
  header: [['区分', '満点', '合格点', '採点方法']],
  rows: [
    [{ text: '学科', align: 'center' }, { text: '100', align: 'center' }, { text: '60', align: 'center' }, '2分の1減点法'],
    [{ text: '実技', align: 'center' }, { text: '100', align: 'center' }, { text: '60', align: 'center' }, '採点基準要領による'],
  ],
  size: 10,
});

/** '09:30' -> '9時30分' */
const jaTime = (t: string | undefined): string => {
  const m = /^(\d{2}):(\d{2})$/.exec(t ?? '');
  return m ? `${Number(m[1])}時${m[2]}分` : '　　時　　分';
};

/** 学科 令和9年2月19日 9時00分から 12時00分まで */
const sessionLine = (s: ExamSession | undefined, date: string | undefined): string => `${wareki(s?.date ?? date)}　${jaTime(s?.start)}から ${jaTime(s?.end)}まで`;

/** A school or Tokyo number as printed: '12' -> '第12号'; a number written with 第/号 (or 再) stays as entered. */
export const numbered = (n: string | undefined): string => {
  const t = (n ?? '').trim();
  if (!t) return '第　　　号';
  return /[第号]/.test(t) ? t : `第${t}号`;
};

const head = (form: string, title: string): Block[] => [
  { kind: 'formNumber', text: `〔${form}〕` },
  { kind: 'title', text: title },
];

const letterHead = (c: SkillCheckContext, f: DocumentFacts, form: string, title: string, sentence: string, filedOn: string | undefined): Block[] => [
  ...head(form, title),
  { kind: 'paragraph', text: sentence, indent: 10.5 },
  dateLine(filedOn),
  senderBlock(f.schoolName, c.representative),
  { kind: 'addressee', text: GOVERNOR },
  { kind: 'ki' },
];

const submitNotes = (copies: string, to: string): Block => ({ kind: 'notes', items: [`提出部数　${copies}`, `提出先　${to}`] });

const traineeOf = (c: SkillCheckContext, id: string) => c.roster.find((r) => r.traineeId === id);
const revoked = (c: SkillCheckContext, id: string) => c.revocations.some((r) => r.traineeId === id);

/** 様式18-1 技能照査試験問題等届出書 (to HQ, with 18-2 and 18-3 attached). */
const form18_1: Doc = {
  form: '様式18-1',
  title: '技能照査試験問題等届出書',
  fileName: 'form-18-1',
  events: ['QUESTIONS_FILED'],
  available: (c) => c.questions !== null,
  layout: (c, f) =>
    singlePage([
      ...letterHead(c, f, '様式18-1', '技能照査試験問題等届出書', `${LAW_21}の規定に基づき技能照査を実施するので、下記のとおり届け出ます。`, c.questions?.filedOn),
      {
        kind: 'fields',
        items: [
          { label: '1　試験科名', value: courseName(c.course) },
          { label: '2　試験問題等', value: '別添のとおり（学科・実技の問題、解答、採点基準要領）' },
          { label: '　　出題科目', value: (c.questions?.subjects ?? []).join('、') },
          { label: '3　合否判定の基準', value: '学科・実技それぞれについて次のとおり合格点に達した者を合格とする。' },
        ],
      },
      criteria(),
      submitNotes('1部', HQ_DESK),
    ]),
};

/** 様式19-1 技能照査実施届出書 (to the regional centre, 1 month before the exam). */
const form19_1: Doc = {
  form: '様式19-1',
  title: '技能照査実施届出書',
  fileName: 'form-19-1',
  events: ['IMPLEMENTATION_NOTICE_FILED'],
  available: (c) => c.notice !== null,
  layout: (c, f) => {
    const n = c.notice;
    return singlePage([
      ...letterHead(c, f, '様式19-1', '技能照査実施届出書', `${LAW_21}の規定に基づき技能照査を実施するので届け出ます。`, n?.filedOn),
      { kind: 'fields', items: [{ label: '1　訓練科名', value: courseName(c.course) }, { label: '2　合格判定の基準', value: '学科・実技それぞれについて次のとおり合格点に達した者を合格とする。' }] },
      criteria(),
      {
        kind: 'fields',
        items: [
          { label: '3　実施予定年月日', value: '' },
          { label: '　　学科', value: sessionLine(n?.written, n?.writtenDate) },
          { label: '　　実技', value: sessionLine(n?.practical, n?.practicalDate) },
          { label: '4　実施予定場所', value: '' },
          { label: '　　学科', value: n?.written?.place ?? '' },
          { label: '　　実技', value: n?.practical?.place ?? '' },
          { label: '5　受験予定者数', value: `${n?.expectedExaminees ?? ''} 名` },
        ],
      },
      submitNotes('2部（データ提出の場合除く）', `訓練校を管轄する職業能力開発センター${f.centerName ? `（${f.centerName}）` : ''}`),
    ]);
  },
};

const MAX_SUBJECT_COLUMNS = 8;
const hours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/** 様式19-2 出席状況連名簿: one row per trainee, attendance per subject (expected / planned hours), A4 landscape. */
const form19_2: Doc = {
  form: '様式19-2',
  title: '出席状況連名簿',
  fileName: 'form-19-2',
  events: ['IMPLEMENTATION_NOTICE_FILED'],
  available: (c) => c.notice !== null && c.roster.length > 0,
  layout: (c, f) => {
    const subjects = [...new Set(c.roster.flatMap((r) => r.subjects.map((s) => s.subject)))];
    const perSubject = subjects.length <= MAX_SUBJECT_COLUMNS;
    const header: Cell[][] = perSubject
      ? [
          [
            { text: '番号', rowSpan: 2 },
            { text: '訓練生番号', rowSpan: 2 },
            { text: '氏名', rowSpan: 2 },
            { text: '生年月日', rowSpan: 2 },
            ...subjects.map((s) => ({ text: s })),
            { text: '合計' },
            { text: '出席率', rowSpan: 2 },
            { text: '受験資格', rowSpan: 2 },
          ],
          [...subjects.map(() => '見込/計画'), '見込/計画'],
        ]
      : [['番号', '訓練生番号', '氏名', '生年月日', '科目別 受講見込み時間/訓練計画時間', '合計 見込/計画', '出席率', '受験資格']];
    const rows: Cell[][] = c.roster.map((r, i) => {
      const planned = r.subjects.reduce((s, x) => s + x.plannedHours, 0);
      const attended = r.subjects.reduce((s, x) => s + x.attendedHours, 0);
      const rate = planned > 0 ? `${((attended / planned) * 100).toFixed(1)}%` : '—';
      const cells: Cell[] = perSubject
        ? subjects.map((name) => {
            const s = r.subjects.find((x) => x.subject === name);
            return { text: s ? `${hours(s.attendedHours)}/${hours(s.plannedHours)}` : '—', align: 'center' };
          })
        : [r.subjects.map((s) => `${s.subject} ${hours(s.attendedHours)}/${hours(s.plannedHours)}`).join('、')];
      return [
        { text: String(i + 1), align: 'center' },
        r.traineeId,
        r.name,
        wareki(r.birthDate),
        ...cells,
        { text: `${hours(attended)}/${hours(planned)}`, align: 'center' },
        { text: rate, align: 'right' },
        { text: r.eligibility.eligible ? '有' : '無', align: 'center' },
      ];
    });
    const widths: (number | '*' | 'auto')[] = perSubject
      ? [28, 56, 90, 82, ...subjects.map((): '*' => '*'), 56, 44, 40]
      : [28, 56, 90, 82, '*', 56, 44, 40];
    return singlePage(
      [
        ...head('様式19-2', '出席状況連名簿'),
        {
          kind: 'fields',
          labelWidth: 90,
          items: [
            { label: '訓練科名', value: courseName(c.course) },
            { label: '事業所又は団体名', value: f.schoolName },
            { label: '試験実施予定日', value: `学科 ${wareki(c.notice?.writtenDate)}　実技 ${wareki(c.notice?.practicalDate)}` },
          ],
        },
        { kind: 'table', header, rows, widths, size: 8.5 },
        { kind: 'paragraph', text: '受講見込み時間は訓練修了日までの見込み。受験資格は各科目及び総訓練時間の出席見込みがそれぞれ8割以上の者。', size: 8.5 },
      ],
      'landscape',
    );
  },
};

const passersOf = (c: SkillCheckContext) => c.results.filter((r) => r.passed && !revoked(c, r.traineeId));

/** 様式20-1 技能照査合格証明申請書 (to HQ, 2 weeks before delivery). */
const form20_1: Doc = {
  form: '様式20-1',
  title: '技能照査合格証明申請書',
  fileName: 'form-20-1',
  events: ['CERT_APPLICATION_FILED'],
  available: (c) => c.application !== null,
  layout: (c, f) => {
    const n = c.notice;
    const a = c.application;
    return singlePage([
      ...letterHead(
        c,
        f,
        '様式20-1',
        '技能照査合格証明申請書',
        'このことについて、別添名簿記載の者について、職業能力開発促進法施行規則第35条の三第2項による証明を受けたいので、技能照査合格証書を添えて申請いたします。',
        a?.filedOn,
      ),
      { kind: 'paragraph', text: '1　証明申請者数' },
      { kind: 'table', widths: ['*', 120], header: [['訓練科名', '証明申請者数']], rows: [[courseName(c.course), { text: `${a?.applicants.length ?? 0} 人`, align: 'right' }]], size: 10 },
      {
        kind: 'fields',
        items: [
          { label: '2　技能照査実施年月日', value: '' },
          { label: '　　学科', value: sessionLine(n?.written, n?.writtenDate) },
          { label: '　　実技', value: sessionLine(n?.practical, n?.practicalDate) },
          { label: '3　実施場所', value: '' },
          { label: '　　学科', value: n?.written?.place ?? '' },
          { label: '　　実技', value: n?.practical?.place ?? '' },
          { label: '4　合格証書交付年月日', value: wareki(a?.deliveryDate) },
        ],
      },
      submitNotes('1部', HQ_DESK),
    ]);
  },
};

const outcomeLabel: Record<string, string> = { sat: '受験', 'absent-accident': '欠席（不測の事故）', 'abandoned-accident': '途中放棄（不測の事故）', absent: '欠席' };

/** 様式20-2 技能照査合格判定結果連名簿: every examinee with both scores and the result. */
const form20_2: Doc = {
  form: '様式20-2',
  title: '技能照査合格判定結果連名簿',
  fileName: 'form-20-2',
  events: ['CERT_APPLICATION_FILED'],
  available: (c) => c.results.length > 0,
  layout: (c, f) =>
    singlePage([
      ...head('様式20-2', '技能照査合格判定結果連名簿'),
      {
        kind: 'fields',
        labelWidth: 110,
        items: [
          { label: '事業所又は団体名', value: f.schoolName },
          { label: '訓練科名', value: courseName(c.course) },
          { label: '技能照査実施年月日', value: `学科 ${wareki(c.notice?.writtenDate)}　実技 ${wareki(c.notice?.practicalDate)}` },
          { label: '合格者数', value: `${passersOf(c).length} 名（受験者 ${c.results.filter((r) => r.outcome === 'sat').length} 名）` },
        ],
      },
      {
        kind: 'table',
        widths: [28, 56, '*', 84, 44, 44, 44, 70],
        header: [
          [
            { text: '番号', rowSpan: 2 },
            { text: '訓練生番号', rowSpan: 2 },
            { text: '氏名', rowSpan: 2 },
            { text: '生年月日', rowSpan: 2 },
            { text: '得点', colSpan: 2 },
            { text: '判定', rowSpan: 2 },
            { text: '備考', rowSpan: 2 },
          ],
          ['学科', '実技'],
        ],
        rows: c.results.map((r, i) => {
          const t = traineeOf(c, r.traineeId);
          const note = [r.outcome !== 'sat' ? outcomeLabel[r.outcome] : '', r.makeup ? '追試験' : '', revoked(c, r.traineeId) ? '合格取消し' : ''].filter(Boolean).join('・');
          return [
            { text: String(i + 1), align: 'center' },
            r.traineeId,
            t?.name ?? '',
            wareki(t?.birthDate),
            { text: r.writtenScore === null ? '—' : String(r.writtenScore), align: 'right' },
            { text: r.practicalScore === null ? '—' : String(r.practicalScore), align: 'right' },
            { text: r.passed && !revoked(c, r.traineeId) ? '合格' : '不合格', align: 'center' },
            note,
          ];
        }),
      },
      { kind: 'paragraph', text: '合格の基準：学科・実技ともに満点の60%以上（学科は正答数から誤答数の2分の1を減じた得点）。', size: 8.5 },
    ]),
};

/** 様式20-3 技能照査合格証明申請者名簿 (kept as the register): both numbers per applicant. */
const form20_3: Doc = {
  form: '様式20-3',
  title: '技能照査合格証明申請者名簿',
  fileName: 'form-20-3',
  events: ['CERT_APPLICATION_FILED'],
  available: (c) => c.application !== null,
  layout: (c, f) =>
    singlePage([
      ...head('様式20-3', '技能照査合格証明申請者名簿'),
      {
        kind: 'fields',
        labelWidth: 110,
        items: [
          { label: '事業所又は団体名', value: f.schoolName },
          { label: '訓練科名', value: `${courseName(c.course)}（${c.course.courseType}）` },
          { label: '合格証書交付年月日', value: wareki(c.application?.deliveryDate) },
        ],
      },
      {
        kind: 'table',
        widths: [28, 80, 80, '*', 90, 56],
        header: [['番号', '合格証書交付番号', '知事証明番号', '氏名', '生年月日', '訓練生番号']],
        rows: (c.application?.applicants ?? []).map((a, i) => {
          const t = traineeOf(c, a.traineeId);
          return [
            { text: String(i + 1), align: 'center' },
            numbered(a.schoolNumber),
            numbered(c.numbers.find((n) => n.traineeId === a.traineeId)?.tokyoNumber),
            t?.name ?? '',
            wareki(t?.birthDate),
            a.traineeId,
          ];
        }),
      },
    ]),
};

const programme = (courseType: SkillCheckContext['course']['courseType']) => (courseType === '専門課程' ? '専門課程の高度職業訓練' : '普通課程の普通職業訓練');

/** 様式21 技能照査合格証書: one A4 page per applicant (not revoked), with the school's and Tokyo's numbers. */
const form21: Doc = {
  form: '様式21',
  title: '技能照査合格証書',
  fileName: 'form-21',
  events: ['CERT_APPLICATION_FILED'],
  available: (c) => c.application !== null && c.application.applicants.some((a) => !revoked(c, a.traineeId)),
  layout: (c, f) => {
    const a = c.application;
    const date = a?.deliveryDate;
    const pages = (a?.applicants ?? [])
      .filter((x) => !revoked(c, x.traineeId))
      .map((x): Block[] => {
        const t = traineeOf(c, x.traineeId);
        return [
          { kind: 'paragraph', text: numbered(x.schoolNumber), align: 'left', size: 11 },
          { kind: 'spacer', height: 10 },
          { kind: 'title', text: '技能照査合格証書', size: 26 },
          { kind: 'paragraph', text: programme(c.course.courseType), align: 'center', size: 13 },
          { kind: 'paragraph', text: courseName(c.course), align: 'center', size: 15, spacing: 1, marginTop: 6 },
          { kind: 'spacer', height: 10 },
          { kind: 'paragraph', text: t?.name ?? '', align: 'center', size: 24, spacing: 4, bold: true },
          { kind: 'paragraph', text: `${wareki(t?.birthDate)}生`, align: 'center', size: 12, marginTop: 4 },
          { kind: 'spacer', height: 10 },
          { kind: 'paragraph', text: `${LAW_21}の規定による技能照査に合格したのでここに合格証書を授与し技能士補であることを証する。`, size: 14, indent: 14 },
          { kind: 'paragraph', text: wareki(date), size: 12, marginTop: 12, indent: 28 },
          { kind: 'signature', lines: [f.schoolName, c.representative ?? ''], size: 13, seal: { label: '印', size: 44 } },
          { kind: 'spacer', height: 14 },
          { kind: 'paragraph', text: numbered(c.numbers.find((n) => n.traineeId === x.traineeId)?.tokyoNumber), size: 11 },
          { kind: 'paragraph', text: `上の技能照査は${LAW_21}の規定に従い的確に行われたものであることを証明する。`, size: 12, indent: 12, marginTop: 6 },
          { kind: 'paragraph', text: wareki(date), size: 12, marginTop: 8, indent: 24 },
          // 知事印: about 30 mm square (85 pt).
          { kind: 'signature', lines: ['東京都知事'], size: 13, seal: { label: '知事印', size: 85 } },
        ];
      });
    return { orientation: 'portrait', pages };
  },
};

export const skillCheckDocuments: Doc[] = [form18_1, form19_1, form19_2, form20_1, form20_2, form20_3, form21];
