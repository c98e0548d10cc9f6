/** Reads a JSON body, answering 400 (not 500) when it is not JSON or not an object. */
import type { Context } from 'hono';
import { badRequest } from '../errors.js';

export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest('malformed_json', 'リクエスト本文は JSON オブジェクトで送ってください（Content-Type: application/json）');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('malformed_json', 'リクエスト本文は JSON オブジェクトで送ってください');
  }
  return body as Record<string, unknown>;
}
