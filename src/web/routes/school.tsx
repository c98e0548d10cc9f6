/** The school's dashboard, its private calendar feed, and opening a new case from the definition's input form. */
import { Hono, type Context } from 'hono';
import { tokyoDate } from '../../domain/dates.js';
import { notFound } from '../../errors.js';
import { requireUser, verifyCsrf } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv, WebUser } from '../env.js';
import { EventForm, type Rejection } from '../forms/event-form.js';
import { payloadOf, type FormValues } from '../forms/payload.js';
import { fieldsOfSchema } from '../forms/schemas.js';
import { deadlinesCalendar, feedOwner, issueCalendarFeed } from '../ical.js';
import { labeller } from '../labels.js';
import { DashboardPage } from '../pages/dashboard.js';
import { caseDates } from '../pages/key-facts.js';
import { dashboardQuery, organizationNames } from '../queries.js';
import { Layout } from '../ui/layout.js';
import { page } from '../ui/page.js';
import { caseViews } from '../views.js';
import { postedValues, rejectionOf } from './cases.js';

export function schoolRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const labels = labeller(deps.registry);
  const creatable = (user: WebUser) => deps.registry.list().filter((d) => d.createRoles.includes(user.role));

  async function dashboard(c: Context<WebEnv>, feedUrl?: string) {
    const user = c.get('user')!;
    const now = deps.clock.now();
    const today = tokyoDate(now);
    const { active, recentlyDone } = await dashboardQuery(deps.db, user, today);
    const views = await caseViews(deps, active, user, now);
    return page(
      c,
      <DashboardPage
        user={user}
        today={today}
        views={views}
        recentlyDone={recentlyDone}
        creatable={creatable(user).map((d) => ({ id: d.id, title: d.title }))}
        labels={labels}
        feedUrl={feedUrl}
        remedy={(v, deadline) => deps.registry.get(v.procedure, v.definitionVersion)?.deadlines[deadline]?.remedy}
        datesOf={(v) => {
          const d = deps.registry.get(v.procedure, v.definitionVersion);
          return d ? caseDates(d, v.context, today) : [];
        }}
      />,
    );
  }

  app.get('/school', requireUser('school'), (c) => dashboard(c));

  app.post('/school/calendar-feed', requireUser('school'), verifyCsrf, async (c) => {
    const user = c.get('user')!;
    const token = await issueCalendarFeed(deps.db, user.orgId!, user.userId, deps.clock.now());
    return dashboard(c, `${deps.publicUrl.replace(/\/$/, '')}/calendar/${token}.ics`);
  });

  app.get('/calendar/:file', async (c) => {
    const token = c.req.param('file').replace(/\.ics$/, '');
    const owner = await feedOwner(deps.db, token);
    if (!owner) throw notFound('このカレンダー配信URLは無効です');
    const viewer = { userId: owner.createdBy, role: 'school' as const, orgId: owner.orgId };
    const now = deps.clock.now();
    const { active } = await dashboardQuery(deps.db, viewer, tokyoDate(now));
    const names = await organizationNames(deps.db, [owner.orgId]);
    const body = deadlinesCalendar(await caseViews(deps, active, viewer, now), deps.publicUrl, names.get(owner.orgId) ?? '訓練校');
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Cache-Control', 'private, max-age=300');
    return c.body(body);
  });

  function newCaseForm(c: Context<WebEnv>, procedure: string, values: FormValues = {}, errors: Record<string, string[]> = {}, rejection?: Rejection) {
    const user = c.get('user')!;
    const definition = creatable(user).find((d) => d.id === procedure);
    if (!definition) throw notFound(`「${procedure}」の案件はこの画面から作成できません`);
    // A school opens cases for itself: the school field is filled in by the engine.
    const fields = fieldsOfSchema(definition.inputSchema, user.role === 'school' ? ['schoolOrgId'] : []);
    return {
      fields,
      node: (
        <Layout title={`${definition.title}の案件を作成`} user={user}>
          <p>{definition.description}</p>
          <EventForm
            action={`/cases/new/${definition.id}`}
            type="CREATE"
            label="案件の作成"
            form={null}
            fields={fields}
            state={{ idPrefix: 'new', values, errors }}
            csrf={user.csrf}
            rejection={rejection}
            // The page has this one form: shown open, not behind a heading to click.
            open
            submitLabel="作成する"
          />
        </Layout>
      ),
    };
  }

  app.get('/cases/new/:procedure', requireUser('school', 'hq'), (c) => {
    // A form kept when the session expired comes back filled in (nothing was sent).
    const kept = c.get('restoredForm');
    const node = newCaseForm(c, c.req.param('procedure'), kept ? postedValues(kept.fields) : {}).node;
    return page(c, node);
  });

  app.post('/cases/new/:procedure', requireUser('school', 'hq'), verifyCsrf, async (c) => {
    const procedure = c.req.param('procedure');
    const values = postedValues(await c.req.parseBody());
    const { fields } = newCaseForm(c, procedure, values);
    const { payload, errors } = payloadOf(fields, values);
    if (Object.keys(errors).length) {
      const errs = Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, [m]]));
      return page(c, newCaseForm(c, procedure, values, errs, { status: 400, message: '入力内容に誤りがあります' }).node, 400);
    }
    try {
      const view = await deps.engine.createCase(c.get('user')!, procedure, payload);
      return c.redirect(`/cases/${view.id}?done=CASE_CREATED`, 303);
    } catch (err) {
      const r = rejectionOf(err, fields);
      if (!r) throw err;
      return page(c, newCaseForm(c, procedure, values, r.errors, r.rejection).node, r.rejection.status);
    }
  });

  return app;
}
