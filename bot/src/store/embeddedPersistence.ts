// Keeps the embedded store in a data folder (EMBEDDED_DATA_DIR) so that every acknowledged write survives a
// crash, kill -9 included: the embedded server's answer to a document write is held until the write is
// appended to a journal and flushed to disk (fsync); journals are compacted into a snapshot. Files are the
// owner's alone (0600 in a 0700 folder): private notes are in them in clear text.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { chmod, mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from './database';

const SNAPSHOT = 'embedded-cosmos.json';
const JOURNAL = /^embedded-cosmos\.journal\.(\d+)$/;
const journalName = (generation: number) => `embedded-cosmos.journal.${generation}`;
/** Past this size the journal is compacted into the snapshot, so that start-up replays little. */
const COMPACT_AT_BYTES = 4 * 1024 * 1024;
const SYSTEM_FIELDS = ['_rid', '_self', '_ts', '_etag', '_attachments'];

type Documents = Record<string, Record<string, unknown>[]>;
/** One journal line: a document as written (put) or a deletion, in a container. */
type JournalRecord = { c: string; put: Record<string, unknown> } | { c: string; del: string; pk: unknown };
/** The snapshot covers every journal before `generation`; journals from `generation` on are replayed over it. */
interface Snapshot {
  generation: number;
  containers: Documents;
}

export interface EmbeddedPersistence {
  dataDir: string;
  /** Holds the embedded server's answer to each successful document write until the write is on disk. */
  attach(server: Server): void;
  /** Loads snapshot and journals into the store, compacts them, then journals every write. Returns the documents restored. */
  restore(store: Store): Promise<number>;
  /** Compacts into the snapshot and stops journaling (shutdown). */
  close(): Promise<void>;
}

const withoutSystemFields = (doc: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(doc).filter(([k]) => !SYSTEM_FIELDS.includes(k)));

const isTrue = (value: string | string[] | undefined) => String(value ?? '').toLowerCase() === 'true';

/** A document write the journal must keep, from the Cosmos REST request; undefined for reads and metadata. */
function documentWrite(
  req: IncomingMessage,
  database: string,
): { container: string; id?: string } | 'batch' | undefined {
  const pathname = (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '/').replace(/\/+$/, '');
  const match = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs(?:\/([^/]+))?$/.exec(pathname);
  let segments: string[];
  try {
    segments = match ? match.slice(1).map((m) => (m === undefined ? '' : decodeURIComponent(m))) : [];
  } catch {
    return undefined; // not a path the client sends; the server answers it as it does
  }
  const [db, container, id] = [segments[0], segments[1]!, match?.[3] === undefined ? undefined : segments[2]];
  if (!match || db !== database) return undefined;
  const method = req.method ?? 'GET';
  if (method === 'POST' && id === undefined) {
    if (isTrue(req.headers['x-ms-documentdb-isquery']) || req.headers['content-type'] === 'application/query+json')
      return undefined;
    return isTrue(req.headers['x-ms-cosmos-is-batch-request']) ? 'batch' : { container };
  }
  return id !== undefined && ['PUT', 'PATCH', 'DELETE'].includes(method) ? { container, id } : undefined;
}

/** The partition key value the client sent (`["value"]`), as the store keys documents. */
function partitionKeyHeader(req: IncomingMessage): unknown {
  const raw = req.headers['x-ms-documentdb-partitionkey'];
  try {
    const parsed: unknown = JSON.parse(String(Array.isArray(raw) ? raw[0] : raw));
    return Array.isArray(parsed) ? parsed[0] : parsed;
  } catch {
    return undefined;
  }
}

/** Appends records with group commit: every record waiting when a write starts goes in it, then one fsync. */
class Journal {
  private waiting: { line: string; done: (error?: unknown) => void }[] = [];
  private rotation: { file: FileHandle; done: (old: FileHandle) => void } | undefined;
  private flushing: Promise<void> | undefined;
  bytes = 0;

  constructor(private file: FileHandle) {}

  append(record: JournalRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ line: `${JSON.stringify(record)}\n`, done: (error) => (error ? reject(error) : resolve()) });
      this.kick();
    });
  }

  /** Switches to a new journal file between two writes; resolves with the old one, no longer written. */
  rotate(file: FileHandle): Promise<FileHandle> {
    return new Promise((done) => {
      this.rotation = { file, done };
      this.kick();
    });
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.file.close();
  }

  private kick(): void {
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
      if (this.waiting.length > 0 || this.rotation) this.kick();
    });
  }

  private async flush(): Promise<void> {
    for (;;) {
      if (this.rotation) {
        const { file, done } = this.rotation;
        const old = this.file;
        [this.rotation, this.file, this.bytes] = [undefined, file, 0];
        done(old);
      }
      if (this.waiting.length === 0) return;
      const [batch, file] = [this.waiting.splice(0), this.file];
      const data = batch.map((b) => b.line).join('');
      try {
        await file.appendFile(data);
        await file.datasync();
        this.bytes += Buffer.byteLength(data);
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error);
      }
    }
  }
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { generation: 0, containers: {} };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<Snapshot> & Documents;
    // Snapshots written before the journal existed are the container map itself.
    return typeof parsed.generation === 'number' && parsed.containers
      ? { generation: parsed.generation, containers: parsed.containers }
      : { generation: 0, containers: parsed };
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}. Move it away to start empty.`);
  }
}

/** A journal's records, in the order they were written. */
async function readJournal(file: string): Promise<JournalRecord[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines.pop(); // after the last newline: nothing, or a record cut short by a crash (never acknowledged)
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as JournalRecord;
    } catch {
      throw new Error(`Cannot read ${file} at line ${i + 1}. Move the data folder away to start empty.`);
    }
  });
}

export async function openEmbeddedPersistence(
  dataDir: string,
  database: string,
  partitionKeyFields: Record<string, string>,
): Promise<EmbeddedPersistence> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const snapshotFile = path.join(dataDir, SNAPSHOT);
  const names = await readdir(dataDir);
  // Files of earlier versions were created with the default mode.
  for (const name of names.filter((n) => n === SNAPSHOT || JOURNAL.test(n)))
    await chmod(path.join(dataDir, name), 0o600);
  const snapshot = await readSnapshot(snapshotFile);
  const journals = names
    .map((n) => Number(JOURNAL.exec(n)?.[1] ?? NaN))
    .filter((g) => Number.isInteger(g))
    .sort((a, b) => a - b);

  // The state to restore: snapshot, then every journal it does not cover, in order.
  const keyOf = (container: string, partitionKey: unknown, id: unknown) =>
    JSON.stringify([container, partitionKey ?? null, id]);
  const state = new Map<string, { container: string; doc: Record<string, unknown> }>();
  const put = (container: string, doc: Record<string, unknown>) =>
    state.set(keyOf(container, doc[partitionKeyFields[container] ?? 'id'], doc.id), { container, doc });
  for (const [container, docs] of Object.entries(snapshot.containers)) for (const doc of docs) put(container, doc);
  for (const generation of journals.filter((g) => g >= snapshot.generation)) {
    for (const record of await readJournal(path.join(dataDir, journalName(generation)))) {
      if ('put' in record) put(record.c, record.put);
      else state.delete(keyOf(record.c, record.pk, record.del));
    }
  }

  let journal: Journal | undefined;
  let store: Store | undefined;
  let compacting: Promise<void> | undefined;
  let nextGeneration = Math.max(snapshot.generation, ...journals) + 1;

  const openJournal = async (generation: number) => {
    const file = await open(path.join(dataDir, journalName(generation)), 'a', 0o600);
    await syncFolder(dataDir);
    return file;
  };

  /** Rotate to a new journal, write everything the store holds as the snapshot of it, drop the older journals. */
  async function compact(): Promise<void> {
    const generation = nextGeneration++;
    const file = await openJournal(generation);
    if (journal) await (await journal.rotate(file)).close();
    else journal = new Journal(file);
    // Every record in the older journals was applied before the rotation, so the export below holds it.
    const containers = await store!.exportAll();
    const temporary = `${snapshotFile}.tmp`;
    await rm(temporary, { force: true });
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify({ generation, containers } satisfies Snapshot));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, snapshotFile);
    await syncFolder(dataDir);
    for (const name of await readdir(dataDir)) {
      const g = Number(JOURNAL.exec(name)?.[1] ?? NaN);
      if (Number.isInteger(g) && g < generation) await rm(path.join(dataDir, name), { force: true });
    }
  }
  const compactOnce = () => (compacting ??= compact().finally(() => (compacting = undefined)));

  return {
    dataDir,
    attach(server) {
      const [handle] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
      if (!handle) throw new Error('The embedded server has no request handler to journal.');
      server.removeAllListeners('request');
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const write = journal ? documentWrite(req, database) : undefined;
        if (write === 'batch') {
          res.writeHead(400, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              code: 'BadRequest',
              message: 'Transactional batch is not journaled by the embedded store.',
            }),
          );
          return;
        }
        if (!write || !journal) return handle(req, res);
        const { container, id } = write;
        const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
        // The embedded server writes its whole answer with one end(body), right after changing its memory.
        res.end = ((chunk?: unknown) => {
          if (res.statusCode >= 300 || !journal) return end(chunk);
          const record: JournalRecord =
            req.method === 'DELETE'
              ? { c: container, del: id!, pk: partitionKeyHeader(req) }
              : { c: container, put: withoutSystemFields(JSON.parse(String(chunk)) as Record<string, unknown>) };
          const target = journal;
          target.append(record).then(
            () => {
              end(chunk);
              if (target.bytes > COMPACT_AT_BYTES) void compactOnce().catch(() => undefined);
            },
            (error: unknown) => {
              res.statusCode = 503;
              end(
                JSON.stringify({
                  code: 'ServiceUnavailable',
                  message: `The write could not be journaled: ${(error as Error).message}`,
                }),
              );
            },
          );
          return res;
        }) as typeof res.end;
        handle(req, res);
      });
    },
    async restore(target) {
      store = target;
      const byContainer: Documents = {};
      for (const { container, doc } of state.values()) (byContainer[container] ??= []).push(doc);
      const restored = await target.importAll(byContainer);
      state.clear();
      await compactOnce();
      return restored;
    },
    async close() {
      if (!journal) return;
      await compacting;
      await compactOnce();
      const last = journal;
      journal = undefined;
      await last.close();
    },
  };
}
