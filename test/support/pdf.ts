/**
 * Reading the PDFs the API produces, with poppler (Debian poppler-utils): the text (pdftotext -layout, without its
 * layout whitespace), the page count (pdfinfo), and PNG renderings to look at (pdftoppm). Files land in
 * test-artifacts/documents/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const OUT = new URL('../../test-artifacts/documents/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

/** 塚 U+FA10 and 隆 U+F9DC (compatibility ideographs): a name that must print as registered. */
export const TSUKAMOTO = '\u{FA10}本 \u{F9DC}';

/** Extracted text without its layout whitespace (pdftotext -layout pads columns): compare flat(expected). */
export const flat = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** An answer that must be a PDF: saved under `name`, with its text, page count and per-page text. */
export async function readPdf(res: Response, name: string) {
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = flat(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const pageText = (n: number) => flat(execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }));
  return { file, text, pages, pageText, res };
}

/** One page of a PDF as a PNG in test-artifacts/documents/. */
export const png = (file: string, name: string, page = 1) =>
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, join(OUT, name)]);
