/** /admin: the admin home page, and the admin pages' routes (organisations, users, incidents). */
import { Hono } from 'hono';
import { count } from 'drizzle-orm';
import { tokyoDate } from '../../domain/dates.js';
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import { organizations, users } from '../../db/schema.js';
import { ADMIN_HOME_ROLES, may, USER_ROLES } from '../admin/access.js';
import { incidentCounts } from '../admin/incidents.js';
import { requireUser } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { AdminHomePage } from '../pages/admin.js';
import { page } from '../ui/page.js';
import { adminIncidentRoutes } from './admin-incidents.js';
import { adminOrganizationRoutes } from './admin-organizations.js';
import { adminUserRoutes } from './admin-users.js';

export function adminRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/admin', requireUser(...ADMIN_HOME_ROLES), async (c) => {
    const user = c.get('user')!;
    const now = deps.clock.now();
    const [kinds, [everyone], incidents] = await Promise.all([
      deps.db.select({ kind: organizations.kind, n: count() }).from(organizations).groupBy(organizations.kind),
      deps.db.select({ n: count() }).from(users),
      incidentCounts(deps.db, now),
    ]);
    const of = (k: string) => kinds.find((r) => r.kind === k)?.n ?? 0;
    const counts = { schools: of('school'), centers: of('center'), users: may(USER_ROLES, user.role) ? (everyone?.n ?? 0) : null, ...incidents };
    return page(c, <AdminHomePage user={user} fiscalYear={fiscalYearOf(tokyoDate(now))} counts={counts} />);
  });
  app.route('/', adminOrganizationRoutes(deps));
  app.route('/', adminUserRoutes(deps));
  app.route('/', adminIncidentRoutes(deps));
  return app;
}
