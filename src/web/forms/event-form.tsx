/** One event's form on the case page: the generated fields, and the rejection (rule or validation) next to it. */
import type { RuleViolation } from '../../../definitions/types.js';
import { dateJa } from '../ui/dates.js';
import type { Field } from './fields.js';
import { hasTable, SchemaFields, type FormState } from './SchemaForm.js';

export interface Rejection {
  /** 400 validation, 409 state/version, 422 statutory rule. */
  status: 400 | 409 | 422;
  message: string;
  rule?: RuleViolation;
}

export interface EventFormProps {
  action: string;
  type: string;
  label: string;
  form: string | null;
  fields: Field[];
  state: FormState;
  csrf: string;
  version?: number;
  rejection?: Rejection;
  submitLabel?: string;
  /** Shown open (the form came back: rows changed, a spreadsheet read, or rejected). */
  open?: boolean;
}

export function RejectionBox({ r, id }: { r: Rejection; id: string }) {
  return (
    <div class="error-summary" role="alert" id={id} tabindex={-1}>
      <p>
        <strong>✖ {r.status === 422 ? '法令・手引の定めにより受理できません' : r.status === 409 ? '受理できません' : '入力内容に誤りがあります'}</strong>
      </p>
      <p class="rule-message">{r.message}</p>
      {r.rule && (
        <dl class="facts">
          {r.rule.nominal && (
            <>
              <dt>期限（暦の上）</dt>
              <dd>{dateJa(r.rule.nominal)}</dd>
            </>
          )}
          {r.rule.effective && (
            <>
              <dt>実質の期限</dt>
              <dd>{dateJa(r.rule.effective)}</dd>
            </>
          )}
          <dt>対応方法</dt>
          <dd class="remedy">{r.rule.remedy}</dd>
          <dt>規則</dt>
          <dd>{r.rule.rule}</dd>
        </dl>
      )}
    </div>
  );
}

export function EventForm(p: EventFormProps) {
  const id = `form-${p.type}`;
  const general = p.state.errors[''] ?? [];
  return (
    <details open={!!p.rejection || !!p.open} id={id}>
      <summary>
        {p.label}
        {p.form ? `〔${p.form}〕` : ''}
      </summary>
      <form method="post" action={p.action} class="event" aria-label={p.label}>
        {p.rejection && <RejectionBox r={p.rejection} id={`${id}-error`} />}
        {general.length > 0 && (
          <ul class="field-error">
            {general.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        )}
        <input type="hidden" name="_csrf" value={p.csrf} />
        {p.version !== undefined && <input type="hidden" name="_version" value={String(p.version)} />}
        {/* Enter in a field submits the form, not the first row button (the default button is the first one). */}
        {hasTable(p.fields) && (
          <button type="submit" class="implicit-submit" tabindex={-1} aria-hidden="true">
            {p.submitLabel ?? `${p.label}を送信`}
          </button>
        )}
        <SchemaFields fields={p.fields} state={p.state} />
        <p>
          <button type="submit">{p.submitLabel ?? `${p.label}を送信`}</button>
        </p>
      </form>
    </details>
  );
}
