// One typed repository per document kind, over the container that holds it: reads hand out only documents
// of that kind (with their ETag), writes take the ETag they replace, and a create with an Idempotency-Key
// finds its first document on a retry. Callers need no casts, no type checks and no ETag fallbacks.
import { AlreadyExists, notFound } from '../domain/errors';
import type { Collection, Filter, Stored, StoredDoc } from './collection';

/** Where a document lives: its tenant and its partition key, e.g. a pair or a session for pair content (`pairId`). */
export type Scope<K extends string> = { tenantId: string } & { readonly [P in K]: string };

export interface CreateOptions {
  /** The request's Idempotency-Key: the id was derived from it, so an existing document is the first try's. */
  idempotencyKey?: string;
}

export class Repository<D extends StoredDoc & { type: string }, K extends keyof D & string> {
  constructor(
    private readonly collection: Collection<StoredDoc>,
    readonly type: D['type'],
    readonly partitionKey: K,
  ) {}

  private is(doc: StoredDoc | undefined): doc is Stored<D> {
    return (doc as { type?: unknown } | undefined)?.type === this.type;
  }

  /** Point read; another tenant's document, or one of another kind, reads as missing. */
  async find(scope: Scope<K>, id: string): Promise<Stored<D> | undefined> {
    const doc = await this.collection.find(scope.tenantId, scope[this.partitionKey], id);
    return this.is(doc) ? doc : undefined;
  }

  /**
   * Point read that also says whether the id is taken by a document of another kind (kinds share a partition,
   * so an id chosen by a client, such as a participant's, must not land on another kind's document).
   */
  async findOrOtherKind(scope: Scope<K>, id: string): Promise<{ doc?: Stored<D>; otherKind: boolean }> {
    const doc = await this.collection.find(scope.tenantId, scope[this.partitionKey], id);
    if (!doc) return { otherKind: false };
    return this.is(doc) ? { doc, otherKind: false } : { otherKind: true };
  }

  /** As find, but missing is the API's 404 naming `what`. */
  async get(scope: Scope<K>, id: string, what: string = this.type): Promise<Stored<D>> {
    const doc = await this.find(scope, id);
    if (!doc) throw notFound(what);
    return doc;
  }

  /**
   * Creates the document. With an Idempotency-Key, an existing document of this kind with the same id is the
   * first try's (ids are derived from the key) and is returned; otherwise an existing id is AlreadyExists.
   */
  async create(doc: D, options: CreateOptions = {}): Promise<Stored<D>> {
    try {
      return (await this.collection.create(doc)) as Stored<D>;
    } catch (error) {
      if (!options.idempotencyKey || !(error instanceof AlreadyExists)) throw error;
      const existing = await this.find(doc as unknown as Scope<K>, doc.id);
      if (!existing) throw new AlreadyExists('This Idempotency-Key was already used for something else.');
      return existing;
    }
  }

  /** Replaces the document if it still has the ETag read; otherwise StaleWrite. */
  async replace(doc: D, etag: string): Promise<Stored<D>> {
    return (await this.collection.replace(doc, etag)) as Stored<D>;
  }

  /** Writes the document whatever is stored (documents nobody edits concurrently: memberships, notices). */
  async upsert(doc: D): Promise<Stored<D>> {
    return (await this.collection.upsert(doc)) as Stored<D>;
  }

  /** Deletes the document with this id in this scope; one already gone is fine. */
  async delete(scope: Scope<K>, id: string): Promise<void> {
    await this.collection.delete({ id, tenantId: scope.tenantId, [this.partitionKey]: scope[this.partitionKey] });
  }

  /** Documents of this kind matching the filter, in the tenant (in one partition when given). */
  query(tenantId: string, filter: Filter, partitionKey?: string): Promise<Stored<D>[]> {
    return this.collection.query<Stored<D>>(
      tenantId,
      {
        where: `c.type = @documentType AND (${filter.where})`,
        parameters: [{ name: '@documentType', value: this.type }, ...filter.parameters],
      },
      partitionKey,
    );
  }
}

/** Kinds whose id is their partition key (pairs, programmes): found by id alone. */
export class RootRepository<D extends StoredDoc & { type: string }, K extends keyof D & string> extends Repository<
  D,
  K
> {
  findById(tenantId: string, id: string): Promise<Stored<D> | undefined> {
    return this.find({ tenantId, [this.partitionKey]: id } as Scope<K>, id);
  }

  getById(tenantId: string, id: string, what: string = this.type): Promise<Stored<D>> {
    return this.get({ tenantId, [this.partitionKey]: id } as Scope<K>, id, what);
  }
}
