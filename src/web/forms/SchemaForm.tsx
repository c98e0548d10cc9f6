/**
 * The inputs of a generated form. Every input has a <label>, a required/optional mark in words, its hint and
 * its errors linked by aria-describedby; groups are fieldsets with a legend. Values are the raw posted strings,
 * so a rejected form comes back exactly as it was entered.
 *
 * A list of objects is a row editor: a table with one row per item and one cell per column (a nested list as a
 * small table in its cell). Without script it is a plain form: its rows are inputs named `roster.0.name`, empty
 * rows are not sent, and the row buttons (add, up, down, remove) are submit buttons the server carries out on
 * the posted values. /assets/row-editor.js does the same in the page.
 */
import type { Child } from 'hono/jsx';
import { cellsOf, discriminatorField, type Field } from './fields.js';
import { tableErrors } from './messages.js';
import { rowCount, under, type FormValues } from './payload.js';

type Table = Extract<Field, { kind: 'table' }>;

export interface FormState {
  idPrefix: string;
  values: FormValues;
  errors: Record<string, string[]>;
  /** Where a table's spreadsheets are: `<sheets>/<table>.xlsx|.csv`, `<sheets>/<table>/upload`. */
  sheets?: string;
  /** A spreadsheet just read into a table: shown above the table (nothing is submitted yet). */
  uploaded?: { table: string; file: string; rows: number; errors: number };
  /** All the form's fields, for row words in messages. */
  fields?: Field[];
}

const dash = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '-');
const idOf = (s: FormState, name: string) => `${s.idPrefix}-${dash(name)}`;

function Describe(props: { id: string; hint?: string; errors?: string[] }) {
  return (
    <>
      {props.hint && (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.errors?.length ? (
        <span class="field-error" id={`${props.id}-err`}>
          {props.errors.map((e) => (
            <span>✖ {e} </span>
          ))}
        </span>
      ) : null}
    </>
  );
}

/** The input of a scalar field (no label). */
function Control({ f, s, inRow }: { f: Field; s: FormState; inRow?: boolean }) {
  const id = idOf(s, f.name);
  const errors = s.errors[f.name];
  const describedBy = [f.hint && !inRow ? `${id}-hint` : '', errors?.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const value = s.values[f.name] ?? '';
  // A row's cells are not required one by one: an empty row is simply not sent.
  const common = { id, name: f.name, required: !inRow && f.required && f.kind !== 'checkbox', 'aria-describedby': describedBy, 'aria-invalid': errors?.length ? 'true' : undefined };
  switch (f.kind) {
    case 'textarea':
      return inRow ? <textarea {...common} maxlength={f.maxLength} rows={2}>{value}</textarea> : <textarea {...common} maxlength={f.maxLength}>{value}</textarea>;
    case 'lines':
      return <textarea {...common}>{value}</textarea>;
    case 'select':
      return (
        <select {...common}>
          <option value="">{inRow ? '—' : '選択してください'}</option>
          {f.options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'checkbox':
      return <input type="checkbox" {...common} checked={value === 'on' || value === 'true'} />;
    case 'number':
      return <input type="number" {...common} value={value} step={f.integer ? '1' : 'any'} min={f.fixed ?? f.min} max={f.fixed ?? f.max} inputmode={f.integer ? 'numeric' : 'decimal'} />;
    case 'date':
      return <input type="date" {...common} value={value} />;
    case 'time':
      return <input type="time" {...common} value={value} />;
    default:
      return <input type="text" {...common} value={value} maxlength={'maxLength' in f ? f.maxLength : undefined} />;
  }
}

function Input({ f, s }: { f: Field; s: FormState }) {
  const id = idOf(s, f.name);
  const errors = s.errors[f.name];
  switch (f.kind) {
    case 'group':
      return (
        <fieldset>
          <legend>{f.label}</legend>
          {f.children.map((c) => (
            <Input f={c} s={s} />
          ))}
          <Describe id={id} errors={errors} />
        </fieldset>
      );
    case 'union':
      return (
        <fieldset>
          <legend>{f.label}</legend>
          <Input f={discriminatorField(f)} s={s} />
          {f.variants.map((v) => (
            <fieldset>
              <legend>{v.label}</legend>
              {v.children.map((c) => (
                <Input f={c} s={s} />
              ))}
            </fieldset>
          ))}
        </fieldset>
      );
    case 'table':
      return <RowEditor t={f} s={s} depth={0} />;
  }
  return (
    <div class="field">
      <label for={id}>
        {f.label}
        <span class="hint" style="display:inline">
          {f.required ? '（必須）' : '（任意）'}
        </span>
      </label>
      <Control f={f} s={s} />
      <Describe id={id} hint={f.hint} errors={errors} />
    </div>
  );
}

/** "4行目" for a row, "4行目の科目別出席状況 2行目" for a nested one; the numbers are spans the script renumbers. */
function RowWords({ t, row, outer }: { t: Table; row: number; outer?: Child }) {
  return (
    <>
      {outer && (
        <span class="sr">
          {outer}の{t.label}{' '}
        </span>
      )}
      <span class="rn" data-of={t.name}>
        {row + 1}
      </span>
      <span class="sr">行目</span>
    </>
  );
}

const OPS = [
  ['up', '↑', 'を上へ移動'],
  ['down', '↓', 'を下へ移動'],
  ['remove', '✕', 'を削除'],
] as const;

function rowText(t: Table, row: number, outerText?: string) {
  return `${outerText ? `${outerText}の${t.label} ` : ''}${row + 1}行目`;
}

function RowEditor({ t, s, depth, outer, outerText }: { t: Table; s: FormState; depth: number; outer?: Child; outerText?: string }) {
  const id = idOf(s, t.name);
  const cells = cellsOf(t.columns);
  const count = rowCount(s.values, t.name);
  const errors = s.errors[t.name];
  const summary = depth === 0 ? tableErrors(s.fields ?? [t], t.name, s.errors) : [];
  const uploaded = depth === 0 && s.uploaded?.table === t.name ? s.uploaded : undefined;
  const captionId = `${id}-caption`;
  const rows = Array.from({ length: count }, (_, i) => i);
  const body = (
    <div class="table-scroll">
      <table class={depth === 0 ? 'row-editor' : 'row-editor nested'} aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">行</th>
            {cells.map((c) => (
              <th scope="col">
                {c.label}
                {c.required && <span class="req">（必須）</span>}
              </th>
            ))}
            <th scope="col">行の操作</th>
          </tr>
        </thead>
        <tbody data-table={t.name} data-max={t.maxItems !== undefined ? String(t.maxItems) : undefined}>
          {rows.map((i) => {
            const prefix = `${t.name}.${i}`;
            const words = <RowWords t={t} row={i} outer={outer} />;
            const text = rowText(t, i, outerText);
            const rowErrors = s.errors[prefix];
            return (
              <tr class="row" data-i={String(i)}>
                <th scope="row" class="rowhead">
                  {words}
                  {rowErrors?.length ? <Describe id={idOf(s, prefix)} errors={rowErrors} /> : null}
                </th>
                {cells.map((c) => {
                  const f = under(c.field, prefix);
                  if (f.kind === 'table') {
                    return (
                      <td class="cell nested-cell" data-label={c.label}>
                        <RowEditor t={f} s={s} depth={depth + 1} outer={words} outerText={text} />
                      </td>
                    );
                  }
                  const cid = idOf(s, f.name);
                  return (
                    <td class={`cell cell-${f.kind}`} data-label={c.label}>
                      <label class="cell-label" for={cid}>
                        <span class="sr">{words} </span>
                        {c.label}
                      </label>
                      <Control f={f} s={s} inRow />
                      <Describe id={cid} errors={s.errors[f.name]} />
                    </td>
                  );
                })}
                <td class="ops">
                  {OPS.map(([op, sign, words]) => (
                    <button type="submit" class="op" name="_op" value={`${op}:${prefix}`} data-op={op} data-suffix={words} formnovalidate aria-label={`${text}${words}`} title={`${text}${words}`}>
                      {sign}
                    </button>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
  return (
    <fieldset class={depth === 0 ? 'rows' : 'rows nested'} id={id}>
      <legend id={captionId}>
        {outer && (
          <span class="sr">
            {outer}の
          </span>
        )}
        {t.label}
        {depth === 0 && <span class="hint" style="display:inline">{t.required ? '（必須）' : '（任意）'}</span>}
      </legend>
      {depth === 0 && (
        <p class="hint" id={`${id}-hint`}>
          1行に1件ずつ入力します。空の行は送信されません。{t.maxItems !== undefined ? `最大${t.maxItems}行。` : ''}
        </p>
      )}
      {uploaded && (
        <p class={uploaded.errors ? 'error-summary' : 'notice'} role="status">
          「{uploaded.file}」から{uploaded.rows}行を読み込みました。{uploaded.errors ? `${uploaded.errors}件の誤りがあります（下の表に表示）。直してから` : '内容を確認して、'}
          このフォームを送信してください（送信するまで登録されません）。
        </p>
      )}
      {errors?.length ? <Describe id={id} errors={errors} /> : null}
      {summary.length > 0 && (
        <ul class="field-error cell-errors" aria-label={`${t.label}の誤り`}>
          {summary.map((e) => (
            <li>
              <a href={`#${idOf(s, e.name)}`}>{e.text}</a>
            </li>
          ))}
        </ul>
      )}
      {body}
      <p class="row-tools">
        <button type="submit" class="secondary add" name="_op" value={`add:${t.name}`} data-op="add" data-table={t.name} data-suffix={`の${t.label}に行を追加`} formnovalidate aria-label={`${outerText ? `${outerText}の` : ''}${t.label}に行を追加`}>
          行を追加
        </button>
      </p>
      {depth === 0 && s.sheets && <SheetTools t={t} s={s} />}
    </fieldset>
  );
}

function SheetTools({ t, s }: { t: Table; s: FormState }) {
  const fileId = idOf(s, `_sheet.${t.name}`);
  const base = `${s.sheets}/${encodeURIComponent(t.name)}`;
  const nested = cellsOf(t.columns).filter((c) => c.field.kind === 'table');
  return (
    <div class="sheet-tools">
      <p>
        <a href={`${base}.xlsx`}>Excel（.xlsx）でダウンロード</a>
        {' ／ '}
        <a href={`${base}.csv`}>CSV（UTF-8）でダウンロード</a>
      </p>
      <label for={fileId}>Excel（.xlsx）またはCSVファイルから読み込む</label>
      <input type="file" id={fileId} name={`_sheet.${t.name}`} accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`${fileId}-hint`} />{' '}
      <button type="submit" class="secondary" name="_op" value={`upload:${t.name}`} formaction={`${base}/upload`} formenctype="multipart/form-data" formmethod="post" formnovalidate>
        読み込んで表に表示
      </button>
      <span class="hint" id={`${fileId}-hint`}>
        1行目は列見出し（上の表と同じ名前）、2行目から1行に1件。読み込んだ内容と誤りを表に表示します。確認してから送信してください。
        {nested.length > 0 && `${nested.map((c) => c.label).join('・')}は1行に1件ずつ書き、同じ人の行では他の列を繰り返すか空欄にします。`}
      </span>
    </div>
  );
}

export function SchemaFields(props: { fields: Field[]; state: FormState }) {
  const state = { ...props.state, fields: props.state.fields ?? props.fields };
  return (
    <>
      {props.fields.map((f) => (
        <Input f={f} s={state} />
      ))}
    </>
  );
}

/** Whether a form has a row editor (it then needs a default submit button ahead of the row buttons). */
export const hasTable = (fields: Field[]): boolean => fields.some((f) => f.kind === 'table' || (f.kind === 'group' && hasTable(f.children)));
