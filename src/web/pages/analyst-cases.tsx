/** The cases behind one state (now in it) or one transition (took it) of a procedure's diagram, with the filters. */
import type { AnyProcedureDefinition } from '../../../definitions/types.js';
import type { ProcedureGraph } from '../../diagrams/graph.js';
import type { IsoDate } from '../../domain/dates.js';
import type { AnalystFilter, CaseSelection, ListedCase } from '../analyst/queries.js';
import { filterQuery } from '../analyst/links.js';
import type { WebUser } from '../env.js';
import type { labeller } from '../labels.js';
import { DueBadge, dateJa, dateTimeJa } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';
import { FilterForm, type Choices } from './analyst-filters.js';

export function selectionTitle(graph: ProcedureGraph, d: AnyProcedureDefinition, s: CaseSelection): string {
  const label = (path: string | null | undefined) => graph.states.find((x) => x.path === path)?.label ?? '';
  if (!s.event) return `「${label(s.state)}」にある案件`;
  const event = graph.transitions.find((t) => t.event === s.event)?.label ?? graph.groups.find((g) => g.event === s.event)?.label ?? d.events[s.event]?.label ?? '期限の到来（自動）';
  const from = s.from ? `「${label(s.from)}」から` : '';
  const to = s.stays ? '（状態は変わらない）' : s.to ? `「${label(s.to)}」へ` : '';
  return `${from}${to}「${event}」をした案件${s.state ? `のうち「${label(s.state)}」にあるもの` : ''}`;
}

export function CasesPage(p: {
  user: WebUser;
  definition: AnyProcedureDefinition;
  graph: ProcedureGraph;
  selection: CaseSelection;
  filter: AnalystFilter;
  choices: Choices;
  found: { total: number; rows: ListedCase[] };
  labels: ReturnType<typeof labeller>;
  today: IsoDate;
}) {
  const d = p.definition;
  const title = selectionTitle(p.graph, d, p.selection);
  const keep: Record<string, string> = {};
  for (const k of ['state', 'event', 'from', 'to'] as const) if (p.selection[k]) keep[k] = p.selection[k]!;
  if (p.selection.stays) keep.stays = '1';
  const stateLabel = (path: string) => {
    const s = p.graph.states.find((x) => x.path === path);
    const parent = s?.parent ? p.graph.states.find((x) => x.id === s.parent) : null;
    return s ? (parent ? `${parent.label} ＞ ${s.label}` : s.label) : path;
  };
  const fq = filterQuery(p.filter);
  return (
    <Layout title={`${d.title}：${title}`} user={p.user}>
      <p>
        <a href={`/analyst/procedures/${d.id}${fq ? `?${fq}` : ''}`}>← {d.title}の状態遷移図へ戻る</a>
      </p>
      <FilterForm action={`/analyst/procedures/${d.id}/cases`} filter={p.filter} choices={p.choices} keep={keep} />
      <p id="case-count">
        該当 {p.found.total}件{p.found.total > p.found.rows.length ? `（新しく更新された順に ${p.found.rows.length}件を表示）` : ''}
      </p>
      {p.found.rows.length === 0 ? (
        <p>該当する案件はありません。</p>
      ) : (
        <div class="table-scroll">
          <table class="cards" id="case-list">
            <thead>
              <tr>
                <th scope="col">案件</th>
                <th scope="col">現在の状態</th>
                <th scope="col">年度</th>
                <th scope="col">訓練校</th>
                <th scope="col">センター</th>
                <th scope="col">次の期限</th>
                <th scope="col">最終更新</th>
              </tr>
            </thead>
            <tbody>
              {p.found.rows.map((r) => (
                <tr data-case={r.id}>
                  <th scope="row" data-label="案件">
                    <a href={`/cases/${r.id}`}>{r.title}</a>
                  </th>
                  <td data-label="現在の状態">
                    {stateLabel(r.state)}
                    {r.status === 'done' ? '（終了）' : ''}
                  </td>
                  <td data-label="年度">{r.fiscalYear}年度</td>
                  <td data-label="訓練校">{r.schoolName ?? '—'}</td>
                  <td data-label="センター">{r.centerName ?? '—'}</td>
                  <td data-label="次の期限">
                    {r.status === 'active' && r.nextDue ? (
                      <>
                        {dateJa(r.nextDue as IsoDate)} <DueBadge effective={r.nextDue as IsoDate} today={p.today} />
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label="最終更新">{dateTimeJa(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
