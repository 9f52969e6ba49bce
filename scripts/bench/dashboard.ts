// Pair dashboard latency through the API next to the raw @azure/cosmos calls it makes, side by side in one
// run against the same embedded store; plus Cosmos round trips and request charge per dashboard load.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CosmosClient } from '@azure/cosmos';
import pino from 'pino';
import { createApp } from '../../bot/src/app';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { startEmbeddedCosmos } from '../../bot/src/store/database';
import type { BenchRow } from './row';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function time(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

export async function benchDashboard(rounds = 300): Promise<BenchRow[]> {
  const embedded = await startEmbeddedCosmos();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COSMOS_DATABASE: 'bench', RATE_LIMIT_PER_MINUTE: '100000' });
  const { app, services, close } = await createApp(config, { embedded, logger: pino({ level: 'silent' }) });
  const { pairIds } = await seedDemoData(services.store);
  const pairId = pairIds[0]!;
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new CosmosClient({ endpoint: embedded.endpoint, key: 'YmVuY2g=', connectionPolicy: { enableEndpointDiscovery: false } });
  try {
    const tokenResponse = await fetch(`${base}/api/dev/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'dana', name: 'Dana Whitfield' }),
    });
    const { token } = (await tokenResponse.json()) as { token: string };

    let roundTrips = '', charge = '';
    const api = await time(rounds, async () => {
      const res = await fetch(`${base}/api/pairs/${pairId}`, { headers: { authorization: `Bearer ${token}` } });
      roundTrips = res.headers.get('x-store-round-trips') ?? '';
      charge = res.headers.get('x-store-request-charge') ?? '';
      await res.arrayBuffer();
    });

    // The same two Cosmos calls the dashboard makes, without HTTP, auth, policy or presentation.
    const container = client.database('bench').container('pairs');
    const raw = await time(rounds, async () => {
      await container.item(pairId, pairId).read();
      await container.items
        .query({
          query: "SELECT * FROM c WHERE c.tenantId = @t AND c.pairId = @p AND (c.type = 'goal' OR c.type = 'session' OR c.type = 'commitment' OR (c.type = 'takeaway' AND (c.authorId = @me OR c.status = 'shared' OR c.status = 'awaitingConsent')))",
          parameters: [{ name: '@t', value: DEV_TENANT_ID }, { name: '@p', value: pairId }, { name: '@me', value: 'dana' }],
        }, { partitionKey: pairId })
        .fetchAll();
    });

    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const ratio = (p: number) => `${(percentile(api, p) / percentile(raw, p)).toFixed(2)}×`;
    return [
      { figure: `Dashboard API p50 (GET /api/pairs/:pairId, ${rounds} rounds)`, value: ms(percentile(api, 50)), baseline: `raw @azure/cosmos ${ms(percentile(raw, 50))}`, ratio: ratio(50) },
      { figure: 'Dashboard API p95', value: ms(percentile(api, 95)), baseline: `raw @azure/cosmos ${ms(percentile(raw, 95))}`, ratio: ratio(95) },
      { figure: 'Cosmos round trips per dashboard load', value: roundTrips, baseline: 'point read + one single-partition query' },
      { figure: 'Request charge per dashboard load', value: `${charge} RU`, baseline: 'the embedded server reports 1 per call; Azure reports real RUs' },
    ];
  } finally {
    client.dispose();
    server.close();
    await close();
    await embedded.stop();
  }
}

if (require.main === module) void benchDashboard(Number(process.argv[2] ?? 300)).then((rows) => console.table(rows));
