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
import { fieldErrors, issuesOf, type Issue } from '../forms/messages.js';
import { applyRowOp, formValues, payloadOf, valuesFrom, type FormValues, type RowMap } from '../forms/payload.js';
import type { FormState } from '../forms/SchemaForm.js';
import { sheetRoutes, tableNamed } from './sheets.js';
import { fieldsOfSchema } from '../forms/schemas.js';
import { labeller } from '../labels.js';
import { CasePage } from '../pages/case.js';
import { caseTimeline } from '../timeline.js';
import { createDocumentService, listDocuments, listSubmissions, pdfResponse } from '../../documents/service.js';
import { ASSIGNING_ROLES, assigneeOf } from '../assignments.js';
import { caseListQuery, historyWithActors, organizationNames, schoolsOf } from '../queries.js';
import { CaseListPage } from '../pages/case-list.js';
import { describeStates } from '../../../definitions/describe.js';
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import { page } from '../ui/page.js';

const uuid = z.string().uuid();

// Unknown or malformed filter values are ignored rather than refused: the list should always open.
const listFilters = z.object({
  q: z.string().max(200).optional().catch(undefined),
  procedure: z.string().max(100).optional().catch(undefined),
  state: z.string().max(200).optional().catch(undefined),
  school: z.string().uuid().optional().catch(undefined),
  fy: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  status: z.enum(['active', 'done']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

interface Submitted {
  type: string;
  values: FormValues;
  errors: Record<string, string[]>;
  rejection?: Rejection;
  /** Kept when the session expired and shown again after sign-in (nothing was sent). */
  restored?: boolean;
  /** A spreadsheet read into one of the form's tables (a preview: nothing submitted). */
  uploaded?: FormState['uploaded'];
}

/** The form posted to this case when the session had expired, brought back after sign-in (requireUser). */
function restoredSubmission(c: Context<WebEnv>, id: string): Submitted | undefined {
  const kept = c.get('restoredForm');
  const type = kept && /^\/cases\/[^/]+\/events\/([^/]+)$/.exec(kept.action)?.[1];
  if (!kept || !type || kept.page !== `/cases/${id}`) return undefined;
  return { type, values: postedValues(kept.fields), errors: {}, restored: true };
}

/** Posted fields without the form's own hidden inputs. */
export function postedValues(body: Record<string, unknown>): FormValues {
  return Object.fromEntries(Object.entries(formValues(body)).filter(([k]) => !k.startsWith('_')));
}

/** An AppError of a rejected submission -> what the form shows; anything else is not the form's business. */
export function rejectionOf(err: unknown, fields: Parameters<typeof fieldErrors>[0], rows: RowMap = {}): { rejection: Rejection; errors: Record<string, string[]> } | null {
  if (!(err instanceof AppError)) return null;
  if (err.status === 422) {
    const rule = err.details && typeof err.details === 'object' && 'rule' in err.details ? (err.details as Rejection['rule']) : undefined;
    return { rejection: { status: 422, message: err.message, rule }, errors: {} };
  }
  if (err.status === 400) {
    const issues = ((err.details as { issues?: Issue[] } | undefined)?.issues ?? []) as Issue[];
    return { rejection: { status: 400, message: err.message }, errors: fieldErrors(fields, issues, rows) };
  }
  if (err.status === 409) {
    const message =
      err.code === 'stale_version'
        ? '他の担当者が先にこの案件を更新しました。最新の内容を確認してから、もう一度送信してください（入力内容は残しています）。'
        : `${err.message}（画面を開き直すと最新の状態を確認できます）`;
    return { rejection: { status: 409, message }, errors: {} };
  }
  return null;
}

export function caseRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const labels = labeller(deps.registry);
  const documents = createDocumentService({ engine: deps.engine, db: deps.db, clock: deps.clock });

  async function render(c: Context<WebEnv>, user: WebUser, id: string, submitted?: Submitted, status: 200 | 400 | 409 | 422 = 200) {
    const view: CaseView = await deps.engine.getCase(user, id);
    const definition = deps.registry.get(view.procedure, view.definitionVersion);
    if (!definition) throw notFound('この案件の手続の定義が見つかりません');
    submitted ??= restoredSubmission(c, id);
    const [history, names, assignee] = await Promise.all([
      historyWithActors(deps.db, id),
      organizationNames(deps.db, [view.schoolOrgId, view.centerOrgId]),
      assigneeOf(deps.db, id),
    ]);
    // The form a current deadline of the viewer's office names (same label or 様式) opens by itself; so does a lone form.
    const dueForms = view.deadlines.filter((d) => d.party === user.role);
    const namedByDeadline = (label: string, form: string | null) => dueForms.some((d) => d.label === label || (!!form && d.form === form));
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
        state: {
          idPrefix: type,
          values: mine?.values ?? valuesFrom(fields, view.context, e.prefill?.(view.context)),
          errors: mine?.errors ?? {},
          sheets: `/cases/${id}/events/${type}/fields`,
          uploaded: mine?.uploaded,
        },
        rejection: mine?.rejection,
        open: !!mine || view.allowedEvents.length === 1 || (!submitted && namedByDeadline(e.label, e.form ?? null)),
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
        timeline={await caseTimeline(deps.db, definition, view, history, now)}
        svg={deps.diagrams.forCase(definition, view.state, history.flatMap((h) => [h.fromState, h.toState]).flatMap((x) => (x ? x.split(',') : [])))}
        assignee={assignee && { name: assignee.name, mine: assignee.userId === user.userId, since: assignee.since }}
        canAssign={ASSIGNING_ROLES.includes(user.role as (typeof ASSIGNING_ROLES)[number]) && view.status === 'active'}
        forms={forms}
        documents={{ documents: listDocuments(definition, view.context).filter((d) => d.available), submissions: listSubmissions(definition, view.context) }}
        labels={labels}
        done={submitted ? null : c.req.query('done')}
        restored={submitted?.restored ? labels.event(view.procedure, submitted.type, view.definitionVersion) : undefined}
        refused={submitted?.rejection && !view.allowedEvents.includes(submitted.type) ? submitted.rejection.message : undefined}
      />,
      status,
    );
  }

  const caseId = (raw: string) => {
    if (!uuid.safeParse(raw).success) throw badRequest('invalid_id', '案件番号が正しくありません');
    return raw;
  };

  // The list of cases: everyone signed in, each seeing what the access rules let them see (a school its own).
  app.get('/cases', requireUser(), async (c) => {
    const user = c.get('user')!;
    const q = listFilters.parse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
    const f = { text: q.q, procedure: q.procedure, state: q.state, schoolOrgId: q.school, fiscalYear: q.fy, status: q.status, page: q.page };
    const today = tokyoDate(deps.clock.now());
    const [result, schools] = await Promise.all([caseListQuery(deps.db, user, f), schoolsOf(deps.db, user)]);
    const fy = fiscalYearOf(today);
    return page(
      c,
      <CaseListPage
        user={user}
        today={today}
        filters={f}
        rows={result.rows}
        hasNext={result.hasNext}
        page={result.page}
        procedures={deps.registry.list().map((d) => ({ id: d.id, title: d.title, states: describeStates(d).map((s) => ({ path: s.path, label: s.label })) }))}
        schools={schools}
        fiscalYears={Array.from({ length: 6 }, (_, i) => fy + 1 - i)}
        labels={labels}
      />,
    );
  });

  app.get('/cases/:id', requireUser(), (c) => render(c, c.get('user')!, caseId(c.req.param('id'))));
  sheetRoutes(app, deps, { render, caseId, postedValues });

  // The case's documents as PDF, with the same access as the page (the API's GET .../documents/... for sessions).
  app.get('/cases/:id/documents/submission/:event{[^/]+\\.pdf}', requireUser(), async (c) =>
    pdfResponse(await documents.submission(c.get('user')!, caseId(c.req.param('id')), c.req.param('event').replace(/\.pdf$/, ''))),
  );
  app.get('/cases/:id/documents/:form{[^/]+\\.pdf}', requireUser(), async (c) =>
    pdfResponse(await documents.one(c.get('user')!, caseId(c.req.param('id')), c.req.param('form').replace(/\.pdf$/, ''))),
  );

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
    // A row button (add, up, down, remove) without script: the form again with its rows changed, nothing sent.
    if (typeof body._op === 'string' && body._op) return render(c, user, id, { type, values: applyRowOp((n) => tableNamed(fields, n), values, body._op), errors: {} });
    const { payload, errors, rows } = payloadOf(fields, values);
    const rejection: Rejection = { status: 400, message: `${eventDef.label} の入力内容に誤りがあります` };
    if (Object.keys(errors).length) {
      return render(c, user, id, { type, values, errors: Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, [m]])), rejection }, 400);
    }
    // The schema's issues placed on the cells they concern (the engine checks the payload again).
    const checked = eventDef.schema.safeParse(payload);
    if (!checked.success) return render(c, user, id, { type, values, errors: fieldErrors(fields, issuesOf(checked.error), rows), rejection }, 400);
    const version = Number(body._version);
    try {
      await deps.engine.applyEvent(user, id, { type, data: payload }, { ifMatch: Number.isInteger(version) && version > 0 ? version : undefined });
    } catch (err) {
      const r = rejectionOf(err, fields, rows);
      if (!r) throw err;
      return render(c, user, id, { type, values, ...r }, r.rejection.status);
    }
    return c.redirect(`/cases/${id}?done=${encodeURIComponent(type)}`, 303);
  });

  return app;
}
