// A container's change feed through @azure/cosmos's pull model, in the all-versions-and-deletes mode (deletes
// are changes too: a deleted goal must leave the insights). On Azure Cosmos DB that mode needs continuous
// backup on the account (infra/azure.bicep, cosmosBackupTier); the embedded store answers the same requests from its write log
// (embeddedChangeFeed.ts). The continuation is the SDK's own token; the caller stores it (a lease document).
import { ChangeFeedMode, ChangeFeedStartFrom, StatusCodes, type Container } from '@azure/cosmos';
import { recordRoundTrip } from './metrics';
import { translateStoreError } from './collection';

/** One change: the document as it is now (absent for a delete), as it was (when known), and the partition key. */
export interface FeedChange<T> {
  operationType: 'create' | 'replace' | 'delete';
  current?: T;
  previous?: Partial<T>;
  /** The partition key value of the changed document (deletes without a previous image carry only this and the id). */
  partitionKey?: unknown;
}

export interface FeedPage<T> {
  changes: FeedChange<T>[];
  /** Where the next read starts: store it, and pass it back. */
  continuation: string;
}

interface RawChange<T> {
  current?: T;
  previous?: Partial<T>;
  metadata?: { operationType?: string; partitionKey?: unknown; id?: string };
}

export class ChangeFeed<T> {
  constructor(
    private readonly container: Container,
    private readonly partitionKeyField: string,
    private readonly timeoutMs: number,
  ) {}

  /** The iterator of the last read and the continuation it stands at: the next read from there reuses it (no container read). */
  private last?: { iterator: ReturnType<Container['items']['getChangeFeedIterator']>; continuation: string };

  /**
   * The changes after `continuation` (from now when there is none: the first read only returns where now is),
   * at most `maxItemCount`. An empty page means nothing changed since.
   */
  async read(continuation: string | undefined, maxItemCount = 100): Promise<FeedPage<T>> {
    const iterator =
      continuation && this.last?.continuation === continuation
        ? this.last.iterator
        : this.container.items.getChangeFeedIterator<RawChange<T>>({
            changeFeedMode: ChangeFeedMode.AllVersionsAndDeletes,
            changeFeedStartFrom: continuation
              ? ChangeFeedStartFrom.Continuation(continuation)
              : ChangeFeedStartFrom.Now(),
            maxItemCount,
          });
    this.last = undefined;
    try {
      const response = await withTimeout(iterator.readNext(), this.timeoutMs);
      recordRoundTrip(response.requestCharge);
      const changes =
        response.statusCode === StatusCodes.NotModified
          ? []
          : ((response.result ?? []) as RawChange<T>[]).map((raw) => this.change(raw));
      this.last = { iterator, continuation: response.continuationToken };
      return { changes, continuation: response.continuationToken };
    } catch (error) {
      recordRoundTrip(0);
      throw translateStoreError(error);
    }
  }

  private change(raw: RawChange<T>): FeedChange<T> {
    const operationType =
      raw.metadata?.operationType === 'delete'
        ? 'delete'
        : raw.metadata?.operationType === 'create'
          ? 'create'
          : 'replace';
    const field = this.partitionKeyField;
    const doc = (raw.current ?? raw.previous) as Record<string, unknown> | undefined;
    const fromMetadata = raw.metadata?.partitionKey;
    const partitionKey =
      doc?.[field] ??
      (fromMetadata && typeof fromMetadata === 'object'
        ? (fromMetadata as Record<string, unknown>)[field]
        : fromMetadata);
    return {
      operationType,
      ...(raw.current ? { current: raw.current } : {}),
      ...(raw.previous ? { previous: raw.previous } : {}),
      ...(partitionKey !== undefined ? { partitionKey } : {}),
    };
  }
}

/** The change feed iterator takes no abort signal: a read that outlives the store's timeout fails as unavailable. */
function withTimeout<R>(promise: Promise<R>, ms: number): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('The change feed read timed out.'), { name: 'TimeoutError' })),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
