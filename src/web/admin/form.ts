/**
 * Reading a posted admin form: every field as the string typed (kept to show the form again), checkboxes as
 * present or not, and field errors in Japanese keyed by the field's name.
 */
import { z } from 'zod';

export type Posted = Record<string, string>;
export type FieldErrors = Record<string, string>;

/** The posted text fields (files and the form token left out), as typed. */
export function postedFields(body: Record<string, unknown>): Posted {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => typeof v === 'string' && k !== '_csrf')) as Posted;
}

export const checked = (f: Posted, name: string) => f[name] === 'on' || f[name] === '1' || f[name] === 'true';

/** A name of an organisation or a person: trimmed, 1–100 characters, no control characters. */
export function nameError(value: string, label: string, opts: { required: boolean }): string | null {
  const v = value.trim();
  if (!v) return opts.required ? `${label}を入力してください。` : null;
  if (v.length > 100) return `${label}は100文字以内で入力してください（${v.length}文字）。`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) return `${label}に改行や制御文字は使えません。`;
  return null;
}

const uuid = z.string().uuid();
export const isId = (s: string | undefined): s is string => typeof s === 'string' && uuid.safeParse(s).success;

const email = z.string().email();
export function emailError(value: string): string | null {
  const v = value.trim();
  if (!v) return 'メールアドレスを入力してください。';
  if (v.length > 254 || !email.safeParse(v).success) return 'メールアドレスの形式が正しくありません（例: tanto@example.jp）。';
  return null;
}
