/**
 * The .ics attachment of a deadline message: one all-day event on the effective date, so the date lands in
 * the school's calendar. The UID is stable per case, deadline and date: a second message about the same
 * deadline updates the calendar entry instead of adding another one.
 */
import { createEvent } from 'ics';
import { addDays, type IsoDate } from '../domain/dates.js';

export interface DeadlineEvent {
  caseId: string;
  deadlineName: string;
  title: string;
  description: string;
  effective: IsoDate;
  url: string;
  /** DTSTAMP comes from the injected clock, never the wall clock. */
  stamp: Date;
  uidDomain: string;
}

const parts = (d: IsoDate) => d.split('-').map(Number) as [number, number, number];

export function deadlineIcs(e: DeadlineEvent): string {
  const { error, value } = createEvent({
    uid: `${e.caseId}-${e.deadlineName}-${e.effective}@${e.uidDomain}`,
    productId: 'statutory-workflow/notify',
    method: 'PUBLISH',
    title: e.title,
    description: e.description,
    url: e.url,
    start: parts(e.effective),
    end: parts(addDays(e.effective, 1)),
    transp: 'TRANSPARENT',
    timestamp: e.stamp.getTime(),
    alarms: [{ action: 'display', description: e.title, trigger: { hours: 24, before: true } }],
  } as Parameters<typeof createEvent>[0] & { timestamp: number });
  if (error || !value) throw new Error(`could not build the calendar entry: ${error?.message ?? 'empty'}`);
  return value;
}
