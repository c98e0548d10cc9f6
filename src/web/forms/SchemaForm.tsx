/**
 * The inputs of a generated form. Every input has a <label>, a required/optional mark in words, its hint and
 * its errors linked by aria-describedby; groups are fieldsets with a legend. Values are the raw posted strings,
 * so a rejected form comes back exactly as it was entered.
 */
import type { Field } from './fields.js';
import type { FormValues } from './payload.js';

export interface FormState {
  idPrefix: string;
  values: FormValues;
  errors: Record<string, string[]>;
}

const idOf = (s: FormState, name: string) => `${s.idPrefix}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

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

function Input({ f, s }: { f: Field; s: FormState }) {
  const id = idOf(s, f.name);
  const errors = s.errors[f.name];
  const describedBy = [f.hint ? `${id}-hint` : '', errors?.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const value = s.values[f.name] ?? '';
  const common = { id, name: f.name, required: f.required && f.kind !== 'checkbox', 'aria-describedby': describedBy, 'aria-invalid': errors?.length ? 'true' : undefined };
  const label = (
    <label for={id}>
      {f.label}
      <span class="hint" style="display:inline">
        {f.required ? '（必須）' : '（任意）'}
      </span>
    </label>
  );
  let control;
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
    case 'textarea':
      control = <textarea {...common} maxlength={f.maxLength}>{value}</textarea>;
      break;
    case 'lines':
      control = <textarea {...common}>{value}</textarea>;
      break;
    case 'json':
      control = (
        <>
          <textarea {...common} class="json" spellcheck={false}>
            {value}
          </textarea>
          <details>
            <summary>{f.label}の記入例</summary>
            <pre>{f.example}</pre>
          </details>
        </>
      );
      break;
    case 'select':
      control = (
        <select {...common}>
          <option value="">選択してください</option>
          {f.options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'checkbox':
      control = <input type="checkbox" {...common} checked={value === 'on'} />;
      break;
    case 'number':
      control = <input type="number" {...common} value={value} step={f.integer ? '1' : 'any'} min={f.fixed ?? f.min} max={f.fixed ?? f.max} inputmode="decimal" />;
      break;
    case 'date':
      control = <input type="date" {...common} value={value} />;
      break;
    case 'time':
      control = <input type="time" {...common} value={value} />;
      break;
    default:
      control = <input type="text" {...common} value={value} maxlength={f.maxLength} />;
  }
  return (
    <div class="field">
      {label}
      {control}
      <Describe id={id} hint={f.hint} errors={errors} />
    </div>
  );
}

export function SchemaFields(props: { fields: Field[]; state: FormState }) {
  return (
    <>
      {props.fields.map((f) => (
        <Input f={f} s={props.state} />
      ))}
    </>
  );
}
