/**
 * A case's documents as PDF (GET /api/cases/:id/documents...). The layouts come from the case's definition;
 * access is that of GET /api/cases/:id. Keys: the document's fileName or its URL-encoded form id.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { pdfResponse, type DocumentService } from '../../documents/service.js';
import { badRequest } from '../../errors.js';
import type { AppEnv } from '../env.js';

const uuid = z.string().uuid();

function caseId(raw: string): string {
  if (!uuid.safeParse(raw).success) throw badRequest('invalid_id', '案件番号が正しくありません（UUID の形式で指定してください）', { id: raw.slice(0, 60) });
  return raw;
}

/** `form-21.pdf` -> `form-21`; Hono has decoded the percent-encoding of a form id already. */
const stripPdf = (file: string) => file.replace(/\.pdf$/, '');

export function documentRoutes(documents: DocumentService) {
  const app = new Hono<AppEnv>();
  app.get('/:id/documents', async (c) => c.json(await documents.list(c.get('principal'), caseId(c.req.param('id')))));
  app.get('/:id/documents/submission/:event{[^/]+\\.pdf}', async (c) =>
    pdfResponse(await documents.submission(c.get('principal'), caseId(c.req.param('id')), stripPdf(c.req.param('event')))),
  );
  app.get('/:id/documents/:form{[^/]+\\.pdf}', async (c) =>
    pdfResponse(await documents.one(c.get('principal'), caseId(c.req.param('id')), stripPdf(c.req.param('form')))),
  );
  return app;
}
