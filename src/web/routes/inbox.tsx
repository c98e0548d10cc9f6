/** GET /inbox: the officer's inbox (hq, center). */
import { Hono } from 'hono';
import { z } from 'zod';
import { describeStates } from '../../../definitions/describe.js';
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import { tokyoDate } from '../../domain/dates.js';
import { requireUser } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { labeller } from '../labels.js';
import { InboxPage } from '../pages/inbox.js';
import { inboxQuery, schoolsOf, type InboxFilters } from '../queries.js';
import { page } from '../ui/page.js';

// Unknown or malformed filter values are ignored rather than refused: a page should always open.
const filters = z.object({
  procedure: z.string().max(100).optional().catch(undefined),
  state: z.string().max(200).optional().catch(undefined),
  school: z.string().uuid().optional().catch(undefined),
  fy: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  scope: z.enum(['waiting', 'region']).optional().catch(undefined),
});

export function inboxRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const labels = labeller(deps.registry);
  app.get('/inbox', requireUser('hq', 'center'), async (c) => {
    const user = c.get('user')!;
    const q = filters.parse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
    const f: InboxFilters = {
      procedure: q.procedure,
      state: q.state,
      schoolOrgId: q.school,
      fiscalYear: q.fy,
      page: q.page,
      scope: user.role === 'center' ? q.scope : undefined,
    };
    const now = deps.clock.now();
    const today = tokyoDate(now);
    const [result, schools] = await Promise.all([inboxQuery(deps.db, user, f), schoolsOf(deps.db, user)]);
    const fy = fiscalYearOf(today);
    return page(
      c,
      <InboxPage
        user={user}
        today={today}
        filters={f}
        rows={result.rows}
        hasNext={result.hasNext}
        page={result.page}
        procedures={deps.registry.list().map((d) => ({ id: d.id, title: d.title, states: describeStates(d).map((s) => ({ path: s.path, label: s.label })) }))}
        schools={schools}
        fiscalYears={[fy + 1, fy, fy - 1, fy - 2, fy - 3]}
        labels={labels}
      />,
    );
  });
  return app;
}
