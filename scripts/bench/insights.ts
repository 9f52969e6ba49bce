// Programme insights at 1,000 pairs: from the per-pair aggregates the change feed consumer keeps
// (commands/insightsAggregates.ts: the feed read + one single-partition query of aggregates + the learnings)
// against the scan the insights made before (every pair, every piece of activity and every ledger rating of the
// programme, cross-partition, on every request: its five queries, reads only). The store timeout is a minute:
// the scan takes seconds at this scale on a loaded machine. Interleaved (aggregates, scan,
// aggregates, scan…), in this process on one embedded server whose HTTP requests are counted on the wire.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { insightsAggregator } from '../../bot/src/commands/insightsAggregates';
import { programInsights } from '../../bot/src/commands/programInsights';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { ProgramDoc } from '../../bot/src/domain/model';
import { openStore, startEmbeddedCosmos, type Store } from '../../bot/src/store/database';
import type { BenchRow } from './row';
import { seedScale } from './scale';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The reads of the insights before the aggregates (as they were on main until this change). */
function scan(store: Store, program: ProgramDoc) {
  const inProgram = (where: string) => ({
    where: `c.programId = @programId AND (${where})`,
    parameters: [{ name: '@programId', value: program.id }],
  });
  return Promise.all([
    store.pairs.query(program.tenantId, inProgram("c.type = 'pair'")),
    store.pairs.query(
      program.tenantId,
      inProgram("c.type = 'goal' OR c.type = 'session' OR c.type = 'commitment' OR c.type = 'feedback'"),
      undefined,
      'c.type, c.pairId, c.status, c.progress, c.scheduledAt, c.rating',
    ),
    store.programs.query(program.tenantId, { where: "c.type = 'learning'", parameters: [] }, program.id),
    store.pairs.query(
      program.tenantId,
      inProgram("c.type = 'takeaway' AND c.status = 'shared' AND c.requestedVisibility = 'program'"),
      undefined,
      'c.pairId',
    ),
    store.pairs.query(
      program.tenantId,
      inProgram("c.type = 'goal' OR c.type = 'assessment'"),
      undefined,
      'c.type, c.id, c.pairId, c.objective, c.goalId, c.goalOwner, c.perspective, c.moment, c.score',
    ),
  ]);
}

export async function benchInsights(rounds = 20, pairs = 1_000): Promise<BenchRow[]> {
  const embedded = await startEmbeddedCosmos();
  let onTheWire = 0;
  embedded.server.prependListener('request', () => (onTheWire += 1));
  const store = await openStore(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      COSMOS_DATABASE: `bench-insights-${randomUUID()}`,
      COSMOS_TIMEOUT_MS: '60000',
    }).store,
    { embedded },
  );
  try {
    const { programId } = await seedDemoData(store);
    const program = (await store.programs.get(DEV_TENANT_ID, programId, programId, 'programme')) as ProgramDoc;
    await programInsights(store, program); // the consumer starts here: from now on it follows the feed
    await seedScale(store, programId, 2 * pairs, pairs, 'insights');
    const catchUpStart = performance.now();
    const caughtUp = await insightsAggregator(store).catchUp();
    const catchUpMs = performance.now() - catchUpStart;

    const wire = async (fn: () => Promise<unknown>) => {
      const before = onTheWire;
      await fn();
      return onTheWire - before;
    };
    const [wireAfter, wireBefore] = [
      await wire(() => programInsights(store, program)),
      await wire(() => scan(store, program)),
    ];
    const after: number[] = [];
    const before: number[] = [];
    for (let i = 0; i < 3; i++) await Promise.all([programInsights(store, program), scan(store, program)]);
    for (let i = 0; i < rounds; i++) {
      let start = performance.now();
      await programInsights(store, program);
      after.push(performance.now() - start);
      start = performance.now();
      await scan(store, program);
      before.push(performance.now() - start);
    }
    after.sort((a, b) => a - b);
    before.sort((a, b) => a - b);
    const row = (p: number): BenchRow => ({
      figure: `Programme insights p${p} at ${pairs.toLocaleString('en')} pairs (16 documents each), from the aggregates (${rounds} rounds, interleaved with the scan)`,
      value: ms(percentile(after, p)),
      baseline: `scan per request (reads only) ${ms(percentile(before, p))}`,
      ratio: `${(percentile(after, p) / percentile(before, p)).toFixed(2)}×`,
    });
    return [
      row(50),
      row(95),
      {
        figure: 'Programme insights: store requests on the wire per request',
        value: String(wireAfter),
        baseline: `scan per request ${wireBefore}`,
      },
      {
        figure: `Change feed catch-up after ${pairs.toLocaleString('en')} pairs were written (${caughtUp.changes.toLocaleString('en')} changes, ${caughtUp.pairsRecomputed.toLocaleString('en')} pairs recomputed)`,
        value: `${(catchUpMs / 1000).toFixed(1)} s`,
      },
    ];
  } finally {
    await store.close();
    await embedded.stop();
  }
}

if (require.main === module) {
  void benchInsights(Number(process.argv[2] ?? 20)).then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
