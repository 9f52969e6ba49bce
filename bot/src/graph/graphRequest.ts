// One Microsoft Graph call: bearer token, JSON in and out, throttling honoured. A 429 (never processed)
// is retried after Graph's Retry-After while the wait stays short enough for a person waiting on the
// answer; 503/504 only for requests that are safe to repeat. Anything else becomes a GraphFailure that
// says what Graph said (status, code, message) so callers can tell missing consent from an outage.

export interface GraphRequestOptions {
  /** e.g. https://graph.microsoft.com */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Retries after 429/503/504, and the longest single wait a retry may take. */
  maxRetries?: number;
  maxWaitMs?: number;
  /** Waits between retries (tests record them instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
}

export interface GraphCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Repeating it cannot do it twice (reads, PATCH, a create with a transactionId): 503/504 are retried too. */
  idempotent?: boolean;
}

export interface GraphAnswer<T> {
  status: number;
  body: T | undefined;
}

/** Graph refused or could not be reached (status 0). */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After on 429/503. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'GraphFailure';
  }

  get throttled(): boolean {
    return this.status === 429;
  }
}

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type GraphRequester = <T>(token: string, call: GraphCall) => Promise<GraphAnswer<T>>;

export function graphRequester(options: GraphRequestOptions): GraphRequester {
  const fetcher = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const sleep = options.sleep ?? defaultSleep;
  const maxRetries = options.maxRetries ?? 2;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 15_000;

  return async function request<T>(token: string, call: GraphCall): Promise<GraphAnswer<T>> {
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    const url = `${options.baseUrl}/v1.0/${call.path}${query}`;
    for (let attempt = 0; ; attempt++) {
      const res = await fetcher(url, {
        method: call.method ?? 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...call.headers,
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      }).catch(() => undefined);
      if (!res) throw new GraphFailure(0, 'unreachable', 'Microsoft Graph cannot be reached.');
      const text = await res.text();
      const body = parseJson(text);
      if (res.ok) return { status: res.status, body: body as T | undefined };
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      const wait = retryAfterMs(res.headers.get('retry-after'));
      const retriable = res.status === 429 || ((res.status === 503 || res.status === 504) && call.idempotent === true);
      const delay = wait ?? 1000 * 2 ** attempt;
      if (retriable && attempt < maxRetries && delay <= maxWaitMs) {
        await sleep(delay);
        continue;
      }
      throw new GraphFailure(
        res.status,
        error?.code ?? String(res.status),
        error?.message ?? `Microsoft Graph answered ${res.status}.`,
        wait,
      );
    }
  };
}
