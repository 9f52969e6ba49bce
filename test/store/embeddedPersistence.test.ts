// The embedded store kept in a data folder: a snapshot plus a journal of every acknowledged write. What one
// store wrote, the next one reads — after a clean shutdown, after a crash (the folder copied while the store
// runs is what a crash leaves), with a record cut short by the crash; a damaged file stops start-up.
import { appendFile, chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { noteUpdater } from '../../bot/src/commands/noteWriter';
import { loadConfig } from '../../bot/src/config';
import { openStore } from '../../bot/src/store/database';
import { buildNote, buildPair } from '../support/factories';

const OTHER_TENANT = '0e0e0e0e-0000-4000-8000-000000000002';
let root: string;
let dataDir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'rm-persist-'));
  dataDir = path.join(root, 'data');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const open = (dir = dataDir) => openStore(loadConfig({ NODE_ENV: 'test', EMBEDDED_DATA_DIR: dir }).store);
const journalsIn = async (dir: string) => (await readdir(dir)).filter((f) => f.startsWith('embedded-cosmos.journal.'));
/**
 * The data folder as a crash would leave it. A compaction may still be running after the last write was
 * acknowledged; when it renames or removes a file while the copy is under way, the copy is not one instant's
 * image, so it is taken again.
 */
async function crashImage(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await cp(from, to, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 50) throw error;
      await rm(to, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
const modesIn = async (dir: string) =>
  new Set(
    await Promise.all(
      (await readdir(dir)).map(async (f) => ((await stat(path.join(dir, f))).mode & 0o777).toString(8)),
    ),
  );

test('documents written before a clean restart are there after it, with tenant scoping intact; the folder is private', async () => {
  const first = await open();
  expect(first.persistence).toEqual({ dataDir, restored: 0 });
  const built = await buildPair(first);
  await first.close();

  expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  expect(await modesIn(dataDir)).toEqual(new Set(['600']));

  const second = await open();
  expect(second.persistence?.restored).toBeGreaterThanOrEqual(6);
  expect(await second.pairs.find(built.pair.tenantId, built.pair.id, built.pair.id)).toMatchObject({
    id: built.pair.id,
    mentor: built.pair.mentor,
  });
  expect(await second.pairs.find(OTHER_TENANT, built.pair.id, built.pair.id)).toBeUndefined();
  await second.close();
});

test('a crash keeps every answered write: creates, replaces and deletes are replayed from the journal', async () => {
  const running = await open();
  const built = await buildPair(running);
  const kept = await buildNote(running, built, built.mentor, 'private', 'kept as written');
  const edited = await buildNote(running, built, built.mentor, 'private', 'first text');
  const changed = await noteUpdater(running, edited, { body: 'second text' }, edited._etag!);
  const removed = await buildNote(running, built, built.mentor, 'private', 'deleted again');
  await running.pairs.delete(removed);
  expect(changed.body).toBe('second text');

  // What a crash leaves: the folder as it is now, nothing compacted since the start.
  const crashed = path.join(root, 'crashed');
  await crashImage(dataDir, crashed);
  expect((await journalsIn(crashed)).length).toBeGreaterThan(0);
  await running.close();

  const restarted = await open(crashed);
  const find = (id: string) => restarted.pairs.find(built.pair.tenantId, built.pair.id, id);
  expect(await find(kept.id)).toMatchObject({ body: 'kept as written' });
  expect(await find(edited.id)).toMatchObject({ body: 'second text' });
  expect(await find(removed.id)).toBeUndefined();
  // Start-up compacts: one snapshot and one fresh journal remain.
  expect(await journalsIn(crashed)).toHaveLength(1);
  await restarted.close();
});

test('a journal record cut short by a crash (never answered) is skipped; the ones before it are kept', async () => {
  const running = await open();
  const built = await buildPair(running);
  const note = await buildNote(running, built, built.mentor, 'pair', 'answered before the crash');
  const crashed = path.join(root, 'crashed');
  await crashImage(dataDir, crashed);
  await running.close();
  const [journal] = await journalsIn(crashed);
  await appendFile(path.join(crashed, journal!), '{"c":"pairs","put":{"id":"torn","pairId":"');

  const restarted = await open(crashed);
  expect(await restarted.pairs.find(built.pair.tenantId, built.pair.id, note.id)).toMatchObject({
    body: 'answered before the crash',
  });
  expect(await restarted.pairs.find(built.pair.tenantId, built.pair.id, 'torn')).toBeUndefined();
  await restarted.close();
});

test('a damaged record inside a journal stops start-up with what to do', async () => {
  const running = await open();
  await buildPair(running);
  const crashed = path.join(root, 'crashed');
  await crashImage(dataDir, crashed);
  await running.close();
  const [journal] = await journalsIn(crashed);
  const file = path.join(crashed, journal!);
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines[0] = '{"c":"pairs", damaged';
  await writeFile(file, lines.join('\n'));
  await expect(open(crashed)).rejects.toThrow(/line 1\. Move the data folder away to start empty/);
});

test('a damaged snapshot stops start-up with what to do, and is left as it was', async () => {
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'embedded-cosmos.json'), '{"pairs": [');
  await expect(open()).rejects.toThrow(/Move it away to start empty/);
  expect(await readFile(path.join(dataDir, 'embedded-cosmos.json'), 'utf8')).toBe('{"pairs": [');
});

test('a snapshot written before the journal existed (world-readable) is restored and made private', async () => {
  await mkdir(dataDir, { recursive: true });
  const doc = {
    id: 'legacy-pair',
    pairId: 'legacy-pair',
    type: 'pair',
    tenantId: OTHER_TENANT,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
  await writeFile(path.join(dataDir, 'embedded-cosmos.json'), JSON.stringify({ pairs: [doc] }));
  await chmod(path.join(dataDir, 'embedded-cosmos.json'), 0o644);
  const store = await open();
  expect(store.persistence?.restored).toBe(1);
  expect(await store.pairs.find(OTHER_TENANT, 'legacy-pair', 'legacy-pair')).toMatchObject({ type: 'pair' });
  expect(await modesIn(dataDir)).toEqual(new Set(['600']));
  await store.close();
});

test('compaction while writes go on (past 4 MB of journal) loses none of them', async () => {
  const running = await open();
  const built = await buildPair(running);
  const big = 'x'.repeat(100_000);
  // Eight writers, ten 100 KB notes each: the journal passes 4 MB twice while they write.
  const written = (
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        const ids: string[] = [];
        for (let i = 0; i < 10; i++)
          ids.push((await buildNote(running, built, built.mentor, 'private', `${w}-${i} ${big}`)).id);
        return ids;
      }),
    )
  ).flat();
  const generations = (await journalsIn(dataDir)).map((f) => Number(f.split('.').pop()));
  expect(Math.max(...generations)).toBeGreaterThan(1);

  const crashed = path.join(root, 'crashed');
  await crashImage(dataDir, crashed);
  await running.close();
  const restarted = await open(crashed);
  const found = await Promise.all(written.map((id) => restarted.pairs.find(built.pair.tenantId, built.pair.id, id)));
  expect(found.filter((doc) => doc === undefined)).toHaveLength(0);
  await restarted.close();
}, 60_000);
