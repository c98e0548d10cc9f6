/**
 * The analyst's query parameters (filters, a selection of cases) read and checked, and the links of a diagram:
 * every state to the cases now in it, every transition to the cases that took it, with the same filters.
 */
import type { AnyProcedureDefinition } from '../../../definitions/types.js';
import { DEADLINE_EVENT } from '../../../definitions/types.js';
import type { GraphState, GraphTransition, ProcedureGraph, TransitionGroup } from '../../diagrams/graph.js';
import type { IsoDate } from '../../domain/dates.js';
import { badRequest } from '../../errors.js';
import type { AnalystFilter, CaseSelection } from './queries.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readFilter(q: Record<string, string>): AnalystFilter {
  const fy = q.fy?.trim() ?? '';
  if (fy && !/^\d{4}$/.test(fy)) throw badRequest('bad_fiscal_year', `年度「${fy.slice(0, 20)}」は西暦4桁で指定してください（例：2026）`);
  const id = (name: 'school' | 'center', word: string) => {
    const v = q[name]?.trim() ?? '';
    if (v && !UUID.test(v)) throw badRequest(`bad_${name}`, `${word}の指定が正しくありません`);
    return v || null;
  };
  const date = (name: 'since' | 'until', word: string) => {
    const v = q[name]?.trim() ?? '';
    if (v && !(/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) throw badRequest(`bad_${name}`, `${word}「${v.slice(0, 20)}」は年-月-日（例：2026-04-01）で指定してください`);
    return (v || null) as IsoDate | null;
  };
  const f = { fiscalYear: fy ? Number(fy) : null, schoolId: id('school', '訓練校'), centerId: id('center', 'センター'), since: date('since', '開始日'), until: date('until', '終了日') };
  if (f.since && f.until && f.since > f.until) throw badRequest('bad_range', '期間の開始日が終了日より後になっています');
  return f;
}

export function filterQuery(f: AnalystFilter): string {
  const p = new URLSearchParams();
  if (f.fiscalYear !== null) p.set('fy', String(f.fiscalYear));
  if (f.schoolId) p.set('school', f.schoolId);
  if (f.centerId) p.set('center', f.centerId);
  if (f.since) p.set('since', f.since);
  if (f.until) p.set('until', f.until);
  return p.toString();
}

const pathOf = (graph: ProcedureGraph, id: string) => graph.states.find((s) => s.id === id)!.path;

export function casesHref(procedure: string, f: AnalystFilter, sel: Record<string, string>): string {
  const p = new URLSearchParams(sel);
  for (const [k, v] of new URLSearchParams(filterQuery(f))) p.set(k, v);
  return `/analyst/procedures/${encodeURIComponent(procedure)}/cases?${p.toString()}`;
}

export function diagramLinks(procedure: string, graph: ProcedureGraph, f: AnalystFilter) {
  return {
    state: (s: GraphState) => casesHref(procedure, f, { state: s.path }),
    transition: (t: GraphTransition) =>
      t.kind === 'auto'
        ? null
        : casesHref(procedure, f, { event: t.event, from: pathOf(graph, t.from), ...(t.internal ? { stays: '1' } : { to: pathOf(graph, t.to) }) }),
    group: (g: TransitionGroup) => casesHref(procedure, f, { event: g.event, ...(g.to ? { to: pathOf(graph, g.to) } : { stays: '1' }) }),
  };
}

export function readSelection(q: Record<string, string>, graph: ProcedureGraph, d: AnyProcedureDefinition): CaseSelection {
  const known = (path: string | undefined, what: string) => {
    if (!path) return null;
    if (!graph.states.some((s) => s.path === path)) throw badRequest('unknown_state', `${what}「${path.slice(0, 60)}」はこの手続にありません`);
    return path;
  };
  const event = q.event?.trim() || null;
  if (event && event !== DEADLINE_EVENT && !d.events[event]) throw badRequest('unknown_event', `操作「${event.slice(0, 60)}」はこの手続にありません`);
  const sel: CaseSelection = { state: known(q.state, '状態'), event, from: known(q.from, '遷移元の状態'), to: known(q.to, '遷移先の状態'), stays: q.stays === '1' };
  if (!sel.state && !sel.event) throw badRequest('no_selection', '状態（state）か操作（event）を指定してください');
  return sel;
}
