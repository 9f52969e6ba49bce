// Opens Azure Cosmos DB (managed identity, or a key for emulators) or the embedded server, and the containers.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CosmosClient, PluginOn, type CosmosClientOptions, type Database, type RequestContext } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { Config } from '../config';
import type { AppRolloutDoc } from '../domain/appRollout';
import type {
  AssessmentDoc,
  AuditEntryDoc,
  CommitmentDoc,
  ConversationReferenceDoc,
  GoalDoc,
  IdempotencyRecord,
  LearningDoc,
  MeetingLinkDoc,
  MembershipDoc,
  NoteDoc,
  PairContentDoc,
  PairDoc,
  PairingDoc,
  ParticipantDoc,
  ProgramDoc,
  SessionDoc,
  TakeawayDoc,
  UnmatchedNoticeDoc,
} from '../domain/model';
import type { ReminderSettingsDoc } from '../domain/reminders';
import { ChangeFeed } from './changeFeed';
import { Collection, type StoredDoc } from './collection';
import { logChanges } from './embeddedChangeFeed';
import type { ChangeFeedLeaseDoc, PairInsightsDoc } from './insightsAggregates';
import type { BackfillProgressDoc } from './deliveryOutcomes';
import { Repository, RootRepository } from './repository';
import { indexPartitions, type PartitionIndexSwitch } from './embeddedIndex';
import { openEmbeddedPersistence, type EmbeddedPersistence } from './embeddedPersistence';
import { ReminderCollection } from './reminders';

/**
 * Containers and partition keys. The pair dashboard is one point read in `pairs` plus one
 * single-partition query in the same partition; "my pairs" is one query in the caller's `people` partition.
 */
export const CONTAINERS = {
  pairs: { id: 'pairs', partitionKey: '/pairId' },
  programs: { id: 'programs', partitionKey: '/programId' },
  people: { id: 'people', partitionKey: '/userId' },
  meetings: { id: 'meetings', partitionKey: '/id' },
  reminders: { id: 'reminders', partitionKey: '/pairId' },
  /** Idempotency-Key records, per caller; on Azure they expire after a day (container TTL). */
  idempotency: { id: 'idempotency', partitionKey: '/userId' },
} as const;

export type PairPartitionDoc = PairDoc | GoalDoc | SessionDoc | NoteDoc | TakeawayDoc | CommitmentDoc | AssessmentDoc;
export type ProgramPartitionDoc =
  | ProgramDoc
  | ParticipantDoc
  | LearningDoc
  | AuditEntryDoc
  | PairingDoc
  | PairInsightsDoc
  | ChangeFeedLeaseDoc
  | BackfillProgressDoc;

/** One typed repository per document kind (store/repository.ts); the containers below are for queries across kinds. */
export interface Repositories {
  /** Pair documents (pairs container; id = pairId). */
  pairDocs: RootRepository<PairDoc, 'pairId'>;
  goals: Repository<GoalDoc, 'pairId'>;
  sessions: Repository<SessionDoc, 'pairId'>;
  notes: Repository<NoteDoc, 'pairId'>;
  takeaways: Repository<TakeawayDoc, 'pairId'>;
  commitments: Repository<CommitmentDoc, 'pairId'>;
  assessments: Repository<AssessmentDoc, 'pairId'>;
  /** Programme documents (programs container; id = programId). */
  programDocs: RootRepository<ProgramDoc, 'programId'>;
  /** Participants of a programme (id = the person's user id). */
  participants: Repository<ParticipantDoc, 'programId'>;
  learnings: Repository<LearningDoc, 'programId'>;
  auditEntries: Repository<AuditEntryDoc, 'programId'>;
  pairings: Repository<PairingDoc, 'programId'>;
  appRollouts: Repository<AppRolloutDoc, 'programId'>;
  memberships: Repository<MembershipDoc, 'userId'>;
  unmatchedNotices: Repository<UnmatchedNoticeDoc, 'userId'>;
  conversationReferences: Repository<ConversationReferenceDoc, 'userId'>;
  reminderSettings: Repository<ReminderSettingsDoc, 'userId'>;
  meetingLinks: Repository<MeetingLinkDoc, 'id'>;
  /** The pair content repositories by kind (the access path loads an item of the kind a route names). */
  pairItems: { [K in PairContentDoc['type']]: Repository<Extract<PairContentDoc, { type: K }>, 'pairId'> };
}

export interface Store extends Repositories {
  kind: 'embedded' | 'cosmos';
  pairs: Collection<PairPartitionDoc>;
  programs: Collection<ProgramPartitionDoc>;
  people: Collection<MembershipDoc>;
  meetings: Collection<MeetingLinkDoc>;
  /** Planned and sent reminders (partition key pairId). */
  reminders: ReminderCollection;
  /** Idempotency-Key records (partition key userId). */
  idempotency: Collection<IdempotencyRecord>;
  /** The change feed of the `pairs` container (all versions and deletes): what keeps the insights aggregates up to date. */
  pairsFeed: ChangeFeed<PairPartitionDoc>;
  /** With EMBEDDED_DATA_DIR: the folder, and how many documents were restored from it at start. */
  persistence?: { dataDir: string; restored: number };
  /** Every document of every container (embedded store snapshots only). */
  exportAll(): Promise<Record<string, Record<string, unknown>[]>>;
  /** Writes documents back, container by container (embedded store snapshots only). */
  importAll(snapshot: Record<string, Record<string, unknown>[]>): Promise<number>;
  /** True when the store answers a cheap read within its timeout. */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

export interface EmbeddedCosmos {
  endpoint: string;
  server: Server;
  /** On by default: single-partition queries read their partition only. Off: the server's own whole-container scan. */
  partitionIndex?: PartitionIndexSwitch;
  stop(): Promise<void>;
}

export interface EmbeddedCosmosOptions {
  /** Off: the server's own whole-container scan (the benchmark's baseline; `partitionIndex.enabled` switches it later). */
  partitionIndex?: boolean;
  /**
   * Keep connections open between requests. The server as published answers `Connection: close`, so every
   * store call opens a new TCP connection. Only for a server in a process of its own (`npm run load`): sharing
   * the API's event loop, a saturated process accepted newly opened keep-alive connections only once the load
   * dropped, and those store calls timed out.
   */
  keepAlive?: boolean;
}

/**
 * Starts the Cosmos DB-compatible server in this process on a free loopback port (or the given one).
 * Single-partition queries read their partition only (embeddedIndex.ts).
 */
export async function startEmbeddedCosmos(
  port = 0,
  persistence?: EmbeddedPersistence,
  options: EmbeddedCosmosOptions = {},
): Promise<EmbeddedCosmos> {
  const server = createHttpServer({ keepAlive: options.keepAlive === true });
  // Longer than an idle client socket lives in the SDK's agent pool, so the server never closes one the client is reusing.
  if (options.keepAlive) server.keepAliveTimeout = 65_000;
  const partitionIndex = indexPartitions(server);
  partitionIndex.enabled = options.partitionIndex !== false;
  logChanges(server);
  persistence?.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    server,
    partitionIndex,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * @azure/cosmos asks for a query plan beside every query and uses it only when the server demands one (Azure
 * does for some cross-partition queries). The embedded server computes no plans: it refuses every plan request
 * (embeddedIndex.ts) and never demands one. The client refuses them itself, the same answer without a round trip
 * (a third of the store requests under load). `plugins` is the SDK's request hook, left out of its public types.
 */
const PLAN_REFUSED = Object.assign(new Error('The embedded store computes no query plans.'), { code: 400 });
const REFUSE_QUERY_PLANS = {
  plugins: [
    {
      on: PluginOn.request,
      // One shared refusal: the SDK sets it aside unread, and no stack trace is captured per query.
      plugin: (context: RequestContext, _diagnostics: unknown, next: (context: RequestContext) => Promise<unknown>) =>
        context.headers?.['x-ms-cosmos-is-query-plan-request'] === 'True'
          ? Promise.reject(PLAN_REFUSED)
          : next(context),
    },
  ],
};

// The embedded server accepts any key; the emulator convention is a base64 string.
const EMBEDDED_KEY = Buffer.from('embedded-cosmos-key').toString('base64');

export interface OpenStoreOptions {
  /**
   * Use an already running embedded server, in this process or in one of its own (only its endpoint is used):
   * tests share one and stop it to simulate an outage; `npm run load` runs it in a separate process.
   */
  embedded?: Pick<EmbeddedCosmos, 'endpoint'>;
}

export async function openStore(config: Config['store'], options: OpenStoreOptions = {}): Promise<Store> {
  let owned: EmbeddedCosmos | undefined;
  let persistence: EmbeddedPersistence | undefined;
  let client: CosmosClient;
  if (config.kind === 'embedded') {
    if (config.dataDir && options.embedded)
      throw new Error('EMBEDDED_DATA_DIR needs the store to start its own embedded server.');
    const partitionKeyFields = Object.fromEntries(
      Object.values(CONTAINERS).map((c) => [c.id, c.partitionKey.slice(1)]),
    );
    persistence = config.dataDir
      ? await openEmbeddedPersistence(config.dataDir, config.database, partitionKeyFields)
      : undefined;
    if (!options.embedded) owned = await startEmbeddedCosmos(0, persistence);
    client = new CosmosClient({
      endpoint: (options.embedded ?? owned)!.endpoint,
      key: EMBEDDED_KEY,
      connectionPolicy: {
        enableEndpointDiscovery: false,
        requestTimeout: config.timeoutMs,
        retryOptions: { maxRetryAttemptCount: 2, fixedRetryIntervalInMilliseconds: 200, maxWaitTimeInSeconds: 2 },
      },
      ...REFUSE_QUERY_PLANS,
    } as CosmosClientOptions);
  } else {
    client = new CosmosClient({
      endpoint: config.endpoint,
      ...(config.key ? { key: config.key } : { aadCredentials: new DefaultAzureCredential() }),
      connectionPolicy: { requestTimeout: config.timeoutMs },
    });
  }
  const database = await createDatabaseIfMissing(client, config.database);
  const container = async (def: { id: string; partitionKey: string }) =>
    createdOrExisting(
      async () =>
        (await database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] } }))
          .container,
      () => database.container(def.id),
    );
  const [pairs, programs, people, meetings, reminders, idempotency] = await Promise.all([
    container(CONTAINERS.pairs),
    container(CONTAINERS.programs),
    container(CONTAINERS.people),
    container(CONTAINERS.meetings),
    container(CONTAINERS.reminders),
    container(CONTAINERS.idempotency),
  ]);
  const t = config.timeoutMs;
  const bare = config.kind === 'embedded';
  const byId = { pairs, programs, people, meetings, reminders, idempotency } as Record<string, typeof pairs>;
  const collections = {
    pairs: new Collection<PairPartitionDoc>(pairs, 'pairId', t, bare),
    programs: new Collection<ProgramPartitionDoc>(programs, 'programId', t, bare),
    people: new Collection<MembershipDoc>(people, 'userId', t, bare),
    meetings: new Collection<MeetingLinkDoc>(meetings, 'id', t, bare),
  };
  const store: Store = {
    kind: config.kind,
    ...collections,
    ...repositories(collections),
    reminders: new ReminderCollection(reminders, t, bare),
    idempotency: new Collection(idempotency, 'userId', t, bare),
    pairsFeed: new ChangeFeed(pairs, 'pairId', t),
    async exportAll() {
      const out: Record<string, Record<string, unknown>[]> = {};
      for (const [id, c] of Object.entries(byId)) {
        const { resources } = await c.items.query<Record<string, unknown>>('SELECT * FROM c').fetchAll();
        out[id] = resources.map(({ _rid, _self, _ts, _etag, _attachments, ...doc }) => doc);
      }
      return out;
    },
    async importAll(snapshot) {
      let count = 0;
      for (const [id, docs] of Object.entries(snapshot)) {
        const c = byId[id];
        if (!c) continue;
        // A few at a time: a restore of thousands of documents takes seconds, not minutes.
        for (let i = 0; i < docs.length; i += 16)
          await Promise.all(docs.slice(i, i + 16).map((doc) => c.items.upsert(doc)));
        count += docs.length;
      }
      return count;
    },
    async isHealthy() {
      try {
        await database.read({ abortSignal: AbortSignal.timeout(t) });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await persistence?.close();
      client.dispose();
      await owned?.stop();
    },
  };
  if (persistence) store.persistence = { dataDir: persistence.dataDir, restored: await persistence.restore(store) };
  return store;
}

function repositories(c: {
  pairs: Collection<StoredDoc>;
  programs: Collection<StoredDoc>;
  people: Collection<StoredDoc>;
  meetings: Collection<StoredDoc>;
}): Repositories {
  const pairItems: Repositories['pairItems'] = {
    goal: new Repository(c.pairs, 'goal', 'pairId'),
    session: new Repository(c.pairs, 'session', 'pairId'),
    note: new Repository(c.pairs, 'note', 'pairId'),
    takeaway: new Repository(c.pairs, 'takeaway', 'pairId'),
    commitment: new Repository(c.pairs, 'commitment', 'pairId'),
    assessment: new Repository(c.pairs, 'assessment', 'pairId'),
  };
  return {
    pairItems,
    pairDocs: new RootRepository(c.pairs, 'pair', 'pairId'),
    goals: pairItems.goal,
    sessions: pairItems.session,
    notes: pairItems.note,
    takeaways: pairItems.takeaway,
    commitments: pairItems.commitment,
    assessments: pairItems.assessment,
    programDocs: new RootRepository(c.programs, 'program', 'programId'),
    participants: new Repository(c.programs, 'participant', 'programId'),
    learnings: new Repository(c.programs, 'learning', 'programId'),
    auditEntries: new Repository(c.programs, 'audit', 'programId'),
    pairings: new Repository(c.programs, 'pairing', 'programId'),
    appRollouts: new Repository(c.programs, 'appRollout', 'programId'),
    memberships: new Repository(c.people, 'membership', 'userId'),
    unmatchedNotices: new Repository(c.people, 'unmatchedNotice', 'userId'),
    conversationReferences: new Repository(c.people, 'conversationReference', 'userId'),
    reminderSettings: new Repository(c.people, 'reminderSettings', 'userId'),
    meetingLinks: new Repository(c.meetings, 'meetingLink', 'id'),
  };
}

async function createDatabaseIfMissing(client: CosmosClient, id: string): Promise<Database> {
  return createdOrExisting(
    async () => (await client.databases.createIfNotExists({ id })).database,
    () => client.database(id),
  );
}

/**
 * createIfNotExists reads, then creates: when the processes of one server start together, another may create the
 * database or container in between, and this one's create answers 409 Conflict. It exists then, which is all we asked.
 */
async function createdOrExisting<T>(create: () => Promise<T>, existing: () => T): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if ((error as { code?: unknown }).code === 409) return existing();
    throw error;
  }
}
