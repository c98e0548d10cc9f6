/**
 * ProcedureGraph -> Mermaid `stateDiagram-v2` text. Pure. Deadlines are written into the state's label
 * (a symbol and a word, so they read without colour), and also as classDefs for Mermaid renderers that
 * support them (GitHub); beautiful-mermaid ignores the class lines.
 */
import type { GraphState, ProcedureGraph } from './graph.js';

export interface MermaidOptions {
  /** Extra label lines per state path (live counts on the analyst page). */
  annotate?: (state: GraphState) => string[];
  /** The path of the state a case is in: marked 「▶ 現在の状態」. */
  current?: string | null;
}

export const HARD_MARK = '◆厳守期限';
export const SOFT_MARK = '◇目安期限';
export const CURRENT_MARK = '▶ 現在の状態';

/** Characters that end a Mermaid label or statement are swapped for their full-width forms. */
export const mermaidText = (s: string) =>
  s.replace(/"/g, '”').replace(/:/g, '：').replace(/;/g, '；').replace(/#/g, '＃').replace(/[{}]/g, (c) => (c === '{' ? '｛' : '｝')).replace(/\n/g, ' ');

export function stateLines(state: GraphState, opts: MermaidOptions = {}): string[] {
  return [
    ...(opts.current === state.path ? [CURRENT_MARK] : []),
    state.label,
    ...state.deadlines.map((d) => `${d.enforcement === 'hard' ? HARD_MARK : SOFT_MARK}：${d.label}`),
    ...(opts.annotate?.(state) ?? []),
  ];
}

export function toMermaid(graph: ProcedureGraph, opts: MermaidOptions = {}): string {
  const out: string[] = ['stateDiagram-v2'];
  out.push(`  %% ${graph.title} (${graph.id} v${graph.version}): generated from the machine; do not edit`);
  if (graph.rootEvents.length) out.push(`  %% accepted in every state: ${graph.rootEvents.join(', ')}`);
  const children = (parent: string | null) => graph.states.filter((s) => s.parent === parent);

  const emit = (parent: string | null, indent: string) => {
    for (const s of children(parent)) {
      const label = stateLines(s, opts).map(mermaidText).join('<br>');
      if (s.kind === 'compound' || s.kind === 'parallel') {
        out.push(`${indent}state "${label}" as ${s.id} {`);
        if (s.initial) out.push(`${indent}  [*] --> ${s.initial}`);
        emit(s.id, `${indent}  `);
        out.push(`${indent}}`);
      } else {
        out.push(`${indent}state "${label}" as ${s.id}`);
      }
    }
  };
  emit(null, '  ');
  if (graph.initial) out.push(`  [*] --> ${graph.initial}`);
  for (const t of graph.transitions) {
    out.push(`  ${t.from} --> ${t.to} : ${mermaidText(t.label)}${t.guarded ? ' ［条件］' : ''}`);
  }
  for (const s of graph.states.filter((s) => s.kind === 'final')) out.push(`  ${s.id} --> [*]`);

  const hard = graph.states.filter((s) => s.deadlines.some((d) => d.enforcement === 'hard')).map((s) => s.id);
  const soft = graph.states.filter((s) => s.deadlines.length && !hard.includes(s.id)).map((s) => s.id);
  out.push('  classDef hardDeadline stroke:#b91c1c,stroke-width:3px');
  out.push('  classDef softDeadline stroke:#92400e,stroke-width:2px,stroke-dasharray:5 3');
  out.push('  classDef current fill:#fef3c7,stroke:#1d4ed8,stroke-width:4px');
  if (hard.length) out.push(`  class ${hard.join(',')} hardDeadline`);
  if (soft.length) out.push(`  class ${soft.join(',')} softDeadline`);
  const current = graph.states.find((s) => s.path === opts.current);
  if (current) out.push(`  class ${current.id} current`);
  return `${out.join('\n')}\n`;
}
