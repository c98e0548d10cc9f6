/**
 * One message structure rendered twice, as plain text and as HTML, so the two parts never say different
 * things. Pure.
 */
export interface MessageDoc {
  /** Salutation line, e.g. "東京都機械職業訓練校 ご担当者様". */
  greeting: string;
  lead: string;
  /** Label/value pairs shown as a table. */
  facts: [string, string][];
  /** What the reader should do. */
  todo: string[];
  /** Extra sections (e.g. guidance text, upcoming deadlines). */
  sections: { title: string; lines: string[] }[];
  link: { label: string; url: string } | null;
}

const FOOTER = 'このメールは認定訓練ワークフロー（東京都 産業労働局 雇用就業部 能力開発課）から自動送信されています。返信いただいても対応できません。';

export function toText(doc: MessageDoc): string {
  const width = Math.max(...doc.facts.map(([k]) => k.length), 0);
  const out: string[] = [doc.greeting, '', doc.lead, ''];
  for (const [k, v] of doc.facts) out.push(`${k.padEnd(width, '　')}：${v}`);
  if (doc.todo.length) out.push('', '■ ご対応いただくこと', ...doc.todo.map((t) => `・${t}`));
  for (const s of doc.sections) out.push('', `■ ${s.title}`, ...s.lines.map((l) => `・${l}`));
  if (doc.link) out.push('', `■ ${doc.link.label}`, doc.link.url);
  out.push('', '--', FOOTER, '');
  return out.join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const list = (items: string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;

export function toHtml(doc: MessageDoc, title: string): string {
  const rows = doc.facts
    .map(([k, v]) => `<tr><th style="text-align:left;padding:4px 12px 4px 0;white-space:nowrap;vertical-align:top">${esc(k)}</th><td style="padding:4px 0">${esc(v)}</td></tr>`)
    .join('');
  return [
    '<!doctype html>',
    `<html lang="ja"><head><meta charset="utf-8"><title>${esc(title)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.6;color:#1a1a1a">',
    `<p>${esc(doc.greeting)}</p>`,
    `<p><strong>${esc(doc.lead)}</strong></p>`,
    `<table style="border-collapse:collapse">${rows}</table>`,
    doc.todo.length ? `<h3>ご対応いただくこと</h3>${list(doc.todo)}` : '',
    ...doc.sections.map((s) => `<h3>${esc(s.title)}</h3>${list(s.lines)}`),
    doc.link ? `<p><a href="${esc(doc.link.url)}">${esc(doc.link.label)}</a></p>` : '',
    `<hr><p style="font-size:smaller;color:#666">${esc(FOOTER)}</p>`,
    '</body></html>',
  ].join('\n');
}
