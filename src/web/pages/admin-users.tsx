/**
 * 利用者: the list (search by address, name or organisation; filter by role), the invitation form, and one
 * user's page (role, organisation, name, notification flags; revoke access; send the invitation again).
 */
import { ROLES, type Role } from '../../../definitions/types.js';
import { roleLabel } from '../../roles.js';
import { checked, type FieldErrors, type Posted } from '../admin/form.js';
import { ORG_KIND_JA } from '../admin/organizations.js';
import type { UserDetail, UserFilter, UserListItem } from '../admin/users.js';
import type { WebUser } from '../env.js';
import { Layout } from '../ui/layout.js';
import { ActionButton, CheckField, Crumbs, ErrorSummary, Notice, SelectField, TextField, yesNo } from './admin-parts.js';

const LABELS: Record<string, string> = { email: 'メールアドレス', name: '氏名', role: '役割', orgId: '所属組織', contact: '通知の受信', digest: '日次のまとめ' };

export type OrgChoice = { id: string; kind: 'school' | 'center' | 'hq'; name: string };

function usersQuery(f: UserFilter, page: number) {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.role) q.set('role', f.role);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/admin/users?${s}` : '/admin/users';
}

export interface UsersPageProps {
  user: WebUser;
  filter: UserFilter;
  rows: UserListItem[];
  hasNext: boolean;
  notice?: string | null;
}

const access = (u: { liveSessions: number; liveTokens: number }) =>
  u.liveSessions || u.liveTokens ? `ログイン中 ${u.liveSessions}・APIトークン ${u.liveTokens}` : 'なし';

export function UsersPage(p: UsersPageProps) {
  const page = p.filter.page ?? 1;
  return (
    <Layout title="利用者の管理" user={p.user}>
      <Crumbs here="利用者" />
      <Notice text={p.notice} />
      <p>
        <a href="/admin/users/new" class="button-link">＋ 利用者を招待する</a>
      </p>
      <form method="get" action="/admin/users" class="filters" aria-label="利用者の検索">
        <div>
          <label for="u-q">検索（メールアドレス・氏名・所属）</label>
          <input type="text" id="u-q" name="q" value={p.filter.q ?? ''} maxlength={100} />
        </div>
        <div>
          <label for="u-role">役割</label>
          <select id="u-role" name="role">
            <option value="">すべて</option>
            {ROLES.map((r) => (
              <option value={r} selected={p.filter.role === r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">検索</button>
        </div>
      </form>
      {p.rows.length === 0 ? (
        <p>該当する利用者はいません。</p>
      ) : (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">メールアドレス</th>
              <th scope="col">氏名</th>
              <th scope="col">役割</th>
              <th scope="col">所属</th>
              <th scope="col">通知</th>
              <th scope="col">有効なログイン</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((u) => (
              <tr>
                <th scope="row" class="email">{u.email}</th>
                <td data-label="氏名">{u.name ?? '—'}</td>
                <td data-label="役割">{roleLabel(u.role)}</td>
                <td data-label="所属">{u.orgName ?? '所属なし'}</td>
                <td data-label="通知">
                  {yesNo(u.contact, '受け取る', '受け取らない')}
                  {u.contact ? (u.digest ? '（日次のまとめ）' : '（1件ずつ）') : ''}
                </td>
                <td data-label="有効なログイン">{access(u)}</td>
                <td data-label="操作">
                  <a href={`/admin/users/${u.id}`} aria-label={`${u.email}を変更`}>変更</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(page > 1 || p.hasNext) && (
        <nav class="pager" aria-label="ページ">
          {page > 1 && <a href={usersQuery(p.filter, page - 1)}>← 前のページ</a>}
          <span>{page}ページ目</span>
          {p.hasNext && <a href={usersQuery(p.filter, page + 1)}>次のページ →</a>}
        </nav>
      )}
    </Layout>
  );
}

function OrgOptions(p: { orgs: OrgChoice[]; value?: string | null }) {
  return (
    <>
      <option value="" selected={!p.value}>
        所属なし（分析担当・システム管理者）
      </option>
      {(['school', 'center', 'hq'] as const).map((kind) => (
        <optgroup label={ORG_KIND_JA[kind]}>
          {p.orgs
            .filter((o) => o.kind === kind)
            .map((o) => (
              <option value={o.id} selected={o.id === p.value}>
                {o.name}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

function RoleOptions(p: { value?: string }) {
  return (
    <>
      <option value="">選択してください</option>
      {ROLES.map((r) => (
        <option value={r} selected={p.value === r}>
          {roleLabel(r)}
        </option>
      ))}
    </>
  );
}

/** Role, organisation, name and the two notification flags (shared by the invitation and the edit form). */
function UserFields(p: { values: Posted; errors: FieldErrors; orgs: OrgChoice[]; roleLocked?: Role }) {
  const prefix = 'user';
  return (
    <>
      <TextField idPrefix={prefix} name="name" label="氏名" value={p.values.name} errors={p.errors} hint="任意。メールの宛名に使います。" />
      <SelectField idPrefix={prefix} name="role" label="役割" value={p.values.role} errors={p.errors} required hint={p.roleLocked ? '自分自身の役割は変更できません。' : '訓練校・センター・本庁の利用者は、その組織に所属させます。'}>
        <RoleOptions value={p.values.role} />
      </SelectField>
      <SelectField idPrefix={prefix} name="orgId" label="所属組織" value={p.values.orgId} errors={p.errors}>
        <OrgOptions orgs={p.orgs} value={p.values.orgId} />
      </SelectField>
      <fieldset>
        <legend>メール通知</legend>
        <CheckField idPrefix={prefix} name="contact" label="組織あての通知メールを受け取る" checked={checked(p.values, 'contact')} errors={p.errors} />
        <CheckField
          idPrefix={prefix}
          name="digest"
          label="リマインダーと期限日の通知を、1日1通のまとめで受け取る"
          checked={checked(p.values, 'digest')}
          errors={p.errors}
          hint="受付・審査結果・期限超過の通知は、まとめにせずその都度届きます。"
        />
      </fieldset>
    </>
  );
}

export interface InvitePageProps {
  user: WebUser;
  orgs: OrgChoice[];
  values?: Posted;
  errors?: FieldErrors;
  message?: string | null;
}

export function InviteUserPage(p: InvitePageProps) {
  const values = p.values ?? { contact: 'on' };
  return (
    <Layout title="利用者を招待する" user={p.user}>
      <Crumbs here="招待" via={[['/admin/users', '利用者']]} />
      <p>登録すると、入力したメールアドレスにログイン用のリンク（72時間・1回限り有効）をお送りします。パスワードはありません。</p>
      <form method="post" action="/admin/users/new" class="admin-form">
        <input type="hidden" name="_csrf" value={p.user.csrf} />
        <ErrorSummary errors={p.errors} message={p.message} idPrefix="user" labels={LABELS} />
        <TextField idPrefix="user" name="email" type="email" label="メールアドレス" value={values.email} errors={p.errors} required autocomplete="off" />
        <UserFields values={values} errors={p.errors ?? {}} orgs={p.orgs} />
        <p>
          <button type="submit">登録して招待メールを送る</button> <a href="/admin/users">一覧に戻る</a>
        </p>
      </form>
    </Layout>
  );
}

export interface UserEditProps {
  user: WebUser;
  target: UserDetail;
  orgs: OrgChoice[];
  values?: Posted;
  errors?: FieldErrors;
  message?: string | null;
  notice?: string | null;
}

export function UserEditPage(p: UserEditProps) {
  const t = p.target;
  const self = t.id === p.user.userId;
  const values: Posted = p.values ?? {
    name: t.name ?? '',
    role: t.role,
    orgId: t.orgId ?? '',
    ...(t.contact ? { contact: 'on' } : {}),
    ...(t.digest ? { digest: 'on' } : {}),
  };
  const action = `/admin/users/${t.id}`;
  return (
    <Layout title={`利用者: ${t.email}`} user={p.user}>
      <Crumbs here={t.email} via={[['/admin/users', '利用者']]} />
      <Notice text={p.notice} />
      <dl class="facts">
        <dt>メールアドレス</dt>
        <dd>{t.email}</dd>
        <dt>現在の役割と所属</dt>
        <dd>
          {roleLabel(t.role)}
          {t.orgName ? `（${t.orgName}）` : ''}
        </dd>
        <dt>有効なログイン</dt>
        <dd>
          ログイン中のセッション {t.liveSessions}・APIトークン {t.liveTokens}・未使用のログイン用リンク {t.pendingLinks}
        </dd>
      </dl>
      <h2>役割・所属・通知</h2>
      <form method="post" action={action} class="admin-form">
        <input type="hidden" name="_csrf" value={p.user.csrf} />
        <input type="hidden" name="_action" value="save" />
        <ErrorSummary errors={p.errors} message={p.message} idPrefix="user" labels={LABELS} />
        <UserFields values={values} errors={p.errors ?? {}} orgs={p.orgs} roleLocked={self ? t.role : undefined} />
        <p>
          <button type="submit">保存する</button> <a href="/admin/users">一覧に戻る</a>
        </p>
        <p class="hint">役割と所属の変更は、ログイン中のセッションとAPIトークンにも直ちに反映されます。所属を変えると、この利用者が元の組織について発行したカレンダー配信URLは無効になります。</p>
      </form>
      <h2>ログインの無効化</h2>
      <p id="revoke-hint">
        APIトークン・ログイン中のセッション・未使用のログイン用リンク・この利用者が発行したカレンダー配信URLをすべて無効にします。利用者は、ログイン画面から改めてログインできます
        {self ? '（自分自身に行うと、このままログアウトします）' : ''}。
      </p>
      <ActionButton action={action} csrf={p.user.csrf} fields={{ _action: 'revoke' }} label="トークンとセッションを無効にする" tone="danger" describedBy="revoke-hint" />
      <h2>招待メールの再送</h2>
      <p id="resend-hint">新しいログイン用リンク（72時間・1回限り有効）を {t.email} に送ります。</p>
      <ActionButton action={action} csrf={p.user.csrf} fields={{ _action: 'resend' }} label="招待メールを再送する" tone="secondary" describedBy="resend-hint" />
    </Layout>
  );
}
