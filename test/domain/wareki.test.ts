import { describe, expect, it } from 'vitest';
import { formatDateJa, formatWareki, parseWareki } from '../../src/domain/wareki.js';

describe('formatWareki', () => {
  it.each([
    ['2026-04-01', '令和8年4月1日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1912-07-29', '明治45年7月29日'],
  ])('%s -> %s', (d, expected) => expect(formatWareki(d)).toBe(expected));

  it('formatDateJa appends the ISO date', () => {
    expect(formatDateJa('2026-04-01')).toBe('令和8年4月1日 (2026-04-01)');
  });
});

describe('parseWareki', () => {
  it.each([
    ['令和8年4月1日', '2026-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R8.4.1', '2026-04-01'],
    ['r8.4.1', '2026-04-01'],
    ['令和８年４月１日', '2026-04-01'],
    ['Ｒ８．４．１', '2026-04-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['令和9年2月30日', null],
    ['令和元年4月30日', null],
    ['平成31年5月1日', null],
    ['令和0年4月1日', null],
    ['2026-04-01', null],
    ['', null],
  ])('%s -> %s', (s, expected) => expect(parseWareki(s)).toBe(expected));

  it.each(['2026-04-01', '2019-05-01', '2019-04-30', '1989-01-08'])('round-trips %s', (d) => {
    expect(parseWareki(formatWareki(d))).toBe(d);
  });
});
