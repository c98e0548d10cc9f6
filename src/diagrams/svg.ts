/**
 * Mermaid text -> SVG on the server with beautiful-mermaid (pure TypeScript, ELK layout, no browser).
 * The output is made self-contained (no web-font import), given a Japanese font stack, an accessible title,
 * and line styles for deadlines and the current state that do not rely on colour.
 */
import { renderMermaidSVG } from 'beautiful-mermaid';
import type { ProcedureGraph } from './graph.js';
import { toMermaid, type MermaidOptions } from './mermaid.js';

const FONT = `'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans','Yu Gothic',system-ui,sans-serif`;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Restyles the rectangle of one node group (`<g class="node" data-id="...">`). */
function styleNode(svg: string, id: string, attrs: string): string {
  const start = svg.indexOf(`<g class="node" data-id="${id}"`);
  if (start < 0) return svg;
  const rect = svg.indexOf('<rect ', start);
  const end = svg.indexOf('</g>', start);
  if (rect < 0 || rect > end) return svg;
  const close = svg.indexOf('/>', rect);
  // Drop the attributes being replaced: a repeated attribute makes the SVG invalid XML.
  const names = [...attrs.matchAll(/([\w-]+)="/g)].map((m) => m[1]);
  const tag = svg.slice(rect, close).replace(/\s([\w-]+)="[^"]*"/g, (all, name: string) => (names.includes(name) ? '' : all));
  return `${svg.slice(0, rect)}${tag} ${attrs} ${svg.slice(close)}`;
}

export function renderSvg(mermaid: string, opts: { title: string; graph?: ProcedureGraph; current?: string | null }): string {
  let svg = renderMermaidSVG(mermaid, { bg: '#ffffff', fg: '#1f2937' });
  svg = svg.replace(/@import url\([^)]*\);?\s*/g, '').replace(/font-family:[^;]*;/, `font-family: ${FONT};`);
  svg = svg.replace('<svg ', `<svg role="img" aria-label="${escapeXml(opts.title)}" `).replace(/(<svg[^>]*>)/, `$1\n<title>${escapeXml(opts.title)}</title>`);
  for (const s of opts.graph?.states ?? []) {
    if (s.deadlines.some((d) => d.enforcement === 'hard')) svg = styleNode(svg, s.id, 'stroke="#b91c1c" stroke-width="2.5"');
    else if (s.deadlines.length) svg = styleNode(svg, s.id, 'stroke="#92400e" stroke-width="1.5" stroke-dasharray="6 3"');
  }
  const current = opts.graph?.states.find((s) => s.path === opts.current);
  if (current) svg = styleNode(svg, current.id, 'stroke="#1d4ed8" stroke-width="4" fill="#fef3c7"');
  return svg;
}

/** The diagram of a procedure as Mermaid text and SVG. */
export function diagramOf(graph: ProcedureGraph, opts: MermaidOptions = {}): { mermaid: string; svg: string } {
  const mermaid = toMermaid(graph, opts);
  return { mermaid, svg: renderSvg(mermaid, { title: `${graph.title} の状態遷移図`, graph, current: opts.current }) };
}
