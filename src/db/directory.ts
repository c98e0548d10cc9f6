/** Organisations, users and their API tokens (stored as SHA-256 hashes; the token is shown once). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Role } from '../../definitions/types.js';
import { AppError } from '../errors.js';
import { roleLabel } from '../roles.js';
import type { Db } from './client.js';
import { apiTokens, organizations, users } from './schema.js';
import { calendarFeeds, signInLinks, webSessions } from './schema-web.js';

/** Who a request acts as: a user with their role and organisation (what `authenticate` resolves a token to). */
export interface Principal {
  userId: string;
  role: Role;
  orgId: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function addOrganization(
  db: Db,
  org: { kind: 'school' | 'center' | 'hq'; name: string; centerId?: string; trainingCorporation?: boolean },
): Promise<{ id: string }> {
  if (org.kind === 'school' && org.centerId) {
    const [center] = await db.select().from(organizations).where(eq(organizations.id, org.centerId));
    if (!center || center.kind !== 'center') throw new AppError(422, 'unknown_center', '指定された組織は登録されている職業能力開発センターではありません', { centerId: org.centerId });
  }
  if (org.kind !== 'school' && org.centerId) throw new AppError(400, 'invalid_input', '管轄センターを指定できるのは訓練校だけです', { field: 'centerId' });
  // A school without its regional centre would leave the centre's filings and notices with nowhere to go.
  if (org.kind === 'school' && !org.centerId) throw new AppError(400, 'invalid_input', '訓練校には管轄の職業能力開発センターを指定してください', { field: 'centerId' });
  const id = randomUUID();
  await db.insert(organizations).values({ id, kind: org.kind, name: org.name, centerId: org.centerId ?? null, trainingCorporation: org.trainingCorporation ?? false });
  return { id };
}

const ORG_KIND_OF_ROLE: Partial<Record<Role, string>> = { school: 'school', center: 'center', hq: 'hq' };

/** How long an API token lives when no TTL is given (user:add, rotation), and the longest TTL accepted. */
export const DEFAULT_TOKEN_TTL_DAYS = 365;
export const MAX_TOKEN_TTL_DAYS = 3650;

/** Refuses a TTL that is not a whole number of days from 1 to MAX_TOKEN_TTL_DAYS (400). */
export function checkTokenTtlDays(ttlDays: number): number {
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > MAX_TOKEN_TTL_DAYS) {
    throw new AppError(400, 'invalid_input', `トークンの有効日数は1〜${MAX_TOKEN_TTL_DAYS}の整数で指定してください`, { field: 'ttlDays', min: 1, max: MAX_TOKEN_TTL_DAYS });
  }
  return ttlDays;
}

export async function addUser(
  db: Db,
  user: { role: Role; email: string; orgId?: string; name?: string; tokenTtlDays?: number },
  now: Date,
): Promise<{ id: string; token: string; expiresAt: string }> {
  const ttlDays = checkTokenTtlDays(user.tokenTtlDays ?? DEFAULT_TOKEN_TTL_DAYS);
  const kind = ORG_KIND_OF_ROLE[user.role];
  if (kind) {
    if (!user.orgId) throw new AppError(400, 'invalid_input', `${roleLabel(user.role)}の利用者には所属組織を指定してください`, { field: 'orgId' });
    const [org] = await db.select().from(organizations).where(eq(organizations.id, user.orgId));
    if (!org || org.kind !== kind) throw new AppError(422, 'org_mismatch', `${roleLabel(user.role)}の利用者の所属組織は${roleLabel(kind)}でなければなりません`, { field: 'orgId', expectedKind: kind });
  }
  // Addresses are compared case-insensitively (sign-in lower-cases what is typed): store them lower-cased.
  const email = user.email.toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw new AppError(409, 'email_taken', `メールアドレス ${email} の利用者は既に登録されています`, { email });
  const id = randomUUID();
  // The user and the token together, or neither: a retry after a failure must not meet 'email_taken'.
  const issued = await db.transaction(async (tx) => {
    await tx.insert(users).values({ id, email, name: user.name ?? null, role: user.role, orgId: user.orgId ?? null });
    return issueApiToken(tx as unknown as Db, id, now, ttlDays);
  });
  return { id, ...issued };
}

/** A new API token for a user, valid for `ttlDays` from `now`: the token (shown once) and its expiry (ISO 8601). */
export async function issueApiToken(db: Db, userId: string, now: Date, ttlDays: number): Promise<{ token: string; expiresAt: string }> {
  const token = `swe_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
  await db.insert(apiTokens).values({ id: randomUUID(), userId, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt: expiresAt.toISOString() };
}

export async function issueToken(db: Db, userId: string, now: Date, ttlDays: number): Promise<string> {
  return (await issueApiToken(db, userId, now, ttlDays)).token;
}

/**
 * Rotation: revokes a live token (neither revoked nor expired) and issues its holder a new one, valid for
 * `ttlDays` (default DEFAULT_TOKEN_TTL_DAYS), in one transaction. Null when the token is not live, so of two
 * rotations of one token only one succeeds.
 */
export async function rotateToken(
  db: Db,
  token: string,
  now: Date,
  ttlDays = DEFAULT_TOKEN_TTL_DAYS,
): Promise<{ userId: string; token: string; expiresAt: string } | null> {
  checkTokenTtlDays(ttlDays);
  return db.transaction(async (tx) => {
    const [old] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
      .returning({ userId: apiTokens.userId });
    if (!old) return null;
    return { userId: old.userId, ...(await issueApiToken(tx as unknown as Db, old.userId, now, ttlDays)) };
  });
}

/** Revokes one token (the caller's own, or one an admin holds). True when it was live until now. */
export async function revokeToken(db: Db, token: string, now: Date): Promise<boolean> {
  const done = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return done.length > 0;
}

/**
 * Revokes everything that lets a user in: every live API token and web session, and every unused sign-in
 * link. Returns the counts; null when there is no such user.
 */
export async function revokeUserAccess(
  db: Db,
  userId: string,
  now: Date,
): Promise<{ tokens: number; sessions: number; signInLinks: number; calendarFeeds: number } | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) return null;
    const tokens = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    const sessions = await tx
      .update(webSessions)
      .set({ revokedAt: now })
      .where(and(eq(webSessions.userId, userId), isNull(webSessions.revokedAt)))
      .returning({ id: webSessions.idHash });
    const links = await tx
      .update(signInLinks)
      .set({ usedAt: now })
      .where(and(eq(signInLinks.userId, userId), isNull(signInLinks.usedAt)))
      .returning({ id: signInLinks.tokenHash });
    // Calendar feed URLs the user handed out stop serving the school's deadlines too.
    const feeds = await tx
      .update(calendarFeeds)
      .set({ revokedAt: now })
      .where(and(eq(calendarFeeds.createdBy, userId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.tokenHash });
    return { tokens: tokens.length, sessions: sessions.length, signInLinks: links.length, calendarFeeds: feeds.length };
  });
}

export async function authenticate(db: Db, token: string, now: Date): Promise<Principal | null> {
  const [row] = await db
    .select({ userId: users.id, role: users.role, orgId: users.orgId })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))));
  return row ?? null;
}
