/**
 * Claim-with-lease, shared by the timer scheduler and the outbox dispatcher: in ONE statement, select a batch of
 * due rows FOR UPDATE SKIP LOCKED (two claimers never wait on, or take, each other's rows), reserve them until
 * now + lease and count the attempt. A claimer that dies leaves its rows leased; when the lease runs out another
 * claims them again.
 */
import { and, asc, eq, getTableColumns, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { PgColumn, PgTable, SelectedFields } from 'drizzle-orm/pg-core';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { Db } from './client.js';

/** A table whose rows are claimed with a lease, and the columns that carry the lease. */
export interface LeasedTable<T extends PgTable = PgTable> {
  table: T;
  id: PgColumn;
  /** Only rows whose status is 'pending' are claimed. */
  status: PgColumn;
  /** When the row falls due (claimed once due <= now). */
  due: PgColumn;
  lockedUntil: PgColumn;
  /** Incremented by every claim, so it also fences later updates of a stale holder. */
  attempts: PgColumn;
  /** Claim order, ascending (oldest first). */
  order: PgColumn[];
}

export interface ClaimOptions {
  now: Date;
  leaseMs: number;
  batchSize: number;
}

/** Leases up to `batchSize` due, unleased (or lease-expired) rows; returns the `returning` selection of each. */
export async function claimLeased<TFields extends SelectedFields>(
  db: Db,
  leased: LeasedTable,
  { now, leaseMs, batchSize }: ClaimOptions,
  returning: TFields,
): Promise<SelectResultFields<TFields>[]> {
  const { table, id, status, due, lockedUntil, attempts, order } = leased;
  const dueRows = db
    .select({ id })
    .from(table)
    .where(and(eq(status, 'pending'), lte(due, now), or(isNull(lockedUntil), lt(lockedUntil, now))))
    .orderBy(...order.map((c) => asc(c)))
    .limit(batchSize)
    .for('update', { skipLocked: true });
  const set = {
    [propertyOf(table, lockedUntil)]: new Date(now.getTime() + leaseMs),
    [propertyOf(table, attempts)]: sql`${attempts} + 1`,
  };
  const claimed = await db.update(table).set(set).where(inArray(id, dueRows)).returning(returning);
  return claimed as SelectResultFields<TFields>[];
}

/** `set()` is keyed by the table's property names, not by column objects. */
function propertyOf(table: PgTable, column: PgColumn): string {
  const entry = Object.entries(getTableColumns(table)).find(([, c]) => c === column);
  if (!entry) throw new Error(`column ${column.name} is not a column of the leased table`);
  return entry[0];
}
