/**
 * 年度ごとの設定: every fiscal-year date the definitions declare, grouped by procedure, with its default; HQ and
 * admins change them here (the same rules as the API: a date inside the fiscal year).
 */
import type { SettingEntry } from '../../engine/settings.js';
import { fiscalYearLabel } from '../../domain/fiscal-year.js';
import type { WebUser } from '../env.js';
import { dateJa } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';

export interface SettingsPageProps {
  user: WebUser;
  fiscalYear: number;
  settings: SettingEntry[];
  editable: boolean;
  saved?: boolean;
  error?: string | null;
  /** Values as entered when a save was refused. */
  entered?: Record<string, string>;
}

export function SettingsPage(p: SettingsPageProps) {
  const groups = [...new Set(p.settings.map((s) => s.procedureTitle))];
  return (
    <Layout title={`${fiscalYearLabel(p.fiscalYear)}の設定`} user={p.user}>
      <p>
        本庁が年度ごとに定める期日です。各手続の定義が必要とする項目を表示しています。変更すると、その日付を期限とする進行中の案件の期限とリマインダーが直ちに更新されます。
      </p>
      <nav aria-label="年度">
        <a href={`/settings/${p.fiscalYear - 1}`}>← {fiscalYearLabel(p.fiscalYear - 1)}</a>
        {' ｜ '}
        <a href={`/settings/${p.fiscalYear + 1}`}>{fiscalYearLabel(p.fiscalYear + 1)} →</a>
      </nav>
      {p.saved && (
        <p class="notice" role="status">
          ✔ 設定を保存しました。
        </p>
      )}
      {p.error && (
        <p class="error-summary" role="alert">
          {p.error}
        </p>
      )}
      {p.settings.length === 0 ? (
        <p>年度ごとに設定する項目はありません。</p>
      ) : (
        <form method="post" action={`/settings/${p.fiscalYear}`}>
          <input type="hidden" name="_csrf" value={p.user.csrf} />
          {groups.map((title) => (
            <fieldset>
              <legend>{title}</legend>
              <div class="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">項目</th>
                      <th scope="col">期日</th>
                      <th scope="col">既定値</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.settings
                      .filter((s) => s.procedureTitle === title)
                      .map((s) => (
                        <tr>
                          <th scope="row">
                            <label for={`s-${s.name}`}>{s.label}</label>
                          </th>
                          <td>
                            {p.editable ? (
                              <input id={`s-${s.name}`} type="date" name={s.name} value={p.entered?.[s.name] ?? s.value} required />
                            ) : (
                              dateJa(s.value)
                            )}
                            {!p.editable && s.isDefault ? '（既定値）' : ''}
                          </td>
                          <td>{dateJa(s.defaultValue)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
          ))}
          {p.editable && <button type="submit">保存する</button>}
        </form>
      )}
    </Layout>
  );
}
