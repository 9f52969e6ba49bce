// The embedded store as data grows: a single-partition read (the dashboard's point read + its single-partition
// query, raw @azure/cosmos) with the demo data and with a 1,000-pair / 10,000-participant programme added, on
// the server with the partition index (bot/src/store/embeddedIndex.ts) on and off (off: the server as published,
// whole-container scan). Two servers, each with the index on and off, measured round-robin in one loop so that every
// figure shares the machine's state.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CosmosClient } from '@azure/cosmos';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../../bot/src/store/database';
import type { BenchRow } from './row';
import { seedScale } from './scale';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (v: number) => `${v.toFixed(2)} ms`;

interface Subject {
  label: string;
  indexed: boolean;
  embedded: EmbeddedCosmos;
  store: Store;
  client: CosmosClient;
  database: string;
  pairId: string;
  samples: number[];
}

/** One server per data set; each is measured with its partition index on and off (the server as published). */
async function server(scale: boolean): Promise<Subject[]> {
  const embedded = await startEmbeddedCosmos();
  const database = `bench-store-${randomUUID()}`;
  const store = await openStore(
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COSMOS_DATABASE: database }).store,
    { embedded },
  );
  const { programId, pairIds } = await seedDemoData(store);
  if (scale) await seedScale(store, programId);
  const client = new CosmosClient({
    endpoint: embedded.endpoint,
    key: 'YmVuY2g=',
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const label = scale ? '1,000 pairs' : 'demo';
  return [true, false].map((indexed) => ({
    label,
    indexed,
    embedded,
    store,
    client,
    database,
    pairId: pairIds[0]!,
    samples: [],
  }));
}

/** The dashboard's two store calls for Dana's pair, straight through the SDK. */
async function read(s: Subject): Promise<void> {
  s.embedded.partitionIndex!.enabled = s.indexed;
  const container = s.client.database(s.database).container('pairs');
  await container.item(s.pairId, s.pairId).read();
  await container.items
    .query(
      {
        query:
          "SELECT * FROM c WHERE c.tenantId = @t AND c.pairId = @p AND (c.type = 'goal' OR c.type = 'session' OR c.type = 'commitment' OR (c.type = 'takeaway' AND (c.authorId = @me OR c.status = 'shared' OR c.status = 'awaitingConsent')))",
        parameters: [
          { name: '@t', value: DEV_TENANT_ID },
          { name: '@p', value: s.pairId },
          { name: '@me', value: 'dana' },
        ],
      },
      { partitionKey: s.pairId },
    )
    .fetchAll();
}

export async function benchEmbeddedStore(rounds = 200): Promise<BenchRow[]> {
  const [demoServer, scaleServer] = [await server(false), await server(true)];
  const subjects = [demoServer[0]!, scaleServer[0]!, demoServer[1]!, scaleServer[1]!];
  try {
    for (let i = 0; i < 20; i++) for (const s of subjects) await read(s);
    for (let i = 0; i < rounds; i++)
      for (const s of subjects) {
        // The server as published takes seconds a read at scale: it is sampled every fifth round.
        if (!s.indexed && i % 5 !== 0) continue;
        const start = performance.now();
        await read(s);
        s.samples.push(performance.now() - start);
      }
    for (const s of subjects) s.samples.sort((a, b) => a - b);
    const [demo, scale, plainDemo, plainScale] = subjects as [Subject, Subject, Subject, Subject];
    const ratio = (a: Subject, b: Subject, p: number) =>
      `${(percentile(a.samples, p) / percentile(b.samples, p)).toFixed(2)}×`;
    return [50, 95].flatMap((p) => [
      {
        figure: `Single-partition read p${p} (point read + dashboard query, raw @azure/cosmos) at 1,000 pairs / 10,000 participants, partition index; ${rounds} rounds round-robin over both data sets, index on and off`,
        value: ms(percentile(scale.samples, p)),
        baseline: `demo data ${ms(percentile(demo.samples, p))} (target ≤ 1.5×)`,
        ratio: ratio(scale, demo, p),
      },
      {
        figure: `The same p${p} on the embedded server as published (scans the whole container per query; every fifth round)`,
        value: ms(percentile(plainScale.samples, p)),
        baseline: `demo data ${ms(percentile(plainDemo.samples, p))}`,
        ratio: ratio(plainScale, plainDemo, p),
      },
    ]);
  } finally {
    for (const s of [demoServer[0]!, scaleServer[0]!]) {
      s.client.dispose();
      await s.store.close();
      await s.embedded.stop();
    }
  }
}

if (require.main === module) {
  void benchEmbeddedStore(Number(process.argv[2] ?? 200)).then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
