/**
 * Record retention for the demo data set, by the fiscal year the demo runs in (periods end on 31 March, so every
 * case is dated from the current fiscal year back): last year's records just put away (保存中); at the first school,
 * the records of four years ago, kept 5 years with subsidies, whose 様式15 (3 years either way) may be disposed of
 * since this 1 April (廃棄できる帳票あり); at the second school, the records of five years ago, kept 3 years without
 * subsidies, disposed of last year but the permanent ones (永年保存の帳票のみ保存中).
 */
import type { DemoCase } from '../types.js';
import { RECORD_KINDS } from './table.js';

/** The numbers of the 3-year records of a regular course kept without subsidies: everything but the permanent ones. */
const REGULAR_TEMPORARY = RECORD_KINDS.filter((k) => k.courses.includes('regular') && k.unsubsidised !== 'permanent').map((k) => k.no);

export function recordRetentionDemo({ fiscalYear }: { fiscalYear: number }): DemoCase[] {
  return [
    { school: 0, input: { fiscalYear: fiscalYear - 1, courseTypes: ['regular'], subsidy: true }, events: [] },
    // Opened when those years ended; the periods' timers fired on the way (the 3-year ones on 1 April of this year, or last year).
    { school: 0, openedOn: `${fiscalYear - 3}-04-10`, input: { fiscalYear: fiscalYear - 4, courseTypes: ['regular'], subsidy: true }, events: [] },
    {
      school: 1,
      openedOn: `${fiscalYear - 4}-04-10`,
      input: { fiscalYear: fiscalYear - 5, courseTypes: ['regular'], subsidy: false },
      events: [{ on: `${fiscalYear - 1}-05-22`, type: 'DISPOSED', by: 'school', data: { records: REGULAR_TEMPORARY, disposedOn: `${fiscalYear - 1}-05-20`, method: '専門業者による溶解処理（処理証明書を保存）' } }],
    },
  ];
}
