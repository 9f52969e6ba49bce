// The embedded store kept in a data folder: what one process wrote, the next one reads.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/src/config';
import { openStore, startEmbeddedCosmos } from '../../bot/src/store/database';
import { keepSnapshots } from '../../bot/src/store/embeddedSnapshot';
import { buildPair } from '../support/factories';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'rm-snapshot-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function freshStore() {
  const embedded = await startEmbeddedCosmos();
  const store = await openStore(loadConfig({ NODE_ENV: 'test' }).store, { embedded });
  return { store, stop: async () => { await store.close(); await embedded.stop(); } };
}

test('documents written before a restart are there after it, with tenant scoping intact', async () => {
  const first = await freshStore();
  const keeper = await keepSnapshots(first.store, dataDir, 60_000);
  expect(keeper.restored).toBe(0);
  const built = await buildPair(first.store);
  await keeper.stop();
  await first.stop();

  const second = await freshStore();
  const again = await keepSnapshots(second.store, dataDir, 60_000);
  expect(again.restored).toBeGreaterThanOrEqual(6);
  const pair = await second.store.pairs.find(built.pair.tenantId, built.pair.id, built.pair.id);
  expect(pair).toMatchObject({ id: built.pair.id, mentor: built.pair.mentor });
  expect(await second.store.pairs.find('0e0e0e0e-0000-4000-8000-000000000002', built.pair.id, built.pair.id)).toBeUndefined();
  await again.stop();
  await second.stop();
});

test('a damaged snapshot stops start-up with what to do, and is left as it was', async () => {
  await writeFile(path.join(dataDir, 'embedded-cosmos.json'), '{"pairs": [');
  const { store, stop } = await freshStore();
  await expect(keepSnapshots(store, dataDir)).rejects.toThrow(/Move it away to start empty/);
  expect(await readFile(path.join(dataDir, 'embedded-cosmos.json'), 'utf8')).toBe('{"pairs": [');
  await stop();
});
