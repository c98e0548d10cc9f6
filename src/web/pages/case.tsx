/**
 * A case: its state on the procedure's diagram, key data, every deadline (nominal and effective, 和暦,
 * status), the history as a timeline, and a form per event the viewer may send.
 */
import { raw } from 'hono/html';
import type { AnyProcedureDefinition } from '../../../definitions/types.js';
import { fiscalYearLabel } from '../../domain/fiscal-year.js';
import type { IsoDate } from '../../domain/dates.js';
import type { CaseView } from '../../engine/case-view.js';
import type { WebUser } from '../env.js';
import { EventForm, type EventFormProps } from '../forms/event-form.js';
import type { Labeller } from '../labels.js';
import type { historyWithActors } from '../queries.js';
import { dateJa, dateTimeJa, DueBadge, ENFORCEMENT_JA, PARTY_JA } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';
import { keyFacts } from './key-facts.js';
import { displayPayload } from '../../../definitions/common/display.js';
import { PayloadView } from '../ui/payload-view.js';

/** The form an entry of the history was filed on: an event's, or the case input's for the opening. */
const schemaOf = (d: AnyProcedureDefinition, type: string) => (Object.hasOwn(d.events, type) ? d.events[type]!.schema : d.inputSchema);

export interface CasePageProps {
  user: WebUser;
  today: IsoDate;
  view: CaseView;
  definition: AnyProcedureDefinition;
  schoolName: string | null;
  centerName: string | null;
  history: Awaited<ReturnType<typeof historyWithActors>>;
  svg: string;
  forms: Omit<EventFormProps, 'csrf'>[];
  labels: Labeller;
  done?: string | null;
}

const STATUS_JA: Record<string, string> = { pending: '期限前', 'due-today': '本日が期限', overdue: '期限超過' };

function who(h: CasePageProps['history'][number]): string {
  if (h.actorKind === 'scheduler') return 'システム（期限タイマー）';
  const role = PARTY_JA[h.actorRole] ?? h.actorRole;
  return `${h.actorName ?? h.actorEmail ?? '（削除された利用者）'}（${role}）`;
}

export function CasePage(p: CasePageProps) {
  const v = p.view;
  const L = p.labels;
  return (
    <Layout title={v.title} user={p.user}>
      {p.done && (
        <p class="notice" role="status">
          ✔ 「{L.event(v.procedure, p.done, v.definitionVersion)}」を受け付けました。現在の状態: {v.stateLabel}
        </p>
      )}
      {p.forms.some((f) => f.rejection) && (
        <p class="error-summary">
          <a href={`#form-${p.forms.find((f) => f.rejection)!.type}-error`}>送信された内容は受理されませんでした。理由はフォームの上に表示しています。</a>
        </p>
      )}
      <section aria-labelledby="h-state">
        <h2 id="h-state">現在の状態</h2>
        <p class="current-state">
          <strong>▶ {v.stateLabel}</strong>（{v.status === 'active' ? '進行中' : '終了'}
          {v.waitingOn ? `・${PARTY_JA[v.waitingOn]}の対応待ち` : ''}）
        </p>
        <figure>
          <div class="diagram">{raw(p.svg)}</div>
          <figcaption>{p.definition.title}の状態遷移図。現在の状態は「▶ 現在の状態」と太枠で示しています。◆は厳守期限、◇は目安期限です。</figcaption>
        </figure>
      </section>

      <section aria-labelledby="h-facts">
        <h2 id="h-facts">案件の情報</h2>
        <dl class="facts">
          <dt>手続</dt>
          <dd>
            {p.definition.title}（定義 第{v.definitionVersion}版）
          </dd>
          <dt>訓練校</dt>
          <dd>{p.schoolName ?? '—'}</dd>
          <dt>管轄センター</dt>
          <dd>{p.centerName ?? '—'}</dd>
          <dt>年度</dt>
          <dd>{fiscalYearLabel(v.fiscalYear)}（{v.fiscalYear}年度）</dd>
          {[...p.definition.facts(v.context), ...keyFacts(p.definition, v.context)].filter(([k], i, all) => all.findIndex(([x]) => x === k) === i).map(([k, val]) => (
            <>
              <dt>{k}</dt>
              <dd>{val}</dd>
            </>
          ))}
          <dt>作成・更新</dt>
          <dd>
            {dateTimeJa(v.createdAt)} 作成／{dateTimeJa(v.updatedAt)} 更新（第{v.version}版）
          </dd>
        </dl>
      </section>

      <section aria-labelledby="h-deadlines">
        <h2 id="h-deadlines">期限</h2>
        {v.deadlines.length === 0 ? (
          <p>現在の状態に期限はありません。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">期限</th>
                <th scope="col">対応する者</th>
                <th scope="col">種別</th>
                <th scope="col">期限日（暦の上）</th>
                <th scope="col">実質の期限</th>
                <th scope="col">状況</th>
              </tr>
            </thead>
            <tbody>
              {v.deadlines.map((d) => (
                <tr>
                  <td>
                    {d.label}
                    {d.form ? `〔${d.form}〕` : ''}
                  </td>
                  <td>{PARTY_JA[d.party]}</td>
                  <td>{ENFORCEMENT_JA[d.enforcement]}</td>
                  <td>{d.nominalJa}</td>
                  <td>
                    {d.effectiveJa}
                    {d.closedReason ? `（${dateJa(d.nominal)} は${d.closedReason}のため前の開庁日）` : ''}
                  </td>
                  <td>
                    <DueBadge effective={d.effective} today={p.today} />
                    <span class="hint">{STATUS_JA[d.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="h-actions">
        <h2 id="h-actions">手続の操作</h2>
        {p.forms.length === 0 ? (
          <p>あなたが現在この案件で行える操作はありません。</p>
        ) : (
          p.forms.map((f) => <EventForm {...f} csrf={p.user.csrf} />)
        )}
      </section>

      <section aria-labelledby="h-history">
        <h2 id="h-history">経過</h2>
        <ol class="timeline">
          {p.history.map((h) => (
            <li>
              <time datetime={new Date(h.at).toISOString()}>{dateTimeJa(h.at)}</time>
              {' — '}
              <strong>{L.event(v.procedure, h.type, v.definitionVersion)}</strong>
              {' — '}
              {who(h)}
              <br />
              {h.fromState ? `${L.state(v.procedure, h.fromState, v.definitionVersion)} → ` : ''}
              {L.state(v.procedure, h.toState, v.definitionVersion)}
              {h.payload && Object.keys(h.payload as object).length > 0 && (
                <details>
                  <summary>送信内容</summary>
                  <PayloadView items={displayPayload(schemaOf(p.definition, h.type), h.payload)} />
                </details>
              )}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
