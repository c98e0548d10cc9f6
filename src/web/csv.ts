/** CSV of a procedure's cases, streamed in keyset batches (UTF-8 with BOM so spreadsheet software reads Japanese). */
import type { Db } from '../db/client.js';
import { exportBatch } from './queries.js';
import type { Labeller } from './labels.js';

const HEADER = ['案件ID', '件名', '定義版', '訓練校ID', '訓練校', '管轄センターID', '年度', '状態ID', '状態', '進行状況', '対応待ち', '実質の期限', '版', '作成日時', '更新日時'];

export const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  // Quote always; a leading = + - @ is prefixed so spreadsheets do not evaluate it as a formula.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function casesCsv(db: Db, procedure: string, labels: Labeller): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let after: string | null = null;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode(`\uFEFF${HEADER.map(csvCell).join(',')}\r\n`));
      }
      const rows = await exportBatch(db, procedure, after);
      if (!rows.length) return controller.close();
      after = rows[rows.length - 1]!.id;
      const lines = rows.map((r) =>
        [r.id, r.title, r.definitionVersion, r.schoolOrgId, r.schoolName, r.centerOrgId, r.fiscalYear, r.state, labels.state(procedure, r.state, r.definitionVersion), r.status === 'active' ? '進行中' : '終了', r.waitingOn, r.nextDue, r.version, r.createdAt, r.updatedAt]
          .map(csvCell)
          .join(','),
      );
      controller.enqueue(enc.encode(`${lines.join('\r\n')}\r\n`));
    },
  });
}
