/** /admin/organizations: list and register schools and centres; /admin/organizations/:id: change one. */
import { Hono, type Context } from 'hono';
import { forbidden } from '../../errors.js';
import { roleLabels } from '../../roles.js';
import { CENTER_WRITE_ROLES, may, ORG_READ_ROLES, SCHOOL_WRITE_ROLES } from '../admin/access.js';
import { postedFields, type Posted } from '../admin/form.js';
import { activeCasesOf, createOrganization, listOrganizations, organizationById, readOrgForm, updateOrganization, type OrgRow } from '../admin/organizations.js';
import { requireUser, verifyCsrf } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { OrganizationEditPage, OrganizationsPage, type OrgFormState } from '../pages/admin-organizations.js';
import { page } from '../ui/page.js';

const DONE: Record<string, string> = {
  'school-added': '訓練校を登録しました。',
  'center-added': 'センターを登録しました。',
  saved: '変更を保存しました。',
};

const writeRolesOf = (org: Pick<OrgRow, 'kind'>) => (org.kind === 'school' ? SCHOOL_WRITE_ROLES : CENTER_WRITE_ROLES);

function mayWrite(c: Context<WebEnv>, kind: 'school' | 'center' | 'hq') {
  const allowed = writeRolesOf({ kind });
  if (!may(allowed, c.get('user')!.role)) throw forbidden(`この組織の登録と変更は${roleLabels(allowed)}が行います`, { roles: allowed });
}

export function adminOrganizationRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const centersOf = async () => (await listOrganizations(deps.db)).center.map((c) => ({ id: c.id, name: c.name }));

  const listPage = async (c: Context<WebEnv>, form?: OrgFormState, status: 200 | 400 = 200) =>
    page(c, <OrganizationsPage user={c.get('user')!} orgs={await listOrganizations(deps.db)} form={form} notice={DONE[c.req.query('done') ?? '']} />, status);

  app.get('/admin/organizations', requireUser(...ORG_READ_ROLES), (c) => {
    // A form kept when the session expired comes back filled in (nothing was saved).
    const kept = c.get('restoredForm');
    const kind = kept?.fields.kind === 'center' ? 'center' : 'school';
    return listPage(c, kept ? { kind, values: kept.fields, errors: {}, message: '入力した内容を戻しました。確認して登録してください（まだ登録していません）。' } : undefined);
  });

  app.post('/admin/organizations', requireUser(...ORG_READ_ROLES), verifyCsrf, async (c) => {
    const user = c.get('user')!;
    const values = postedFields(await c.req.parseBody());
    const kind = values.kind === 'center' ? 'center' : values.kind === 'school' ? 'school' : null;
    if (!kind) return listPage(c, { kind: 'school', values, errors: {}, message: '登録する組織の種類が正しくありません。画面を開き直してください。' }, 400);
    mayWrite(c, kind);
    const { input, errors } = await readOrgForm(deps.db, kind, values);
    if (Object.keys(errors).length) return listPage(c, { kind, values, errors }, 400);
    const { id } = await createOrganization(deps.db, kind, input);
    deps.logger.info({ requestId: c.get('requestId'), by: user.userId, orgId: id, kind }, 'organisation added');
    return c.redirect(`/admin/organizations?done=${kind}-added#${kind}s`, 303);
  });

  const editPage = async (c: Context<WebEnv>, org: OrgRow, extra: { values?: Posted; errors?: Record<string, string>; message?: string } = {}, status: 200 | 400 = 200) =>
    page(
      c,
      <OrganizationEditPage
        user={c.get('user')!}
        org={org}
        centers={org.kind === 'school' ? await centersOf() : []}
        activeCases={org.kind === 'school' ? await activeCasesOf(deps.db, org.id) : 0}
        notice={DONE[c.req.query('done') ?? '']}
        {...extra}
      />,
      status,
    );

  app.get('/admin/organizations/:id', requireUser(...ORG_READ_ROLES), async (c) => {
    const org = await organizationById(deps.db, c.req.param('id'));
    mayWrite(c, org.kind);
    const kept = c.get('restoredForm');
    return editPage(c, org, kept ? { values: kept.fields, message: '入力した内容を戻しました。確認して保存してください（まだ保存していません）。' } : {});
  });

  app.post('/admin/organizations/:id', requireUser(...ORG_READ_ROLES), verifyCsrf, async (c) => {
    const user = c.get('user')!;
    const org = await organizationById(deps.db, c.req.param('id'));
    mayWrite(c, org.kind);
    const values = postedFields(await c.req.parseBody());
    const { input, errors } = await readOrgForm(deps.db, org.kind, values);
    if (Object.keys(errors).length) return editPage(c, org, { values, errors }, 400);
    await updateOrganization(deps.db, org, input);
    deps.logger.info({ requestId: c.get('requestId'), by: user.userId, orgId: org.id, kind: org.kind }, 'organisation changed');
    return c.redirect(`/admin/organizations/${org.id}?done=saved`, 303);
  });
  return app;
}
