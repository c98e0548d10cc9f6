/**
 * Case pages. A form posts to /cases/:id/events/:type; the fields become the payload; the engine decides.
 * Accepted -> redirect (PRG) to the case with a notice; rejected -> the page again with the message next to
 * the form and the values as entered.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { tokyoDate } from '../../domain/dates.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import type { CaseView } from '../../engine/case-view.js';
import { requireUser, verifyCsrf } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv, WebUser } from '../env.js';
import type { EventFormProps, Rejection } from '../forms/event-form.js';
import { fieldErrors, type Issue } from '../forms/messages.js';
import { formValues, payloadOf, valuesFrom, type FormValues } from '../forms/payload.js';
import { fieldsOfSchema } from '../forms/schemas.js';
import { labeller } from '../labels.js';
import { CasePage } from '../pages/case.js';
import { historyWithActors, organizationNames } from '../queries.js';
import { page } from '../ui/page.js';

const uuid = z.string().uuid();

interface Submitted {
  type: string;
  values: FormValues;
  errors: Record<string, string[]>;
  rejection?: Rejection;
}

/** Posted fields without the form's own hidden inputs. */
export function postedValues(body: Record<string, unknown>): FormValues {
  return Object.fromEntries(Object.entries(formValues(body)).filter(([k]) => !k.startsWith('_')));
}

/** An AppError of a rejected submission -> what the form shows; anything else is not the form's business. */
export function rejectionOf(err: unknown, fields: Parameters<typeof fieldErrors>[0]): { rejection: Rejection; errors: Record<string, string[]> } | null {
  if (!(err instanceof AppError)) return null;
  if (err.status === 422) {
    const rule = err.details && typeof err.details === 'object' && 'rule' in err.details ? (err.details as Rejection['rule']) : undefined;
    return { rejection: { status: 422, message: err.message, rule }, errors: {} };
  }
  if (err.status === 400) {
    const issues = ((err.details as { issues?: Issue[] } | undefined)?.issues ?? []) as Issue[];
    return { rejection: { status: 400, message: err.message }, errors: fieldErrors(fields, issues) };
  }
  if (err.status === 409) {
    const message =
      err.code === 'stale_version'
        ? '他の担当者が先にこの案件を更新しました。最新の内容を確認してから、もう一度送信してください（入力内容は残しています）。'
        : 'この操作は現在の状態では行えません。画面を開き直してください。';
    return { rejection: { status: 409, message }, errors: {} };
  }
  return null;
}

export function caseRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const labels = labeller(deps.registry);

  async function render(c: Context<WebEnv>, user: WebUser, id: string, submitted?: Submitted, status: 200 | 400 | 409 | 422 = 200) {
    const view: CaseView = await deps.engine.getCase(user, id);
    const definition = deps.registry.get(view.procedure, view.definitionVersion);
    if (!definition) throw notFound(`procedure ${view.procedure} is not registered`);
    const [history, names] = await Promise.all([historyWithActors(deps.db, id), organizationNames(deps.db, [view.schoolOrgId, view.centerOrgId])]);
    const forms: Omit<EventFormProps, 'csrf'>[] = view.allowedEvents.map((type) => {
      const e = definition.events[type]!;
      const fields = fieldsOfSchema(e.schema);
      const mine = submitted?.type === type ? submitted : undefined;
      return {
        action: `/cases/${id}/events/${type}`,
        type,
        label: e.label,
        form: e.form ?? null,
        fields,
        version: view.version,
        state: { idPrefix: type, values: mine?.values ?? valuesFrom(fields, view.context, e.prefill?.(view.context)), errors: mine?.errors ?? {} },
        rejection: mine?.rejection,
      };
    });
    const now = deps.clock.now();
    return page(
      c,
      <CasePage
        user={user}
        today={tokyoDate(now)}
        view={view}
        definition={definition}
        schoolName={names.get(view.schoolOrgId) ?? null}
        centerName={view.centerOrgId ? (names.get(view.centerOrgId) ?? null) : null}
        history={history}
        svg={deps.diagrams.forState(definition, view.state).svg}
        forms={forms}
        labels={labels}
        done={submitted ? null : c.req.query('done')}
      />,
      status,
    );
  }

  const caseId = (raw: string) => {
    if (!uuid.safeParse(raw).success) throw badRequest('invalid_id', '案件番号が正しくありません');
    return raw;
  };

  app.get('/cases/:id', requireUser(), (c) => render(c, c.get('user')!, caseId(c.req.param('id'))));

  app.post('/cases/:id/events/:type', requireUser(), verifyCsrf, async (c) => {
    const user = c.get('user')!;
    const id = caseId(c.req.param('id'));
    const type = c.req.param('type');
    const body = await c.req.parseBody();
    const values = postedValues(body);
    const current = await deps.engine.getCase(user, id);
    const definition = deps.registry.get(current.procedure, current.definitionVersion);
    const eventDef = definition && Object.hasOwn(definition.events, type) ? definition.events[type] : undefined;
    if (!eventDef) throw notFound(`この手続に「${type}」という操作はありません`);
    const fields = fieldsOfSchema(eventDef.schema);
    const { payload, errors } = payloadOf(fields, values);
    if (Object.keys(errors).length) {
      const rejection: Rejection = { status: 400, message: `${eventDef.label} の入力内容に誤りがあります` };
      return render(c, user, id, { type, values, errors: Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, [m]])), rejection }, 400);
    }
    const version = Number(body._version);
    try {
      await deps.engine.applyEvent(user, id, { type, data: payload }, { ifMatch: Number.isInteger(version) && version > 0 ? version : undefined });
    } catch (err) {
      const r = rejectionOf(err, fields);
      if (!r) throw err;
      return render(c, user, id, { type, values, ...r }, r.rejection.status);
    }
    return c.redirect(`/cases/${id}?done=${encodeURIComponent(type)}`, 303);
  });

  return app;
}
