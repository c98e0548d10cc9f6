/**
 * One-time sign-in links and browser sessions. Secrets are random 32-byte tokens; only their SHA-256 hashes
 * are stored. A link is single-use and short-lived; using it is one conditional UPDATE, so two clicks
 * racing each other cannot both sign in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { hashToken } from '../../db/directory.js';
import { organizations, users } from '../../db/schema.js';
import { signInLinks, webSessions } from '../../db/schema-web.js';
import type { WebUser } from '../env.js';

export const LINK_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;

const secret = () => randomBytes(32).toString('base64url');

export async function issueSignInLink(db: Db, userId: string, now: Date, ttlMs = LINK_TTL_MS): Promise<string> {
  const token = secret();
  await db.insert(signInLinks).values({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
  return token;
}

/** Marks the link used and returns its user, or null when it is unknown, used or expired. */
export async function consumeSignInLink(db: Db, token: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(signInLinks)
    .set({ usedAt: now })
    .where(and(eq(signInLinks.tokenHash, hashToken(token)), isNull(signInLinks.usedAt), gt(signInLinks.expiresAt, now)))
    .returning({ userId: signInLinks.userId });
  return row?.userId ?? null;
}

export async function openSession(db: Db, userId: string, now: Date, ttlMs = SESSION_TTL_MS): Promise<string> {
  const id = secret();
  await db.insert(webSessions).values({ idHash: hashToken(id), userId, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
  return id;
}

export async function closeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(webSessions).set({ revokedAt: now }).where(eq(webSessions.idHash, hashToken(sessionId)));
}

/** The CSRF token is derived from the session id, so it needs no storage and dies with the session. */
export const csrfTokenOf = (sessionId: string) => createHash('sha256').update(`csrf:${sessionId}`).digest('base64url');

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function sessionUser(db: Db, sessionId: string, now: Date): Promise<WebUser | null> {
  const [row] = await db
    .select({ userId: users.id, role: users.role, orgId: users.orgId, email: users.email, name: users.name, orgName: organizations.name })
    .from(webSessions)
    .innerJoin(users, eq(users.id, webSessions.userId))
    .leftJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(webSessions.idHash, hashToken(sessionId)), isNull(webSessions.revokedAt), gt(webSessions.expiresAt, now)));
  return row ? { ...row, csrf: csrfTokenOf(sessionId) } : null;
}

/** The user a session belonged to, whether or not it is still valid (to keep a form for its owner only). */
export async function sessionOwner(db: Db, sessionId: string): Promise<string | null> {
  const [row] = await db.select({ userId: webSessions.userId }).from(webSessions).where(eq(webSessions.idHash, hashToken(sessionId)));
  return row?.userId ?? null;
}

export async function userByEmail(db: Db, email: string) {
  const [row] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}
