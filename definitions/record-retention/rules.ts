/** Rules of disposing of training records: named once in `recordRetentionRules`, placed on transitions by name. */
import { compareDates, tokyoDate } from '../../src/domain/dates.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { RecordRetentionContext, RecordRetentionEventOf as Ev } from './context.js';
import { disposableFrom } from './records.js';

type Ctx = RecordRetentionContext;

/** Only a record whose period has ended is disposed of, once; a permanent (永年) one never. */
export const disposableOnly = checkRule<Ctx, Ev<'DISPOSED'>>(
  'retention',
  (c, e) => {
    const problems = e.data.records.flatMap((no) => {
      const r = c.records.find((x) => x.no === no);
      if (!r) return [`番号${no}はこの年度に保存する帳票ではありません`];
      if (r.retention === 'permanent') return [`${r.name}（${r.forms}）は永年保存です`];
      if (r.disposedOn) return [`${r.name}（${r.forms}）は廃棄済みです`];
      if (!r.disposable || compareDates(e.data.disposedOn, disposableFrom(r)!) < 0) return [`${r.name}（${r.forms}）は保存年限（${formatDateJa(r.retentionEnds!)}まで）が満了していません`];
      return [];
    });
    if (compareDates(e.data.disposedOn, tokyoDate(e.at)) > 0) problems.push(`廃棄年月日（${formatDateJa(e.data.disposedOn)}）が登録する日より後です`);
    return problems.length ? `${problems.join('。')}。` : null;
  },
  '保存年限が満了した帳票だけを、廃棄した後に登録してください。永年保存の帳票は廃棄できません（認定職業訓練を廃止した後も保存年限に従って保存します）。',
);

/** The rules by the names the machine's `rules` guards use. */
export const recordRetentionRules = { disposableOnly } satisfies RuleTable<Ctx>;

export type RecordRetentionRuleName = keyof typeof recordRetentionRules;
