/** The clock is injected everywhere so deadlines are testable and demos can pin a date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: string | Date): Clock {
  const t = new Date(at).getTime();
  return { now: () => new Date(t) };
}

/** A clock tests can move forward. */
export function manualClock(start: string | Date) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at: string | Date) => {
      t = new Date(at).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}
