// Every error a client can see: a stable code, an HTTP status and a message that says what to fix.
// Routes throw these; the error handler in server.ts turns them into {"error":{"code","message"}}.

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(400, code, message, {}, details);
export const unauthorized = (
  message = 'Sign in first: send "Authorization: Bearer <token>" from /v1/auth/login.',
) => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (code: string, message: string) => new AppError(403, code, message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} was not found.`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const unavailable = (message: string, retryAfterSeconds = 5) =>
  new AppError(503, 'UNAVAILABLE', message, { 'retry-after': String(retryAfterSeconds) });
