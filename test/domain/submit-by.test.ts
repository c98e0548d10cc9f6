import { describe, expect, it } from 'vitest';
import { isSubmittedInTime, isWithin, submitBy } from '../../src/domain/submit-by.js';

describe('submitBy', () => {
  it.each([
    // Nominal open day: unchanged.
    ['2027-03-25', { months: 2 }, '2027-01-25', '2027-01-25', null],
    // Nominal Saturday / Sunday.
    ['2026-12-05', { weeks: 2 }, '2026-11-21', '2026-11-20', '土曜日'],
    ['2026-12-06', { weeks: 2 }, '2026-11-22', '2026-11-20', '日曜日'],
    // Nominal national holiday.
    ['2027-02-11', { months: 1 }, '2027-01-11', '2027-01-08', '成人の日'],
    ['2026-11-30', { days: 7 }, '2026-11-23', '2026-11-20', '勤労感謝の日'],
    // Nominal 年末年始 (2 Jan 2027 is a Saturday, but the year-end break is reported).
    ['2027-01-09', { days: 7 }, '2027-01-02', '2026-12-28', '年末年始'],
    ['2027-01-06', { days: 7 }, '2026-12-30', '2026-12-28', '年末年始'],
  ] as const)('%s %o before -> nominal %s, effective %s (%s)', (anchor, offset, nominal, effective, reason) => {
    expect(submitBy(anchor, offset, 'before')).toEqual({ nominal, effective, closedReason: reason });
  });
});

describe('isSubmittedInTime', () => {
  it.each([
    ['2026-12-28T23:59:00+09:00', true],
    ['2026-12-28T14:59:59Z', true],
    ['2026-12-28T15:00:00Z', false],
    ['2026-12-29T09:00:00+09:00', false],
  ])('%s against 2026-12-28 -> %s', (at, ok) => expect(isSubmittedInTime(at, '2026-12-28')).toBe(ok));
});

describe('isWithin', () => {
  it.each([
    ['2027-01-25', true],
    ['2027-03-25', true],
    ['2027-02-10', true],
    ['2027-01-24', false],
    ['2027-03-26', false],
  ])('%s within 2027-01-25..2027-03-25 -> %s', (d, ok) => expect(isWithin(d, '2027-01-25', '2027-03-25')).toBe(ok));
});
