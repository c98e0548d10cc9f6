/**
 * Opening days of the Tokyo metropolitan offices: closed on weekends,
 * national holidays and the 29 Dec – 3 Jan year-end break.
 */
import holiday_jp from '@holiday-jp/holiday_jp';
import { addDays, type IsoDate } from './dates.js';

// Looked up by ISO string key rather than via isHoliday(Date): the library
// formats Dates with local-time getters, so a Date would be read in the
// process TZ (UTC here) and could land on the wrong Japanese day.
const HOLIDAYS = holiday_jp.holidays as Readonly<Record<string, { name: string } | undefined>>;

// Guards the open-day searches against runaway loops on bad input.
const MAX_SCAN_DAYS = 366;

function weekday(d: IsoDate): number {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day)).getUTCDay();
}

function isYearEndBreak(d: IsoDate): boolean {
  const md = d.slice(5);
  return md >= '12-29' || md <= '01-03';
}

/**
 * Most specific reason first: a holiday name (so 元日 shows as such), then
 * 年末年始 (the break explains the whole closed stretch even on a weekend).
 */
export function closedReason(d: IsoDate): string | null {
  const holiday = HOLIDAYS[d];
  if (holiday) return holiday.name;
  if (isYearEndBreak(d)) return '年末年始';
  const wd = weekday(d);
  if (wd === 6) return '土曜日';
  if (wd === 0) return '日曜日';
  return null;
}

export function isOpenDay(d: IsoDate): boolean {
  return closedReason(d) === null;
}

function scan(d: IsoDate, step: 1 | -1): IsoDate {
  let cur = d;
  for (let i = 0; i <= MAX_SCAN_DAYS; i++) {
    if (isOpenDay(cur)) return cur;
    cur = addDays(cur, step);
  }
  throw new RangeError(`No open day within ${MAX_SCAN_DAYS} days of ${d}`);
}

export function previousOpenDay(d: IsoDate): IsoDate {
  return scan(d, -1);
}

export function nextOpenDay(d: IsoDate): IsoDate {
  return scan(d, 1);
}

/** Counts open days only; n = 0 returns d unchanged even when it is closed. */
export function addOpenDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  let cur = d;
  for (let remaining = Math.abs(n); remaining > 0; remaining--) {
    cur = scan(addDays(cur, step), step);
  }
  return cur;
}
