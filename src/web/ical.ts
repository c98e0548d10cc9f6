/**
 * A school's deadlines as an iCalendar feed (all-day events on the effective date), behind a private URL.
 * The URL's token is random; only its hash is stored; issuing a new one revokes the old.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { createEvents, type EventAttributes } from 'ics';
import type { Db } from '../db/client.js';
import { hashToken } from '../db/directory.js';
import { calendarFeeds } from '../db/schema-web.js';
import { addDays } from '../domain/dates.js';
import type { CaseView } from '../engine/case-view.js';
import { formatDateJa } from '../domain/wareki.js';

export async function issueCalendarFeed(db: Db, orgId: string, userId: string, now: Date): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(calendarFeeds).set({ revokedAt: now }).where(and(eq(calendarFeeds.orgId, orgId), isNull(calendarFeeds.revokedAt)));
    await tx.insert(calendarFeeds).values({ tokenHash: hashToken(token), orgId, createdBy: userId, createdAt: now });
  });
  return token;
}

export async function feedOwner(db: Db, token: string): Promise<{ orgId: string; createdBy: string } | null> {
  const [row] = await db
    .select({ orgId: calendarFeeds.orgId, createdBy: calendarFeeds.createdBy })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
  return row ?? null;
}

const ymd = (d: string) => d.split('-').map(Number) as [number, number, number];

export function deadlinesCalendar(views: CaseView[], publicUrl: string, schoolName: string): string {
  const events: EventAttributes[] = views.flatMap((v) =>
    v.deadlines.map((d) => ({
      uid: `${v.id}-${d.name}-${d.effective}@statutory-workflow.local`,
      start: ymd(d.effective),
      end: ymd(addDays(d.effective, 1)),
      title: `【${d.enforcement === 'hard' ? '厳守' : '目安'}期限】${d.label} — ${v.title}`,
      description: `${d.label}${d.form ? `〔${d.form}〕` : ''}\n期限: ${formatDateJa(d.nominal)}\n実質の期限: ${formatDateJa(d.effective)}\n状態: ${v.stateLabel}`,
      url: `${publicUrl.replace(/\/$/, '')}/cases/${v.id}`,
      calName: `${schoolName} 認定訓練の期限`,
      productId: 'statutory-workflow/ics',
    })),
  );
  if (!events.length) {
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:statutory-workflow/ics', `X-WR-CALNAME:${schoolName} 認定訓練の期限`, 'END:VCALENDAR', ''].join('\r\n');
  }
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error('calendar could not be built');
  return value;
}
