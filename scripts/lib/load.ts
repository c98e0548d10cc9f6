/**
 * Concurrent API clients for fault-injection runs. Every acknowledged (2xx) write is written down in the
 * ledger, so the database can be checked against it afterwards; every other answer is counted by status.
 */
import { sleep } from './server-process.js';

export interface Ack {
  caseId: string;
  version: number;
  type: string;
}

export interface Ledger {
  acks: Ack[];
  /** Answers by status; 'network' = no answer (refused, reset, timed out). */
  statuses: Record<string, number>;
  /** Bodies of answers that broke the contract (5xx other than 503, 503 without the error format). */
  violations: string[];
  caseIds: string[];
  requests: number;
}

export const newLedger = (): Ledger => ({ acks: [], statuses: {}, violations: [], caseIds: [], requests: 0 });

const COMPLETION = '2027-03-25';
const examDates = ['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22', '2027-03-01', '2027-03-08'];

export const caseInput = () => ({
  procedure: 'skill-check',
  input: {
    course: { kei: '機械', ka: '機械加工', courseType: '普通課程' },
    fiscalYear: 2026,
    trainingCompletionDate: COMPLETION,
    plannedExamDate: '2027-02-15',
    plannedDeliveryDate: COMPLETION,
  },
});

export const questionsFiled = () => ({
  representative: '甲野 乙男',
  course: { kei: '機械', ka: '機械加工' },
  written: { mainQuestions: 100, spareQuestions: 10, subjects: ['機械工作法'] },
  practical: { problem: '段付き軸の製作', tools: ['ノギス'], scoringGuide: '寸法精度', criteria: '60点以上' },
});

export interface LoadOptions {
  /** Where the server is now (changes across restarts). */
  baseUrl: () => string;
  tokens: { school: string[]; hq: string };
  clients: number;
  ledger: Ledger;
  /** Pause after a network error (server down), so a dead server is not hammered. */
  downPauseMs?: number;
  /** Deterministic choice of operations. */
  seed?: number;
}

/** Starts the clients; the returned function stops them and waits until every request in flight has ended. */
export function startLoad(opts: LoadOptions): () => Promise<void> {
  const { ledger } = opts;
  let running = true;
  let rng = opts.seed ?? 12345;
  const random = () => {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    return rng / 0x7fffffff;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  async function send(method: string, path: string, token: string, body: unknown) {
    ledger.requests++;
    try {
      const res = await fetch(`${opts.baseUrl()}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      ledger.statuses[res.status] = (ledger.statuses[res.status] ?? 0) + 1;
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* checked below */
      }
      if (res.status >= 500 && (res.status !== 503 || json?.error?.code !== 'database_unavailable')) {
        ledger.violations.push(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
      }
      if (res.status >= 400 && typeof json?.error?.message !== 'string') ledger.violations.push(`${method} ${path} -> ${res.status} without the error format`);
      return { status: res.status, json };
    } catch {
      ledger.statuses.network = (ledger.statuses.network ?? 0) + 1;
      await sleep(opts.downPauseMs ?? 25);
      return null;
    }
  }

  async function client(i: number) {
    const schoolToken = opts.tokens.school[i % opts.tokens.school.length]!;
    while (running) {
      const roll = random();
      if (roll < 0.15 || ledger.caseIds.length < 3) {
        const r = await send('POST', '/api/cases', schoolToken, caseInput());
        if (r?.status === 201) {
          ledger.caseIds.push(r.json.id);
          ledger.acks.push({ caseId: r.json.id, version: r.json.version, type: 'CASE_CREATED' });
        }
        continue;
      }
      const caseId = pick(ledger.caseIds);
      let type: string;
      let token: string;
      let data: unknown;
      if (roll < 0.65) {
        type = 'EXAM_DATE_CHANGED';
        token = schoolToken;
        data = { examDate: pick(examDates), reason: '会場の都合' };
      } else if (roll < 0.85) {
        type = 'QUESTIONS_FILED';
        token = schoolToken;
        data = questionsFiled();
      } else {
        type = 'REVIEW_APPROVED';
        token = opts.tokens.hq;
        data = { note: '適' };
      }
      const r = await send('POST', `/api/cases/${caseId}/events`, token, { type, data });
      if (r?.status === 200) ledger.acks.push({ caseId, version: r.json.version, type });
    }
  }

  const clients = Array.from({ length: opts.clients }, (_, i) => client(i));
  return async () => {
    running = false;
    await Promise.all(clients);
  };
}
