/** zod pieces shared by the 様式 schemas; every field carries its Japanese label for forms and errors. */
import { z } from 'zod';
import { isIsoDate } from '../../src/domain/dates.js';

export const isoDate = (title: string) =>
  z
    .string()
    .refine(isIsoDate, { message: `${title}は YYYY-MM-DD 形式の実在する日付で入力してください` })
    .meta({ title, format: 'date' });

export const timeOfDay = (title: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: `${title}は HH:MM 形式で入力してください` })
    .meta({ title });

// Names are stored exactly as entered (no trimming or Unicode normalisation): a certificate shows the registered name.
export const text = (title: string, max = 200) =>
  z
    .string()
    .max(max, { message: `${title}は${max}文字以内で入力してください` })
    .refine((s) => s.trim().length > 0, { message: `${title}を入力してください` })
    .meta({ title });

export const longText = (title: string) => text(title, 4000);

export const count = (title: string) => z.number().int().min(0).max(100000).meta({ title });

/** 系 and 科 of a training course, as written on every 様式. */
export const course = z
  .object({
    kei: text('系', 60),
    ka: text('科', 60),
  })
  .strict()
  .meta({ title: '訓練科名' });

export const representative = text('代表者名', 100);

export const traineeId = text('訓練生番号', 40);

/** The forms every filing-review phase shares: a withdrawal (取下げ), a correction request (補正の求め), a receipt's note. */
export const withdrawal = z.object({ reason: longText('取下げ理由') }).strict();
export const correctionRequest = z.object({ points: longText('補正を求める事項') }).strict();
export const receiptNote = z.object({ note: longText('連絡事項').optional() }).strict();
