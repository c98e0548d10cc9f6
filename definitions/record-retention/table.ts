/**
 * The manual's 訓練管理帳票一覧表 (II-6): each record, the courses that keep it (●), and its retention period with and
 * without subsidies (補助金・助成金 有/無). Transcribed from the table; where it is not exact this file says what it assumes:
 * - 様式15 shows one figure (3) across both columns: 3 years either way.
 * - 様式13・14 (修了証書・修了証明書) are handed to trainees and have no period: they are not listed.
 * - The (注): 指導員訓練研修課程 follows the 短期課程 column (the school picks 短期課程).
 */
export const COURSE_TYPES = {
  advanced: '専門課程',
  advancedShort: '専門短期課程',
  regular: '普通課程',
  short: '短期課程（技能士コース以外）',
  skilledWorker: '短期課程（技能士コース）',
} as const;
export type CourseType = keyof typeof COURSE_TYPES;

export interface RecordKind {
  no: number;
  name: string;
  forms: string;
  courses: CourseType[];
  /** Years kept with / without subsidies, or permanent (永年). */
  subsidised: number | 'permanent';
  unsubsidised: number | 'permanent';
}

const ALL: CourseType[] = ['advanced', 'advancedShort', 'regular', 'short', 'skilledWorker'];
const LONG: CourseType[] = ['advanced', 'regular'];
const SHORT: CourseType[] = ['advancedShort', 'short', 'skilledWorker'];
const P = 'permanent' as const;

export const RECORD_KINDS: RecordKind[] = [
  { no: 1, name: '職業訓練指導員・講師名簿（集合）', forms: '様式5-1', courses: ALL, subsidised: 5, unsubsidised: 3 },
  { no: 2, name: '職業訓練指導員・講師名簿（分散）', forms: '様式5-2', courses: LONG, subsidised: 5, unsubsidised: 3 },
  { no: 3, name: '講師承諾書（単独校の内部講師で無報酬の場合を除く）', forms: '様式5-3', courses: ALL, subsidised: 5, unsubsidised: 3 },
  { no: 4, name: '年度訓練計画・実績表', forms: '様式6-1', courses: LONG, subsidised: 5, unsubsidised: 3 },
  { no: 5, name: '月分訓練計画・実績表', forms: '様式6-2', courses: LONG, subsidised: 5, unsubsidised: 3 },
  { no: 6, name: '年度訓練計画・実績表（総括表）', forms: '様式7-1', courses: SHORT, subsidised: 5, unsubsidised: 3 },
  { no: 7, name: '訓練計画・実績表（教程表）', forms: '様式7-2・7-3', courses: SHORT, subsidised: 5, unsubsidised: 3 },
  { no: 8, name: '訓練日誌', forms: '様式8', courses: LONG, subsidised: 5, unsubsidised: 3 },
  { no: 9, name: '訓練生出席簿', forms: '様式9', courses: ALL, subsidised: 5, unsubsidised: 3 },
  { no: 10, name: '訓練生指導要録（普通・専門課程）', forms: '様式10-1', courses: LONG, subsidised: P, unsubsidised: P },
  { no: 11, name: '訓練生指導要録（普通・専門課程）', forms: '様式10-2', courses: LONG, subsidised: P, unsubsidised: P },
  { no: 12, name: '訓練生指導要録（短期技能士コース）', forms: '様式10-3', courses: ['skilledWorker'], subsidised: P, unsubsidised: P },
  { no: 13, name: '入校願（単独校を除く）', forms: '様式11', courses: ALL, subsidised: 5, unsubsidised: 3 },
  { no: 14, name: '退校願（単独校を除く）', forms: '様式12', courses: ['advanced', 'regular', 'skilledWorker'], subsidised: 5, unsubsidised: 3 },
  { no: 15, name: '分散訓練実施状況報告書', forms: '様式15', courses: LONG, subsidised: 3, unsubsidised: 3 },
  { no: 18, name: '修了証書交付台帳', forms: '様式16', courses: ALL, subsidised: P, unsubsidised: P },
  { no: 19, name: '修了証書兼技能照査合格証交付台帳 又は技能照査合格証明申請者名簿', forms: '様式17・20-3', courses: ['advanced', 'regular', 'skilledWorker'], subsidised: P, unsubsidised: P },
  { no: 20, name: '修了時試験合格者判定結果連名簿 技能照査合格判定結果連名簿', forms: '様式26・20-2', courses: ['advanced', 'regular', 'skilledWorker'], subsidised: P, unsubsidised: P },
  { no: 21, name: '一級・二級・単一等級技能士コース修了者名簿', forms: '様式27-1', courses: ['skilledWorker'], subsidised: P, unsubsidised: P },
];
