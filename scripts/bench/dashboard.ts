// Pair dashboard latency through the API next to the raw @azure/cosmos calls a dashboard needs (point read +
// single-partition query), interleaved (request, raw, request, raw…) against the same embedded store, with the
// store requests of each counted on the wire (every HTTP request the embedded server receives, query plans included).
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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Runs the two alternately, one of each per round, and returns each one's sorted timings. */
async function interleaved(
  rounds: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[number[], number[]]> {
  for (let i = 0; i < 20; i++) {
    await a();
    await b();
  }
  const [as, bs]: [number[], number[]] = [[], []];
  for (let i = 0; i < rounds; i++) {
    for (const [fn, samples] of [
      [a, as],
      [b, bs],
    ] as const) {
      const start = performance.now();
      await fn();
      samples.push(performance.now() - start);
    }
  }
  return [as.sort((x, y) => x - y), bs.sort((x, y) => x - y)];
}

export async function benchDashboard(rounds = 300): Promise<BenchRow[]> {
  const embedded = await startEmbeddedCosmos();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_DATABASE: 'bench',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const { app, services, close } = await createApp(config, { embedded, logger: pino({ level: 'silent' }) });
  const { pairIds } = await seedDemoData(services.store);
  const pairId = pairIds[0]!;
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new CosmosClient({
    endpoint: embedded.endpoint,
    key: 'YmVuY2g=',
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const tokenResponse = await fetch(`${base}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'dana', name: 'Dana Whitfield' }),
    });
    const { token } = (await tokenResponse.json()) as { token: string };

    let roundTrips = '',
      charge = '';
    const api = async () => {
      const res = await fetch(`${base}/api/pairs/${pairId}`, { headers: { authorization: `Bearer ${token}` } });
      roundTrips = res.headers.get('x-store-round-trips') ?? '';
      charge = res.headers.get('x-store-request-charge') ?? '';
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
    };

    // The two Cosmos calls a dashboard needs, without HTTP, auth, policy or presentation.
    const container = client.database('bench').container('pairs');
    const raw = async () => {
      await container.item(pairId, pairId).read();
      await container.items
        .query(
          {
            query:
              "SELECT * FROM c WHERE c.tenantId = @t AND c.pairId = @p AND (c.type = 'goal' OR c.type = 'session' OR c.type = 'commitment' OR (c.type = 'takeaway' AND (c.authorId = @me OR c.status = 'shared' OR c.status = 'awaitingConsent')))",
            parameters: [
              { name: '@t', value: DEV_TENANT_ID },
              { name: '@p', value: pairId },
              { name: '@me', value: 'dana' },
            ],
          },
          { partitionKey: pairId },
        )
        .fetchAll();
    };
    /** Store requests on the wire during one call (after warm-up: the SDK's first-use metadata is not counted). */
    const onTheWire = async (fn: () => Promise<unknown>) => {
      let count = 0;
      const listener = () => void (count += 1);
      embedded.server.on('request', listener);
      await fn().finally(() => embedded.server.off('request', listener));
      return count;
    };
    const [apiTimes, rawTimes] = await interleaved(rounds, api, raw);
    const [apiWire, rawWire] = [await onTheWire(api), await onTheWire(raw)];

    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const ratio = (p: number) => `${(percentile(apiTimes, p) / percentile(rawTimes, p)).toFixed(2)}×`;
    return [
      {
        figure: `Dashboard API p50 (GET /api/pairs/:pairId over HTTP, ${rounds} rounds interleaved with the raw calls; target ≤ 1.5×)`,
        value: ms(percentile(apiTimes, 50)),
        baseline: `raw @azure/cosmos point read + query ${ms(percentile(rawTimes, 50))}`,
        ratio: ratio(50),
      },
      {
        figure: 'Dashboard API p95 (target ≤ 1.5×)',
        value: ms(percentile(apiTimes, 95)),
        baseline: `raw @azure/cosmos ${ms(percentile(rawTimes, 95))}`,
        ratio: ratio(95),
      },
      {
        figure: 'Store requests on the wire per dashboard load (query plans included)',
        value: String(apiWire),
        baseline: `raw point read + query ${rawWire}`,
      },
      {
        figure: "Cosmos round trips per dashboard load (our wrapper's count, X-Store-Round-Trips)",
        value: roundTrips,
        baseline: 'one single-partition query holding the pair and its content',
      },
      {
        figure: 'Request charge per dashboard load',
        value: `${charge} RU`,
        baseline: 'the embedded server reports 1 per call; Azure reports real RUs',
      },
    ];
  } finally {
    client.dispose();
    server.close();
    await close();
    await embedded.stop();
  }
}

if (require.main === module) void benchDashboard(Number(process.argv[2] ?? 300)).then((rows) => console.table(rows));
