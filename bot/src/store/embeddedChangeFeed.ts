// A change feed for the embedded Cosmos DB-compatible server (@vercel/cosmosdb-server), which has none: it
// answers a change feed request (GET …/docs with an `A-IM` header) with every document and a constant ETag.
// This keeps an ordered log of the writes of each container (create, replace, delete, with a log sequence
// number) and answers the change feed requests of @azure/cosmos's pull model from it, in both modes: latest
// version (`A-IM: Incremental Feed`, the newest version of each changed document) and all versions and
// deletes (`A-IM: Full-Fidelity Feed`, `{ current, previous, metadata: { operationType, lsn } }`), with the
// continuation as the ETag and 304 when nothing changed since it, as Azure Cosmos DB answers. So the same
// consumer code (insights/aggregates.ts) runs against both. The server's own code is untouched: its document
// collection class gets wrapped methods (create, replace, delete, read), as embeddedIndex.ts does.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Documents from '@vercel/cosmosdb-server/lib/account/documents';

type Doc = Record<string, unknown> & { _rid: string; id: string };

interface Change {
  lsn: number;
  operationType: 'create' | 'replace' | 'delete';
  /** The document's key in the container: partition and id. */
  key: string;
  current?: Doc;
  previous?: Doc;
  crts: number;
}

/** The log of one container, kept on the server's document collection object. */
interface ChangeLog {
  /** Changes to this server's container since it started: a continuation of another epoch starts from the beginning. */
  epoch: string;
  lsn: number;
  changes: Change[];
  /** How many keys have a change in the log: once the log holds twice as many changes, older versions go (as Azure compacts). */
  keys: Set<string>;
}

interface LoggedDocuments {
  _changeLog?: ChangeLog;
  _replacing?: boolean;
  _getPartition(data: Record<string, unknown>): unknown;
  _item(keyPath: string, value: string, partition: unknown): { read(): Doc | undefined };
}

/** What a change feed request asks and what its answer says, set by the HTTP handler around the server's handling. */
interface FeedRequest {
  mode: 'latest' | 'all';
  /** The continuation (ETag) sent as If-None-Match; `*` starts from now; undefined from the beginning. */
  from?: string;
  maxItemCount?: number;
  answer?: { etag: string; count: number };
}
const feedRequest = new AsyncLocalStorage<FeedRequest>();

const logOf = (docs: LoggedDocuments): ChangeLog =>
  (docs._changeLog ??= { epoch: randomUUID().slice(0, 8), lsn: 0, changes: [], keys: new Set() });

const keyOf = (docs: LoggedDocuments, doc: Doc) => `${JSON.stringify(docs._getPartition(doc) ?? null)}\n${doc.id}`;

function append(docs: LoggedDocuments, change: Omit<Change, 'lsn' | 'crts'>): void {
  const log = logOf(docs);
  log.lsn += 1;
  log.changes.push({ ...change, lsn: log.lsn, crts: Math.floor(Date.now() / 1000) });
  log.keys.add(change.key);
  if (log.changes.length > 2 * log.keys.size + 1000) compact(log);
}

/** Keeps the newest change of each document only (a delete stays as the document's last change). */
function compact(log: ChangeLog): void {
  const newest = new Map<string, Change>();
  for (const c of log.changes) newest.set(c.key, c);
  log.changes = [...newest.values()].sort((a, b) => a.lsn - b.lsn);
}

/** The changes after `lsn`, at most `max` (the log is in LSN order, so a binary search finds the first). */
function changesAfter(log: ChangeLog, lsn: number, max: number): Change[] {
  let lo = 0;
  let hi = log.changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (log.changes[mid]!.lsn <= lsn) lo = mid + 1;
    else hi = mid;
  }
  return log.changes.slice(lo, lo + max);
}

function install(): void {
  const proto = Documents.prototype as unknown as LoggedDocuments & {
    create(data: Doc): Doc;
    replace(data: Doc, original: Doc): Doc;
    delete(idOrRid: string, partition: unknown): void;
    read(options: unknown): unknown;
  };
  const { create, replace, delete: remove, read } = proto;

  proto.create = function (this: LoggedDocuments, data: Doc) {
    const result = create.call(this, data);
    append(this, { operationType: 'create', key: keyOf(this, result), current: result });
    return result;
  };

  proto.replace = function (this: LoggedDocuments, data: Doc, original: Doc) {
    // The server's replace deletes the old version and sets the new one: that inner delete is no change of its own.
    this._replacing = true;
    let result: Doc;
    try {
      result = replace.call(this, data, original);
    } finally {
      this._replacing = false;
    }
    append(this, { operationType: 'replace', key: keyOf(this, result), current: result, previous: original });
    return result;
  };

  proto.delete = function (this: LoggedDocuments, idOrRid: string, partition: unknown) {
    if (this._replacing) return remove.call(this, idOrRid, partition);
    const previous = this._item('/id', idOrRid, partition).read();
    remove.call(this, idOrRid, partition);
    if (previous) append(this, { operationType: 'delete', key: keyOf(this, previous), previous });
  };

  proto.read = function (this: LoggedDocuments, options: unknown) {
    const request = feedRequest.getStore();
    if (!request) return read.call(this, options);
    const log = logOf(this);
    const [epoch, lsnText] = (request.from ?? '').split(':');
    // From now: nothing yet, the continuation is the log's end. From another epoch (the server restarted): from the beginning.
    const after = request.from === '*' ? log.lsn : epoch === log.epoch ? Number(lsnText) || 0 : 0;
    const changes = changesAfter(
      log,
      after,
      request.maxItemCount && request.maxItemCount > 0 ? request.maxItemCount : 100,
    );
    const last = changes.length > 0 ? changes[changes.length - 1]!.lsn : after;
    request.answer = { etag: `${log.epoch}:${last}`, count: changes.length };
    const result =
      request.mode === 'all'
        ? changes.map((c) => ({
            ...(c.current ? { current: c.current } : {}),
            ...(c.previous ? { previous: c.previous } : {}),
            metadata: {
              operationType: c.operationType,
              lsn: c.lsn,
              crts: c.crts,
              ...(c.operationType === 'delete'
                ? { id: c.previous?.id, partitionKey: c.previous ? this._getPartition(c.previous) : undefined }
                : {}),
            },
          }))
        : // Latest version: each changed document once, as it is now; deletes are not in this mode.
          changes.filter((c) => c.current && changes.findLast((d) => d.key === c.key) === c).map((c) => c.current);
    return { result, continuation: null };
  };
}

install();

const feedMode = (req: IncomingMessage): FeedRequest['mode'] | undefined => {
  if (req.method !== 'GET' || !/\/colls\/[^/]+\/docs\/?(\?|$)/.test(req.url ?? '')) return undefined;
  const aIm = String(req.headers['a-im'] ?? '').toLowerCase();
  if (aIm === 'incremental feed') return 'latest';
  if (aIm === 'full-fidelity feed') return 'all';
  return undefined;
};

/** Makes the server answer change feed requests from its write log. */
export function logChanges(server: Server): void {
  const [handle] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!handle) throw new Error('The embedded server has no request handler to give a change feed.');
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const mode = feedMode(req);
    if (!mode) return handle(req, res);
    const ifNoneMatch = req.headers['if-none-match'];
    const maxItemCount = Number(req.headers['x-ms-max-item-count']);
    const request: FeedRequest = {
      mode,
      ...(ifNoneMatch ? { from: String(ifNoneMatch).replace(/^"(.*)"$/, '$1') } : {}),
      ...(maxItemCount > 0 ? { maxItemCount } : {}),
    };
    // The server's handler sets a constant ETag and 304 whenever If-None-Match is sent: the log's answer replaces both.
    delete req.headers['if-none-match'];
    delete req.headers['x-ms-max-item-count'];
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) =>
      setHeader(name, name.toLowerCase() === 'etag' && request.answer ? request.answer.etag : value);
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (request.answer && res.statusCode === 200 && request.answer.count === 0) {
        res.statusCode = 304;
        return end();
      }
      return end(...args);
    }) as ServerResponse['end'];
    feedRequest.run(request, () => handle(req, res));
  });
}
