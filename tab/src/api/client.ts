// The typed API client: bearer token, one retry with a fresh token on 401, problem+json as readable errors.
import { locale } from '../locale';
import { strings } from '../strings';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type TokenProvider = (options: { forceRefresh: boolean }) => Promise<string>;

export interface RequestOptions {
  body?: unknown;
  ifMatch?: string;
  ifNoneMatch?: string;
  idempotencyKey?: string;
}

/** A conditional GET's answer: unchanged (304), or the new body with its ETag. */
export type Polled<T> = { changed: false } | { changed: true; body: T; etag?: string };

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options?: RequestOptions): Promise<T>;
  /** GET with If-None-Match: polling costs no body while nothing changed. */
  poll<T>(path: string, etag?: string): Promise<Polled<T>>;
}

async function toApiError(res: Response): Promise<ApiError> {
  let problem: { title?: string; detail?: string; errors?: FieldError[] } = {};
  try {
    problem = (await res.json()) as typeof problem;
  } catch {
    // Not problem+json (a proxy page, say): fall back to the status line.
  }
  const retryAfter = Number(res.headers.get('Retry-After'));
  const fields = problem.errors ?? [];
  const detail = problem.detail ?? problem.title ?? `${res.status} ${res.statusText}`;
  return new ApiError(
    detail,
    res.status,
    fields,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

export function createApiClient(
  getToken: TokenProvider,
  fetcher: typeof fetch = (...args) => fetch(...args),
): ApiClient {
  async function respond(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const attempt = async (forceRefresh: boolean) => {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${await getToken({ forceRefresh })}`,
        Accept: 'application/json',
      };
      if (options.body !== undefined) headers['Content-Type'] = 'application/json';
      if (options.ifMatch) headers['If-Match'] = options.ifMatch;
      if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
      if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
      // The Teams locale (en-GB, de-DE): the server reads national phone numbers of its region.
      if (locale) headers['Accept-Language'] = locale;
      try {
        return await fetcher(path, {
          method,
          headers,
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        });
      } catch {
        throw new ApiError(strings.errors.network, 0);
      }
    };
    let res = await attempt(false);
    if (res.status === 401) res = await attempt(true);
    if (res.status === 304) return res;
    if (!res.ok) throw await toApiError(res);
    return res;
  }
  async function call<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return (await (await respond(method, path, options)).json()) as T;
  }
  return {
    get: (path) => call('GET', path),
    send: (method, path, options) => call(method, path, options),
    async poll<T>(path: string, etag?: string): Promise<Polled<T>> {
      const res = await respond('GET', path, etag ? { ifNoneMatch: etag } : {});
      if (res.status === 304) return { changed: false };
      const next = res.headers.get('ETag');
      return { changed: true, body: (await res.json()) as T, ...(next ? { etag: next } : {}) };
    },
  };
}
