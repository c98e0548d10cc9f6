/**
 * 1,000 concurrent conflicting events over 10 cases, through the HTTP app: no lost update (every 200 is one
 * history row and one version, the snapshot reflects the last row), no duplicate transition (one
 * QUESTIONS_FILED per case, no two answers claim the same version). Real races need PostgreSQL; on PGlite
 * the same property holds with serialised transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

const CASES = 10;
const PER_CASE = 100;
const dates = ['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22', '2027-03-01'];

let w: World;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T09:00:00+09:00', { poolSize: 20 });
});
afterAll(async () => {
  await w.database.close();
});

describe('1,000 concurrent conflicting events over 10 cases', () => {
  it('lose no update and duplicate no transition', async () => {
    const api = client(appFor(w));
    const { school, hq } = w.users;
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) ids.push((await w.engine.createCase(school.principal, 'skill-check', pay.skillCheckInput())).id);

    // Per case: 40 exam-date changes (all may apply, one at a time), 30 QUESTIONS_FILED (one applies),
    // 20 exam-date changes with If-Match: 1 (at most one applies), 10 REVIEW_APPROVED from HQ (one applies,
    // and only after the questions were filed).
    const jobs = ids.flatMap((id) =>
      Array.from({ length: PER_CASE }, (_, k) => {
        const send = (token: string, type: string, data: unknown, headers?: Record<string, string>) =>
          api.post(`/api/cases/${id}/events`, token, { type, data }, headers).then((r) => ({ id, type, status: r.status, version: r.body.version as number | undefined, code: r.body.error?.code as string | undefined }));
        if (k % 10 < 4) return () => send(school.token, 'EXAM_DATE_CHANGED', { examDate: dates[k % dates.length], reason: `変更${k}` });
        if (k % 10 < 7) return () => send(school.token, 'QUESTIONS_FILED', pay.questionsFiled());
        if (k % 10 < 9) return () => send(school.token, 'EXAM_DATE_CHANGED', { examDate: '2027-03-08', reason: `版1から${k}` }, { 'If-Match': '1' });
        return () => send(hq.token, 'REVIEW_APPROVED', {});
      }),
    );
    expect(jobs).toHaveLength(1000);
    const results = await Promise.all(jobs.map((job) => job()));

    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.filter((r) => r.status !== 200 && r.status !== 409)).toEqual([]);
    console.log(`conflicting events: ${results.filter((r) => r.status === 200).length} applied, ${results.filter((r) => r.status === 409).length} refused with 409`);
    for (const id of ids) {
      const mine = results.filter((r) => r.id === id);
      const ok = mine.filter((r) => r.status === 200);
      const history = await w.engine.history(hq.principal, id);
      const view = await w.engine.getCase(hq.principal, id);
      // No lost update: one history row and one version per acknowledged event, in order, no gaps.
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history).toHaveLength(1 + ok.length);
      expect(view.version).toBe(history.length);
      expect(new Set(ok.map((r) => r.version)).size).toBe(ok.length);
      expect(ok.map((r) => r.version).sort((a, b) => a! - b!)).toEqual(history.slice(1).map((h) => h.seq));
      for (const r of ok) expect(history[r.version! - 1]!.type).toBe(r.type);
      // No duplicate transition.
      expect(history.filter((h) => h.type === 'QUESTIONS_FILED')).toHaveLength(1);
      expect(history.filter((h) => h.type === 'REVIEW_APPROVED').length).toBeLessThanOrEqual(1);
      expect(ok.filter((r) => r.type === 'EXAM_DATE_CHANGED' && mine.indexOf(r) % 10 >= 7).length).toBeLessThanOrEqual(1);
      for (let i = 1; i < history.length; i++) expect(history[i]!.fromState).toBe(history[i - 1]!.toState);
      // The snapshot is the last applied change.
      const lastDate = [...history].reverse().find((h) => h.type === 'EXAM_DATE_CHANGED');
      if (lastDate) expect(view.context.examDate).toBe((lastDate.payload as { examDate: string }).examDate);
      expect(view.state).toBe(history.at(-1)!.toState);
      // Every refusal is a conflict the client can act on.
      for (const r of mine.filter((x) => x.status === 409)) expect(['event_not_allowed', 'stale_version']).toContain(r.code);
    }
  }, 120_000);
});
