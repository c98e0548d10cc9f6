/**
 * Users for the admin pages: the list with what lets each one in (live API tokens, open sessions), one user,
 * a checked form, the invitation (the user and a one-time sign-in link in one transaction; the mail after
 * commit) and updates. Revoking access is src/db/directory.ts revokeUserAccess.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, ilike, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import { ROLES, type Role } from '../../../definitions/types.js';
import type { Db } from '../../db/client.js';
import { apiTokens, organizations, users } from '../../db/schema.js';
import { calendarFeeds, signInLinks, webSessions } from '../../db/schema-web.js';
import { AppError, notFound } from '../../errors.js';
import { errorChain } from '../../logger.js';
import { roleLabel } from '../../roles.js';
import { issueSignInLink } from '../auth/session-store.js';
import { checked, emailError, isId, nameError, type FieldErrors, type Posted } from './form.js';

/** The organisation kind a role acts for; analysts and administrators belong to none. */
export const ORG_KIND_OF_ROLE: Record<Role, 'school' | 'center' | 'hq' | null> = { school: 'school', center: 'center', hq: 'hq', analyst: null, admin: null };

export interface UserListItem {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  contact: boolean;
  digest: boolean;
  liveTokens: number;
  liveSessions: number;
}

export interface UserFilter {
  q?: string;
  role?: Role;
  page?: number;
}

export const USERS_PER_PAGE = 50;

const likeOf = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Users by e-mail address, filtered by words (address, name, organisation) and role, a page at a time. */
export async function listUsers(db: Db, f: UserFilter, now: Date): Promise<{ rows: UserListItem[]; hasNext: boolean }> {
  const where: SQL[] = [];
  for (const w of (f.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5)) {
    where.push(or(ilike(users.email, likeOf(w)), ilike(users.name, likeOf(w)), ilike(organizations.name, likeOf(w)))!);
  }
  if (f.role) where.push(eq(users.role, f.role));
  const page = Math.max(1, f.page ?? 1);
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, orgId: users.orgId, orgName: organizations.name, contact: users.contact, digest: users.digest })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.orgId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(users.email))
    .limit(USERS_PER_PAGE + 1)
    .offset((page - 1) * USERS_PER_PAGE);
  const shown = rows.slice(0, USERS_PER_PAGE);
  const access = await liveAccess(db, shown.map((r) => r.id), now);
  return {
    rows: shown.map((r) => ({ ...r, liveTokens: access.tokens.get(r.id) ?? 0, liveSessions: access.sessions.get(r.id) ?? 0 })),
    hasNext: rows.length > USERS_PER_PAGE,
  };
}

async function liveAccess(db: Db, ids: string[], now: Date) {
  if (!ids.length) return { tokens: new Map<string, number>(), sessions: new Map<string, number>() };
  const [t, s] = await Promise.all([
    db
      .select({ id: apiTokens.userId, n: count() })
      .from(apiTokens)
      .where(and(inArray(apiTokens.userId, ids), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
      .groupBy(apiTokens.userId),
    db
      .select({ id: webSessions.userId, n: count() })
      .from(webSessions)
      .where(and(inArray(webSessions.userId, ids), isNull(webSessions.revokedAt), gt(webSessions.expiresAt, now)))
      .groupBy(webSessions.userId),
  ]);
  return { tokens: new Map(t.map((r) => [r.id, r.n])), sessions: new Map(s.map((r) => [r.id, r.n])) };
}

export interface UserDetail extends UserListItem {
  /** Sign-in links sent and not used yet (still valid). */
  pendingLinks: number;
}

export async function userById(db: Db, id: string, now: Date): Promise<UserDetail> {
  const [row] = isId(id)
    ? await db
        .select({ id: users.id, email: users.email, name: users.name, role: users.role, orgId: users.orgId, orgName: organizations.name, contact: users.contact, digest: users.digest })
        .from(users)
        .leftJoin(organizations, eq(organizations.id, users.orgId))
        .where(eq(users.id, id))
    : [];
  if (!row) throw notFound('指定された利用者は登録されていません。利用者の一覧から開き直してください。');
  const [access, [links]] = await Promise.all([
    liveAccess(db, [row.id], now),
    db.select({ n: count() }).from(signInLinks).where(and(eq(signInLinks.userId, row.id), isNull(signInLinks.usedAt), gt(signInLinks.expiresAt, now))),
  ]);
  return { ...row, liveTokens: access.tokens.get(row.id) ?? 0, liveSessions: access.sessions.get(row.id) ?? 0, pendingLinks: links?.n ?? 0 };
}

export interface UserInput {
  email: string;
  name: string | null;
  role: Role;
  orgId: string | null;
  contact: boolean;
  digest: boolean;
}

/**
 * Checks a posted user form: the address (invitations only: it names the account and must be new), the role,
 * an organisation of the role's kind (none for analysts and administrators), the name and the two flags.
 * An administrator cannot change their own role (the last administrator could lock everyone out).
 */
export async function readUserForm(
  db: Db,
  f: Posted,
  opts: { invite: true } | { invite: false; user: { id: string; role: Role }; self: boolean },
): Promise<{ input: UserInput; errors: FieldErrors; conflict: boolean }> {
  const errors: FieldErrors = {};
  let conflict = false;
  const email = (f.email ?? '').trim().toLowerCase();
  if (opts.invite) {
    const bad = emailError(email);
    if (bad) errors.email = bad;
    else {
      const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (taken) {
        errors.email = `メールアドレス ${email} の利用者は既に登録されています。一覧から開いて変更してください。`;
        conflict = true;
      }
    }
  }
  const nameBad = nameError(f.name ?? '', '氏名', { required: false });
  if (nameBad) errors.name = nameBad;
  const role = (ROLES as readonly string[]).includes(f.role ?? '') ? (f.role as Role) : null;
  if (!role) errors.role = '役割を選んでください。';
  else if (!opts.invite && opts.self && role !== opts.user.role) errors.role = `自分自身の役割は変更できません（${roleLabel(opts.user.role)}のままです）。別の管理者に依頼してください。`;
  const orgId = f.orgId ? f.orgId : null;
  if (role) {
    const kind = ORG_KIND_OF_ROLE[role];
    if (!kind && orgId) errors.orgId = `${roleLabel(role)}は所属組織を持ちません。「所属なし」を選んでください。`;
    if (kind && !orgId) errors.orgId = `${roleLabel(role)}の利用者には所属する${roleLabel(kind)}を選んでください。`;
    if (kind && orgId) {
      const [org] = isId(orgId) ? await db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, orgId)) : [];
      if (!org) errors.orgId = '選んだ組織は登録されていません。一覧から選び直してください。';
      else if (org.kind !== kind) errors.orgId = `${roleLabel(role)}の利用者の所属は${roleLabel(kind)}でなければなりません。`;
    }
  }
  const input: UserInput = { email, name: (f.name ?? '').trim() || null, role: role ?? 'school', orgId, contact: checked(f, 'contact'), digest: checked(f, 'digest') };
  return { input, errors, conflict };
}

/** How long an invitation's sign-in link stays valid (a sign-in link asked for on the sign-in page: 15 minutes). */
export const INVITE_LINK_TTL_MS = 72 * 3_600_000;

/** The user and their one-time sign-in link together, or neither; the link's secret is returned once. */
export async function inviteUser(db: Db, input: UserInput, now: Date): Promise<{ id: string; linkToken: string }> {
  const id = randomUUID();
  try {
    const linkToken = await db.transaction(async (tx) => {
      await tx.insert(users).values({ id, email: input.email, name: input.name, role: input.role, orgId: input.orgId, contact: input.contact, digest: input.digest });
      return issueSignInLink(tx as unknown as Db, id, now, INVITE_LINK_TTL_MS);
    });
    return { id, linkToken };
  } catch (err) {
    // Two invitations of one address at once: the second meets the unique index, not a 500.
    if (errorChain(err).some((e) => (e as { code?: unknown }).code === '23505')) {
      throw new AppError(409, 'email_taken', `メールアドレス ${input.email} の利用者は既に登録されています。一覧から開いて変更してください。`, { field: 'email' });
    }
    throw err;
  }
}

/** A new invitation link for an existing user (the first one expired or was lost). */
export const reinviteLink = (db: Db, userId: string, now: Date) => issueSignInLink(db, userId, now, INVITE_LINK_TTL_MS);

/**
 * Saves role, organisation, name and the notification flags. A user who leaves an organisation also stops
 * handing out its deadlines: the calendar feed URLs they made for it are revoked in the same transaction.
 * Returns how many feeds were revoked.
 */
export async function updateUser(db: Db, id: string, input: UserInput, now: Date): Promise<{ calendarFeeds: number }> {
  return db.transaction(async (tx) => {
    const done = await tx
      .update(users)
      .set({ name: input.name, role: input.role, orgId: input.orgId, contact: input.contact, digest: input.digest })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!done.length) throw notFound('指定された利用者は登録されていません。利用者の一覧から開き直してください。');
    const left = and(eq(calendarFeeds.createdBy, id), isNull(calendarFeeds.revokedAt), input.orgId ? ne(calendarFeeds.orgId, input.orgId) : undefined);
    const feeds = await tx.update(calendarFeeds).set({ revokedAt: now }).where(left).returning({ id: calendarFeeds.tokenHash });
    return { calendarFeeds: feeds.length };
  });
}

/** Organisations to choose from in a user form, by kind. */
export async function orgChoices(db: Db) {
  return db.select({ id: organizations.id, kind: organizations.kind, name: organizations.name }).from(organizations).orderBy(asc(organizations.kind), asc(organizations.name));
}
