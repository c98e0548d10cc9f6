/**
 * 組織: schools with their regional centre and 職業訓練法人 flag, centres with their schools, HQ; forms to add a
 * school (admin, HQ) and a centre (admin), and the edit page of one organisation.
 */
import { CENTER_WRITE_ROLES, may, SCHOOL_WRITE_ROLES } from '../admin/access.js';
import { checked, type FieldErrors, type Posted } from '../admin/form.js';
import { ORG_KIND_JA, type OrgKind, type OrgListItem, type OrgRow } from '../admin/organizations.js';
import type { WebUser } from '../env.js';
import { Layout } from '../ui/layout.js';
import { CheckField, Crumbs, ErrorSummary, Notice, SelectField, TextField, yesNo } from './admin-parts.js';

const LABELS: Record<string, string> = { name: '名称', centerId: '管轄センター', trainingCorporation: '職業訓練法人' };

export interface OrgFormState {
  kind: 'school' | 'center';
  values: Posted;
  errors: FieldErrors;
  message?: string | null;
}

function CenterOptions(p: { centers: { id: string; name: string }[]; value?: string | null }) {
  return (
    <>
      <option value="">選択してください</option>
      {p.centers.map((c) => (
        <option value={c.id} selected={c.id === p.value}>
          {c.name}
        </option>
      ))}
    </>
  );
}

function SchoolFields(p: { prefix: string; values: Posted; errors: FieldErrors; centers: { id: string; name: string }[] }) {
  return (
    <>
      <TextField idPrefix={p.prefix} name="name" label="訓練校の名称" value={p.values.name} errors={p.errors} required hint="例: 東京都機械職業訓練校" />
      <SelectField idPrefix={p.prefix} name="centerId" label="管轄の職業能力開発センター" value={p.values.centerId} errors={p.errors} required>
        <CenterOptions centers={p.centers} value={p.values.centerId} />
      </SelectField>
      <CheckField
        idPrefix={p.prefix}
        name="trainingCorporation"
        label="職業訓練法人である"
        checked={checked(p.values, 'trainingCorporation')}
        errors={p.errors}
        hint="職業訓練法人として設立の認可を受けた団体です。この区分は案件を作成するときに各手続へ渡され、法人に固有の期限などに使われます。"
      />
    </>
  );
}

export interface OrganizationsPageProps {
  user: WebUser;
  orgs: Record<OrgKind, OrgListItem[]>;
  form?: OrgFormState;
  notice?: string | null;
}

export function OrganizationsPage(p: OrganizationsPageProps) {
  const { school: schools, center: centers, hq } = p.orgs;
  const role = p.user.role;
  const f = p.form;
  const schoolForm = f?.kind === 'school' ? f : null;
  const centerForm = f?.kind === 'center' ? f : null;
  return (
    <Layout title="組織の管理" user={p.user}>
      <Crumbs here="組織" />
      <Notice text={p.notice} />
      <h2 id="schools">訓練校（{schools.length}校）</h2>
      {schools.length === 0 ? (
        <p>登録されている訓練校はありません。</p>
      ) : (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">訓練校</th>
              <th scope="col">管轄センター</th>
              <th scope="col">職業訓練法人</th>
              <th scope="col">利用者</th>
              <th scope="col">進行中の案件</th>
              {may(SCHOOL_WRITE_ROLES, role) && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {schools.map((s) => (
              <tr>
                <th scope="row">{s.name}</th>
                <td data-label="管轄センター">{s.centerName ?? '（未設定）'}</td>
                <td data-label="職業訓練法人">{yesNo(s.trainingCorporation, '職業訓練法人', '—')}</td>
                <td data-label="利用者" class="num">{s.users}人</td>
                <td data-label="進行中の案件" class="num">{s.activeCases}件</td>
                {may(SCHOOL_WRITE_ROLES, role) && (
                  <td data-label="操作">
                    <a href={`/admin/organizations/${s.id}`} aria-label={`${s.name}を変更`}>変更</a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {may(SCHOOL_WRITE_ROLES, role) && (
        <section aria-labelledby="add-school-h" class="admin-form">
          <h3 id="add-school-h">訓練校を登録する</h3>
          {centers.length === 0 ? (
            <p>訓練校には管轄の職業能力開発センターが必要です。先にセンターを登録してください。</p>
          ) : (
            <form method="post" action="/admin/organizations" aria-labelledby="add-school-h">
              <input type="hidden" name="_csrf" value={p.user.csrf} />
              <input type="hidden" name="kind" value="school" />
              <ErrorSummary errors={schoolForm?.errors} message={schoolForm?.message} idPrefix="school" labels={LABELS} />
              <SchoolFields prefix="school" values={schoolForm?.values ?? {}} errors={schoolForm?.errors ?? {}} centers={centers} />
              <p>
                <button type="submit">訓練校を登録</button>
              </p>
            </form>
          )}
        </section>
      )}

      <h2 id="centers">職業能力開発センター（{centers.length}か所）</h2>
      {centers.length === 0 ? (
        <p>登録されているセンターはありません。</p>
      ) : (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">センター</th>
              <th scope="col">管内の訓練校</th>
              <th scope="col">利用者</th>
              {may(CENTER_WRITE_ROLES, role) && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {centers.map((c) => (
              <tr>
                <th scope="row">{c.name}</th>
                <td data-label="管内の訓練校" class="num">{c.schools}校</td>
                <td data-label="利用者" class="num">{c.users}人</td>
                {may(CENTER_WRITE_ROLES, role) && (
                  <td data-label="操作">
                    <a href={`/admin/organizations/${c.id}`} aria-label={`${c.name}を変更`}>変更</a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {may(CENTER_WRITE_ROLES, role) && (
        <section aria-labelledby="add-center-h" class="admin-form">
          <h3 id="add-center-h">センターを登録する</h3>
          <form method="post" action="/admin/organizations" aria-labelledby="add-center-h">
            <input type="hidden" name="_csrf" value={p.user.csrf} />
            <input type="hidden" name="kind" value="center" />
            <ErrorSummary errors={centerForm?.errors} message={centerForm?.message} idPrefix="center" labels={LABELS} />
            <TextField idPrefix="center" name="name" label="センターの名称" value={centerForm?.values.name} errors={centerForm?.errors} required hint="例: 城南職業能力開発センター" />
            <p>
              <button type="submit">センターを登録</button>
            </p>
          </form>
        </section>
      )}

      <h2 id="hq">本庁</h2>
      {hq.length === 0 ? (
        <p>
          本庁の組織は登録されていません（コマンド <code>npm run cli -- org:add --kind hq --name 名称</code> で登録します）。
        </p>
      ) : (
        <ul>
          {hq.map((h) => (
            <li>
              {h.name}（利用者 {h.users}人）
              {may(CENTER_WRITE_ROLES, role) && (
                <>
                  {' '}
                  <a href={`/admin/organizations/${h.id}`} aria-label={`${h.name}を変更`}>変更</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface OrganizationEditProps {
  user: WebUser;
  org: OrgRow;
  centers: { id: string; name: string }[];
  activeCases: number;
  values?: Posted;
  errors?: FieldErrors;
  message?: string | null;
  notice?: string | null;
}

export function OrganizationEditPage(p: OrganizationEditProps) {
  const o = p.org;
  const kind = ORG_KIND_JA[o.kind];
  // A refused post shows what was posted (an unchecked box is not posted at all); otherwise what is stored.
  const values: Posted = p.values ?? { name: o.name, centerId: o.centerId ?? '', ...(o.trainingCorporation ? { trainingCorporation: 'on' } : {}) };
  return (
    <Layout title={`${kind}の変更: ${o.name}`} user={p.user}>
      <Crumbs here={o.name} via={[['/admin/organizations', '組織']]} />
      <Notice text={p.notice} />
      {o.kind === 'school' && (
        <p class="hint">
          進行中の案件 {p.activeCases}件は、作成したときの訓練校の名称・管轄センター・法人の区分のまま進みます。変更は、これから作成する案件に使われます。
        </p>
      )}
      <form method="post" action={`/admin/organizations/${o.id}`} class="admin-form">
        <input type="hidden" name="_csrf" value={p.user.csrf} />
        <ErrorSummary errors={p.errors} message={p.message} idPrefix="org" labels={LABELS} />
        {o.kind === 'school' ? (
          <SchoolFields prefix="org" values={values} errors={p.errors ?? {}} centers={p.centers} />
        ) : (
          <TextField idPrefix="org" name="name" label={`${kind}の名称`} value={values.name} errors={p.errors} required />
        )}
        <p>
          <button type="submit">保存する</button> <a href="/admin/organizations">一覧に戻る</a>
        </p>
      </form>
    </Layout>
  );
}
