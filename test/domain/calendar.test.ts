import { describe, expect, it } from 'vitest';
import { addOpenDays, closedReason, isOpenDay, nextOpenDay, previousOpenDay } from '../../src/domain/calendar.js';

describe('closedReason', () => {
  it.each([
    ['2027-01-11', '成人の日'],
    ['2026-11-23', '勤労感謝の日'],
    ['2027-01-01', '元日'],
    ['2026-11-21', '土曜日'],
    ['2026-11-22', '日曜日'],
    ['2026-12-29', '年末年始'],
    ['2026-12-31', '年末年始'],
    ['2027-01-02', '年末年始'],
    ['2027-01-03', '年末年始'],
    ['2027-01-04', null],
    ['2026-12-28', null],
    ['2026-11-24', null],
  ])('%s -> %s', (d, reason) => expect(closedReason(d)).toBe(reason));

  it('does not depend on the process time zone', () => {
    // Guards against the library's local-time Date formatting: the lookup must use the ISO key.
    expect(isOpenDay('2027-01-11')).toBe(false);
    expect(isOpenDay('2027-01-12')).toBe(true);
    expect(isOpenDay('2027-01-10')).toBe(false);
  });
});

describe('previousOpenDay / nextOpenDay', () => {
  it.each([
    ['2027-01-02', '2026-12-28', '2027-01-04'],
    ['2026-11-23', '2026-11-20', '2026-11-24'],
    ['2026-11-21', '2026-11-20', '2026-11-24'],
    ['2027-01-11', '2027-01-08', '2027-01-12'],
    ['2026-11-24', '2026-11-24', '2026-11-24'],
  ])('%s -> prev %s, next %s', (d, prev, next) => {
    expect(previousOpenDay(d)).toBe(prev);
    expect(nextOpenDay(d)).toBe(next);
  });
});

describe('addOpenDays', () => {
  it.each([
    ['2026-12-25', 1, '2026-12-28'],
    ['2026-12-28', 1, '2027-01-04'],
    ['2027-01-04', -1, '2026-12-28'],
    ['2026-11-20', 1, '2026-11-24'],
    ['2026-11-20', 5, '2026-11-30'],
    ['2026-11-21', 0, '2026-11-21'],
  ])('%s + %d open days = %s', (d, n, expected) => expect(addOpenDays(d, n)).toBe(expected));
});
