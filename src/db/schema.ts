/** Tables of the product. The engine is the only writer of cases, case_events and timers. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['school', 'center', 'hq'] }).notNull(),
    name: text('name').notNull(),
    /** The regional centre supervising a school. */
    centerId: uuid('center_id'),
    /** 職業訓練法人: flagged for review after one year without training while suspended. */
    trainingCorporation: boolean('training_corporation').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('organizations_center_idx').on(t.centerId)],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name'),
  role: text('role', { enum: ['school', 'hq', 'center', 'analyst', 'admin'] }).notNull(),
  orgId: uuid('org_id'),
  /** Receives the organisation's notifications. */
  contact: boolean('contact').notNull().default(true),
  digest: boolean('digest').notNull().default(false),
  createdAt: createdAt(),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    procedure: text('procedure').notNull(),
    definitionVersion: integer('definition_version').notNull(),
    title: text('title').notNull(),
    schoolOrgId: uuid('school_org_id').notNull(),
    centerOrgId: uuid('center_org_id'),
    fiscalYear: integer('fiscal_year').notNull(),
    /** The state value as a dotted path, for filtering and counting. */
    state: text('state').notNull(),
    status: text('status', { enum: ['active', 'done'] }).notNull(),
    /** XState persisted snapshot (value, context, status). */
    snapshot: jsonb('snapshot').notNull(),
    version: integer('version').notNull(),
    /** The party the case waits on and its earliest effective due date: the inbox sort key. */
    waitingOn: text('waiting_on'),
    nextDue: date('next_due', { mode: 'string' }),
    /**
     * The officer who took the case on (claimed it in the inbox), and since when. Not case state: the web writes
     * it directly, the engine never reads it, and a step leaves it as it is.
     */
    /** The definition's figures for the case now (FigureRow[]), written with every step; null without statistics. */
    figures: jsonb('figures'),
    /** Opened by the engine itself (a definition's `openings`): at most one such case per school, procedure and year. */
    openedAutomatically: boolean('opened_automatically').notNull().default(false),
    assigneeUserId: uuid('assignee_user_id'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_school_idx').on(t.schoolOrgId, t.status, t.nextDue),
    index('cases_center_idx').on(t.centerOrgId, t.status, t.nextDue),
    index('cases_inbox_idx').on(t.waitingOn, t.status, t.nextDue),
    // The analyst's case lists, newest change first (a state's cases, a year's, a procedure's): read in index order
    // with a LIMIT. The counts per state are kept in analyst_counts (migration 0011), not counted from here.
    index('cases_procedure_state_idx').on(t.procedure, t.state, t.updatedAt.desc().nullsFirst(), t.id),
    index('cases_analyst_year_idx').on(t.procedure, t.fiscalYear, t.updatedAt.desc().nullsFirst(), t.id),
    index('cases_analyst_recent_idx').on(t.procedure, t.updatedAt.desc().nullsFirst(), t.id),
    uniqueIndex('cases_opening_idx').on(t.procedure, t.schoolOrgId, t.fiscalYear).where(sql`opened_automatically`),
    // "Mine" in the inbox: only claimed rows are indexed.
    index('cases_assignee_idx').on(t.assigneeUserId, t.status, t.nextDue).where(sql`assignee_user_id IS NOT NULL`),
  ],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    actorKind: text('actor_kind', { enum: ['user', 'scheduler'] }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_events_case_seq_idx').on(t.caseId, t.seq)],
);

export const timers = pgTable(
  'timers',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    deadline: text('deadline').notNull(),
    kind: text('kind', { enum: ['reminder', 'due', 'overdue'] }).notNull(),
    nominal: date('nominal', { mode: 'string' }).notNull(),
    effective: date('effective', { mode: 'string' }).notNull(),
    fireAt: timestamp('fire_at', { withTimezone: true }).notNull(),
    /**
     * pending → fired; cancelled (state left, anchor moved); skipped (a reminder whose moment passed while no
     * scheduler ran: listed in a catch-up message instead); failed (an incident: firing failed TIMER_MAX_ATTEMPTS times).
     */
    status: text('status', { enum: ['pending', 'fired', 'cancelled', 'skipped', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    firedAt: timestamp('fired_at', { withTimezone: true }),
    /** The last error of a failed firing, and when the timer became an incident. */
    lastError: text('last_error'),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('timers_due_idx').on(t.fireAt).where(sql`status = 'pending'`),
    index('timers_case_idx').on(t.caseId, t.status),
  ],
);

export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id'),
    recipientOrgId: uuid('recipient_org_id'),
    recipientParty: text('recipient_party').notNull(),
    template: text('template').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** Stable per row, so a resend after a crash is recognisably the same message. */
    messageId: text('message_id').notNull().unique(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`)],
);

/**
 * Fiscal-year dates HQ sets, as keyed data: (procedure, key, fiscal year) -> date. The keys are whatever the
 * definitions declare; a year with no row takes the definition's default.
 */
export const fiscalYearSettings = pgTable(
  'fiscal_year_settings',
  {
    procedure: text('procedure').notNull(),
    key: text('key').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    value: date('value', { mode: 'string' }).notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.procedure, t.key, t.fiscalYear] })],
);


/*
 * The analyst's figures, kept by triggers in the same transaction as each step (migration 0010): a trigger on
 * case_events INSERT keeps the per-case tables below and appends count deltas; a trigger on timers keeps the
 * deadlines. No procedure knowledge: states, events and deadlines are whatever the rows say. The dimensions
 * (procedure, fiscal year, school, centre) are copied from the case, which never changes them.
 * analyst_rebuild() recomputes everything from the history (the migration's backfill, bulk loads).
 */
const analystDims = () => ({
  procedure: text('procedure').notNull(),
  fiscalYear: integer('fiscal_year').notNull(),
  schoolOrgId: uuid('school_org_id').notNull(),
  centerOrgId: uuid('center_org_id'),
});

/** Per case and state path (compound states included): time spent in closed stays, and the open stay's start. */
export const analystCaseStates = pgTable(
  'analyst_case_states',
  {
    caseId: uuid('case_id').notNull(),
    state: text('state').notNull(),
    ...analystDims(),
    /** Microseconds in the state over the stays that ended (each stay counted from 0 up). */
    closedUs: bigint('closed_us', { mode: 'number' }).notNull().default(0),
    /** The case is in the state now, since this moment (epoch microseconds). */
    openUs: bigint('open_us', { mode: 'number' }),
    /** analyst_bucket(closed_us) while the case is not in the state (the histogram's bin). */
    bucket: integer('bucket'),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.state] }),
    index('analyst_case_states_closed_idx').on(t.procedure, t.state, t.bucket, t.closedUs, t.fiscalYear, t.centerOrgId).where(sql`open_us IS NULL`),
    index('analyst_case_states_open_idx').on(t.procedure, t.state, t.fiscalYear, t.centerOrgId, t.closedUs, t.openUs).where(sql`open_us IS NOT NULL`),
    index('analyst_case_states_school_idx').on(t.procedure, t.schoolOrgId, t.state),
  ],
);

/**
 * The distinct (event, from, to) steps each case took (from_state not null), with the case's dimensions (migration
 * 0011) so that the cases of a transition under a school, year or centre are one range of the way index.
 */
export const analystCaseWays = pgTable(
  'analyst_case_ways',
  {
    caseId: uuid('case_id').notNull(),
    type: text('type').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    ...analystDims(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.type, t.fromState, t.toState] }),
    index('analyst_case_ways_way_idx').on(t.procedure, t.type, t.fromState, t.toState, t.schoolOrgId, t.fiscalYear, t.centerOrgId, t.caseId),
  ],
);

/** Each case's path: its states (changes only) and events in order, and the span of its history. */
export const analystCasePaths = pgTable(
  'analyst_case_paths',
  {
    caseId: uuid('case_id').primaryKey(),
    ...analystDims(),
    /** md5 of the states and events: the path's identity in the counts. */
    pathKey: text('path_key').notNull(),
    states: text('states').array().notNull(),
    events: text('events').array().notNull(),
    minUs: bigint('min_us', { mode: 'number' }).notNull(),
    maxUs: bigint('max_us', { mode: 'number' }).notNull(),
    spanUs: bigint('span_us', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('analyst_case_paths_key_idx').on(t.procedure, t.pathKey, t.spanUs, t.fiscalYear, t.centerOrgId),
    index('analyst_case_paths_school_idx').on(t.procedure, t.schoolOrgId),
  ],
);

/** Per case and deadline: its overdue timers by status. */
export const analystCaseDeadlines = pgTable(
  'analyst_case_deadlines',
  {
    caseId: uuid('case_id').notNull(),
    deadline: text('deadline').notNull(),
    fired: integer('fired').notNull().default(0),
    pending: integer('pending').notNull().default(0),
    total: integer('total').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.deadline] })],
);

/** Per case: the days late of its recorded late filings (the snapshot's context.lateness), with multiplicity. */
export const analystCaseLateness = pgTable(
  'analyst_case_lateness',
  {
    caseId: uuid('case_id').notNull(),
    deadline: text('deadline').notNull(),
    days: integer('days').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.deadline, t.days] })],
);

const countColumns = () => ({
  procedure: text('procedure').notNull(),
  /**
   * stay (k1 state, k2 bucket; school zero), way (type, from, to), path (key), deadline (name, outcome), late (name,
   * days); from the cases themselves (migration 0011, school zero): now (state, status) and, for active cases with a
   * due date, due (the date as YYYY-MM-DD, state).
   */
  kind: text('kind').notNull(),
  fiscalYear: integer('fiscal_year').notNull(),
  /** The zero uuid for none. */
  centerOrgId: uuid('center_org_id').notNull(),
  schoolOrgId: uuid('school_org_id').notNull(),
  k1: text('k1').notNull(),
  k2: text('k2').notNull(),
  k3: text('k3').notNull(),
  n: bigint('n', { mode: 'number' }).notNull(),
});

/** Counts per procedure, year, centre and school (stays: without the school), folded from the deltas. */
export const analystCounts = pgTable('analyst_counts', countColumns(), (t) => [
  primaryKey({ columns: [t.procedure, t.kind, t.fiscalYear, t.centerOrgId, t.schoolOrgId, t.k1, t.k2, t.k3] }),
  // Overdue now = the due counts before today: a range of k1 whatever the year and centre.
  index('analyst_counts_k1_idx').on(t.procedure, t.kind, t.k1),
]);

/**
 * What each step adds to or takes from the counts, appended (never updated: concurrent steps never wait on one
 * another's counters) and folded into analyst_counts by analyst_compact() before the analyst reads.
 */
export const analystCountDeltas = pgTable('analyst_count_deltas', countColumns(), (t) => [index('analyst_count_deltas_idx').on(t.procedure, t.kind)]);
