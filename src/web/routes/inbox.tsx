/** GET /inbox: the officer's inbox (hq, center); POST /cases/:id/assignee: claim or give up a case. */
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { describeStates } from '../../../definitions/describe.js';
import type { AnyProcedureDefinition, Party } from '../../../definitions/types.js';
import type { CaseView } from '../../engine/case-view.js';
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import { compareDates, daysBetween, tokyoDate } from '../../domain/dates.js';
import { badRequest } from '../../errors.js';
import { assigneeNames, claimCase, releaseCase } from '../assignments.js';
import { requireUser, verifyCsrf } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { labeller } from '../labels.js';
import { InboxPage, type InboxItem } from '../pages/inbox.js';
import { caseDates } from '../pages/key-facts.js';
import { inboxQuery, latestEventsOf, schoolsOf, type InboxFilters } from '../queries.js';
import { page } from '../ui/page.js';
import { caseViews } from '../views.js';

// Unknown or malformed filter values are ignored rather than refused: a page should always open.
const filters = z.object({
  q: z.string().max(200).optional().catch(undefined),
  mine: z.literal('1').optional().catch(undefined),
  procedure: z.string().max(100).optional().catch(undefined),
  state: z.string().max(200).optional().catch(undefined),
  school: z.string().uuid().optional().catch(undefined),
  fy: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  scope: z.enum(['waiting', 'region']).optional().catch(undefined),
});

export const INBOX_PAGE_SIZE = 40;

const assignment = z.object({ action: z.enum(['claim', 'release']), back: z.string().max(2000).optional() });
const uuid = z.string().uuid();

/** Back to the inbox or the case the button was on; anything else (another site) goes to the inbox. */
const safeBack = (back: string | undefined, id: string) =>
  back && (/^\/inbox(\?[^\s]*)?$/.test(back) || back === `/cases/${id}`) ? back : '/inbox';

/**
 * What the office does next: the events it may send now, those a running deadline of the office names (same
 * label or 様式) first; the rest are the other possible steps (a return, a withdrawal...).
 */
function nextActions(definition: AnyProcedureDefinition, v: CaseView, party: Party, waitsOnUs: boolean): Pick<InboxItem, 'actions' | 'otherActions'> {
  if (!waitsOnUs) return { actions: [], otherActions: [] };
  const events = v.allowedEvents.map((t) => definition.events[t]!).filter(Boolean);
  const due = v.deadlines.filter((d) => d.party === party);
  const named = events.filter((e) => due.some((d) => d.label === e.label || (!!e.form && d.form === e.form)));
  const first = named.length ? named : events;
  return { actions: first.map((e) => e.label), otherActions: events.filter((e) => !first.includes(e)).map((e) => e.label) };
}

export function inboxRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const labels = labeller(deps.registry);
  /** Per procedure, the events whose definition tells this party it received something (a filing to check). */
  const received = (party: Party) => {
    const byProcedure = new Map(
      deps.registry.list().map((d) => [d.id, new Set(Object.values(d.events).filter((e) => e.notify?.some((n) => n.to === party && n.template === 'received')).map((e) => e.type))]),
    );
    return (procedure: string): ReadonlySet<string> => byProcedure.get(procedure) ?? new Set();
  };

  // Admins and analysts have no office inbox; their list of cases is the case list.
  const toCaseList: MiddlewareHandler<WebEnv> = async (c, next) => {
    const role = c.get('user')?.role;
    if (role === 'admin' || role === 'analyst') return c.redirect('/cases', 303);
    await next();
  };

  app.get('/inbox', toCaseList, requireUser('hq', 'center'), async (c) => {
    const user = c.get('user')!;
    const q = filters.parse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
    const f: InboxFilters = {
      text: q.q,
      mine: q.mine === '1',
      procedure: q.procedure,
      state: q.state,
      schoolOrgId: q.school,
      fiscalYear: q.fy,
      page: q.page,
      // 40 rows keep the page under 100 KB with every column filled.
      pageSize: INBOX_PAGE_SIZE,
      // A centre opens on its whole region (what it receives and attends); what waits on it is the other tab.
      scope: user.role === 'center' ? (q.scope ?? 'region') : undefined,
    };
    const now = deps.clock.now();
    const today = tokyoDate(now);
    const party = user.role as Party;
    const [result, schools] = await Promise.all([inboxQuery(deps.db, user, f), schoolsOf(deps.db, user)]);
    const views = new Map((await caseViews(deps, result.rows, user, now)).map((v) => [v.id, v]));
    const [names, receivedBy] = await Promise.all([
      assigneeNames(deps.db, result.rows.map((r) => r.assigneeUserId)),
      latestEventsOf(deps.db, result.rows, received(party)),
    ]);
    const items: InboxItem[] = result.rows.flatMap((r) => {
      const v = views.get(r.id);
      const definition = deps.registry.get(r.procedure, r.definitionVersion);
      if (!v || !definition) return [];
      const entered = r.enteredStateAt ? tokyoDate(r.enteredStateAt) : null;
      const deadline = [...v.deadlines].sort((a, b) => compareDates(a.effective, b.effective))[0] ?? null;
      const got = receivedBy.get(r.id);
      return [
        {
          id: r.id,
          title: r.title,
          procedure: labels.procedure(r.procedure),
          state: v.stateLabel,
          schoolName: r.schoolName,
          fiscalYear: r.fiscalYear,
          nextDue: r.nextDue,
          waitingOn: r.waitingOn,
          enteredOn: entered,
          daysInState: entered ? Math.max(0, daysBetween(entered, today)) : null,
          ...nextActions(definition, v, party, r.waitingOn === party),
          deadline: deadline && { label: deadline.label, form: deadline.form, effective: deadline.effective, party: deadline.party },
          dates: caseDates(definition, v.context, today).slice(0, 2),
          received: got ? { label: labels.event(r.procedure, got.type, r.definitionVersion), on: tokyoDate(got.at) } : null,
          assignee: r.assigneeUserId ? { mine: r.assigneeUserId === user.userId, name: names.get(r.assigneeUserId) ?? '（削除された利用者）' } : null,
        },
      ];
    });
    const fy = fiscalYearOf(today);
    return page(
      c,
      <InboxPage
        user={user}
        today={today}
        filters={f}
        here={c.req.path + (new URL(c.req.url).search || '')}
        items={items}
        hasNext={result.hasNext}
        page={result.page}
        procedures={deps.registry.list().map((d) => ({ id: d.id, title: d.title, states: describeStates(d).map((s) => ({ path: s.path, label: s.label })) }))}
        schools={schools}
        fiscalYears={[fy + 1, fy, fy - 1, fy - 2, fy - 3]}
      />,
    );
  });

  app.post('/cases/:id/assignee', requireUser('hq', 'center'), verifyCsrf, async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) throw badRequest('invalid_id', '案件番号が正しくありません');
    const body = assignment.safeParse(await c.req.parseBody());
    if (!body.success) throw badRequest('invalid_assignment', '担当の操作が正しくありません（担当になる・担当を外す のどちらかです）');
    if (body.data.action === 'claim') await claimCase(deps.db, user, id, deps.clock.now());
    else await releaseCase(deps.db, user, id);
    return c.redirect(safeBack(body.data.back, id), 303);
  });

  return app;
}
