/** Dates and due-date status as people read them: 和暦 with the ISO date, and status in words and symbols. */
import { addDays, compareDates, daysBetween, tokyoDate, type IsoDate } from '../../domain/dates.js';
import { formatDateJa } from '../../domain/wareki.js';

export type DueKey = 'overdue' | 'due-today' | 'soon' | 'pending' | 'none';

/** "Due this week" is the next 7 days, today included. */
export function dueStatus(effective: IsoDate | null, today: IsoDate): { key: DueKey; text: string } {
  if (!effective) return { key: 'none', text: '期限なし' };
  const c = compareDates(effective, today);
  if (c < 0) return { key: 'overdue', text: `⚠ 期限超過（${daysBetween(effective, today)}日経過）` };
  if (c === 0) return { key: 'due-today', text: '● 本日が期限' };
  if (compareDates(effective, addDays(today, 6)) <= 0) return { key: 'soon', text: `● 今週が期限（あと${daysBetween(today, effective)}日）` };
  return { key: 'pending', text: `期限まで${daysBetween(today, effective)}日` };
}

export function DueBadge(props: { effective: IsoDate | null; today: IsoDate }) {
  const s = dueStatus(props.effective, props.today);
  return <span class={`status-${s.key}`}>{s.text}</span>;
}

export const dateJa = (d: IsoDate | null | undefined) => (d ? formatDateJa(d) : '—');

// Built once: constructing a DateTimeFormat is far dearer than formatting with it (it led the case page's profile).
const TOKYO_HOUR_MINUTE = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant in Tokyo time: 令和8年4月1日 (2026-04-01) 09:30. */
export function dateTimeJa(at: Date | string): string {
  const d = new Date(at);
  const hm = TOKYO_HOUR_MINUTE.format(d);
  return `${formatDateJa(tokyoDate(d))} ${hm}`;
}

export const ENFORCEMENT_JA = { hard: '◆厳守（遅れると受理されません）', soft: '◇目安（遅延は記録されます）' } as const;
export const PARTY_JA: Record<string, string> = { school: '訓練校', hq: '本庁', center: 'センター', analyst: '分析担当', admin: 'システム管理者' };
