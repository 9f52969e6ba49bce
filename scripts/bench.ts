// npm run bench: dashboard latency through the API next to the raw @azure/cosmos calls it makes,
// measured side by side in one run against the same embedded store; plus round trips per dashboard.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { CosmosClient } from '@azure/cosmos';
import pino from 'pino';
import { createApp } from '../bot/src/app';
import { seedDemoData } from '../bot/src/commands/demoSeeder';
import { loadConfig } from '../bot/src/config';
import { DEV_TENANT_ID } from '../bot/src/domain/limits';
import { startEmbeddedCosmos } from '../bot/src/store/database';
import path from 'node:path';
import { measureBundle } from './bundleSizes';

const ROUNDS = Number(process.argv[2] ?? 300);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

async function main() {
  const embedded = await startEmbeddedCosmos();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COSMOS_DATABASE: 'bench', RATE_LIMIT_PER_MINUTE: '100000' });
  const { app, services, close } = await createApp(config, { embedded, logger: pino({ level: 'silent' }) });
  const { pairIds } = await seedDemoData(services.store);
  const pairId = pairIds[0]!;
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = (await (await fetch(`${base}/api/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'dana', name: 'Dana Whitfield' }) })).json()) as { token: string };

  let roundTrips = '', charge = '';
  const api = await time(async () => {
    const res = await fetch(`${base}/api/pairs/${pairId}`, { headers: { authorization: `Bearer ${token}` } });
    roundTrips = res.headers.get('x-store-round-trips') ?? '';
    charge = res.headers.get('x-store-request-charge') ?? '';
    await res.arrayBuffer();
  });

  // The same two Cosmos calls the dashboard makes, without HTTP, auth, policy or presentation.
  const client = new CosmosClient({ endpoint: embedded.endpoint, key: 'YmVuY2g=', connectionPolicy: { enableEndpointDiscovery: false } });
  const container = client.database('bench').container('pairs');
  const raw = await time(async () => {
    await container.item(pairId, pairId).read();
    await container.items
      .query({
        query: "SELECT * FROM c WHERE c.tenantId = @t AND c.pairId = @p AND (c.type = 'goal' OR c.type = 'session' OR c.type = 'commitment' OR (c.type = 'takeaway' AND (c.authorId = @me OR c.status = 'shared' OR c.status = 'awaitingConsent')))",
        parameters: [{ name: '@t', value: DEV_TENANT_ID }, { name: '@p', value: pairId }, { name: '@me', value: 'dana' }],
      }, { partitionKey: pairId })
      .fetchAll();
  });

  const row = (name: string, s: number[]) => `| ${name} | ${percentile(s, 50).toFixed(2)} | ${percentile(s, 95).toFixed(2)} |`;
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${ROUNDS} rounds each after 20 warm-up\n`);
  console.log('| pair dashboard read | p50 ms | p95 ms |\n| --- | --- | --- |');
  console.log(row('GET /api/pairs/:pairId (HTTP, auth, policy, presentation)', api));
  console.log(row('raw @azure/cosmos: point read + single-partition query', raw));
  console.log(`\nRatio API / raw: p50 ${(percentile(api, 50) / percentile(raw, 50)).toFixed(2)}×, p95 ${(percentile(api, 95) / percentile(raw, 95)).toFixed(2)}×`);
  console.log(`Cosmos round trips per dashboard: ${roundTrips}; request charge reported: ${charge} (the embedded server reports 1 per call; Azure reports real RUs)`);

  const sizes = measureBundle(path.resolve(__dirname, '../tab/dist'));
  console.log(`\n| tab bundle (gzip -9) | KB |\n| --- | --- |`);
  console.log(`| personal tab, initial JS (${sizes.initialFiles.length} files) | ${(sizes.initialGzip / 1024).toFixed(1)} |`);
  for (const l of sizes.lazy) console.log(`| lazy ${l.file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '')} | ${(l.gzip / 1024).toFixed(1)} |`);

  client.dispose();
  server.close();
  await close();
  await embedded.stop();
}

void main();
