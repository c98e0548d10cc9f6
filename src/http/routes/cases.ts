/** Cases: open, list, read, send events, read history. Handlers only translate HTTP; the engine decides. */
import { Hono } from 'hono';
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates.js';
import type { Engine } from '../../engine/engine.js';
import { badRequest } from '../../errors.js';
import { zodDetails } from '../../engine/zod-details.js';
import type { AppEnv } from '../env.js';
import { jsonBody } from '../json-body.js';

const IDENTIFIER = /^[A-Za-z0-9_.,-]+$/;

const listQuery = z
  .object({
    // Identifiers only: a NUL or other control character would reach PostgreSQL as a 500.
    procedure: z.string().max(100).regex(IDENTIFIER).optional(),
    state: z.string().max(200).regex(IDENTIFIER).optional(),
    org: z.string().uuid().optional(),
    due_before: z.string().refine(isIsoDate, { message: 'due_before must be a real date (YYYY-MM-DD)' }).optional(),
    waiting_on: z.enum(['school', 'center', 'hq']).optional(),
    fiscal_year: z.coerce.number().int().min(2000).max(2100).optional(),
    status: z.enum(['active', 'done']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();

const createBody = z.object({ procedure: z.string().min(1).max(100), input: z.unknown() }).strict();
const eventBody = z.object({ type: z.string().min(1).max(100), data: z.unknown().optional() }).strict();
const uuid = z.string().uuid();

function caseId(raw: string): string {
  if (!uuid.safeParse(raw).success) throw badRequest('invalid_id', '案件番号が正しくありません（UUID の形式で指定してください）', { id: raw.slice(0, 60) });
  return raw;
}

function ifMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw badRequest('invalid_if_match', 'If-Match には案件の版番号を指定してください（例: If-Match: 3）');
  return Number(m[1]);
}

export function caseRoutes(engine: Engine) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('invalid_query', '検索条件に誤りがあります', zodDetails(q.error));
    const f = q.data;
    const rows = await engine.listCases(c.get('principal'), {
      procedure: f.procedure,
      state: f.state,
      org: f.org,
      dueBefore: f.due_before,
      waitingOn: f.waiting_on,
      fiscalYear: f.fiscal_year,
      status: f.status,
      limit: f.limit,
      offset: f.offset,
    });
    return c.json({ cases: rows });
  });

  app.post('/', async (c) => {
    const body = createBody.safeParse(await jsonBody(c));
    if (!body.success) throw badRequest('invalid_body', '本文は { "procedure": "...", "input": {...} } の形で送ってください', zodDetails(body.error));
    const view = await engine.createCase(c.get('principal'), body.data.procedure, body.data.input);
    c.header('ETag', `"${view.version}"`);
    c.header('Location', `/api/cases/${view.id}`);
    return c.json(view, 201);
  });

  app.get('/:id', async (c) => {
    const view = await engine.getCase(c.get('principal'), caseId(c.req.param('id')));
    c.header('ETag', `"${view.version}"`);
    return c.json(view);
  });

  app.post('/:id/events', async (c) => {
    const id = caseId(c.req.param('id'));
    const body = eventBody.safeParse(await jsonBody(c));
    if (!body.success) throw badRequest('invalid_body', '本文は { "type": "...", "data": {...} } の形で送ってください', zodDetails(body.error));
    const view = await engine.applyEvent(c.get('principal'), id, body.data, { ifMatch: ifMatch(c.req.header('if-match')) });
    c.header('ETag', `"${view.version}"`);
    return c.json(view);
  });

  app.get('/:id/history', async (c) => {
    const rows = await engine.history(c.get('principal'), caseId(c.req.param('id')));
    return c.json({ history: rows });
  });

  return app;
}
