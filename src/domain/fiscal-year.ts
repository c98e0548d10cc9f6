/**
 * Japanese fiscal year (年度): 1 April – 31 March, named by the year it starts in.
 */
import { type IsoDate } from './dates.js';
import { ERAS, eraYearLabel } from './wareki.js';

export function fiscalYearOf(d: IsoDate): number {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

export function fiscalYearStart(fy: number): IsoDate {
  return `${String(fy).padStart(4, '0')}-04-01`;
}

export function fiscalYearEnd(fy: number): IsoDate {
  return `${String(fy + 1).padStart(4, '0')}-03-31`;
}

/**
 * Uses the newest era that began in the fiscal year's starting calendar year:
 * FY2019 started under 平成31年 but Tokyo labels it 令和元年度, and FY1988
 * stays 昭和63年度 because 平成 only began in January 1989.
 */
export function fiscalYearLabel(fy: number): string {
  const era = ERAS.find((e) => Number(e.start.slice(0, 4)) <= fy);
  if (!era) return `${fy}年度`;
  return `${era.name}${eraYearLabel(era, fy)}年度`;
}
