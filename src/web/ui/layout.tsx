/** The page frame: header with navigation by role, the sign-out form, the stylesheet and the row editor's small script (no inline script). */
import type { Child } from 'hono/jsx';
import type { WebUser } from '../env.js';
import { roleLabel } from '../../roles.js';
import { STYLE } from './style.js';
import { ROW_EDITOR_STYLE } from './row-editor-assets.js';
import { ADMIN_STYLE } from './style-admin.js';
import { ANALYST_STYLE } from './style-analyst.js';
import { WORK_STYLE } from './style-work.js';


/** "○○訓練校（訓練校）" with an organisation; the role alone without one (never "システム管理者（システム管理者）"). */
export function whoIs(user: Pick<WebUser, 'orgName' | 'role' | 'email'>): string {
  const role = roleLabel(user.role);
  const who = user.orgName && user.orgName !== role ? `${user.orgName}（${role}）` : role;
  return `${who} ${user.email}`;
}

function nav(user: WebUser) {
  const links: [string, string][] = [];
  if (user.role === 'hq' || user.role === 'center') links.push(['/inbox', '受付箱']);
  if (user.role === 'school') links.push(['/school', 'ダッシュボード']);
  if (user.role === 'analyst' || user.role === 'hq' || user.role === 'admin') links.push(['/analyst', '手続と状態遷移図']);
  if (user.role === 'analyst' || user.role === 'hq' || user.role === 'admin') links.push(['/statistics', '統計']);
  if (user.role === 'admin' || user.role === 'analyst' || user.role === 'hq' || user.role === 'center') links.push(['/cases', '案件一覧']);
  if (user.role === 'hq' || user.role === 'admin') links.push(['/settings', '年度ごとの設定']);
  if (user.role === 'hq' || user.role === 'admin') links.push(['/admin', '管理']);
  return links;
}

export function Layout(props: { title: string; user: WebUser | null; children?: Child }) {
  const { user } = props;
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} | 認定職業訓練 手続管理</title>
        <style>{STYLE}</style>
        <style>{ROW_EDITOR_STYLE + WORK_STYLE + ADMIN_STYLE + ANALYST_STYLE}</style>
        <script src="/assets/row-editor.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">本文へ移動</a>
        <header class="site">
          <span class="brand">認定職業訓練 手続管理</span>
          {user && (
            <nav aria-label="メインメニュー">
              <ul>
                {nav(user).map(([href, label]) => (
                  <li>
                    <a href={href}>{label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {user && (
            <form method="post" action="/sign-out" class="signout">
              <span class="who">{whoIs(user)}</span>
              <input type="hidden" name="_csrf" value={user.csrf} />
              <button type="submit">ログアウト</button>
            </form>
          )}
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
