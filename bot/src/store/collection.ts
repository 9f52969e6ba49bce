// Typed, tenant-scoped access to one container. Every read checks the tenant; every query filters by it.
import type { Container, FeedOptions, ItemDefinition, QueryIterator, SqlParameter } from '@azure/cosmos';
import { AlreadyExists, AppError, notFound, StaleWrite, StoreError, Unavailable } from '../domain/errors';
import { recordRoundTrip } from './metrics';

export interface StoredDoc {
  id: string;
  tenantId: string;
  _etag?: string;
}

/** A document as read from (or written to) the store: it carries the ETag a later replace must name. */
export type Stored<T> = T & { _etag: string };

export interface Filter {
  where: string;
  parameters: SqlParameter[];
}

export interface PageRequest {
  /** Single-partition when given. */
  partitionKey?: string;
  select?: string;
  /** An ORDER BY clause over `c` (e.g. `c.name ASC, c.id ASC`); end it with a unique field for a stable order. */
  orderBy?: string;
  pageSize: number;
  /** The store's continuation token of the previous page. */
  continuation?: string;
}

export interface Page<R> {
  items: R[];
  /** More to read: pass it back as `continuation`. */
  continuation?: string;
}

/**
 * Drops Cosmos system fields and hands out ETags in their HTTP (quoted) form, as Azure Cosmos DB does. (A copy
 * without them, rather than `delete`, which would turn every document read into a slower dictionary object.)
 */
function clean<T>(resource: ItemDefinition | undefined): T {
  const { _rid, _self, _ts, _attachments, ...copy } = (resource ?? {}) as Record<string, unknown>;
  if (typeof copy._etag === 'string' && !copy._etag.startsWith('"')) copy._etag = `"${copy._etag}"`;
  return copy as T;
}

const statusOf = (error: unknown): number | undefined => {
  const e = error as { code?: number | string; statusCode?: number };
  return typeof e.code === 'number' ? e.code : e.statusCode;
};

/** Cosmos DB's answer for a document (or container) that is not there. */
const isMissing = (error: unknown) => statusOf(error) === 404;

/**
 * Maps Cosmos DB and transport failures to the store's errors (StaleWrite, AlreadyExists, Unavailable), which
 * the API's error handler turns into HTTP; a missing document is the API's 404; anything unexpected stays a 500.
 */
export function translateStoreError(error: unknown): Error {
  if (error instanceof AppError || error instanceof StoreError) return error;
  const e = error as { code?: number | string; name?: string; retryAfterInMs?: number };
  const status = statusOf(error);
  if (status === 404) return notFound();
  if (status === 409) return new AlreadyExists();
  if (status === 412) return new StaleWrite();
  // Throttled, timed out or down: the client may retry; network errors carry string codes (ECONNREFUSED …).
  if (status === 429 || status === 408 || status === 503)
    return new Unavailable(Math.max(1, Math.ceil((e.retryAfterInMs ?? 5000) / 1000)));
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || typeof e.code === 'string') return new Unavailable();
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * @azure/cosmos asks for a query plan beside every query, in parallel, and uses it only when the server demands
 * one. The embedded server computes none and never demands one (database.ts refuses every plan request): marking
 * the plan as already refused spares building that request. `queryPlanPromise` is the iterator's own field, left
 * out of its public types; the refusal is the one the plan request would have met.
 */
function skipQueryPlan(iterator: object): void {
  (iterator as { queryPlanPromise?: Promise<Error> }).queryPlanPromise = PLAN_REFUSED_ANSWER;
}
const PLAN_REFUSED_ANSWER = Promise.resolve(
  Object.assign(new Error('The embedded store computes no query plans.'), { code: 400 }),
);

export class Collection<T extends StoredDoc> {
  /** `embedded`: the embedded server, which stores ETags bare and computes no query plans. */
  constructor(
    private readonly container: Container,
    private readonly partitionKeyField: string,
    private readonly timeoutMs: number,
    private readonly embedded: boolean,
  ) {}

  /** Azure Cosmos DB compares quoted ETags; the embedded server stores them bare. */
  private storeEtag(etag: string): string {
    return this.embedded ? etag.replace(/^"(.*)"$/, '$1') : etag;
  }

  /**
   * Runs one store operation within the store timeout, its retries and pages included. A timer cleared when the
   * operation ends: AbortSignal.timeout would keep its timer and signal alive for the whole timeout after every
   * call (under load, thousands at a time, each outliving the young generation and collected only by a full
   * garbage collection).
   */
  private async bounded<R>(op: (options: { abortSignal: AbortSignal }) => Promise<R>): Promise<R> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('The store did not answer in time.', 'TimeoutError')),
      this.timeoutMs,
    ).unref();
    try {
      return await op({ abortSignal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads a query's pages with `read`, all within one store timeout; no query plan on the embedded server. */
  private withQuery<X>(
    query: { query: string; parameters: SqlParameter[] },
    options: FeedOptions,
    read: (iterator: QueryIterator<ItemDefinition>) => Promise<X>,
  ): Promise<X> {
    return this.bounded((deadline) => {
      const iterator = this.container.items.query(query, { ...deadline, ...options });
      if (this.embedded) skipQueryPlan(iterator);
      return read(iterator);
    });
  }

  private partitionKeyOf(doc: T): string {
    return String((doc as unknown as Record<string, unknown>)[this.partitionKeyField]);
  }

  private async run<R>(op: () => Promise<R & { requestCharge?: number }>): Promise<R> {
    try {
      const response = await op();
      recordRoundTrip(response.requestCharge);
      return response;
    } catch (error) {
      recordRoundTrip(0);
      throw translateStoreError(error);
    }
  }

  /** As run, but a missing document is undefined rather than an error. */
  private async runOrMissing<R>(op: () => Promise<R & { requestCharge?: number }>): Promise<R | undefined> {
    try {
      const response = await op();
      recordRoundTrip(response.requestCharge);
      return response;
    } catch (error) {
      recordRoundTrip(0);
      if (isMissing(error)) return undefined;
      throw translateStoreError(error);
    }
  }

  /** Point read; a document of another tenant reads as missing. */
  async find(tenantId: string, partitionKey: string, id: string): Promise<Stored<T> | undefined> {
    const response = await this.runOrMissing(() =>
      this.bounded((options) => this.container.item(id, partitionKey).read(options)),
    );
    const doc = response?.resource ? clean<Stored<T>>(response.resource) : undefined;
    return doc && doc.tenantId === tenantId ? doc : undefined;
  }

  async get(tenantId: string, partitionKey: string, id: string, what: string): Promise<Stored<T>> {
    const doc = await this.find(tenantId, partitionKey, id);
    if (!doc) throw notFound(what);
    return doc;
  }

  /** Creates the document; one with the same id gives AlreadyExists. */
  async create(doc: T): Promise<Stored<T>> {
    const { resource } = await this.run(() => this.bounded((options) => this.container.items.create(doc, options)));
    return clean<Stored<T>>(resource);
  }

  /** Replaces only if the stored ETag still matches: a concurrent change gives StaleWrite, never a silent overwrite. */
  async replace(doc: T, ifMatch: string): Promise<Stored<T>> {
    const { resource } = await this.run(() =>
      this.bounded((options) =>
        this.container.item(doc.id, this.partitionKeyOf(doc)).replace(stripEtag(doc), {
          ...options,
          accessCondition: { type: 'IfMatch', condition: this.storeEtag(ifMatch) },
        }),
      ),
    );
    return clean<Stored<T>>(resource);
  }

  async upsert(doc: T): Promise<Stored<T>> {
    const { resource } = await this.run(() =>
      this.bounded((options) => this.container.items.upsert(stripEtag(doc), options)),
    );
    return clean<Stored<T>>(resource);
  }

  /** Deletes the document with this id in this partition; one already gone is fine. */
  async delete(doc: Pick<T, 'id'> & Partial<T>): Promise<void> {
    await this.runOrMissing(() =>
      this.bounded((options) => this.container.item(doc.id, this.partitionKeyOf(doc as T)).delete(options)),
    );
  }

  /**
   * Parameterised query, always scoped to the tenant. With a partition key it is single-partition, and the
   * key is also in the WHERE clause so the result never depends on the server honouring the option.
   */
  async query<R = Stored<T>>(tenantId: string, filter: Filter, partitionKey?: string, select = '*'): Promise<R[]> {
    const inPartition = partitionKey === undefined ? '' : ` AND c.${this.partitionKeyField} = @partitionKey`;
    const query = {
      query: `SELECT ${select} FROM c WHERE c.tenantId = @tenantId${inPartition} AND (${filter.where})`,
      parameters: [
        { name: '@tenantId', value: tenantId },
        ...(partitionKey === undefined ? [] : [{ name: '@partitionKey', value: partitionKey }]),
        ...filter.parameters,
      ],
    };
    return this.allOf<R>(query, partitionKey);
  }

  /**
   * One page of a tenant-scoped query: at most `pageSize` results and the store's continuation token for the
   * next page (undefined on the last). The continuation is the store's own; hand it back only through the
   * API's signed page tokens (api/pageToken.ts), never raw to a client.
   */
  async queryPage<R = Stored<T>>(tenantId: string, filter: Filter, page: PageRequest): Promise<Page<R>> {
    const { partitionKey, select = '*', orderBy, pageSize, continuation } = page;
    const inPartition = partitionKey === undefined ? '' : ` AND c.${this.partitionKeyField} = @partitionKey`;
    const query = {
      query: `SELECT ${select} FROM c WHERE c.tenantId = @tenantId${inPartition} AND (${filter.where})${orderBy ? ` ORDER BY ${orderBy}` : ''}`,
      parameters: [
        { name: '@tenantId', value: tenantId },
        ...(partitionKey === undefined ? [] : [{ name: '@partitionKey', value: partitionKey }]),
        ...filter.parameters,
      ],
    };
    return this.page<R>(query, partitionKey, pageSize, continuation);
  }

  /**
   * Timed jobs only (no caller, so no tenant): one page of a query not scoped to a tenant, with the store's
   * continuation token for the next page. Each result carries its own tenantId, and every follow-up read or
   * write must use it. The continuation may be kept (a job's progress document) and handed back after a restart.
   */
  queryPageEveryTenant<R extends { tenantId: string }>(
    filter: Filter,
    page: Omit<PageRequest, 'partitionKey' | 'orderBy'>,
  ): Promise<Page<R>> {
    const { select = '*', pageSize, continuation } = page;
    return this.page<R>(
      { query: `SELECT ${select} FROM c WHERE (${filter.where})`, parameters: filter.parameters },
      undefined,
      pageSize,
      continuation,
    );
  }

  private async page<R>(
    query: { query: string; parameters: SqlParameter[] },
    partitionKey: string | undefined,
    pageSize: number,
    continuation: string | undefined,
  ): Promise<Page<R>> {
    const options = {
      ...(partitionKey === undefined ? {} : { partitionKey }),
      maxItemCount: pageSize,
      ...(continuation ? { continuationToken: continuation } : {}),
    };
    return this.withQuery(query, options, async (iterator) => {
      const items: R[] = [];
      let next: string | undefined = continuation;
      // A page may come back empty with more to come (cross-partition): read on until it holds something or the results end.
      do {
        const response = await this.run(() => iterator.fetchNext());
        items.push(...(response.resources ?? []).map((r) => clean<R>(r as ItemDefinition)));
        next = response.continuationToken ?? undefined;
      } while (next && items.length === 0 && iterator.hasMoreResults());
      return { items, ...(next ? { continuation: next } : {}) };
    });
  }

  /**
   * Timed jobs and the change feed consumer only (there is no caller, so no tenant): the one query not scoped
   * to a tenant (single-partition with a partition key; its first `limit` results when given). Each result
   * carries its own tenantId, and every follow-up read or write must use it.
   */
  async queryEveryTenant<R extends { tenantId: string }>(
    filter: Filter,
    select = '*',
    partitionKey?: string,
    limit?: number,
  ): Promise<R[]> {
    const inPartition = partitionKey === undefined ? '' : ` AND c.${this.partitionKeyField} = @partitionKey`;
    const query = {
      query: `SELECT ${select} FROM c WHERE (${filter.where})${inPartition}`,
      parameters: [
        ...filter.parameters,
        ...(partitionKey === undefined ? [] : [{ name: '@partitionKey', value: partitionKey }]),
      ],
    };
    return this.allOf<R>(query, partitionKey, limit);
  }

  /** Every result of a query, or its first `limit` (its pages read within one store timeout), cleaned. */
  private allOf<R>(
    query: { query: string; parameters: SqlParameter[] },
    partitionKey?: string,
    limit = Infinity,
  ): Promise<R[]> {
    const options = {
      ...(partitionKey === undefined ? {} : { partitionKey }),
      ...(limit === Infinity ? {} : { maxItemCount: limit }),
    };
    return this.withQuery(query, options, async (iterator) => {
      const results: R[] = [];
      while (iterator.hasMoreResults() && results.length < limit) {
        const page = await this.run(() => iterator.fetchNext());
        results.push(...(page.resources ?? []).map((r) => clean<R>(r as ItemDefinition)));
      }
      return results.slice(0, limit);
    });
  }
}

function stripEtag<T extends StoredDoc>(doc: T): T {
  const { _etag, ...rest } = doc;
  return rest as T;
}
