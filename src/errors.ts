/**
 * The one error type of the product: the HTTP layer maps it to `{ error: { code, message, details } }`.
 * `code` is for machines and stays stable; `message` is Japanese for people (labels, never role codes or
 * field keys); `details` is machine-readable.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const forbidden = (message: string, details?: unknown) => new AppError(403, 'forbidden', message, details);
export const notFound = (message: string, details?: unknown) => new AppError(404, 'not_found', message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
