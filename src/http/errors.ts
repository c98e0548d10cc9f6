/** The one error mapping: AppError -> its status; database outage -> 503; anything unknown -> logged, 500 with no stack or SQL. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../errors.js';
import { errorChain, type Logger } from '../logger.js';

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

/**
 * Codes meaning "the database is not reachable right now": socket errors (Node), postgres.js connection
 * errors, and PostgreSQL's class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up)
 * and 53300 (too many connections). drizzle wraps driver errors (DrizzleQueryError.cause) and Node wraps
 * dual-stack connect failures (AggregateError.errors), so the whole chain is searched.
 */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function isDatabaseOutage(err: unknown): boolean {
  return errorChain(err).some((e) => OUTAGE_CODES.has(String((e as { code?: unknown }).code ?? '')));
}

/**
 * PostgreSQL "data exception" codes (class 22) that only a client's value can cause: an impossible date
 * that passed a format check (2027-13-01), a NUL character in text or jsonb, a number out of range. The
 * value is refused with 400 rather than answered as a server fault; it is logged (without the value) so
 * the missing validation can be added where the value entered.
 */
const BAD_VALUE_CODES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '22023', '2201B', '22025', '22019']);

function badValueCode(err: unknown): string | null {
  for (const e of errorChain(err)) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (BAD_VALUE_CODES.has(code)) return code;
  }
  return null;
}

/** Paths of pages (HTML for people); /api and /healthz answer JSON. */
export const isPagePath = (path: string) => !(path === '/api' || path.startsWith('/api/') || path === '/healthz');

export interface DescribedError {
  status: ContentfulStatusCode;
  code: string;
  /** Japanese, for people. */
  message: string;
  details?: unknown;
  /** Extra response headers (Retry-After). */
  headers?: Record<string, string>;
}

/** Japanese text for a status when a library (hono's middleware) refused a request with its own English text. */
export const STATUS_MESSAGE_JA: Record<number, string> = {
  400: 'リクエストの内容を処理できません。入力内容を確認してください。',
  401: 'ログインが必要です。',
  403: 'この送信は受け付けられません（送信元を確認できません）。画面を開き直してからもう一度操作してください。',
  404: 'お探しのページ又はデータは見つかりません。',
  405: 'この操作はこのアドレスでは行えません。',
  409: 'この操作は現在の状態では行えません。画面を開き直してください。',
  413: '送信された内容が大きすぎます。',
  415: 'この形式の送信は受け付けられません。',
  422: '法令・手引の定めにより受理できません。',
  429: '操作が多すぎます。しばらく待ってからもう一度お試しください。',
  500: 'システムエラーが発生しました。時間をおいてもう一度お試しください。',
  503: 'ただいまデータベースに接続できません。しばらく待ってからもう一度お試しください。',
};

/** Page titles of the HTML error pages. */
export const STATUS_TITLE_JA: Record<number, string> = {
  400: '入力内容を処理できませんでした',
  401: 'ログインが必要です',
  403: 'この操作は行えません',
  404: 'ページが見つかりません',
  409: '現在の状態では行えない操作です',
  413: '送信内容が大きすぎます',
  422: '受理できませんでした',
  429: 'しばらくお待ちください',
  500: 'システムエラー',
  503: 'ただいま利用できません',
};

export const statusTitle = (status: number) => STATUS_TITLE_JA[status] ?? (status >= 500 ? 'システムエラー' : '処理できませんでした');

/** The size limit as people read it: 1 MB, 64 KB. */
export function bytesJa(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} バイト`;
}

export const tooLargeMessage = (limit: number) =>
  `送信された内容が大きすぎます（上限 ${bytesJa(limit)}）。添付や一覧の行数を減らして、もう一度送信してください。`;

/** Any error -> status, stable code, Japanese message and machine-readable details; unknown errors are logged. */
export function describeError(err: Error, c: Context, logger: Logger): DescribedError {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: err.message, details: err.details };
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status < 500 ? 'bad_request' : 'http_error';
    // Hono's middleware refuses in English ("Forbidden", "Malformed JSON"): people read the status's Japanese text.
    return { status, code, message: STATUS_MESSAGE_JA[status] ?? (status < 500 ? STATUS_MESSAGE_JA[400]! : STATUS_MESSAGE_JA[500]!) };
  }
  if (isDatabaseOutage(err)) {
    logger.error({ requestId: c.get('requestId'), err }, 'database unavailable');
    return {
      status: 503,
      code: 'database_unavailable',
      message: 'ただいまデータベースに接続できません。しばらく待ってからもう一度お試しください（案件の操作は If-Match に案件の版番号を付ければ安全に再送できます）。',
      headers: { 'Retry-After': '5' },
    };
  }
  const badValue = badValueCode(err);
  if (badValue) {
    logger.warn({ requestId: c.get('requestId'), sqlstate: badValue, err }, 'value refused by the database');
    return {
      status: 400,
      code: 'invalid_value',
      message: '受け付けられない値が含まれています（存在しない日付、使えない文字、又は大きすぎる数値）。入力内容を確認してください。',
      details: { sqlstate: badValue },
    };
  }
  logger.error({ requestId: c.get('requestId'), err }, 'unhandled error');
  return { status: 500, code: 'internal', message: 'システムエラーが発生しました。時間をおいてもう一度お試しください（問い合わせ番号は X-Request-Id ヘッダーにあります）。' };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A self-contained Japanese error page for page paths that no page route answered (the web pages render their
 * own errors inside the site's layout): the message, the request id, and a way back.
 */
export function htmlErrorPage(c: Context, e: Pick<DescribedError, 'status' | 'message'>) {
  const requestId = c.get('requestId') as string | undefined;
  const title = statusTitle(e.status);
  const body = `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} | 認定職業訓練 手続管理</title><style>body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.6;color:#1f2937}.error-summary{border:3px solid #b91c1c;padding:.5rem 1rem;background:#fef2f2}a{color:#1d4ed8}</style></head><body><main id="main"><h1>${escapeHtml(title)}</h1><p class="error-summary" role="alert">${escapeHtml(e.message)}</p><p><a href="/">トップページへ戻る</a>（入力していた画面へは、ブラウザの「戻る」で戻れます）</p>${requestId ? `<p><small>問い合わせ番号: ${escapeHtml(requestId)}</small></p>` : ''}</main></body></html>`;
  return c.html(body, e.status);
}

export function errorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    const e = describeError(err, c, logger);
    for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
    if (isPagePath(c.req.path)) return htmlErrorPage(c, e);
    return c.json(errorBody(e.code, e.message, e.details), e.status);
  };
}
