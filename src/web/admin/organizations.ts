/** Organisations for the admin pages: the list with counts, one organisation, and a checked update. */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { addOrganization } from '../../db/directory.js';
import { cases, organizations, users } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { checked, isId, nameError, type FieldErrors, type Posted } from './form.js';

export type OrgKind = 'school' | 'center' | 'hq';
export type OrgRow = typeof organizations.$inferSelect;

export const ORG_KIND_JA: Record<OrgKind, string> = { school: '訓練校', center: '職業能力開発センター', hq: '本庁' };

export interface OrgListItem {
  id: string;
  kind: OrgKind;
  name: string;
  centerId: string | null;
  centerName: string | null;
  trainingCorporation: boolean;
  users: number;
  activeCases: number;
  /** Schools of a centre's region. */
  schools: number;
}

async function countsBy(db: Db) {
  const [u, c] = await Promise.all([
    db.select({ id: users.orgId, n: count() }).from(users).groupBy(users.orgId),
    db.select({ id: cases.schoolOrgId, n: count() }).from(cases).where(eq(cases.status, 'active')).groupBy(cases.schoolOrgId),
  ]);
  return { users: new Map(u.map((r) => [r.id, r.n])), cases: new Map(c.map((r) => [r.id, r.n])) };
}

/** Every organisation by kind, names in order, with its users, active cases (schools) and schools (centres). */
export async function listOrganizations(db: Db): Promise<Record<OrgKind, OrgListItem[]>> {
  const [rows, counts] = await Promise.all([db.select().from(organizations).orderBy(asc(organizations.name), asc(organizations.id)), countsBy(db)]);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const schoolsOf = new Map<string, number>();
  for (const r of rows) if (r.kind === 'school' && r.centerId) schoolsOf.set(r.centerId, (schoolsOf.get(r.centerId) ?? 0) + 1);
  const items = rows.map(
    (r): OrgListItem => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      centerId: r.centerId,
      centerName: r.centerId ? (names.get(r.centerId) ?? null) : null,
      trainingCorporation: r.trainingCorporation,
      users: counts.users.get(r.id) ?? 0,
      activeCases: counts.cases.get(r.id) ?? 0,
      schools: schoolsOf.get(r.id) ?? 0,
    }),
  );
  return { school: items.filter((i) => i.kind === 'school'), center: items.filter((i) => i.kind === 'center'), hq: items.filter((i) => i.kind === 'hq') };
}

export async function organizationById(db: Db, id: string): Promise<OrgRow> {
  const [row] = isId(id) ? await db.select().from(organizations).where(eq(organizations.id, id)) : [];
  if (!row) throw notFound('指定された組織は登録されていません。組織の一覧から開き直してください。');
  return row;
}

export async function activeCasesOf(db: Db, schoolId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(cases).where(and(eq(cases.schoolOrgId, schoolId), eq(cases.status, 'active')));
  return r?.n ?? 0;
}

/** What an organisation form asks: a name, and for a school its centre and whether it is a 職業訓練法人. */
export interface OrgInput {
  name: string;
  centerId?: string;
  trainingCorporation?: boolean;
}

/** Checks a posted organisation form; the centre must be a registered centre. */
export async function readOrgForm(db: Db, kind: OrgKind, f: Posted): Promise<{ input: OrgInput; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const name = (f.name ?? '').trim();
  const bad = nameError(f.name ?? '', `${ORG_KIND_JA[kind]}の名称`, { required: true });
  if (bad) errors.name = bad;
  if (kind !== 'school') return { input: { name }, errors };
  const centerId = f.centerId ?? '';
  if (!centerId) errors.centerId = '管轄の職業能力開発センターを選んでください。';
  else {
    const [center] = isId(centerId) ? await db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, centerId)) : [];
    if (center?.kind !== 'center') errors.centerId = '選んだセンターは登録されていません。一覧から選び直してください。';
  }
  return { input: { name, centerId, trainingCorporation: checked(f, 'trainingCorporation') }, errors };
}

/** Registers an organisation (the same rules as the CLI's org:add). */
export async function createOrganization(db: Db, kind: OrgKind, input: OrgInput) {
  return addOrganization(db, { kind, name: input.name, centerId: input.centerId, trainingCorporation: input.trainingCorporation });
}

/**
 * Saves an organisation's name (and a school's centre and 法人 flag) in one statement. Open cases keep the
 * school's facts and centre they were opened with; new cases take the new ones.
 */
export async function updateOrganization(db: Db, org: OrgRow, input: OrgInput): Promise<OrgRow> {
  const set = org.kind === 'school' ? { name: input.name, centerId: input.centerId!, trainingCorporation: input.trainingCorporation ?? false } : { name: input.name };
  const [row] = await db.update(organizations).set(set).where(and(eq(organizations.id, org.id), eq(organizations.kind, org.kind))).returning();
  if (!row) throw notFound('指定された組織は登録されていません。組織の一覧から開き直してください。');
  return row;
}
