/**
 * 和暦 (Japanese era) formatting and parsing for dates shown to users.
 */
import { compareDates, isIsoDate, toIso, type IsoDate } from './dates.js';

export interface Era {
  name: string;
  /** Romanised initial used in abbreviated forms such as R8.4.1. */
  letter: string;
  start: IsoDate;
}

/** Newest first so that the first match on "start <= d" is the right era. */
export const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', start: '2019-05-01' },
  { name: '平成', letter: 'H', start: '1989-01-08' },
  { name: '昭和', letter: 'S', start: '1926-12-25' },
  { name: '大正', letter: 'T', start: '1912-07-30' },
  { name: '明治', letter: 'M', start: '1868-10-23' },
];

export function eraOf(d: IsoDate): Era | null {
  return ERAS.find((e) => compareDates(e.start, d) <= 0) ?? null;
}

/** Year 1 of an era is written 元年 by convention. */
export function eraYearLabel(era: Era, gregorianYear: number): string {
  const n = gregorianYear - Number(era.start.slice(0, 4)) + 1;
  return n === 1 ? '元' : String(n);
}

/** Dates before 明治 have no era we support; they are shown as ISO rather than failing a page render. */
export function formatWareki(d: IsoDate): string {
  const era = eraOf(d);
  if (!era) return d;
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${era.name}${eraYearLabel(era, y)}年${m}月${day}日`;
}

export function formatDateJa(d: IsoDate): string {
  return `${formatWareki(d)} (${d})`;
}

function toHalfWidth(s: string): string {
  return s
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[／]/g, '/')
    .replace(/[－ー‐]/g, '-')
    .replace(/\s|\u3000/g, '');
}

const KANJI_RE = /^(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日$/;
const SHORT_RE = /^([MTSHR])(元|\d{1,2})[./-](\d{1,2})[./-](\d{1,2})$/i;

/** Returns null for anything that is not a real date inside the named era. */
export function parseWareki(s: string): IsoDate | null {
  const t = toHalfWidth(s);
  const m = KANJI_RE.exec(t) ?? SHORT_RE.exec(t);
  if (!m) return null;
  const [, eraKey = '', yearText = '', monthText = '', dayText = ''] = m;
  const idx = ERAS.findIndex((e) => e.name === eraKey || e.letter === eraKey.toUpperCase());
  const era = ERAS[idx];
  if (!era) return null;
  const eraYear = yearText === '元' ? 1 : Number(yearText);
  if (eraYear < 1) return null;
  const iso = toIso(Number(era.start.slice(0, 4)) + eraYear - 1, Number(monthText), Number(dayText));
  if (!isIsoDate(iso)) return null;
  // 令和元年4月1日 or 平成32年 name days that never existed under that era.
  if (compareDates(iso, era.start) < 0) return null;
  const next = ERAS[idx - 1];
  if (next && compareDates(iso, next.start) >= 0) return null;
  return iso;
}
