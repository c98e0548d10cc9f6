/** The OpenAPI 3.1 document, with each procedure's event payloads as JSON Schemas generated from zod. */
import { z } from 'zod';
import type { Registry } from '../../definitions/registry.js';

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
      required: ['code', 'message'],
    },
  },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((s) => [String(s), { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));

const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export function openApiDocument(registry: Registry, publicUrl: string) {
  const eventSchemas: Record<string, unknown> = {};
  for (const d of registry.list()) {
    eventSchemas[`${d.id}.input`] = z.toJSONSchema(d.inputSchema, { unrepresentable: 'any', io: 'input' });
    for (const e of Object.values(d.events)) {
      eventSchemas[`${d.id}.${e.type}`] = { ...z.toJSONSchema(e.schema, { unrepresentable: 'any', io: 'input' }), title: `${e.label}${e.form ? `〔${e.form}〕` : ''}`, 'x-roles': e.roles };
    }
  }
  // Each procedure's printable documents (key = fileName or the URL-encoded form id), for the documents paths.
  const documents = Object.fromEntries(
    registry.list().map((d) => [d.id, (d.documents ?? []).map((doc) => ({ form: doc.form, title: doc.title, key: doc.fileName ?? doc.form, events: doc.events ?? [] }))]),
  );
  const pdf = (description: string) => ({ description, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } });
  return {
    openapi: '3.1.0',
    'x-documents': documents,
    info: { title: '認定職業訓練 法定手続ワークフロー API', version: '0.1.0' },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema, ...eventSchemas },
    },
    security: [{ bearer: [] }],
    paths: {
      '/healthz': { get: { security: [], summary: 'Health', responses: { '200': ok('up'), '503': ok('database unreachable') } } },
      '/api/procedures': { get: { summary: 'List procedures', responses: { '200': ok('procedures'), ...errors(401) } } },
      '/api/procedures/{id}': { get: { summary: 'A procedure definition: states, events, forms, deadline rules', parameters: [idParam], responses: { '200': ok('definition'), ...errors(401, 404) } } },
      '/api/cases': {
        get: {
          summary: "List cases visible to the caller, soonest effective due date first",
          parameters: ['procedure', 'state', 'org', 'due_before', 'waiting_on', 'fiscal_year', 'status', 'limit', 'offset'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
          responses: { '200': ok('cases'), ...errors(400, 401) },
        },
        post: {
          summary: 'Open a case',
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { procedure: { type: 'string' }, input: { type: 'object' } }, required: ['procedure', 'input'] } } } },
          responses: { '201': ok('the case'), ...errors(400, 401, 403, 404, 422) },
        },
      },
      '/api/cases/{id}': { get: { summary: 'A case with deadlines (nominal and effective) and the events the caller may send', parameters: [idParam], responses: { '200': ok('case'), ...errors(400, 401, 403, 404) } } },
      '/api/cases/{id}/events': {
        post: {
          summary: 'Send an event; the payload schema per procedure and event is in components.schemas as "<procedure>.<EVENT>"',
          parameters: [idParam, { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { type: { type: 'string' }, data: { type: 'object' } }, required: ['type'] } } } },
          responses: { '200': ok('the case after the event'), ...errors(400, 401, 403, 404, 409, 413, 422) },
        },
      },
      '/api/cases/{id}/history': { get: { summary: 'Append-only history of a case', parameters: [idParam], responses: { '200': ok('history'), ...errors(400, 401, 403, 404) } } },
      '/api/cases/{id}/documents': {
        get: {
          summary: "The case's documents (form, title, key, path, available) and its submissions with at least one available document",
          parameters: [idParam],
          responses: { '200': ok('documents'), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/cases/{id}/documents/{form}.pdf': {
        get: {
          summary: 'One document of the case as A4 PDF (embedded Japanese font; the footer names the case, its version and when it was produced)',
          parameters: [idParam, { name: 'form', in: 'path', required: true, description: "the document's fileName (e.g. form-21) or its form id, URL-encoded; per procedure in x-documents", schema: { type: 'string' } }],
          responses: { '200': pdf('the document'), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/cases/{id}/documents/submission/{event}.pdf': {
        get: {
          summary: 'Every available document of one submission (event type) as one PDF',
          parameters: [idParam, { name: 'event', in: 'path', required: true, description: 'the event type of the submission', schema: { type: 'string' } }],
          responses: { '200': pdf('the documents'), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/procedures/{id}/machine.json': { get: { summary: "The statechart as plain XState JSON config (named guards with params, named actions), openable in Stately's editor", parameters: [idParam], responses: { '200': ok('machine'), ...errors(401, 404) } } },
      '/api/procedures/{id}/diagram.svg': { get: { summary: 'State diagram as SVG (Japanese labels, ◆ hard / ◇ soft deadlines)', parameters: [idParam], responses: { '200': { description: 'image/svg+xml' }, ...errors(401, 404) } } },
      '/api/procedures/{id}/diagram.png': { get: { summary: 'State diagram as PNG (rendered from the SVG, Japanese font embedded)', parameters: [idParam], responses: { '200': { description: 'image/png' }, ...errors(401, 404) } } },
      '/api/procedures/{id}/diagram.mmd': { get: { summary: 'State diagram as Mermaid stateDiagram-v2 text', parameters: [idParam], responses: { '200': { description: 'text/plain' }, ...errors(401, 404) } } },
      '/api/tokens/rotate': { post: { summary: 'Rotate the caller\'s token: a new one (body { ttlDays? }, default 365) with its expiresAt; the old one is revoked', responses: { '201': ok('token, expiresAt, userId'), ...errors(400, 401) } } },
      '/api/tokens/revoke': { post: { summary: "Revoke the caller's own token", responses: { '200': ok('revoked'), ...errors(401) } } },
      '/api/tokens/users/{userId}/revoke': {
        post: { summary: "Revoke a user's tokens, sessions and unused sign-in links (admin)", parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': ok('revoked'), ...errors(400, 401, 403, 404) } },
      },
      '/api/notifications': {
        get: {
          summary: 'Outbox rows (hq/admin: all; others: their organisation), with lastError and lastDelivery',
          parameters: ['status', 'case', 'template', 'limit', 'offset'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
          responses: { '200': ok('notifications'), ...errors(400, 401) },
        },
      },
      '/api/notifications/{id}/deliveries': { get: { summary: 'Every delivery attempt of one row (hq, admin)', parameters: [idParam], responses: { '200': ok('deliveries'), ...errors(400, 401, 403, 404) } } },
      '/api/notifications/{id}/retry': { post: { summary: 'Put a failed row back in the queue (hq, admin)', parameters: [idParam], responses: { '200': ok('the row'), ...errors(400, 401, 403, 404, 409) } } },
      '/api/mailbox': { get: { summary: 'The local mailbox when no SMTP is configured (hq, admin)', responses: { '200': ok('messages'), ...errors(401, 403, 409) } } },
      '/api/me/notification-settings': {
        get: { summary: "The caller's notification settings", responses: { '200': ok('settings'), ...errors(401) } },
        put: { summary: 'Choose the daily digest instead of single deadline messages', responses: { '200': ok('settings'), ...errors(400, 401) } },
      },
      '/api/settings/{fiscalYear}': {
        get: { summary: 'Fiscal-year settings (defaults when unset)', parameters: [{ name: 'fiscalYear', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': ok('settings'), ...errors(400, 401) } },
        put: { summary: 'Set fiscal-year settings (hq, admin)', parameters: [{ name: 'fiscalYear', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': ok('settings'), ...errors(400, 401, 403, 422) } },
      },
    },
  };
}
