/**
 * What needs an operator, for the incidents page: notifications the dispatcher gave up on, timers whose firing
 * failed (src/engine/incidents.ts), and timers and notifications stuck in the queue long past their moment.
 * Reads only; retries go through retryNotification (src/notify/queries.ts) and retryIncident.
 */
import { and, asc, count, eq, inArray, lt } from 'drizzle-orm';
import type { Registry } from '../../../definitions/registry.js';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../db/directory.js';
import { cases, organizations, outbox, timers } from '../../db/schema.js';
import { listIncidents, listStuckTimers, STUCK_AFTER_MS, type Incident } from '../../engine/incidents.js';
import { listNotifications } from '../../notify/queries.js';
import { PARTY_JA } from '../ui/dates.js';

/** At most this many rows per list: an operator fixes the cause, not each row. */
export const INCIDENTS_SHOWN = 100;

export const TEMPLATE_JA: Record<string, string> = {
  received: '受付の通知',
  decision: '審査結果等の通知',
  reminder: '期限前のリマインダー',
  due: '期限日の通知',
  missed: '期限超過の通知',
  escalation: '期限超過の報告（監督機関あて）',
  digest: '日次のまとめ',
  'catch-up': '停止中に届かなかった通知のまとめ',
};

export const TIMER_KIND_JA: Record<string, string> = { reminder: '期限前のリマインダー', due: '期限日の通知', overdue: '期限超過の通知' };

/** What an operator can make of an error the dispatcher or the scheduler recorded (the original stays beside it). */
const EXPLAINED: [RegExp, string][] = [
  [/^permanent SMTP error/, 'メールサーバーが受け取りを拒否しました（恒久的なエラー）。宛先のメールアドレスが正しいかを確かめてください。'],
  [/no contact address/, '宛先の組織に、通知を受け取る利用者がいません。利用者の画面で「組織あての通知メールを受け取る」を設定してください。'],
  [/cannot see case/, '宛先の組織はこの案件を見られません（管轄の変更など）。組織の設定を確かめてください。'],
  [/does not exist|without a user/, '宛先の組織・利用者又は案件が見つかりません。'],
  [/is not registered/, 'この案件の手続の定義（作成したときの版）が登録されていません。サーバーの更新内容を確かめてください。'],
  [/ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENOTFOUND|ESOCKET|timeout/i, 'メールサーバーに接続できませんでした。SMTP_URL の設定とメールサーバーの状態を確かめてください。'],
  [/^4\d\d\b/, 'メールサーバーが一時的に受け取りを断りました。時間をおいて再実行してください。'],
];

export const explainError = (text: string | null): string | null => (text ? (EXPLAINED.find(([re]) => re.test(text))?.[1] ?? null) : null);

export interface NotificationIncident {
  id: string;
  caseId: string | null;
  caseTitle: string | null;
  what: string;
  kindLabel: string;
  to: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  lastTriedAt: Date | null;
  nextAttemptAt: Date;
}

export interface TimerIncident extends Incident {
  procedureTitle: string;
  deadlineLabel: string;
  kindLabel: string;
  lockedUntil?: string | null;
}

interface Payload {
  caseTitle?: string;
  procedureTitle?: string;
  eventLabel?: string;
  deadline?: { label?: string };
  items?: unknown[];
  day?: string;
  /** When the event or deadline the message tells of happened (the engine's clock). */
  at?: string;
}

function describeRow(r: { template: string; payload: unknown }): string {
  const p = (r.payload ?? {}) as Payload;
  if (r.template === 'digest') return `${p.day ?? ''}のまとめ（${p.items?.length ?? 0}件）`;
  if (r.template === 'catch-up') return `${p.procedureTitle ?? ''}：停止中の通知のまとめ（${p.items?.length ?? 0}件）`;
  const about = p.eventLabel ?? p.deadline?.label ?? '';
  return [p.procedureTitle, about].filter(Boolean).join('：') || TEMPLATE_JA[r.template] || '通知';
}

/** The moment the message is about (the engine's injected clock); the row's insert time when it has none. */
function when(r: { payload: unknown; createdAt: Date }): Date {
  const at = (r.payload as Payload | null)?.at;
  const d = typeof at === 'string' ? new Date(at) : null;
  return d && !Number.isNaN(d.getTime()) ? d : r.createdAt;
}

async function orgNames(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function caseTitles(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await db.select({ id: cases.id, title: cases.title }).from(cases).where(inArray(cases.id, wanted));
  return new Map(rows.map((r) => [r.id, r.title]));
}

type OutboxLike = typeof outbox.$inferSelect & { lastDelivery?: { at: Date } | null };

async function notificationsOf(db: Db, rows: OutboxLike[]): Promise<NotificationIncident[]> {
  const [orgs, titles] = await Promise.all([orgNames(db, rows.map((r) => r.recipientOrgId)), caseTitles(db, rows.map((r) => r.caseId))]);
  return rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    caseTitle: r.caseId ? (titles.get(r.caseId) ?? ((r.payload as Payload)?.caseTitle || null)) : null,
    what: describeRow(r),
    kindLabel: TEMPLATE_JA[r.template] ?? '通知',
    to: [PARTY_JA[r.recipientParty] ?? '担当者', r.recipientOrgId ? orgs.get(r.recipientOrgId) : null].filter(Boolean).join('・'),
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: when(r),
    lastTriedAt: r.lastDelivery?.at ?? null,
    nextAttemptAt: r.nextAttemptAt,
  }));
}

function timersOf(registry: Registry, rows: (Incident & { lockedUntil?: string | null })[]): TimerIncident[] {
  return rows.map((t) => {
    const d = (t.procedure && t.definitionVersion ? registry.get(t.procedure, t.definitionVersion) : undefined) ?? (t.procedure ? registry.latest(t.procedure) : undefined);
    return {
      ...t,
      procedureTitle: d?.title ?? '（登録されていない手続）',
      deadlineLabel: d?.deadlines[t.deadline]?.label ?? '（手続の定義にない期限）',
      kindLabel: TIMER_KIND_JA[t.kind] ?? '期限の通知',
    };
  });
}

export interface IncidentOverview {
  failedNotifications: NotificationIncident[];
  failedTimers: TimerIncident[];
  stuckTimers: TimerIncident[];
  stuckNotifications: NotificationIncident[];
  stuckAfterMs: number;
}

export async function incidentOverview(db: Db, registry: Registry, viewer: Principal, now: Date): Promise<IncidentOverview> {
  const before = new Date(now.getTime() - STUCK_AFTER_MS);
  const [failed, failedTimers, stuckTimers, stuck] = await Promise.all([
    listNotifications(db, viewer, { status: 'failed', limit: INCIDENTS_SHOWN }),
    listIncidents(db, { limit: INCIDENTS_SHOWN }),
    listStuckTimers(db, now, { limit: INCIDENTS_SHOWN }),
    db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lt(outbox.nextAttemptAt, before)))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(INCIDENTS_SHOWN),
  ]);
  return {
    failedNotifications: await notificationsOf(db, failed),
    failedTimers: timersOf(registry, failedTimers),
    stuckTimers: timersOf(registry, stuckTimers),
    stuckNotifications: await notificationsOf(db, stuck),
    stuckAfterMs: STUCK_AFTER_MS,
  };
}

/** Counts for the admin home page (every row, not only the ones a list shows). */
export async function incidentCounts(db: Db, now: Date) {
  const before = new Date(now.getTime() - STUCK_AFTER_MS);
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  const [failedMail, failedTimers, stuckMail, stuckTimers] = await Promise.all([
    n(db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'failed'))),
    n(db.select({ n: count() }).from(timers).where(eq(timers.status, 'failed'))),
    n(db.select({ n: count() }).from(outbox).where(and(eq(outbox.status, 'pending'), lt(outbox.nextAttemptAt, before)))),
    n(db.select({ n: count() }).from(timers).where(and(eq(timers.status, 'pending'), lt(timers.fireAt, before)))),
  ]);
  return { failed: failedMail + failedTimers, stuck: stuckMail + stuckTimers };
}
