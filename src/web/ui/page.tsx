/** Renders a page with its doctype and status. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';

export function page(c: Context, node: Child, status: ContentfulStatusCode = 200) {
  return c.html(html`<!DOCTYPE html>${node}`, status);
}
