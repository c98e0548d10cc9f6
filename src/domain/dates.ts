/**
 * Calendar-date arithmetic for Asia/Tokyo.
 *
 * Dates are plain `YYYY-MM-DD` strings so that they never carry a time zone:
 * all arithmetic goes through UTC midnight, which has no DST and therefore
 * gives the same answer whatever TZ the process runs in.
 */
export type IsoDate = string;

export interface Offset {
  months?: number;
  weeks?: number;
  days?: number;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
// Japan has not observed DST since 1951, so a fixed offset is exact.
const TOKYO_OFFSET_MS = 9 * 3_600_000;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const MIN_YEAR = 1868;
export const MAX_YEAR = 2200;

function parts(d: IsoDate): [number, number, number] {
  const m = ISO_RE.exec(d);
  if (!m) throw new RangeError(`Invalid ISO date: ${d}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = Number(m[3]);
  // Date.UTC reads years 0-99 as 1900-1999, and arithmetic past 9999 leaves the format: keep to the years of
  // 和暦 (明治 onwards) up to 2200.
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`Date out of range (${MIN_YEAR}-${MAX_YEAR}): ${d}`);
  if (mo < 1 || mo > 12 || day < 1 || day > daysInMonth(y, mo)) {
    throw new RangeError(`Invalid ISO date: ${d}`);
  }
  return [y, mo, day];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function toIso(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function toUtcMs(d: IsoDate): number {
  const [y, m, day] = parts(d);
  return Date.UTC(y, m - 1, day);
}

function fromUtcMs(ms: number): IsoDate {
  const dt = new Date(ms);
  return toIso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function isIsoDate(s: string): boolean {
  try {
    parts(s);
    return true;
  } catch {
    return false;
  }
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromUtcMs(toUtcMs(d) + n * DAY_MS);
}

/** Same day-of-month N months away, clamped to that month's last day (31 Mar − 1 month = end of Feb). */
export function addMonths(d: IsoDate, n: number): IsoDate {
  const [y, m, day] = parts(d);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return toIso(ty, tm, Math.min(day, daysInMonth(ty, tm)));
}

/** Months are applied first so that month-end clamping happens on the anchor's day-of-month. */
export function shiftDate(anchor: IsoDate, offset: Offset, direction: 'before' | 'after'): IsoDate {
  const sign = direction === 'before' ? -1 : 1;
  const afterMonths = addMonths(anchor, sign * (offset.months ?? 0));
  const days = (offset.weeks ?? 0) * 7 + (offset.days ?? 0);
  return addDays(afterMonths, sign * days);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  const diff = toUtcMs(a) - toUtcMs(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function tokyoDate(instant: Date | string): IsoDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return fromUtcMs(Math.floor((ms + TOKYO_OFFSET_MS) / DAY_MS) * DAY_MS);
}

export function tokyoInstant(d: IsoDate, hour = 9, minute = 0): Date {
  return new Date(toUtcMs(d) + hour * 3_600_000 + minute * 60_000 - TOKYO_OFFSET_MS);
}

export function formatOffset(offset: Offset, direction: 'before' | 'after'): string {
  const suffix = direction === 'before' ? '前' : '後';
  const segments: string[] = [];
  if (offset.months) segments.push(`${offset.months}か月`);
  if (offset.weeks) segments.push(`${offset.weeks}週間`);
  if (offset.days) segments.push(`${offset.days}日`);
  // A zero offset still needs a readable label ("当日" = the anchor day itself).
  if (segments.length === 0) return '当日';
  return segments.join('') + suffix;
}
