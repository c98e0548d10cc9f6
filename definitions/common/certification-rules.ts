/**
 * The certification steps both exams share (知事証明番号 per passer, then a roster of numbered passers):
 * one implementation, parametrised by how a procedure finds its passers and names its roster.
 */
import { checkRule } from './rules.js';
import type { Rule } from '../types.js';

interface Trainee {
  traineeId: string;
}

const joined = (parts: string[]) => parts.filter(Boolean).join('／');

export function hasPassersRule<C, E>(passers: (c: C) => Trainee[]): Rule<C, E> {
  return checkRule<C, E>(
    'passers',
    (c) => (passers(c).length > 0 ? null : '合格者がいないため、知事証明番号の問い合わせはできません。'),
    '合格者がいない場合は取下げてください。',
  );
}

/** HQ gives exactly one Tokyo number to each passer, none to anyone else, no number twice. */
export function numbersForEveryPasserRule<C, E extends { data: { numbers: { traineeId: string; tokyoNumber: string }[] } }>(
  passers: (c: C) => Trainee[],
): Rule<C, E> {
  return checkRule<C, E>(
    'numbers',
    (c, e) => {
      const ids = passers(c).map((p) => p.traineeId);
      const given = e.data.numbers.map((n) => n.traineeId);
      const missing = ids.filter((id) => !given.includes(id));
      const extra = given.filter((id) => !ids.includes(id));
      const dup = new Set(e.data.numbers.map((n) => n.tokyoNumber)).size !== given.length;
      if (!missing.length && !extra.length && !dup) return null;
      return joined([
        missing.length ? `番号のない合格者: ${missing.join('、')}` : '',
        extra.length ? `合格者でない訓練生: ${extra.join('、')}` : '',
        dup ? '知事証明番号が重複しています' : '',
      ]);
    },
    '合格者ごとに一つずつ知事証明番号を指定してください。',
  );
}

/** The roster filed for certification lists every numbered passer and nobody else. */
export function rosterOfNumberedPassersRule<C, E extends { data: unknown }>(opts: {
  passers: (c: C) => Trainee[];
  numbers: (c: C) => Trainee[];
  listed: (data: E['data']) => Trainee[];
  /** '申請者' / '修了者' */
  noun: string;
  /** '申請者名簿' / '修了者名簿' */
  roster: string;
  remedy: string;
}): Rule<C, E> {
  return checkRule<C, E>(
    'applicants',
    (c, e) => {
      const numbered = new Set(opts.numbers(c).map((n) => n.traineeId));
      const passing = opts.passers(c);
      const ids = opts.listed(e.data).map((a) => a.traineeId);
      const bad = ids.filter((id) => !numbered.has(id) || !passing.some((p) => p.traineeId === id));
      const missing = passing.filter((p) => !ids.includes(p.traineeId)).map((p) => p.traineeId);
      if (!bad.length && !missing.length) return null;
      return joined([
        bad.length ? `知事証明番号のない、又は合格者でない${opts.noun}: ${bad.join('、')}` : '',
        missing.length ? `${opts.roster}にない合格者: ${missing.join('、')}` : '',
      ]);
    },
    opts.remedy,
  );
}
