/**
 * The rows one or more steps write (case rows, history, timer changes, outbox), gathered in memory and written
 * in ONE data-modifying statement. Every part is keyed to the cases whose row was written: a case whose version
 * moved meanwhile (another node stepped it) writes nothing at all, and the caller sees it missing from the ids
 * returned. The statement text never changes, so the driver prepares it once per connection.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/** An open transaction (step.ts names the same type; declared here too so the two files do not import each other). */
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface CaseColumns {
  title: string;
  state: string;
  status: 'active' | 'done';
  snapshot: unknown;
  version: number;
  waitingOn: string | null;
  nextDue: string | null;
  figures: unknown;
  updatedAt: Date;
}

export interface CaseInsert extends CaseColumns {
  id: string;
  procedure: string;
  definitionVersion: number;
  schoolOrgId: string;
  centerOrgId: string | null;
  fiscalYear: number;
  createdAt: Date;
  openedAutomatically: boolean;
}

export interface HistoryRow {
  caseId: string;
  seq: number;
  type: string;
  payload: unknown;
  actorKind: 'user' | 'scheduler';
  actorUserId: string | null;
  actorRole: string;
  fromState: string | null;
  toState: string;
  at: Date;
}

export interface TimerRow {
  id: string;
  caseId: string;
  deadline: string;
  kind: 'reminder' | 'due' | 'overdue';
  nominal: string;
  effective: string;
  fireAt: Date;
  /**
   * Part of a step, armed only with the case row; false for a re-arm under the case lock that leaves the case
   * row as it is (a fiscal-year date moved).
   */
  withStep: boolean;
}

export interface TimerMark {
  id: string;
  caseId: string;
  status: 'fired' | 'cancelled' | 'skipped';
  firedAt: Date | null;
  /**
   * Part of a step (a timer the step no longer needs, the timer it fires): written only with the case row.
   * False for what a scheduler decides under the case lock without a step (a reminder skipped, a timer the
   * state no longer accepts).
   */
  withStep: boolean;
}

export interface OutboxRow {
  id: string;
  caseId: string;
  recipientOrgId: string;
  recipientParty: string;
  template: string;
  payload: unknown;
  nextAttemptAt: Date;
  messageId: string;
  /** A step's message, written only with the case row; false for a scheduler's catch-up under the case lock. */
  withStep: boolean;
}

export class WriteSet {
  /** Updates by case id, with the version the row must still have. */
  readonly updates = new Map<string, { expect: number; columns: CaseColumns }>();
  readonly inserts = new Map<string, CaseInsert>();
  readonly history: HistoryRow[] = [];
  readonly newTimers = new Map<string, TimerRow>();
  readonly marks = new Map<string, TimerMark>();
  readonly outbox: OutboxRow[] = [];

  /** Case ids the statement must write for the batch to be whole. */
  caseIds(): string[] {
    return [...this.updates.keys(), ...this.inserts.keys()];
  }

  setCase(id: string, expect: number | null, columns: CaseColumns, insert?: Omit<CaseInsert, keyof CaseColumns>) {
    if (insert) this.inserts.set(id, { ...insert, ...columns });
    else if (this.inserts.has(id)) this.inserts.set(id, { ...this.inserts.get(id)!, ...columns });
    else this.updates.set(id, { expect: this.updates.get(id)?.expect ?? expect!, columns });
  }

  /** A timer armed in this batch and cancelled again before it was written is simply not written. */
  mark(m: TimerMark) {
    if (m.status === 'cancelled' && this.newTimers.delete(m.id)) return;
    this.marks.set(m.id, m);
  }

  get empty() {
    return this.updates.size === 0 && this.inserts.size === 0 && this.marks.size === 0 && this.newTimers.size === 0 && this.outbox.length === 0;
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Writes the set; returns the ids of the cases written (those whose version still matched, and the new ones). */
export async function flushWrites(db: Db | Tx, w: WriteSet): Promise<Set<string>> {
  if (w.empty) return new Set();
  const updates = [...w.updates].map(([id, { expect, columns: c }]) => ({
    id,
    expect,
    title: c.title,
    state: c.state,
    status: c.status,
    snapshot: c.snapshot,
    version: c.version,
    waiting_on: c.waitingOn,
    next_due: c.nextDue,
    figures: c.figures,
    updated_at: iso(c.updatedAt),
  }));
  const inserts = [...w.inserts.values()].map((c) => ({
    id: c.id,
    procedure: c.procedure,
    definition_version: c.definitionVersion,
    title: c.title,
    school_org_id: c.schoolOrgId,
    center_org_id: c.centerOrgId,
    fiscal_year: c.fiscalYear,
    state: c.state,
    status: c.status,
    snapshot: c.snapshot,
    version: c.version,
    waiting_on: c.waitingOn,
    next_due: c.nextDue,
    figures: c.figures,
    opened_automatically: c.openedAutomatically,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  }));
  const history = w.history.map((h) => ({
    case_id: h.caseId,
    seq: h.seq,
    type: h.type,
    payload: h.payload,
    actor_kind: h.actorKind,
    actor_user_id: h.actorUserId,
    actor_role: h.actorRole,
    from_state: h.fromState,
    to_state: h.toState,
    at: iso(h.at),
  }));
  const marks = [...w.marks.values()].map((m) => ({ id: m.id, case_id: m.caseId, status: m.status, fired_at: iso(m.firedAt), with_step: m.withStep }));
  const newTimers = [...w.newTimers.values()].map((t) => ({
    id: t.id,
    case_id: t.caseId,
    deadline: t.deadline,
    kind: t.kind,
    nominal: t.nominal,
    effective: t.effective,
    fire_at: iso(t.fireAt),
    with_step: t.withStep,
  }));
  const outbox = w.outbox.map((o) => ({
    id: o.id,
    case_id: o.caseId,
    recipient_org_id: o.recipientOrgId,
    recipient_party: o.recipientParty,
    template: o.template,
    payload: o.payload,
    next_attempt_at: iso(o.nextAttemptAt),
    message_id: o.messageId,
    with_step: o.withStep,
  }));
  // JSON goes in as text: the server parses it, and the driver never re-encodes a string as a JSON scalar.
  const j = (rows: unknown[]) => JSON.stringify(rows);
  const result = await db.execute(sql`
    with upd as (
      update cases set title = u.title, state = u.state, status = u.status, snapshot = u.snapshot, version = u.version,
             waiting_on = u.waiting_on, next_due = u.next_due, figures = u.figures, updated_at = u.updated_at
      from json_to_recordset(${j(updates)}::text::json) as u(id uuid, expect int, title text, state text, status text, snapshot jsonb,
             version int, waiting_on text, next_due date, figures jsonb, updated_at timestamptz)
      where cases.id = u.id and cases.version = u.expect
      returning cases.id
    ), ins as (
      insert into cases (id, procedure, definition_version, title, school_org_id, center_org_id, fiscal_year, state, status, snapshot,
             version, waiting_on, next_due, figures, opened_automatically, created_at, updated_at)
      select * from json_to_recordset(${j(inserts)}::text::json) as i(id uuid, procedure text, definition_version int, title text,
             school_org_id uuid, center_org_id uuid, fiscal_year int, state text, status text, snapshot jsonb, version int,
             waiting_on text, next_due date, figures jsonb, opened_automatically boolean, created_at timestamptz, updated_at timestamptz)
      returning id
    ), written as (
      select id from upd union all select id from ins
    ), hist as (
      insert into case_events (case_id, seq, type, payload, actor_kind, actor_user_id, actor_role, from_state, to_state, at)
      select h.* from json_to_recordset(${j(history)}::text::json) as h(case_id uuid, seq int, type text, payload jsonb, actor_kind text,
             actor_user_id uuid, actor_role text, from_state text, to_state text, at timestamptz)
      where h.case_id in (select id from written)
    ), marked as (
      update timers set status = m.status, fired_at = coalesce(m.fired_at, timers.fired_at)
      from json_to_recordset(${j(marks)}::text::json) as m(id uuid, case_id uuid, status text, fired_at timestamptz, with_step boolean)
      where timers.id = m.id and timers.status = 'pending' and (not m.with_step or m.case_id in (select id from written))
    ), armed as (
      insert into timers (id, case_id, deadline, kind, nominal, effective, fire_at, status)
      select t.id, t.case_id, t.deadline, t.kind, t.nominal, t.effective, t.fire_at, 'pending'
      from json_to_recordset(${j(newTimers)}::text::json) as t(id uuid, case_id uuid, deadline text, kind text, nominal date, effective date,
             fire_at timestamptz, with_step boolean)
      where not t.with_step or t.case_id in (select id from written)
    ), queued as (
      insert into outbox (id, case_id, recipient_org_id, recipient_party, template, payload, status, next_attempt_at, message_id)
      select o.id, o.case_id, o.recipient_org_id, o.recipient_party, o.template, o.payload, 'pending', o.next_attempt_at, o.message_id
      from json_to_recordset(${j(outbox)}::text::json) as o(id uuid, case_id uuid, recipient_org_id uuid, recipient_party text, template text,
             payload jsonb, next_attempt_at timestamptz, message_id text, with_step boolean)
      where not o.with_step or o.case_id in (select id from written)
    )
    select id from written`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { id: string }[] }).rows) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
