/**
 * A document (様式, certificate) described without any PDF library: a definition's layout function returns this,
 * the shell (src/documents/) renders it. Pure data: blocks of text, key/value fields, tables whose header rows
 * repeat when a table breaks across pages, and pages (one certificate per trainee). Dates are written by the
 * definition, in 和暦 (the helpers below), so a layout shows exactly what the manual's form shows.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { formatWareki } from '../../src/domain/wareki.js';

export type Align = 'left' | 'center' | 'right';

/** A table cell: text, or text spanning columns/rows, aligned. */
export type Cell = string | { text: string; colSpan?: number; rowSpan?: number; align?: Align; bold?: boolean };

export type Block =
  /** The form's number at the top left, e.g. '〔様式19-1〕'. */
  | { kind: 'formNumber'; text: string }
  /** The document's title, centred and large. */
  | { kind: 'title'; text: string; size?: number }
  /** A line of text (a date, an issue number, a sentence...). `size` in points (default 10.5), `spacing` = extra characters' spacing. */
  | { kind: 'paragraph'; text: string; align?: Align; size?: number; bold?: boolean; spacing?: number; marginTop?: number; indent?: number }
  /** 東京都知事 殿 / the centre's name 殿. */
  | { kind: 'addressee'; text: string }
  /** The filer: label/value lines set on the right (事業所又は団体名, 代表者名). */
  | { kind: 'sender'; lines: [label: string, value: string][] }
  /** 記, centred. */
  | { kind: 'ki' }
  /** Numbered or labelled items: '1 訓練科名 | 機械系 機械加工科'. */
  | { kind: 'fields'; items: { label: string; value: string }[]; labelWidth?: number }
  /**
   * A ruled table. `header` rows repeat at the top of every page the table runs onto. `widths` per column: a
   * number (points), '*' (share the rest) or 'auto'. `size` is the font size (default 9).
   */
  | { kind: 'table'; header: Cell[][]; rows: Cell[][]; widths?: (number | '*' | 'auto')[]; size?: number; caption?: string }
  /** The small notes under a form (提出部数, 提出先). */
  | { kind: 'notes'; items: string[] }
  /** A framed empty box (a seal's place), `size` points square, aligned. */
  | { kind: 'seal'; label: string; size?: number; align?: Align }
  /** Signature lines set on the right (organisation, title and name), with a seal's box beside them. */
  | { kind: 'signature'; lines: string[]; size?: number; seal?: { label: string; size?: number } }
  /** Vertical space in points. */
  | { kind: 'spacer'; height: number };

export interface DocumentLayout {
  /** Always A4; landscape for wide rosters. */
  orientation?: 'portrait' | 'landscape';
  /** Each entry starts on a new sheet (a certificate per passer); a page's blocks flow onto more sheets if long. */
  pages: Block[][];
}

/** One page of blocks. */
export const singlePage = (blocks: Block[], orientation: DocumentLayout['orientation'] = 'portrait'): DocumentLayout => ({ orientation, pages: [blocks] });

/** 令和8年3月19日, or the manual's blank '　　年　　月　　日' when the date is not known yet. */
export const wareki = (d: IsoDate | null | undefined): string => (d ? formatWareki(d) : '　　年　　月　　日');

/** A date line on the right, as at the head of every 届出書. */
export const dateLine = (d: IsoDate | null | undefined): Block => ({ kind: 'paragraph', text: wareki(d), align: 'right', marginTop: 8 });

/** The filer's block: organisation and representative. */
export const senderBlock = (schoolName: string, representative: string | null | undefined): Block => ({
  kind: 'sender',
  lines: [
    ['事業所又は団体名', schoolName],
    ['代表者名', representative ?? ''],
  ],
});

/** '機械系 機械加工科' */
export const courseName = (course: { kei: string; ka: string }): string => `${course.kei}系 ${course.ka}科`;

/** 認定職業訓練団体・事業所: (所在地) (名称), 代表者 (住所) (職氏名), as the manual's letter forms head the filer. */
export const filerBlock = (schoolName: string, representative: string | undefined): Block => ({
  kind: 'sender',
  lines: [
    ['認定職業訓練団体・事業所', ''],
    ['　（所在地）', '〒'],
    ['　（名称）', schoolName],
    ['代表者　（住所）', '〒　　　　（任意団体の場合のみ）'],
    ['　　　　（職氏名）', `${representative || '　　　　　　　　'}　　印`],
  ],
});
