// Jest global setup for tab tests: the real server with demo data on a loopback port; one pair ended
// (through the store: ending pairs is the admin issue's route) so the read-only state can be shown.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { createApp } from '../../bot/src/app';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { PairDoc } from '../../bot/src/domain/model';
import { startEmbeddedCosmos } from '../../bot/src/store/database';
import { SLOW_MACHINE_TIMEOUT_MS } from '../support/slowProxy';

export default async function setup(): Promise<void> {
  const embedded = await startEmbeddedCosmos();
  // The store's timeout for a machine busy with other work: a slow answer is not an outage in these tests.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_DATABASE: 'tab-tests',
    RATE_LIMIT_PER_MINUTE: '100000',
    COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS,
  });
  const built = await createApp(config, { embedded, logger: pino({ level: 'silent' }) });
  const { pairIds } = await seedDemoData(built.services.store);
  const endedPairId = pairIds[2]!;
  const pair = (await built.services.store.pairs.get(DEV_TENANT_ID, endedPairId, endedPairId, 'pair')) as PairDoc;
  await built.services.store.pairs.replace({ ...pair, status: 'ended' }, pair._etag!);
  const server: Server = await new Promise((resolve) => {
    const s = built.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  process.env.TAB_TEST_API = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.TAB_TEST_PAIRS = JSON.stringify(pairIds);
  (globalThis as Record<string, unknown>).__tabTestServer = { server, built, embedded };
}
