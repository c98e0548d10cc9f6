/** Pieces the admin pages share: the way back to 管理, notices, an error summary and labelled fields with their errors. */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../admin/form.js';

export function Crumbs(props: { here: string; via?: [string, string][] }) {
  return (
    <nav aria-label="現在位置" class="crumbs">
      <a href="/admin">管理</a>
      {(props.via ?? []).map(([href, label]) => (
        <>
          {' ＞ '}
          <a href={href}>{label}</a>
        </>
      ))}
      {' ＞ '}
      <span aria-current="page">{props.here}</span>
    </nav>
  );
}

export function Notice(props: { text?: string | null }) {
  return props.text ? (
    <p class="notice" role="status">
      ✔ {props.text}
    </p>
  ) : null;
}

/** The errors of a refused form, each linking to its field; nothing was saved. */
export function ErrorSummary(props: { errors?: FieldErrors; idPrefix: string; message?: string | null; labels: Record<string, string> }) {
  const entries = Object.entries(props.errors ?? {});
  if (!entries.length && !props.message) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{props.message ?? '入力内容に誤りがあります。次の項目を直してください（まだ保存していません）。'}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, text]) => (
            <li>
              <a href={`#${props.idPrefix}-${name}`}>{props.labels[name] ?? '入力'}</a>: {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  idPrefix: string;
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
}

const describedBy = (p: FieldProps) => [p.hint ? `${p.idPrefix}-${p.name}-hint` : '', p.errors?.[p.name] ? `${p.idPrefix}-${p.name}-err` : ''].filter(Boolean).join(' ') || undefined;

function Help(p: FieldProps) {
  return (
    <>
      {p.hint && (
        <span class="hint" id={`${p.idPrefix}-${p.name}-hint`}>
          {p.hint}
        </span>
      )}
      {p.errors?.[p.name] && (
        <span class="field-error" id={`${p.idPrefix}-${p.name}-err`}>
          ✖ {p.errors[p.name]}
        </span>
      )}
    </>
  );
}

export function TextField(p: FieldProps & { value?: string; type?: 'text' | 'email'; required?: boolean; autocomplete?: string }) {
  const id = `${p.idPrefix}-${p.name}`;
  return (
    <div class="field">
      <label for={id}>
        {p.label}
        {p.required ? <span class="req">（必須）</span> : null}
      </label>
      <input
        id={id}
        type={p.type ?? 'text'}
        name={p.name}
        value={p.value ?? ''}
        required={p.required}
        maxlength={p.type === 'email' ? 254 : 100}
        autocomplete={p.autocomplete ?? 'off'}
        aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      />
      <Help {...p} />
    </div>
  );
}

export function SelectField(p: FieldProps & { value?: string | null; required?: boolean; children?: Child }) {
  const id = `${p.idPrefix}-${p.name}`;
  return (
    <div class="field">
      <label for={id}>
        {p.label}
        {p.required ? <span class="req">（必須）</span> : null}
      </label>
      <select id={id} name={p.name} required={p.required} aria-invalid={p.errors?.[p.name] ? 'true' : undefined} aria-describedby={describedBy(p)}>
        {p.children}
      </select>
      <Help {...p} />
    </div>
  );
}

export function CheckField(p: FieldProps & { checked: boolean }) {
  const id = `${p.idPrefix}-${p.name}`;
  return (
    <div class="field">
      <label class="check" for={id}>
        <input id={id} type="checkbox" name={p.name} checked={p.checked} aria-describedby={describedBy(p)} />
        {p.label}
      </label>
      <Help {...p} />
    </div>
  );
}

/** A one-button form (retry, revoke, resend) with the form token. */
export function ActionButton(p: { action: string; csrf: string; fields: Record<string, string>; label: string; tone?: 'secondary' | 'danger'; describedBy?: string }) {
  return (
    <form method="post" action={p.action} class="inline">
      <input type="hidden" name="_csrf" value={p.csrf} />
      {Object.entries(p.fields).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={p.tone} aria-describedby={p.describedBy}>
        {p.label}
      </button>
    </form>
  );
}

export const yesNo = (b: boolean, yes: string, no: string) => (b ? `✔ ${yes}` : no);
