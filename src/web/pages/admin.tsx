/** 管理: the admin home page, one entry per admin page with what it holds now; each entry only for the roles that may use it. */
import { fiscalYearLabel } from '../../domain/fiscal-year.js';
import { INCIDENT_ROLES, may, ORG_READ_ROLES, USER_ROLES } from '../admin/access.js';
import type { WebUser } from '../env.js';
import { Layout } from '../ui/layout.js';

export interface AdminHomeProps {
  user: WebUser;
  fiscalYear: number;
  counts: { schools: number; centers: number; users: number | null; failed: number; stuck: number };
}

export function AdminHomePage(p: AdminHomeProps) {
  const role = p.user.role;
  const c = p.counts;
  return (
    <Layout title="管理" user={p.user}>
      <p>組織・利用者・年度ごとの期日の管理と、通知や期限タイマーの障害対応の画面です。</p>
      <ul class="admin-menu">
        {may(ORG_READ_ROLES, role) && (
          <li>
            <a class="entry" href="/admin/organizations">組織（訓練校・センター・本庁）</a>
            <span class="hint">
              訓練校 {c.schools}校・センター {c.centers}か所。訓練校の登録、管轄センターと職業訓練法人の区分の変更{role === 'admin' ? '、センターの登録' : ''}。
            </span>
          </li>
        )}
        {may(USER_ROLES, role) && (
          <li>
            <a class="entry" href="/admin/users">利用者</a>
            <span class="hint">{c.users ?? 0}人。メールでの招待、役割・所属・通知の設定、APIトークンとログインの無効化。</span>
          </li>
        )}
        <li>
          <a class="entry" href={`/settings/${p.fiscalYear}`}>年度ごとの設定（{fiscalYearLabel(p.fiscalYear)}）</a>
          <span class="hint">
            各手続の定義が求める、本庁が年度ごとに定める期日。次年度: <a href={`/settings/${p.fiscalYear + 1}`}>{fiscalYearLabel(p.fiscalYear + 1)}の設定</a>
          </span>
        </li>
        {may(INCIDENT_ROLES, role) && (
          <li>
            <a class="entry" href="/admin/incidents">障害対応（失敗した通知・期限タイマー）</a>
            <span class={c.failed ? 'hint status-overdue' : 'hint'}>
              {c.failed ? `⚠ 失敗 ${c.failed}件` : '失敗はありません'}
              {c.stuck ? `・滞留 ${c.stuck}件` : ''}。原因を確かめてから再実行します。
            </span>
          </li>
        )}
      </ul>
    </Layout>
  );
}
