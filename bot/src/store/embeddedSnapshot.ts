// Keeps the embedded store's documents in a data folder, so demo data and edits survive a restart.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from './database';

const FILE = 'embedded-cosmos.json';

export interface SnapshotKeeper {
  restored: number;
  /** Writes the snapshot now (also on shutdown). */
  save(): Promise<void>;
  stop(): Promise<void>;
}

export async function keepSnapshots(store: Store, dataDir: string, everyMs = 5000): Promise<SnapshotKeeper> {
  const file = path.join(dataDir, FILE);
  await mkdir(dataDir, { recursive: true });
  let restored = 0;
  try {
    restored = await store.importAll(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${file}: ${(error as Error).message}. Move it away to start empty.`);
  }
  let last = '';
  const save = async () => {
    const json = JSON.stringify(await store.exportAll());
    if (json === last) return;
    // Write then rename: a crash mid-write never leaves a half-written snapshot.
    await writeFile(`${file}.tmp`, json);
    await rename(`${file}.tmp`, file);
    last = json;
  };
  const timer = setInterval(() => void save().catch(() => undefined), everyMs);
  timer.unref();
  return {
    restored,
    save,
    async stop() {
      clearInterval(timer);
      await save();
    },
  };
}
