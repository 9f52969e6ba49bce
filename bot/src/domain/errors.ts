// Errors with stable problem types; the API's one error handler turns them into problem+json.

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(400, 'bad-request', 'The request is not valid', detail, { errors });
export const unauthorized = (detail = 'Sign in again: the access token is missing, expired or not valid.') =>
  new AppError(401, 'unauthorized', 'Authentication required', detail);
export const forbidden = (detail = 'You do not have permission to do this.') =>
  new AppError(403, 'forbidden', 'Not allowed', detail);
export const notFound = (what = 'resource') =>
  new AppError(404, 'not-found', 'Not found', `The ${what} does not exist or you cannot see it.`);
export const conflict = (detail: string) => new AppError(409, 'conflict', 'Conflict', detail);
export const idempotencyKeyReused = () =>
  new AppError(
    422,
    'idempotency-key-reused',
    'Idempotency-Key already used',
    'This Idempotency-Key was used for a different request. Send the same request again to get its result, or use a new key for a new request.',
  );
export const requestInProgress = (retryAfterSeconds: number) =>
  new AppError(
    409,
    'request-in-progress',
    'Request still in progress',
    `A request with this Idempotency-Key is still being processed. Retry in ${retryAfterSeconds} s to get its result.`,
    { retryAfterSeconds },
  );
export const preconditionFailed = () =>
  new AppError(
    412,
    'precondition-failed',
    'Changed by someone else',
    'This item changed since you loaded it. Reload it, reapply your change and try again.',
  );
export const preconditionRequired = () =>
  new AppError(
    428,
    'precondition-required',
    'If-Match required',
    'Send the ETag you read in an If-Match header so that concurrent changes are not overwritten.',
  );
export const payloadTooLarge = (limit: string) =>
  new AppError(413, 'payload-too-large', 'Request body too large', `Send at most ${limit}.`);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'too-many-requests', 'Too many requests', `Slow down and retry in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
export const storeUnavailable = (retryAfterSeconds = 5) =>
  new AppError(
    503,
    'store-unavailable',
    'Storage unavailable',
    `The data store cannot be reached right now; nothing was saved. Retry in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );

/**
 * What the store refuses, said as what happened (not as HTTP): commands branch on these classes, and the
 * API's error handler (api/problem.ts) is the one place that turns them into statuses.
 */
export class StoreError extends Error {}

/** The document changed since it was read: the ETag given no longer matches. */
export class StaleWrite extends StoreError {
  override name = 'StaleWrite';
  constructor(detail = 'The document changed since it was read.') {
    super(detail);
  }
}

/** A document with this id is already there. */
export class AlreadyExists extends StoreError {
  override name = 'AlreadyExists';
  constructor(detail = 'An item with this id already exists.') {
    super(detail);
  }
}

/** The store cannot be reached, timed out or throttled: nothing was written; retry after the given time. */
export class Unavailable extends StoreError {
  override name = 'Unavailable';
  constructor(readonly retryAfterSeconds = 5) {
    super(`The data store cannot be reached right now. Retry in ${retryAfterSeconds} s.`);
  }
}
