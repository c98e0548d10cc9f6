/** Payload schemas of the change notice (manual II-3, 様式2 認定職業訓練事項変更届, 規則33条). */
import { z } from 'zod';
import { correctionRequest, isoDate, longText, receiptNote, representative, text, withdrawal } from '../common/form-fields.js';

/**
 * The matters (1)-(6) whose change is notified, in the manual's words (II-3). The keys are the API's values;
 * the texts are what forms, messages and pages show.
 */
export const CHANGE_ITEMS = {
  holder: '(1) 認定職業訓練を行う者の氏名（代表者名）又は名称、事業所又は主たる事務所の所在地',
  facility: '(2) 認定職業訓練のための施設の名称及び所在地、定款等に記載した事項',
  plan: '(3) 訓練生の概数、教科、訓練期間、訓練日時・訓練時間、設備、職業訓練指導員等、計画に関わる変更',
  members: '(4) 構成員、団体の行う認定職業訓練の一部を行う当該団体の構成員',
  memberTraining: '(5) 構成員が当該団体の行う認定職業訓練の一部を行う場合には、その行う訓練の状況',
  entrusted: '(6) 認定職業訓練を委託した施設、事業所又は団体の名称、所在地',
} as const;
export type ChangeItem = keyof typeof CHANGE_ITEMS;
const ITEM_KEYS = Object.keys(CHANGE_ITEMS) as [ChangeItem, ...ChangeItem[]];

// The pages read option labels from "key=label, key=label": the manual's 、 inside a label becomes ・ there.
const changeItem = z.enum(ITEM_KEYS).meta({
  title: '変更事項',
  description: ITEM_KEYS.map((k) => `${k}=${CHANGE_ITEMS[k].replace(/、/g, '・')}`).join(', '),
});

export const changeNoticeInput = z
  .object({
    changeDate: isoDate('変更年月日（予定）'),
    items: z.array(changeItem).min(1).max(6).meta({ title: '変更事項（(1)〜(6)）' }),
    fiscalYear: z.number().int().min(2019).max(2100).optional().meta({ title: '年度' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

/** One row of 様式2's 「変更事項及びその内容」: the matter, its old and new text. */
export const change = z
  .object({
    item: changeItem,
    before: longText('旧'),
    after: longText('新'),
    articles: z.boolean().optional().meta({ title: '定款等に記載した事項の変更' }),
  })
  .strict();

/** 様式2 認定職業訓練事項変更届, to the regional centre before the change (2部). */
export const changeFiled = z
  .object({
    representative,
    certification: z
      .object({ certifiedOn: isoDate('認定年月日'), number: text('認定番号（単・共第　号）', 40) })
      .strict()
      .meta({ title: '認定の年月日・認定番号' }),
    changes: z.array(change).min(1).max(50).meta({ title: '変更事項及びその内容〔様式2〕' }),
    changeDate: isoDate('変更年月日'),
    reason: longText('変更理由'),
    operatingRulesAttached: z.boolean().optional().meta({ title: '運営要綱等（運営の方法等を明らかにする書面）を併せて提出' }),
  })
  .strict();

export const correctionRequested = correctionRequest;
export const acknowledged = receiptNote;
export const withdrawn = withdrawal;

export type ChangeNoticeInput = z.infer<typeof changeNoticeInput>;
export type ChangeFiled = z.infer<typeof changeFiled>;
export type Change = z.infer<typeof change>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  CHANGE_FILED: changeFiled,
  CORRECTION_REQUESTED: correctionRequested,
  REFILED: changeFiled,
  ACKNOWLEDGED: acknowledged,
  WITHDRAWN: withdrawn,
};
