/** The page frame: header with navigation by role, the sign-out form, and the stylesheet (no client script). */
import type { Child } from 'hono/jsx';
import type { WebUser } from '../env.js';
import { STYLE } from './style.js';

const ROLE_JA: Record<string, string> = { school: '訓練校', hq: '本庁（能力開発課）', center: '職業能力開発センター', analyst: '分析担当', admin: 'システム管理者' };

function nav(user: WebUser) {
  const links: [string, string][] = [];
  if (user.role === 'hq' || user.role === 'center') links.push(['/inbox', '受付箱']);
  if (user.role === 'school') links.push(['/school', 'ダッシュボード']);
  if (user.role === 'analyst' || user.role === 'hq' || user.role === 'admin') links.push(['/analyst', '手続と状態遷移図']);
  if (user.role === 'hq' || user.role === 'admin') links.push(['/settings', '年度ごとの設定']);
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
              <span>
                {user.orgName ?? ROLE_JA[user.role]}（{ROLE_JA[user.role]}）{user.email}
              </span>
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
