/**
 * /admin/users over HTTP: the list with Japanese role labels, organisation and notification flags; an invitation
 * creates the user and mails a one-time sign-in link that signs them in; role, organisation and flags change;
 * revoking ends every API token and web session; a refused form keeps what was typed and writes nothing; a
 * mail server that cannot be reached is said plainly; administrators only.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { client } from '../support/http.js';
import { smtpMailer } from '../notify/harness.js';
import { startSmtp } from '../notify/smtp.js';
import { csrfOf, linkIn, signIn, visitor, webAppFor, webWorld } from './harness.js';

let t: Awaited<ReturnType<typeof webWorld>>;
beforeAll(async () => {
  t = await webWorld('2026-10-01T09:00:00+09:00');
});
afterAll(async () => {
  await t.w.database.close();
});

const readable = (html: string) => html.replace(/<(style|script|code)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
const expectJapanese = (html: string) => expect(readable(html)).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/);
const userNamed = async (email: string) => (await t.w.db.select().from(users).where(eq(users.email, email)))[0];
const MISSING = '00000000-0000-4000-8000-000000000000';
const linkOf = (text: string) => new URL(/https?:\/\/\S+\/auth\/link\?\S+/.exec(text)![0]);

describe('/admin/users', () => {
  it('lists users with role labels, organisation and flags; searches; administrators only', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const page = await admin.get('/admin/users');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/school@example\.test<\/th>\s*<td data-label="氏名">—<\/td>\s*<td data-label="役割">訓練校<\/td>\s*<td data-label="所属">東京都機械職業訓練校<\/td>\s*<td data-label="通知">✔ 受け取る（1件ずつ）<\/td>/);
    expect(page.text).toMatch(/analyst@example\.test<\/th>[\s\S]*?<td data-label="役割">分析担当<\/td>\s*<td data-label="所属">所属なし<\/td>/);
    expect(page.text).toMatch(/admin@example\.test<\/th>[\s\S]*?<td data-label="有効なログイン">ログイン中 [1-9]\d*・APIトークン 1<\/td>/);
    expect(page.text).not.toMatch(/>(school|hq|center|analyst|admin)</);
    expectJapanese(page.text);
    const centres = await admin.get('/admin/users?role=center');
    expect(centres.text).toContain('center@example.test');
    expect(centres.text).not.toContain('school@example.test');
    const found = await admin.get(`/admin/users?q=${encodeURIComponent('城北塗装')}`);
    expect(found.text).toContain('far@example.test');
    expect(found.text).not.toContain('neighbour@example.test');
    expect((await admin.get('/admin/users?q=%25')).text).toContain('該当する利用者はいません');
    for (const email of ['hq@example.test', 'school@example.test', 'analyst@example.test']) {
      const v = await signIn(t.app, t.mailer, email);
      expect((await v.get('/admin/users')).status, email).toBe(403);
      expect((await v.get('/admin/users/new')).status, email).toBe(403);
    }
  });

  it('invites a user by e-mail: the user is created with role, organisation and flags, and the mailed link signs them in', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const form = await admin.get('/admin/users/new');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/name="contact" checked/);
    const sent = t.mailer.sent.length;
    const posted = await admin.post('/admin/users/new', { _csrf: csrfOf(form.text), email: 'Kensetsu.Tanto@Example.test', name: '建設 担当', role: 'school', orgId: t.w.orgs.neighbour.id, contact: 'on', digest: 'on' });
    expect(posted.status).toBe(303);
    const created = await userNamed('kensetsu.tanto@example.test');
    expect(created).toMatchObject({ role: 'school', orgId: t.w.orgs.neighbour.id, name: '建設 担当', contact: true, digest: true });
    expect(posted.location).toBe(`/admin/users/${created!.id}?done=invited`);
    expect((await admin.get(posted.location!)).text).toContain('招待メールを送信しました');
    expect(t.mailer.sent.length).toBe(sent + 1);
    const mail = t.mailer.sent.at(-1)!;
    expect(mail.to).toEqual(['kensetsu.tanto@example.test']);
    expect(mail.subject).toContain('利用者登録のお知らせ');
    expect(mail.text).toContain('建設 担当 様');
    expect(mail.text).toContain('役割: 訓練校（城南建築職業訓練校）');
    expect(mail.text).toContain('72時間');
    // The invited person opens the link a day later and is signed in on their dashboard.
    t.w.clock.advance(24 * 3_600_000);
    const url = new URL(linkIn(mail));
    const invited = visitor(t.app);
    expect((await invited.get(url.pathname + url.search)).status).toBe(200);
    const done = await invited.post('/auth/link', { token: url.searchParams.get('token')!, next: '/' });
    expect(done.status).toBe(303);
    const home = await invited.get('/school');
    expect(home.status).toBe(200);
    expect(home.text).toContain('城南建築職業訓練校（訓練校） kensetsu.tanto@example.test');
  });

  it('refuses bad invitations in Japanese with the input kept and writes nothing; an address already registered is 409', async () => {
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const csrf = csrfOf((await admin.get('/admin/users/new')).text);
    const count = async () => (await t.w.db.select().from(users)).length;
    const before = await count();
    const sent = t.mailer.sent.length;
    const bad = await admin.post('/admin/users/new', { _csrf: csrf, email: 'not an address', name: '入力 保持', role: 'center', orgId: t.w.orgs.school.id });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('メールアドレスの形式が正しくありません');
    expect(bad.text).toContain('センターの利用者の所属はセンターでなければなりません');
    expect(bad.text).toContain('value="not an address"');
    expect(bad.text).toContain('value="入力 保持"');
    expect(bad.text).toMatch(new RegExp(`<option value="${t.w.orgs.school.id}" selected="">`));
    expect(bad.text).not.toMatch(/name="contact" checked/);
    expectJapanese(bad.text);
    const noOrg = await admin.post('/admin/users/new', { _csrf: csrf, email: 'new.hq@example.test', role: 'hq', orgId: '' });
    expect(noOrg.text).toContain('本庁の利用者には所属する本庁を選んでください');
    const analystWithOrg = await admin.post('/admin/users/new', { _csrf: csrf, email: 'new.analyst@example.test', role: 'analyst', orgId: t.w.orgs.hq.id });
    expect(analystWithOrg.text).toContain('分析担当は所属組織を持ちません');
    expect((await admin.post('/admin/users/new', { _csrf: csrf, email: 'x@example.test', role: 'root' })).text).toContain('役割を選んでください');
    const taken = await admin.post('/admin/users/new', { _csrf: csrf, email: 'SCHOOL@example.test', role: 'school', orgId: t.w.orgs.school.id });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('メールアドレス school@example.test の利用者は既に登録されています');
    expect((await admin.post('/admin/users/new', { _csrf: 'forged', email: 'y@example.test', role: 'analyst' })).status).toBe(403);
    expect(await count()).toBe(before);
    expect(t.mailer.sent.length).toBe(sent);
  });

  it("changes a user's role, organisation and flags; an admin cannot change their own role; unknown ids are 404", async () => {
    // The clerk hands out a calendar feed of their school's deadlines before moving to the centre.
    const clerk = await signIn(t.app, t.mailer, 'far@example.test');
    const dashboard = await clerk.get('/school');
    const feedPage = await clerk.post('/school/calendar-feed', { _csrf: csrfOf(dashboard.text) });
    const feed = /\/calendar\/[A-Za-z0-9_-]+\.ics/.exec(feedPage.text)![0];
    expect((await t.app.request(feed)).status).toBe(200);
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const id = t.w.users.farSchool.principal.userId;
    const edit = await admin.get(`/admin/users/${id}`);
    expect(edit.status).toBe(200);
    const csrf = csrfOf(edit.text);
    const wrong = await admin.post(`/admin/users/${id}`, { _csrf: csrf, _action: 'save', role: 'center', orgId: t.w.orgs.farSchool.id, contact: 'on' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('所属はセンターでなければなりません');
    expect(wrong.text).toMatch(/<option value="center" selected="">センター<\/option>/);
    expect((await userNamed('far@example.test'))!.role).toBe('school');
    const saved = await admin.post(`/admin/users/${id}`, { _csrf: csrf, _action: 'save', name: '北 担当', role: 'center', orgId: t.w.orgs.otherCenter.id, digest: 'on' });
    expect(saved.status).toBe(303);
    expect(await userNamed('far@example.test')).toMatchObject({ role: 'center', orgId: t.w.orgs.otherCenter.id, name: '北 担当', contact: false, digest: true });
    // The school's feed no longer serves: its maker left the school.
    expect((await t.app.request(feed)).status).toBe(404);
    const list = await admin.get('/admin/users?q=far');
    expect(list.text).toMatch(/<td data-label="役割">センター<\/td>\s*<td data-label="所属">城北職業能力開発センター<\/td>\s*<td data-label="通知">受け取らない<\/td>/);
    const self = await admin.post(`/admin/users/${t.w.users.admin.principal.userId}`, { _csrf: csrf, _action: 'save', role: 'analyst' });
    expect(self.status).toBe(400);
    expect(self.text).toContain('自分自身の役割は変更できません');
    expect((await userNamed('admin@example.test'))!.role).toBe('admin');
    for (const bad of [MISSING, 'nobody']) {
      const missing = await admin.get(`/admin/users/${bad}`);
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('指定された利用者は登録されていません');
    }
    expect((await admin.post(`/admin/users/${MISSING}`, { _csrf: csrf, _action: 'revoke' })).status).toBe(404);
    expect((await admin.post(`/admin/users/${id}`, { _csrf: csrf, _action: 'explode' })).status).toBe(400);
  });

  it("revokes a user's API tokens and web sessions at once", async () => {
    const api = client(t.app);
    const token = t.w.users.center.token;
    expect((await api.get('/api/cases', token)).status).toBe(200);
    const centre = await signIn(t.app, t.mailer, 'center@example.test');
    expect((await centre.get('/inbox')).status).toBe(200);
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const id = t.w.users.center.principal.userId;
    const edit = await admin.get(`/admin/users/${id}`);
    expect(edit.text).toMatch(/ログイン中のセッション [1-9]\d*・APIトークン 1/);
    const revoked = await admin.post(`/admin/users/${id}`, { _csrf: csrfOf(edit.text), _action: 'revoke' });
    expect(revoked.status).toBe(303);
    const after = await admin.get(revoked.location!);
    expect(after.text).toContain('すべて無効にしました');
    expect(after.text).toContain('ログイン中のセッション 0・APIトークン 0');
    expect((await api.get('/api/cases', token)).status).toBe(401);
    const out = await centre.get('/inbox');
    expect(out.status).toBe(303);
    expect(out.location).toMatch(/^\/sign-in\?/);
  });

  it('mails the invitation through real SMTP; a refusing server is said plainly, and the invitation is resent later', async () => {
    const smtp = await startSmtp();
    const mailer = smtpMailer(smtp.url);
    try {
      const app = webAppFor(t.w, mailer);
      // The admin signs in through the same SMTP server.
      const admin = visitor(app);
      await admin.post('/sign-in', { email: 'admin@example.test' });
      await smtp.settle();
      const signInLink = linkOf(smtp.received.at(-1)!.text);
      await admin.post('/auth/link', { token: signInLink.searchParams.get('token')!, next: '/' });
      const csrf = csrfOf((await admin.get('/admin/users/new')).text);

      smtp.refuse({ responseCode: 550, message: '5.1.1 mailbox unavailable' });
      const refused = await admin.post('/admin/users/new', { _csrf: csrf, email: 'late.mail@example.test', role: 'analyst', contact: 'on' });
      expect(refused.status).toBe(502);
      expect(refused.text).toContain('利用者を登録しました。ただし、招待メールを送信できませんでした');
      expect(refused.text).toContain('招待メールを再送する');
      expectJapanese(refused.text);
      const created = await userNamed('late.mail@example.test');
      expect(created).toMatchObject({ role: 'analyst', orgId: null, contact: true, digest: false });

      smtp.refuse(null);
      const edit = await admin.get(`/admin/users/${created!.id}`);
      expect(edit.text).toContain('未使用のログイン用リンク 1');
      const resent = await admin.post(`/admin/users/${created!.id}`, { _csrf: csrfOf(edit.text), _action: 'resend' });
      expect(resent.status).toBe(303);
      await smtp.settle();
      const mail = smtp.received.at(-1)!;
      expect(mail.to).toEqual(['late.mail@example.test']);
      expect(mail.subject).toBe('【認定職業訓練 手続管理】利用者登録のお知らせ（ログイン用リンク）');
      expect(mail.text).toContain('役割: 分析担当');
      // The invited analyst signs in with the mailed link.
      const link = linkOf(mail.text);
      const analyst = visitor(app);
      expect((await analyst.post('/auth/link', { token: link.searchParams.get('token')!, next: '/' })).status).toBe(303);
      expect((await analyst.get('/analyst')).text).toContain('分析担当 late.mail@example.test');
    } finally {
      await mailer.close();
      await smtp.stop();
    }
  });
});
