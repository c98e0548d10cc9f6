/**
 * The invariants a fault must not break, checked in the database: every acknowledged write is in the
 * history, no case is half-written, sequence numbers have no gaps, every row is attributable, and each
 * fired timer left exactly one DEADLINE row.
 */
import postgres from 'postgres';
import type { Ack } from './load.js';

export interface Verdict {
  violations: string[];
  stats: { cases: number; historyRows: number; acknowledged: number; deadlineRows: number; timersFired: number; timersSkipped: number; timersPendingDue: number };
}

export async function verifyDatabase(url: string, acks: Ack[], opts: { dueBy?: string } = {}): Promise<Verdict> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const violations: string[] = [];
  const add = (v: string) => {
    if (violations.length < 50) violations.push(v);
  };
  try {
    const cases = await sql<{ id: string; version: number; state: string }[]>`select id, version, state from cases`;
    const events = await sql<
      { case_id: string; seq: number; type: string; from_state: string | null; to_state: string; actor_kind: string; actor_user_id: string | null; actor_role: string }[]
    >`select case_id, seq, type, from_state, to_state, actor_kind, actor_user_id, actor_role from case_events order by case_id, seq`;
    const userIds = new Set((await sql<{ id: string }[]>`select id from users`).map((u) => u.id));
    type EventRow = (typeof events)[number];
    const byCase = new Map<string, EventRow[]>();
    for (const e of events) {
      if (!byCase.has(e.case_id)) byCase.set(e.case_id, []);
      byCase.get(e.case_id)!.push(e);
    }
    const caseById = new Map(cases.map((c) => [c.id, c]));
    for (const c of cases) {
      const h = byCase.get(c.id) ?? [];
      if (h.length !== c.version) add(`case ${c.id}: version ${c.version} but ${h.length} history rows`);
      h.forEach((e, i) => {
        if (e.seq !== i + 1) add(`case ${c.id}: history seq ${e.seq} at position ${i + 1} (gap or duplicate)`);
        if (i === 0 && (e.type !== 'CASE_CREATED' || e.from_state !== null)) add(`case ${c.id}: first row is ${e.type}`);
        if (i > 0 && e.from_state !== h[i - 1]!.to_state) add(`case ${c.id}: seq ${e.seq} starts in ${e.from_state}, previous ended in ${h[i - 1]!.to_state}`);
      });
      if (h.length && h.at(-1)!.to_state !== c.state) add(`case ${c.id}: state ${c.state} but last history row ends in ${h.at(-1)!.to_state}`);
    }
    for (const id of byCase.keys()) if (!caseById.has(id)) add(`history rows for case ${id}, which does not exist (half-written)`);
    for (const e of events) {
      const ok =
        (e.actor_kind === 'user' && e.actor_user_id !== null && userIds.has(e.actor_user_id)) ||
        (e.actor_kind === 'scheduler' && e.actor_user_id === null && e.actor_role === 'system');
      if (!ok) add(`case ${e.case_id} seq ${e.seq}: not attributable (${e.actor_kind}, ${e.actor_user_id})`);
    }
    const key = (caseId: string, seq: number) => `${caseId}#${seq}`;
    const rowByKey = new Map(events.map((e) => [key(e.case_id, e.seq), e]));
    for (const a of acks) {
      const row = rowByKey.get(key(a.caseId, a.version));
      if (!row) add(`acknowledged ${a.type} on ${a.caseId} (version ${a.version}) is missing from the history`);
      else if (row.type !== a.type) add(`acknowledged ${a.type} on ${a.caseId} (version ${a.version}) but the history has ${row.type}`);
    }
    const ackKeys = new Set(acks.map((a) => key(a.caseId, a.version)));
    if (ackKeys.size !== acks.length) add(`${acks.length - ackKeys.size} acknowledgements share a (case, version): a duplicate transition`);

    const fired = await sql<{ case_id: string; n: number }[]>`select case_id, count(*)::int as n from timers where status = 'fired' group by case_id`;
    const firedByCase = new Map(fired.map((f) => [f.case_id, f.n]));
    const deadlines = new Map<string, number>();
    for (const e of events) if (e.type === 'DEADLINE') deadlines.set(e.case_id, (deadlines.get(e.case_id) ?? 0) + 1);
    for (const id of new Set([...firedByCase.keys(), ...deadlines.keys()])) {
      if ((firedByCase.get(id) ?? 0) !== (deadlines.get(id) ?? 0)) add(`case ${id}: ${firedByCase.get(id) ?? 0} timers fired but ${deadlines.get(id) ?? 0} DEADLINE rows`);
    }
    // Reminders whose moment passed while no scheduler ran are skipped (a catch-up message lists them), not fired.
    const [skipped] = await sql<{ n: number }[]>`select count(*)::int as n from timers where status = 'skipped'`;
    let timersPendingDue = 0;
    if (opts.dueBy) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from timers where status = 'pending' and fire_at <= ${opts.dueBy}::timestamptz`;
      timersPendingDue = row!.n;
      if (timersPendingDue > 0) add(`${timersPendingDue} timers due by ${opts.dueBy} are still pending`);
    }
    return {
      violations,
      stats: {
        cases: cases.length,
        historyRows: events.length,
        acknowledged: acks.length,
        deadlineRows: [...deadlines.values()].reduce((a, b) => a + b, 0),
        timersFired: [...firedByCase.values()].reduce((a, b) => a + b, 0),
        timersSkipped: skipped!.n,
        timersPendingDue,
      },
    };
  } finally {
    await sql.end();
  }
}

/** Pending timers due by `at`. */
export async function pendingDue(url: string, at: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from timers where status = 'pending' and fire_at <= ${at}::timestamptz`;
    return row!.n;
  } finally {
    await sql.end();
  }
}
