/**
 * Demo stories: a procedure's life written once on the calendar of 令和8年度 (fiscal year 2026), turned into
 * demo cases — one per step, so the data set holds a case at every state the story passes — each moved by
 * whole years so that its last step lies on or before the day the demo runs. Early states land in the
 * current fiscal year, later ones in the previous year, and the cases spread over the year as real ones do.
 * Pure.
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
  openedOn: IsoDate;
  input: Record<string, unknown>;
  steps: DemoStep[];
  /** Which cases to make, by the number of steps taken (default: every one from 0 to all). */
  stopAfter?: number[];
  /** A story this one links to (moved by the same years), seeded first; its case id goes into `input[field]`. */
  linked?: { procedure: string; field: string; story: DemoStory };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every ISO date in a value moved by whole years, and every `fiscalYear` number with it. */
export function shiftYears<T>(value: T, years: number): T {
  if (years === 0) return value;
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string' && ISO_DATE.test(v)) return addMonths(v, 12 * years);
    if (typeof v === 'number' && key === 'fiscalYear') return v + years;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}

function caseOf(story: DemoStory, taken: number, years: number): DemoCase {
  const moved = shiftYears(story, years);
  return {
    school: story.school,
    input: moved.input,
    openedOn: moved.openedOn,
    events: moved.steps.slice(0, taken).map((s) => ({ type: s.type, by: s.by, data: s.data, on: s.on })),
    ...(story.linked ? { linked: { procedure: story.linked.procedure, field: story.linked.field, demo: caseOf(story.linked.story, story.linked.story.steps.length, years) } } : {}),
  };
}

/** The latest whole-year move that puts `date` on or before `today`. */
function yearsBefore(date: IsoDate, today: IsoDate): number {
  let years = Number(today.slice(0, 4)) - Number(date.slice(0, 4));
  while (addMonths(date, 12 * years) > today) years--;
  return years;
}

/** The demo cases of some stories as of `today`. */
export function demoCasesOf(stories: DemoStory[], today: IsoDate): DemoCase[] {
  return stories.flatMap((story) =>
    (story.stopAfter ?? story.steps.map((_, i) => i + 1).concat(0)).map((taken) => {
      const lastOf = (s: DemoStory, n: number) => (n === 0 ? s.openedOn : s.steps[n - 1]!.on);
      const own = lastOf(story, taken);
      const linked = story.linked ? lastOf(story.linked.story, story.linked.story.steps.length) : own;
      return caseOf(story, taken, yearsBefore(own > linked ? own : linked, today));
    }),
  );
}
