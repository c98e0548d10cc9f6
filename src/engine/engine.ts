/**
 * The runtime: creates cases and applies events, each in ONE transaction (lock + version check, pure
 * transition, snapshot + history + timers + outbox). A rejected event writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, getTableColumns, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { Registry } from '../../definitions/registry.js';
import type { Actor, AnyProcedureDefinition, EngineEvent, FigureRow, LinkedCase, RelatedCase, SchoolOrg } from '../../definitions/types.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { caseEvents, cases, organizations } from '../db/schema.js';
import type { Principal } from '../db/directory.js';
import { canSee, canSend } from './access.js';
import { caseView, type CaseView } from './case-view.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors.js';
import { zodDetails } from './zod-details.js';
import { roleLabel, roleLabels } from '../roles.js';
import { loadSettings, type CaseSettings } from './settings.js';
import { restore, stateLabel, type StoredSnapshot } from './snapshot.js';
import { refusal, stateAccepts } from './candidates.js';
import { computeNext, hqOrgLookup, persistStep, stageStep, type CaseRow, type LiveTimer, type Tx } from './step.js';
import { flushWrites, WriteSet } from './step-writes.js';
import { loadOpenSchoolCases, readsSchoolCases } from './school-cases.js';
import { settingsFor, type StoredSetting } from '../../definitions/common/settings.js';

export interface EngineDeps {
  db: Db;
  clock: Clock;
  registry: Registry;
}

export interface CaseFilter {
  procedure?: string;
  state?: string;
  org?: string;
  dueBefore?: string;
  waitingOn?: string;
  fiscalYear?: number;
  status?: 'active' | 'done';
  limit?: number;
  offset?: number;
}

const userActor = (p: Principal): Actor => ({ kind: 'user', userId: p.userId, role: p.role, orgId: p.orgId });

export function createEngine({ db, clock, registry }: EngineDeps) {
  const hqOrgId = hqOrgLookup();
  function definitionOf(row: Pick<CaseRow, 'procedure' | 'definitionVersion'>): AnyProcedureDefinition {
    const d = registry.get(row.procedure, row.definitionVersion);
    if (!d) throw new Error(`definition ${row.procedure}@${row.definitionVersion} is not registered`);
    return d;
  }

  function viewOf(row: CaseRow, viewer: Principal | null, settings: CaseSettings): CaseView {
    const definition = definitionOf(row);
    return caseView(definition, row, restore(definition.machine, row.snapshot as StoredSnapshot), viewer, settings, clock.now());
  }

  async function readCase(viewer: Principal, caseId: string): Promise<CaseRow> {
    const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
    if (!row) throw caseNotFound(caseId);
    if (!canSee(viewer, row)) throw forbidden(OTHER_ORGANISATION);
    return row;
  }

  async function createCase(p: Principal, procedure: string, rawInput: unknown): Promise<CaseView> {
    const definition = registry.latest(procedure);
    if (!definition) throw notFound(`手続「${procedure.slice(0, 40)}」はありません`);
    if (!definition.createRoles.includes(p.role)) {
      throw forbidden(`${roleLabel(p.role)}の担当者は${definition.title}の案件を作成できません（作成できるのは${roleLabels(definition.createRoles)}の担当者です）`);
    }
    const parsed = definition.inputSchema.safeParse(rawInput ?? {});
    if (!parsed.success) throw badRequest('invalid_input', `${definition.title}の案件の作成内容に誤りがあります`, zodDetails(parsed.error));
    const input = parsed.data as Record<string, unknown> & { schoolOrgId?: string };
    const schoolOrgId = p.role === 'school' ? p.orgId : input.schoolOrgId;
    if (p.role === 'school' && input.schoolOrgId && input.schoolOrgId !== p.orgId) {
      throw forbidden('訓練校は自校の案件だけを作成できます');
    }
    if (!schoolOrgId) throw badRequest('invalid_input', '本庁が案件を作成するときは、対象の訓練校を指定してください', {
        issues: [{ path: 'schoolOrgId', message: '訓練校を指定してください', code: 'required' }],
      });
    return db.transaction(async (tx) => {
      const created = await openCase(tx, definition, input, schoolOrgId, userActor(p), p);
      return viewOf(created.row, p, created.settings);
    });
  }

  /**
   * Opens a case in the caller's transaction. `opener` is the user who asks (their right to see the school is
   * checked); the engine itself opens cases of a definition's `openings` with none, marked as opened automatically.
   */
  async function openCase(tx: Tx, definition: AnyProcedureDefinition, input: Record<string, unknown>, schoolOrgId: string, actor: Actor, opener: Principal | null) {
    const fiscalYear = definition.fiscalYearOf(input);
    const now = clock.now();
    const id = randomUUID();
    const [school] = await tx.select().from(organizations).where(eq(organizations.id, schoolOrgId));
    if (!school || school.kind !== 'school') throw new AppError(422, 'unknown_school', '指定された組織は登録されている訓練校ではありません', { orgId: schoolOrgId });
    // Whoever opens a case must be able to see it: a centre only for the schools of its region.
    if (opener && !canSee(opener, { schoolOrgId, centerOrgId: school.centerId })) throw forbidden(OTHER_ORGANISATION);
    const settings = await loadSettings(tx, definition, fiscalYear);
    const linkedCase = opener ? await loadLinkedCase(tx, opener, definition, input, (id) => registry.latest(id)?.title ?? '別の手続') : null;
    const relatedCases = await loadRelatedCases(tx, definition, input, schoolOrgId);
    // Facts about the school come from its registration, never from what the filer says.
    const schoolOrg = { id: school.id, name: school.name, trainingCorporation: school.trainingCorporation };
    const [snapshot] = initialTransition(definition.machine, { ...input, fiscalYear, schoolOrgId, linkedCase, relatedCases, schoolOrg });
    const title = definition.caseTitle(snapshot.context);
    const event: EngineEvent = { type: 'CASE_CREATED', data: input, at: now.toISOString(), actor, ...settings };
    const row = { id, schoolOrgId, centerOrgId: school.centerId, title };
    await persistStep(tx, {
      definition,
      row,
      prev: null,
      next: snapshot as AnyMachineSnapshot,
      event,
      now,
      insertCase: { ...row, procedure: definition.id, definitionVersion: definition.version, fiscalYear, createdAt: now, openedAutomatically: opener === null },
      hqOrgId,
    });
    const [created] = await tx.select().from(cases).where(eq(cases.id, id));
    return { row: created!, settings };
  }

  /**
   * Opens the case a definition's `openings` gives a school for a fiscal year, unless one is open already (by a
   * user, or by another node in the same moment: the unique index on automatic openings). Returns its id or null.
   */
  async function openForSchool(definition: AnyProcedureDefinition, schoolOrgId: string, fiscalYear: number, schoolOrg: SchoolOrg): Promise<string | null> {
    if (!definition.openings) throw new Error(`${definition.id} has no openings`);
    const input = definition.inputSchema.parse(definition.openings.input(fiscalYear, schoolOrg)) as Record<string, unknown>;
    try {
      return await db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: cases.id })
          .from(cases)
          .where(and(eq(cases.procedure, definition.id), eq(cases.schoolOrgId, schoolOrgId), eq(cases.fiscalYear, fiscalYear)))
          .limit(1);
        if (existing) return null;
        const created = await openCase(tx, definition, input, schoolOrgId, SYSTEM_ACTOR, null);
        return created.row.id;
      });
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /** Applies a user's event. Errors: 400 payload, 403 role/organisation, 404, 409 state or stale version, 422 rule. */
  async function applyEvent(
    p: Principal,
    caseId: string,
    body: { type: string; data?: unknown },
    opts: { ifMatch?: number } = {},
  ): Promise<CaseView> {
    // Optimistic first: one read (case, settings, live timers), the pure checks and transition, then one
    // statement that writes only if the case still has the version read. When another writer came in between
    // (a scheduler, another officer), the second try takes the row lock first and decides on the new state, so
    // a burst of events on one case costs at most two tries each.
    const first = await stepOnce(db, await readForStep(db, caseId));
    if (first) return first;
    return db.transaction(async (tx) => {
      const [locked] = await readForSteps(tx, [caseId], true);
      if (!locked) throw caseNotFound(caseId);
      const view = await stepOnce(tx, locked);
      if (!view) throw new Error(`case ${caseId} changed under its row lock`);
      return view;
    });

    async function stepOnce(on: Db | Tx, { row, stored, live }: CaseForStep): Promise<CaseView | null> {
      if (!canSee(p, row)) throw forbidden(OTHER_ORGANISATION);
      const definition = definitionOf(row);
      // Own properties only: 'constructor' or '__proto__' are not events.
      const eventDef = Object.hasOwn(definition.events, body.type) ? definition.events[body.type] : undefined;
      if (!eventDef) {
        throw badRequest('unknown_event', `${definition.title}に「${String(body.type).slice(0, 60)}」という操作はありません`, {
          events: Object.keys(definition.events),
        });
      }
      if (!canSend(p, eventDef.roles, row)) {
        throw forbidden(`${roleLabel(p.role)}の担当者は「${eventDef.label}」を送信できません（送信できるのは${roleLabels(eventDef.roles)}の担当者です）`);
      }
      const parsed = eventDef.schema.safeParse(body.data ?? {});
      if (!parsed.success) {
        throw badRequest('invalid_payload', `${eventDef.label}${eventDef.form ? `〔${eventDef.form}〕` : ''} の入力内容に誤りがあります`, zodDetails(parsed.error));
      }
      if (opts.ifMatch !== undefined && opts.ifMatch !== row.version) {
        throw conflict('stale_version', `この案件は他の担当者が先に更新しました（現在は第${row.version}版、送信は第${opts.ifMatch}版に基づいています）。最新の内容を確認してから、もう一度送信してください`, {
          version: row.version,
        });
      }
      const snapshot = restore(definition.machine, row.snapshot as StoredSnapshot);
      if (!stateAccepts(snapshot, body.type)) {
        const possible = Object.keys(definition.events).filter((t) => stateAccepts(snapshot, t));
        const hint = possible.length ? `この状態で行える操作: ${possible.map((t) => `「${definition.events[t]!.label}」`).join('、')}` : 'この状態で行える操作はありません';
        throw conflict('event_not_allowed', `現在の状態「${stateLabel(snapshot)}」では「${eventDef.label}」は受け付けられません。${hint}`, {
          state: row.state,
          allowedEvents: possible,
        });
      }
      const settingsOf = settingsFor(definition, stored);
      const settings: CaseSettings = { settings: settingsOf(row.fiscalYear), settingsOf };
      const now = clock.now();
      const event: EngineEvent = { type: body.type, data: parsed.data, at: now.toISOString(), actor: userActor(p), ...settings };
      if (readsSchoolCases(definition, body.type)) event.schoolCases = await loadOpenSchoolCases(on, row, definitionOf);
      const violation = refusal(definition, snapshot, event);
      if (violation) throw new AppError(422, 'rule_violation', violation.message, violation);
      const next = computeNext(definition, snapshot, event);
      const writes = new WriteSet();
      const columns = stageStep(writes, { definition, row, prev: { state: row.state, version: row.version }, next, event, now, live, hqOrgId: await hqOrgId(on) });
      const written = await flushWrites(on, writes);
      return written.has(row.id) ? viewOf({ ...row, ...columns }, p, settings) : null;
    }
  }

  async function getCase(p: Principal, caseId: string): Promise<CaseView> {
    const row = await readCase(p, caseId);
    return viewOf(row, p, await loadSettings(db, definitionOf(row), row.fiscalYear));
  }

  async function history(p: Principal, caseId: string) {
    await readCase(p, caseId);
    return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
  }

  async function listCases(p: Principal, f: CaseFilter) {
    const where: SQL[] = [];
    if (p.role === 'school') where.push(eq(cases.schoolOrgId, p.orgId ?? '00000000-0000-0000-0000-000000000000'));
    if (p.role === 'center') where.push(eq(cases.centerOrgId, p.orgId ?? '00000000-0000-0000-0000-000000000000'));
    if (f.procedure) where.push(eq(cases.procedure, f.procedure));
    if (f.state) where.push(eq(cases.state, f.state));
    if (f.org) where.push(sql`(${cases.schoolOrgId} = ${f.org} OR ${cases.centerOrgId} = ${f.org})`);
    if (f.dueBefore) where.push(lte(cases.nextDue, f.dueBefore));
    if (f.waitingOn) where.push(eq(cases.waitingOn, f.waitingOn));
    if (f.fiscalYear) where.push(eq(cases.fiscalYear, f.fiscalYear));
    if (f.status) where.push(eq(cases.status, f.status));
    const rows = await db
      .select({
        id: cases.id,
        procedure: cases.procedure,
        title: cases.title,
        state: cases.state,
        status: cases.status,
        version: cases.version,
        schoolOrgId: cases.schoolOrgId,
        centerOrgId: cases.centerOrgId,
        fiscalYear: cases.fiscalYear,
        waitingOn: cases.waitingOn,
        nextDue: cases.nextDue,
        updatedAt: cases.updatedAt,
      })
      .from(cases)
      .where(where.length ? and(...where) : undefined)
      .orderBy(sql`${cases.nextDue} ASC NULLS LAST`, asc(cases.id))
      .limit(Math.min(f.limit ?? 50, 500))
      .offset(f.offset ?? 0);
    return rows;
  }

  return { createCase, openForSchool, applyEvent, getCase, history, listCases, definitionOf };
}

export type Engine = ReturnType<typeof createEngine>;

/** The school's cases a definition reads when a case opens (`related`), with their figures. */
async function loadRelatedCases(tx: Tx, definition: AnyProcedureDefinition, input: unknown, schoolOrgId: string): Promise<RelatedCase[]> {
  if (!definition.related) return [];
  const rows = await tx
    .select({ id: cases.id, procedure: cases.procedure, title: cases.title, state: cases.state, status: cases.status, figures: cases.figures })
    .from(cases)
    .where(
      and(
        eq(cases.schoolOrgId, schoolOrgId),
        eq(cases.fiscalYear, definition.related.fiscalYearOf(input)),
        inArray(cases.procedure, definition.related.procedures),
      ),
    )
    .orderBy(asc(cases.createdAt), asc(cases.id));
  return rows.map((r) => ({ id: r.id, procedure: r.procedure, title: r.title, state: r.state, done: r.status === 'done', figures: (r.figures as FigureRow[] | null) ?? [] }));
}

const SYSTEM_ACTOR: Actor = { kind: 'scheduler', userId: null, role: 'system', orgId: null };

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

async function loadLinkedCase(
  tx: Tx,
  p: Principal,
  definition: AnyProcedureDefinition,
  input: unknown,
  titleOf: (procedure: string) => string,
): Promise<LinkedCase | null> {
  const linkedId = definition.link?.caseIdOf(input);
  if (!linkedId || !definition.link) return null;
  const [row] = await tx.select().from(cases).where(eq(cases.id, linkedId));
  if (!row || !canSee(p, row)) throw new AppError(422, 'unknown_linked_case', '指定された関連案件が見つかりません（閲覧できる案件を指定してください）', { caseId: linkedId });
  if (!definition.link.procedures.includes(row.procedure)) {
    throw new AppError(422, 'wrong_linked_case', `指定された関連案件は${titleOf(row.procedure)}の案件です（${definition.link.procedures.map(titleOf).join('又は')}の案件を指定してください）`, {
      caseId: linkedId,
      procedure: row.procedure,
      expected: definition.link.procedures,
    });
  }
  const linked = { id: row.id, procedure: row.procedure, state: row.state, context: (row.snapshot as StoredSnapshot).context };
  const problems = definition.link.problems?.(input, linked) ?? [];
  if (problems.length) throw new AppError(422, 'linked_case_invalid', `指定された関連案件は使えません: ${problems.join('／')}`, { caseId: linkedId, problems });
  return linked;
}

export async function lockCase(tx: Tx, caseId: string): Promise<CaseRow> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  if (!row) throw caseNotFound(caseId);
  return row;
}

export interface CaseForStep {
  row: CaseRow;
  stored: StoredSetting[];
  live: LiveTimer[];
}

/** Cases with their procedure's stored settings and their live timers: everything a step reads, in one statement. */
async function readForSteps(db: Db | Tx, caseIds: string[], lock: boolean): Promise<CaseForStep[]> {
  const query = db
    .select({
      ...getTableColumns(cases),
      // Written out: drizzle leaves a single table's columns unqualified, which inside these subqueries would
      // name the subquery's own columns.
      stored: sql<unknown>`(select coalesce(json_agg(json_build_object('procedure', s.procedure, 'key', s.key, 'fiscalYear', s.fiscal_year, 'value', s.value)), '[]'::json)
        from fiscal_year_settings s where s.procedure = "cases"."procedure")`,
      live: sql<unknown>`(select coalesce(json_agg(json_build_object('id', t.id, 'deadline', t.deadline, 'kind', t.kind, 'effective', t.effective, 'fireAt', t.fire_at, 'status', t.status)), '[]'::json)
        from timers t where t.case_id = "cases"."id" and t.status in ('pending', 'fired'))`,
    })
    .from(cases)
    .where(caseIds.length === 1 ? eq(cases.id, caseIds[0]!) : inArray(cases.id, caseIds))
    // In id order, so two schedulers locking overlapping groups never wait on each other in a circle.
    .orderBy(asc(cases.id));
  const found = lock ? await query.for('update') : await query;
  const json = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return found.map(({ stored, live, ...row }) => ({
    row,
    stored: json<StoredSetting[]>(stored),
    live: json<(Omit<LiveTimer, 'fireAt'> & { fireAt: string })[]>(live).map((t) => ({ ...t, fireAt: new Date(t.fireAt) })),
  }));
}

async function readForStep(db: Db, caseId: string): Promise<CaseForStep> {
  const [found] = await readForSteps(db, [caseId], false);
  if (!found) throw caseNotFound(caseId);
  return found;
}

/** The cases a scheduler fires, locked (those that no longer exist are left out). */
export const lockForFiring = (tx: Tx, caseIds: string[]) => readForSteps(tx, caseIds, true);

const OTHER_ORGANISATION = 'この案件は他の組織の案件のため、表示・操作できません';

function caseNotFound(caseId: string) {
  return notFound('案件が見つかりません（削除されたか、案件番号が正しくありません）', { caseId });
}
