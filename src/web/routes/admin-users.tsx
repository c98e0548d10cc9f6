/**
 * /admin/users: the users; /admin/users/new: invite one by e-mail (the user and a one-time sign-in link in one
 * transaction, then the mail through the product's mailer); /admin/users/:id: change role, organisation, name
 * and notification flags, revoke every token and session, send the invitation again. Administrators only.
 */
import { Hono, type Context } from 'hono';
import { ROLES, type Role } from '../../../definitions/types.js';
import { revokeUserAccess } from '../../db/directory.js';
import { AppError } from '../../errors.js';
import { USER_ROLES } from '../admin/access.js';
import { postedFields, type FieldErrors, type Posted } from '../admin/form.js';
import { sendInvitation } from '../admin/invitation.js';
import { inviteUser, listUsers, orgChoices, readUserForm, reinviteLink, updateUser, userById, type UserDetail } from '../admin/users.js';
import { requireUser, verifyCsrf } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { InviteUserPage, UserEditPage, UsersPage } from '../pages/admin-users.js';
import { page } from '../ui/page.js';

const DONE: Record<string, string> = {
  invited: '利用者を登録し、招待メールを送信しました。',
  saved: '変更を保存しました。',
  revoked: 'APIトークンとログイン中のセッションをすべて無効にしました。',
  resent: '招待メールを再送しました。',
};

const RESTORED = '入力した内容を戻しました。確認して送信してください（まだ保存していません）。';
const MAIL_FAILED = '招待メールを送信できませんでした（メールサーバーに接続できません）。時間をおいて「招待メールを再送する」を押してください。';

export function adminUserRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const admins = requireUser(...USER_ROLES);

  /** Sends the invitation; false (logged) when the mail server refused or could not be reached. */
  async function invite(c: Context<WebEnv>, target: { id: string; email: string; name: string | null; role: string; orgName: string | null }, linkToken: string) {
    try {
      await sendInvitation(deps.mailer, deps.publicUrl, target, linkToken, deps.clock.now());
      deps.logger.info({ requestId: c.get('requestId'), by: c.get('user')!.userId, userId: target.id }, 'invitation sent');
      return true;
    } catch (err) {
      deps.logger.error({ requestId: c.get('requestId'), userId: target.id, err }, 'invitation not sent');
      return false;
    }
  }

  app.get('/admin/users', admins, async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const roleQ = c.req.query('role') ?? '';
    const role = (ROLES as readonly string[]).includes(roleQ) ? (roleQ as Role) : undefined;
    const pageNo = Math.min(Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1), 100_000);
    const filter = { q: q || undefined, role, page: pageNo };
    const { rows, hasNext } = await listUsers(deps.db, filter, deps.clock.now());
    return page(c, <UsersPage user={c.get('user')!} filter={filter} rows={rows} hasNext={hasNext} notice={DONE[c.req.query('done') ?? '']} />);
  });

  const invitePage = async (c: Context<WebEnv>, extra: { values?: Posted; errors?: FieldErrors; message?: string } = {}, status: 200 | 400 | 409 = 200) =>
    page(c, <InviteUserPage user={c.get('user')!} orgs={await orgChoices(deps.db)} {...extra} />, status);

  app.get('/admin/users/new', admins, (c) => {
    const kept = c.get('restoredForm');
    return invitePage(c, kept ? { values: kept.fields, message: RESTORED } : {});
  });

  app.post('/admin/users/new', admins, verifyCsrf, async (c) => {
    const values = postedFields(await c.req.parseBody());
    const { input, errors, conflict } = await readUserForm(deps.db, values, { invite: true });
    if (Object.keys(errors).length) return invitePage(c, { values, errors }, conflict ? 409 : 400);
    let created: { id: string; linkToken: string };
    try {
      created = await inviteUser(deps.db, input, deps.clock.now());
    } catch (err) {
      if (err instanceof AppError && err.code === 'email_taken') return invitePage(c, { values, errors: { email: err.message } }, 409);
      throw err;
    }
    deps.logger.info({ requestId: c.get('requestId'), by: c.get('user')!.userId, userId: created.id, role: input.role }, 'user invited');
    const target = await userById(deps.db, created.id, deps.clock.now());
    const sent = await invite(c, target, created.linkToken);
    if (!sent) return editPage(c, target, { message: `利用者を登録しました。ただし、${MAIL_FAILED}` }, 502);
    return c.redirect(`/admin/users/${created.id}?done=invited`, 303);
  });

  const editPage = async (c: Context<WebEnv>, target: UserDetail, extra: { values?: Posted; errors?: FieldErrors; message?: string } = {}, status: 200 | 400 | 502 = 200) =>
    page(c, <UserEditPage user={c.get('user')!} target={target} orgs={await orgChoices(deps.db)} notice={DONE[c.req.query('done') ?? '']} {...extra} />, status);

  app.get('/admin/users/:id', admins, async (c) => {
    const target = await userById(deps.db, c.req.param('id'), deps.clock.now());
    const kept = c.get('restoredForm');
    // Only the edit form is worth refilling; a kept revoke or resend button is simply shown again.
    return editPage(c, target, kept && kept.fields._action === 'save' ? { values: kept.fields, message: RESTORED } : {});
  });

  app.post('/admin/users/:id', admins, verifyCsrf, async (c) => {
    const user = c.get('user')!;
    const now = deps.clock.now();
    const target = await userById(deps.db, c.req.param('id'), now);
    const values = postedFields(await c.req.parseBody());
    const log = { requestId: c.get('requestId'), by: user.userId, userId: target.id };
    switch (values._action) {
      case 'save': {
        const { input, errors } = await readUserForm(deps.db, values, { invite: false, user: target, self: target.id === user.userId });
        if (Object.keys(errors).length) return editPage(c, target, { values, errors }, 400);
        const { calendarFeeds } = await updateUser(deps.db, target.id, input, now);
        deps.logger.info({ ...log, role: input.role, orgId: input.orgId, contact: input.contact, digest: input.digest, calendarFeeds }, 'user changed');
        return c.redirect(`/admin/users/${target.id}?done=saved`, 303);
      }
      case 'revoke': {
        const revoked = await revokeUserAccess(deps.db, target.id, now);
        deps.logger.info({ ...log, ...revoked }, 'user access revoked');
        return c.redirect(`/admin/users/${target.id}?done=revoked`, 303);
      }
      case 'resend': {
        const sent = await invite(c, target, await reinviteLink(deps.db, target.id, now));
        if (!sent) return editPage(c, await userById(deps.db, target.id, now), { message: MAIL_FAILED }, 502);
        return c.redirect(`/admin/users/${target.id}?done=resent`, 303);
      }
      default:
        return editPage(c, target, { values, message: 'この操作は受け付けられません。画面を開き直してください。' }, 400);
    }
  });
  return app;
}
