/**
 * A row editor's table as a spreadsheet: GET /cases/:id/events/:type/fields/:table.xlsx|.csv gives the rows
 * the form starts with (the definition's prefill, or what the case holds); POST
 * /cases/:id/events/:type/fields/:table/upload reads an .xlsx or .csv into the form and shows it with its
 * errors, row by row (and /assets/row-editor.js, the row editor's script). Nothing is submitted: the person then sends the form as usual. Same access as the case
 * page: the case must be visible and the event one the viewer may send now.
 */
import type { Context, Hono } from 'hono';
import { notFound } from '../../errors.js';
import { requireUser, verifyCsrf } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv, WebUser } from '../env.js';
import { resolveField, type Field } from '../forms/fields.js';
import { fieldErrors, issuesOf, tableErrors } from '../forms/messages.js';
import { padRows, payloadOf, valuesFrom, type FormValues } from '../forms/payload.js';
import type { FormState } from '../forms/SchemaForm.js';
import { fieldsOfSchema } from '../forms/schemas.js';
import { gridOf, readGrid, SHEET_LIMIT_BYTES, toCsv, toXlsx } from '../forms/sheets.js';
import { ROW_EDITOR_SCRIPT } from '../ui/row-editor-assets.js';

type Table = Extract<Field, { kind: 'table' }>;

/** The table a concrete name stands for (`roster`, `roster.3.subjects`), with that name; null if none. */
export function tableNamed(fields: Field[], name: string): Table | null {
  const r = resolveField(fields, name);
  return r?.field.kind === 'table' ? { ...r.field, name } : null;
}

interface Submitted {
  type: string;
  values: FormValues;
  errors: Record<string, string[]>;
  uploaded?: FormState['uploaded'];
}

interface CasePageHooks {
  render: (c: Context<WebEnv>, user: WebUser, id: string, submitted?: Submitted, status?: 200 | 400) => Promise<Response>;
  caseId: (raw: string) => string;
  postedValues: (body: Record<string, unknown>) => FormValues;
}

const contentDisposition = (name: string) => `attachment; filename="rows.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function sheetRoutes(app: Hono<WebEnv>, deps: WebDeps, hooks: CasePageHooks) {
  // The row editor's script, a file so that pages carry no inline script (the layout links it).
  app.get('/assets/row-editor.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(ROW_EDITOR_SCRIPT);
  });

  /** The case, the event's definition and its top-level table, if the viewer may send the event now. */
  async function target(user: WebUser, id: string, type: string, name: string) {
    const view = await deps.engine.getCase(user, id);
    const definition = deps.registry.get(view.procedure, view.definitionVersion);
    const event = definition && Object.hasOwn(definition.events, type) && view.allowedEvents.includes(type) ? definition.events[type]! : undefined;
    if (!event) throw notFound('この案件では現在この操作を行えません');
    const fields = fieldsOfSchema(event.schema);
    const table = name.includes('.') ? null : tableNamed(fields, name);
    if (!table) throw notFound('この様式にその一覧はありません');
    return { view, event, fields, table };
  }

  app.get('/cases/:id/events/:type/fields/:file{[^/]+\\.(?:xlsx|csv)}', requireUser(), async (c) => {
    const file = c.req.param('file');
    const ext = file.endsWith('.xlsx') ? 'xlsx' : 'csv';
    const name = file.slice(0, -(ext.length + 1));
    const { view, event, fields, table } = await target(c.get('user')!, hooks.caseId(c.req.param('id')), c.req.param('type'), name);
    const values = valuesFrom(fields, view.context, event.prefill?.(view.context));
    const filename = `${table.label.replace(/[\\/:*?"<>|〔〕]/g, '')}.${ext}`;
    c.header('Content-Disposition', contentDisposition(filename));
    c.header('Cache-Control', 'private, no-store');
    if (ext === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(toCsv(table, values));
    }
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return c.body(new Uint8Array(await toXlsx(table, values)));
  });

  app.post('/cases/:id/events/:type/fields/:name/upload', requireUser(), verifyCsrf, async (c) => {
    const user = c.get('user')!;
    const id = hooks.caseId(c.req.param('id'));
    const type = c.req.param('type');
    const name = c.req.param('name');
    const { event, fields, table } = await target(user, id, type, name);
    const body = await c.req.parseBody();
    // What else was typed in the form stays as it was.
    const typed = hooks.postedValues(body);
    const file = body[`_sheet.${name}`];
    const fail = (message: string) => hooks.render(c, user, id, { type, values: typed, errors: { [name]: [message] } }, 400);
    if (!(file instanceof File) || file.size === 0) return fail('読み込むファイル（Excel の .xlsx または CSV）を選んでください。');
    if (file.size > SHEET_LIMIT_BYTES) return fail(`ファイルが大きすぎます（${Math.round(SHEET_LIMIT_BYTES / 1024)} KB まで）。`);
    let read: ReturnType<typeof readGrid>;
    try {
      read = readGrid(table, await gridOf(new Uint8Array(await file.arrayBuffer())));
    } catch (err) {
      deps.logger.warn({ requestId: c.get('requestId'), err: { name: (err as Error).name, message: (err as Error).message } }, 'spreadsheet not read');
      return fail('ファイルを読み込めませんでした。Excel（.xlsx）か CSV（UTF-8）で保存したファイルを選んでください。');
    }
    const others = Object.fromEntries(Object.entries(typed).filter(([k]) => !k.startsWith(`${name}.`)));
    const values = { ...others, ...padRows([table], { ...read.values }, 1) };
    // The rows checked as the form would be: the schema's issues of this table, on their cells.
    const { payload, rows } = payloadOf(fields, values);
    const parsed = event.schema.safeParse(payload);
    const issues = parsed.success ? [] : issuesOf(parsed.error).filter((i) => i.path.startsWith(`${name}.`) || (i.path === name && read.rows > 0));
    const errors: Record<string, string[]> = { ...fieldErrors(fields, issues, rows), ...read.errors };
    if (read.problems.length || read.rows === 0) errors[name] = [...read.problems, ...(read.rows === 0 ? ['読み込める行がありませんでした。'] : [])];
    const uploaded = { table: name, file: file.name, rows: read.rows, errors: tableErrors(fields, name, errors).length };
    return hooks.render(c, user, id, { type, values, errors, uploaded }, 200);
  });
}
