import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  formatOffset,
  isIsoDate,
  shiftDate,
  tokyoDate,
  tokyoInstant,
} from '../../src/domain/dates.js';

describe('isIsoDate', () => {
  it.each([
    ['2027-02-28', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2027-02-30', false],
    ['2026-13-01', false],
    ['2026-4-1', false],
    ['2026-04-01T00:00', false],
  ])('%s -> %s', (s, ok) => expect(isIsoDate(s)).toBe(ok));
});

describe('addMonths clamps to month end', () => {
  it.each([
    ['2027-03-31', -1, '2027-02-28'],
    ['2028-03-31', -1, '2028-02-29'],
    ['2026-03-25', -2, '2026-01-25'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-02-15', -3, '2025-11-15'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-05-10', 0, '2026-05-10'],
  ])('%s %+d months = %s', (d, n, expected) => expect(addMonths(d, n)).toBe(expected));
});

describe('addDays', () => {
  it('crosses year and leap day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-04-01', 0)).toBe('2026-04-01');
  });
});

describe('shiftDate', () => {
  it.each([
    // Manual example: training ends 25 March -> skill-check window opens 25 January.
    ['2027-03-25', { months: 2 }, 'before', '2027-01-25'],
    ['2027-03-31', { months: 1 }, 'before', '2027-02-28'],
    ['2026-11-20', { weeks: 2 }, 'before', '2026-11-06'],
    ['2026-11-20', { days: 7 }, 'after', '2026-11-27'],
    // Months first: 31 Mar -1 month = 28 Feb, then -1 day = 27 Feb.
    ['2027-03-31', { months: 1, days: 1 }, 'before', '2027-02-27'],
  ] as const)('%s %o %s -> %s', (anchor, offset, dir, expected) =>
    expect(shiftDate(anchor, offset, dir)).toBe(expected),
  );
});

describe('compareDates / daysBetween', () => {
  it('orders and counts', () => {
    expect(compareDates('2026-04-01', '2026-04-02')).toBe(-1);
    expect(compareDates('2026-04-02', '2026-04-02')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(daysBetween('2026-04-01', '2027-04-01')).toBe(365);
    expect(daysBetween('2028-03-01', '2028-02-28')).toBe(-2);
  });
});

describe('tokyoDate / tokyoInstant', () => {
  it.each([
    ['2026-11-22T16:00:00Z', '2026-11-23'],
    ['2026-11-22T14:59:59Z', '2026-11-22'],
    ['2026-11-22T15:00:00Z', '2026-11-23'],
    ['2027-01-20T09:00:00+09:00', '2027-01-20'],
    ['2027-01-20T00:00:00+09:00', '2027-01-20'],
    ['2026-12-31T23:30:00+09:00', '2026-12-31'],
  ])('%s is %s in Tokyo', (instant, expected) => expect(tokyoDate(instant)).toBe(expected));

  it('accepts Date objects', () => {
    expect(tokyoDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
  });

  it('rejects garbage', () => {
    expect(() => tokyoDate('not a date')).toThrow(RangeError);
  });

  it('builds the Tokyo wall-clock instant', () => {
    expect(tokyoInstant('2027-01-20').toISOString()).toBe('2027-01-20T00:00:00.000Z');
    expect(tokyoInstant('2027-01-20', 0, 30).toISOString()).toBe('2027-01-19T15:30:00.000Z');
    expect(tokyoDate(tokyoInstant('2027-01-20', 23, 59))).toBe('2027-01-20');
  });
});

describe('formatOffset', () => {
  it.each([
    [{ months: 1 }, 'before', '1か月前'],
    [{ weeks: 2 }, 'before', '2週間前'],
    [{ days: 7 }, 'before', '7日前'],
    [{ days: 7 }, 'after', '7日後'],
    [{ months: 1, days: 3 }, 'after', '1か月3日後'],
    [{}, 'before', '当日'],
  ] as const)('%o %s -> %s', (offset, dir, expected) => expect(formatOffset(offset, dir)).toBe(expected));
});
