/** Organisations, users and their API tokens (stored as SHA-256 hashes; the token is shown once). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Role } from '../../definitions/types.js';
import { AppError } from '../errors.js';
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
    if (!center || center.kind !== 'center') throw new AppError(422, 'unknown_center', `organisation ${org.centerId} is not a regional centre`);
  }
  if (org.kind !== 'school' && org.centerId) throw new AppError(400, 'invalid_input', '--center applies to schools only');
  // A school without its regional centre would leave the centre's filings and notices with nowhere to go.
  if (org.kind === 'school' && !org.centerId) throw new AppError(400, 'invalid_input', 'a school needs --center (its regional centre)');
  const id = randomUUID();
  await db.insert(organizations).values({ id, kind: org.kind, name: org.name, centerId: org.centerId ?? null, trainingCorporation: org.trainingCorporation ?? false });
  return { id };
}

const ORG_KIND_OF_ROLE: Partial<Record<Role, string>> = { school: 'school', center: 'center', hq: 'hq' };

export async function addUser(
  db: Db,
  user: { role: Role; email: string; orgId?: string; name?: string; tokenTtlDays?: number },
  now: Date,
): Promise<{ id: string; token: string }> {
  const kind = ORG_KIND_OF_ROLE[user.role];
  if (kind) {
    if (!user.orgId) throw new AppError(400, 'invalid_input', `a ${user.role} user needs --org`);
    const [org] = await db.select().from(organizations).where(eq(organizations.id, user.orgId));
    if (!org || org.kind !== kind) throw new AppError(422, 'org_mismatch', `a ${user.role} user must belong to a ${kind} organisation`);
  }
  // Addresses are compared case-insensitively (sign-in lower-cases what is typed): store them lower-cased.
  const email = user.email.toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw new AppError(409, 'email_taken', `a user with email ${email} already exists`);
  const id = randomUUID();
  // The user and the token together, or neither: a retry after a failure must not meet 'email_taken'.
  const token = await db.transaction(async (tx) => {
    await tx.insert(users).values({ id, email, name: user.name ?? null, role: user.role, orgId: user.orgId ?? null });
    return issueToken(tx as unknown as Db, id, now, user.tokenTtlDays ?? 365);
  });
  return { id, token };
}

export async function issueToken(db: Db, userId: string, now: Date, ttlDays: number): Promise<string> {
  const token = `swe_${randomBytes(32).toString('base64url')}`;
  await db.insert(apiTokens).values({
    id: randomUUID(),
    userId,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + ttlDays * 86_400_000),
  });
  return token;
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
