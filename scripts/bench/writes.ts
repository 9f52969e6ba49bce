// The cost of durability: note writes (POST …/notes) through the API on the embedded store in memory, and on
// the embedded store with EMBEDDED_DATA_DIR (each write journaled and fsynced before it is answered), side by
// side in one run: rounds alternate between the two, one write at a time, then with 16 writes in flight.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createApp, type App } from '../../bot/src/app';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { loadConfig } from '../../bot/src/config';
import type { BenchRow } from './row';

const CONCURRENCY = 16;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Target {
  write(): Promise<void>;
  stop(): Promise<void>;
}

async function target(env: Record<string, string>): Promise<Target> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_DATABASE: 'bench-writes',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const built: App = await createApp(config, { logger: pino({ level: 'silent' }) });
  await seedDemoData(built.services.store);
  const server = built.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (url: string, body: unknown, token?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const { token } = (await (await post(`${base}/api/dev/token`, { userId: 'priya', name: 'Priya Raman' })).json()) as {
    token: string;
  };
  const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    pairs: Array<{ pairId: string; nextSession?: { id: string } }>;
  };
  const pair = me.pairs.find((p) => p.nextSession)!;
  const notes = `${base}/api/pairs/${pair.pairId}/sessions/${pair.nextSession!.id}/notes`;
  let n = 0;
  return {
    async write() {
      const res = await post(notes, { body: `bench note ${n++}`, visibility: 'private' }, token);
      if (res.status !== 201) throw new Error(`note write answered ${res.status}`);
      await res.arrayBuffer();
    },
    async stop() {
      server.close();
      await built.close();
    },
  };
}

/** Latency of each write, `inFlight` at a time, alternating batches between the targets. */
async function measure(targets: Target[], rounds: number, inFlight: number): Promise<number[][]> {
  const samples = targets.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, t] of targets.entries()) {
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          const start = performance.now();
          await t.write();
          samples[i]!.push(performance.now() - start);
        }),
      );
    }
  }
  return samples.map((s) => s.sort((a, b) => a - b));
}

export async function benchWrites(rounds = 300): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-writes-'));
  const memory = await target({});
  const durable = await target({ EMBEDDED_DATA_DIR: dataDir });
  try {
    for (const t of [memory, durable]) for (let i = 0; i < 20; i++) await t.write();
    const [oneMemory, oneDurable] = (await measure([memory, durable], rounds, 1)) as [number[], number[]];
    const [manyMemory, manyDurable] = (await measure(
      [memory, durable],
      Math.ceil(rounds / CONCURRENCY) * 2,
      CONCURRENCY,
    )) as [number[], number[]];
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const row = (figure: string, durableSamples: number[], memorySamples: number[], p: number): BenchRow => ({
      figure,
      value: ms(percentile(durableSamples, p)),
      baseline: `in memory ${ms(percentile(memorySamples, p))}`,
      ratio: `${(percentile(durableSamples, p) / percentile(memorySamples, p)).toFixed(2)}×`,
    });
    return [
      row(
        `Note write p50 with EMBEDDED_DATA_DIR (journal + fsync), one at a time, ${rounds} writes`,
        oneDurable,
        oneMemory,
        50,
      ),
      row('Note write p95 with EMBEDDED_DATA_DIR, one at a time', oneDurable, oneMemory, 95),
      row(
        `Note write p50 with EMBEDDED_DATA_DIR, ${CONCURRENCY} in flight (one fsync per group of writes)`,
        manyDurable,
        manyMemory,
        50,
      ),
      row(`Note write p95 with EMBEDDED_DATA_DIR, ${CONCURRENCY} in flight`, manyDurable, manyMemory, 95),
    ];
  } finally {
    await memory.stop();
    await durable.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) void benchWrites(Number(process.argv[2] ?? 300)).then((rows) => console.table(rows));
