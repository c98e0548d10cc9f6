import { describe, expect, it } from 'vitest';
import { fiscalYearEnd, fiscalYearLabel, fiscalYearOf, fiscalYearStart } from '../../src/domain/fiscal-year.js';

describe('fiscalYearOf', () => {
  it.each([
    ['2026-04-01', 2026],
    ['2027-03-31', 2026],
    ['2026-03-31', 2025],
    ['2026-12-31', 2026],
    ['2027-01-01', 2026],
  ])('%s -> FY%d', (d, fy) => expect(fiscalYearOf(d)).toBe(fy));
});

describe('fiscal year bounds and label', () => {
  it('bounds', () => {
    expect(fiscalYearStart(2026)).toBe('2026-04-01');
    expect(fiscalYearEnd(2026)).toBe('2027-03-31');
  });

  it.each([
    [2026, '令和8年度'],
    [2019, '令和元年度'],
    [2020, '令和2年度'],
    [2018, '平成30年度'],
    [1989, '平成元年度'],
    [1988, '昭和63年度'],
  ])('FY%d -> %s', (fy, label) => expect(fiscalYearLabel(fy)).toBe(label));
});
