/**
 * ProcedureGraph -> Mermaid `stateDiagram-v2` text (the export; the pages draw the SVG themselves). Pure.
 * Deadlines are written into the state's description (a symbol and a word, so they read without colour); a
 * compound state's deadlines go in a note beside it (a container's title holds one line in Mermaid).
 * Transition groups are written as one pseudo-state each, with the letter on the states they apply to.
 */
import type { GraphState, ProcedureGraph } from './graph.js';
import { CURRENT_WORD, ENFORCEMENT_WORD, GUARD_WORD } from './layout.js';

export interface MermaidOptions {
  /** Extra description lines per state (figures). */
  annotate?: (state: GraphState) => string[];
  /** The path of the state a case is in. */
  current?: string | null;
}

export const HARD_MARK = ENFORCEMENT_WORD.hard;
export const SOFT_MARK = ENFORCEMENT_WORD.soft;
export const CURRENT_MARK = CURRENT_WORD;

/** Characters that end a Mermaid label or statement are swapped for their full-width forms. */
export const mermaidText = (s: string) =>
  s
    .replace(/"/g, '”')
    .replace(/:/g, '：')
    .replace(/;/g, '；')
    .replace(/#/g, '＃')
    .replace(/[<>]/g, (c) => (c === '<' ? '＜' : '＞'))
    .replace(/[{}]/g, (c) => (c === '{' ? '｛' : '｝'))
    .replace(/\n/g, ' ');

const deadlineLines = (s: GraphState) => s.deadlines.map((d) => `${d.enforcement === 'hard' ? HARD_MARK : SOFT_MARK}：${d.label}（${d.rule}）`);

export function stateDescription(state: GraphState, opts: MermaidOptions = {}): string[] {
  return [
    ...(opts.current === state.path ? [CURRENT_MARK] : []),
    state.label + state.groups.map((m) => `（${m}）`).join(''),
    ...deadlineLines(state),
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
      const lines = stateDescription(s, opts).map(mermaidText);
      if (children(s.id).length) {
        // A container's title is one line: the rest goes in a note.
        out.push(`${indent}state "${lines.filter((l) => !l.startsWith('◆') && !l.startsWith('◇')).join(' ')}" as ${s.id} {`);
        if (s.initial) out.push(`${indent}  [*] --> ${s.initial}`);
        emit(s.id, `${indent}  `);
        out.push(`${indent}}`);
        const notes = deadlineLines(s).map(mermaidText);
        if (notes.length) out.push(`${indent}note right of ${s.id}`, ...notes.map((l) => `${indent}  ${l}`), `${indent}end note`);
      } else {
        out.push(`${indent}state "${lines.join('<br>')}" as ${s.id}`);
      }
    }
  };
  emit(null, '  ');
  for (const g of graph.groups) {
    out.push(`  state "（${g.marker}）印の状態のどれ${g.to ? 'からでも' : 'でも'}：${mermaidText(g.label)}${g.guarded ? GUARD_WORD : ''}${g.to ? '' : '（状態は変わらない）'}" as group_${g.marker}`);
  }
  if (graph.initial) out.push(`  [*] --> ${graph.initial}`);
  for (const t of graph.transitions) {
    const prefix = t.kind === 'timer' ? '⏱ ' : '';
    out.push(`  ${t.from} --> ${t.internal ? t.from : t.to} : ${prefix}${mermaidText(t.label)}${t.guarded ? ` ${GUARD_WORD}` : ''}`);
  }
  for (const g of graph.groups) if (g.to) out.push(`  group_${g.marker} --> ${g.to} : ${mermaidText(g.label)}`);
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
