/**
 * Who receives an outbox row. The engine names a party and its organisation; here that organisation's
 * contact users become addresses, after checking the organisation can see the case (a message never goes
 * to an organisation that could not open the case it describes).
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { canSee, type CaseScope } from '../engine/access.js';
import { cases, organizations, users } from '../db/schema.js';

/** Templates a digest reader does not get one by one: the digest lists the same deadlines. */
export const DIGESTED_TEMPLATES = new Set(['reminder', 'due']);

export interface OrgScope {
  id: string;
  kind: 'school' | 'center' | 'hq';
}

/** The API's visibility rule (canSee), asked for an organisation: its members would see the case. */
export function orgCanSee(org: OrgScope, c: CaseScope): boolean {
  return canSee({ userId: '', role: org.kind, orgId: org.id }, c);
}

export interface RecipientRow {
  caseId: string | null;
  recipientOrgId: string | null;
  template: string;
  payload: unknown;
}

export interface CaseFacts {
  schoolOrgId: string;
  centerOrgId: string | null;
  schoolName: string;
}

export type Resolution =
  /** Send to these addresses. */
  | { kind: 'send'; to: string[]; org: { id: string; name: string } | null; case: CaseFacts | null }
  /** Nothing to send, and nothing wrong: every contact reads the digest instead. */
  | { kind: 'skip'; reason: string }
  /** Cannot be sent until someone fixes the data; the row is failed at once so an officer sees it. */
  | { kind: 'fail'; reason: string };

export async function resolveRecipients(db: Db, row: RecipientRow): Promise<Resolution> {
  if (row.template === 'digest') return digestRecipient(db, row);
  if (!row.recipientOrgId) return { kind: 'fail', reason: 'no recipient organisation on the outbox row' };
  const [org] = await db.select().from(organizations).where(eq(organizations.id, row.recipientOrgId));
  if (!org) return { kind: 'fail', reason: `recipient organisation ${row.recipientOrgId} does not exist` };
  let facts: CaseFacts | null = null;
  if (row.caseId) {
    facts = await caseFacts(db, row.caseId);
    if (!facts) return { kind: 'fail', reason: `case ${row.caseId} does not exist` };
    if (!orgCanSee(org, facts)) return { kind: 'fail', reason: `organisation ${org.name} cannot see case ${row.caseId}; not sent` };
  }
  const contacts = await db
    .select({ email: users.email, digest: users.digest })
    .from(users)
    .where(and(eq(users.orgId, org.id), eq(users.contact, true), isNotNull(users.email)));
  const withAddress = contacts.filter((u) => u.email.includes('@'));
  if (withAddress.length === 0) return { kind: 'fail', reason: `no contact address: organisation ${org.name} has no contact user with an email address` };
  const single = DIGESTED_TEMPLATES.has(row.template) ? withAddress.filter((u) => !u.digest) : withAddress;
  if (single.length === 0) return { kind: 'skip', reason: 'every contact of the organisation reads the daily digest' };
  return { kind: 'send', to: [...new Set(single.map((u) => u.email))].sort(), org: { id: org.id, name: org.name }, case: facts };
}

async function caseFacts(db: Db, caseId: string): Promise<CaseFacts | null> {
  const [c] = await db
    .select({ schoolOrgId: cases.schoolOrgId, centerOrgId: cases.centerOrgId, schoolName: organizations.name })
    .from(cases)
    .innerJoin(organizations, eq(organizations.id, cases.schoolOrgId))
    .where(eq(cases.id, caseId));
  return c ?? null;
}

/** A digest row names its one reader; it still must be a contact who chose the digest. */
async function digestRecipient(db: Db, row: RecipientRow): Promise<Resolution> {
  const userId = (row.payload as { userId?: string }).userId;
  if (!userId) return { kind: 'fail', reason: 'digest row without a user' };
  const [u] = await db
    .select({ email: users.email, digest: users.digest, contact: users.contact, orgId: organizations.id, orgName: organizations.name })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(users.id, userId));
  if (!u) return { kind: 'fail', reason: `user ${userId} does not exist` };
  if (!u.digest || !u.contact) return { kind: 'skip', reason: 'the user no longer reads the digest' };
  return { kind: 'send', to: [u.email], org: u.orgId && u.orgName ? { id: u.orgId, name: u.orgName } : null, case: null };
}
