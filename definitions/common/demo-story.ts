/**
 * Demo stories: a procedure's life written once on the calendar of 令和8年度 (fiscal year 2026), turned into
 * demo cases — one per step, so the data set holds a case at every state the story passes — each moved so
 * that its last step lies on or before the day the demo runs. Pure.
 */
import { addMonths, type IsoDate } from '../../src/domain/dates.js';
import type { DemoCase, Party } from '../types.js';

/** The fiscal year the stories' dates are written in. */
export const STORY_FISCAL_YEAR = 2026;

export interface DemoStep {
  on: IsoDate;
  type: string;
  by: Party;
  data: Record<string, unknown>;
}

export interface DemoStory {
  school: 0 | 1;
  openedBy?: Party;
  openedOn: IsoDate;
  input: Record<string, unknown>;
  steps: DemoStep[];
  /** Which cases to make, by the number of steps taken (default: every one from 0 to all). */
  stopAfter?: number[];
  /** 'years' when its dates hang on the fiscal year: never moved by months (see demoCasesOf). */
  moves?: 'months' | 'years';
  /** A story this one links to (moved by the same amount), seeded first; its case id goes into `input[field]`. */
  linked?: { procedure: string; field: string; story: DemoStory };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every ISO date in a value moved by whole months; with whole years, every `fiscalYear` number too. */
export function shiftMonths<T>(value: T, months: number): T {
  if (months === 0) return value;
  const years = months % 12 === 0 ? months / 12 : 0;
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string' && ISO_DATE.test(v)) return addMonths(v, months);
    if (typeof v === 'number' && key === 'fiscalYear') return v + years;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}

function caseOf(story: DemoStory, taken: number, months: number): DemoCase {
  const moved = shiftMonths(story, months);
  return {
    school: story.school,
    ...(story.openedBy ? { openedBy: story.openedBy } : {}),
    input: moved.input,
    openedOn: moved.openedOn,
    events: moved.steps.slice(0, taken).map((s) => ({ type: s.type, by: s.by, data: s.data, on: s.on })),
    ...(story.linked ? { linked: { procedure: story.linked.procedure, field: story.linked.field, demo: caseOf(story.linked.story, story.linked.story.steps.length, months) } } : {}),
  };
}

/** The latest move by whole steps of `months` that puts `date` on or before `today`. */
function moveBefore(date: IsoDate, today: IsoDate, months: number): number {
  const monthsApart = (Number(today.slice(0, 4)) - Number(date.slice(0, 4))) * 12 + Number(today.slice(5, 7)) - Number(date.slice(5, 7));
  let move = Math.floor(monthsApart / months) * months + months;
  while (addMonths(date, move) > today) move -= months;
  return move;
}

/**
 * The demo cases of some stories as of `today`. A case moves by whole years when that puts its last step in
 * the three months before today (its dates then fit the fiscal year, as real ones do); otherwise — a state the
 * current year has not reached yet — by whole months, so its last step lies in the month before today and
 * what it waits for is still ahead or just passed. Stories whose dates hang on the fiscal year (a new year's
 * re-filing) always move by years.
 */
export function demoCasesOf(stories: DemoStory[], today: IsoDate): DemoCase[] {
  const recent = addMonths(today, -3);
  return stories.flatMap((story) =>
    (story.stopAfter ?? story.steps.map((_, i) => i + 1).concat(0)).map((taken) => {
      const lastOf = (s: DemoStory, n: number) => (n === 0 ? s.openedOn : s.steps[n - 1]!.on);
      const own = lastOf(story, taken);
      const linked = story.linked ? lastOf(story.linked.story, story.linked.story.steps.length) : own;
      const last = own > linked ? own : linked;
      const byYears = moveBefore(last, today, 12);
      const fits = story.moves === 'years' || addMonths(last, byYears) >= recent;
      return caseOf(story, taken, fits ? byYears : moveBefore(last, today, 1));
    }),
  );
}
