/**
 * Who in an office has taken a case on. A claim is bookkeeping of the office, not a step of the procedure:
 * it changes neither the state, the version nor the history, so it is written here and not by the engine.
 * Both writes are one conditional UPDATE, so two officers claiming at once cannot both win.
 */
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Principal } from '../db/directory.js';
import { cases, users } from '../db/schema.js';
import { canSee } from '../engine/access.js';
import { conflict, forbidden, notFound } from '../errors.js';

export const ASSIGNING_ROLES = ['hq', 'center'] as const;

async function visibleCase(db: Db, p: Principal, caseId: string) {
  if (!(ASSIGNING_ROLES as readonly string[]).includes(p.role)) throw forbidden('案件の担当を設定できるのは本庁・センターの担当者です');
  const [row] = await db
    .select({ id: cases.id, schoolOrgId: cases.schoolOrgId, centerOrgId: cases.centerOrgId, status: cases.status, assigneeUserId: cases.assigneeUserId })
    .from(cases)
    .where(eq(cases.id, caseId));
  // Another region's case answers like a missing one: its existence is not the viewer's business.
  if (!row || !canSee(p, row)) throw notFound('案件が見つかりません');
  return row;
}

async function holderName(db: Db, userId: string | null): Promise<string> {
  if (!userId) return '他の担当者';
  const [u] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return u ? `${u.name ?? u.email} さん` : '他の担当者';
}

/** The viewer takes the case on; again by the same viewer changes nothing. 409 when someone else holds it. */
export async function claimCase(db: Db, p: Principal, caseId: string, now: Date): Promise<void> {
  const row = await visibleCase(db, p, caseId);
  if (row.status !== 'active') throw conflict('case_done', '終了した案件は担当に設定できません');
  const claimed = await db
    .update(cases)
    .set({ assigneeUserId: p.userId, assignedAt: sql`CASE WHEN ${cases.assigneeUserId} IS NULL THEN ${now.toISOString()}::timestamptz ELSE ${cases.assignedAt} END` })
    .where(and(eq(cases.id, caseId), or(isNull(cases.assigneeUserId), eq(cases.assigneeUserId, p.userId))))
    .returning({ id: cases.id });
  if (claimed.length === 0) {
    const [now2] = await db.select({ assigneeUserId: cases.assigneeUserId }).from(cases).where(eq(cases.id, caseId));
    throw conflict('already_assigned', `この案件は既に${await holderName(db, now2?.assigneeUserId ?? null)}が担当しています。担当を外してもらってから設定してください。`);
  }
}

/** The viewer gives the case up; a case nobody holds stays so. 409 when someone else holds it. */
export async function releaseCase(db: Db, p: Principal, caseId: string): Promise<void> {
  const row = await visibleCase(db, p, caseId);
  if (row.assigneeUserId === null) return;
  const released = await db
    .update(cases)
    .set({ assigneeUserId: null, assignedAt: null })
    .where(and(eq(cases.id, caseId), eq(cases.assigneeUserId, p.userId)))
    .returning({ id: cases.id });
  if (released.length === 0) {
    const [current] = await db.select({ assigneeUserId: cases.assigneeUserId }).from(cases).where(eq(cases.id, caseId));
    if (current?.assigneeUserId === null) return;
    throw conflict('assigned_to_other', `この案件は${await holderName(db, current?.assigneeUserId ?? null)}が担当しています。担当を外せるのは担当している本人だけです。`);
  }
}

/** Names of assignees for a page of rows (one query). */
export async function assigneeNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(sql`${users.id} IN (${sql.join(wanted.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id, r.name ?? r.email]));
}

/** Who holds one case, for its page. */
export async function assigneeOf(db: Db, caseId: string): Promise<{ userId: string; name: string; since: Date | null } | null> {
  const [row] = await db
    .select({ userId: cases.assigneeUserId, since: cases.assignedAt, name: users.name, email: users.email })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assigneeUserId))
    .where(eq(cases.id, caseId));
  if (!row?.userId) return null;
  return { userId: row.userId, name: row.name ?? row.email ?? '（削除された利用者）', since: row.since };
}
