// The one error handler: every error leaves the API as application/problem+json (RFC 9457).
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import {
  AlreadyExists,
  AppError,
  badRequest,
  conflict,
  payloadTooLarge,
  preconditionFailed,
  StaleWrite,
  storeUnavailable,
  Unavailable,
} from '../domain/errors';

export const PROBLEM_TYPE_BASE = 'urn:reverse-mentoring:problem:';

export function sendProblem(res: Response, error: AppError): void {
  if (error.extra.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.extra.retryAfterSeconds));
  // RFC 6750: tell the client which scheme to use and why the token was refused.
  if (error.status === 401) res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
  res
    .status(error.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `${PROBLEM_TYPE_BASE}${error.code}`,
        title: error.title,
        status: error.status,
        detail: error.message,
        ...(error.extra.errors ? { errors: error.extra.errors } : {}),
      }),
    );
}

/** The store's refusals, as HTTP: a stale ETag is 412, an existing id 409, an unreachable store 503 with Retry-After. */
function fromStore(error: unknown): AppError | undefined {
  if (error instanceof StaleWrite) return preconditionFailed();
  if (error instanceof AlreadyExists) return conflict(error.message);
  if (error instanceof Unavailable) return storeUnavailable(error.retryAfterSeconds);
  return undefined;
}

/** Errors raised by body parsing carry `type` and `status`; they are the client's, never a 500. */
function fromBodyParser(error: { type?: string; status?: number; limit?: number }): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return badRequest('The request body is not valid JSON.', [{ field: 'body', message: 'not valid JSON' }]);
    case 'entity.too.large':
      return payloadTooLarge(`${Math.floor((error.limit ?? 0) / 1024)} KB`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported-media-type', 'Unsupported encoding', 'Send UTF-8 JSON.');
    case 'request.aborted':
      return badRequest('The request body was not received completely.');
    default:
      return typeof error.status === 'number' && error.status >= 400 && error.status < 500
        ? new AppError(error.status, 'bad-request', 'The request is not valid', 'The request could not be read.')
        : undefined;
  }
}

export function problemHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const known =
      error instanceof AppError
        ? error
        : (fromStore(error) ?? fromBodyParser(error as { type?: string; status?: number }));
    if (known) {
      if (known.status >= 500) log.warn({ code: known.code, path: req.path }, known.message);
      return sendProblem(res, known);
    }
    log.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(
      res,
      new AppError(
        500,
        'internal',
        'Something went wrong',
        'The server failed; nothing was saved. Retry, and report it if it persists.',
      ),
    );
  };
}
