// Per-pair insights aggregates, kept up to date from the `pairs` container's change feed (Azure Cosmos DB's
// pull model; the embedded store answers the same requests, embeddedChangeFeed.ts), so the programme insights
// read one single-partition query of aggregates instead of scanning all programme activity per request.
//
// Each change names a pair (its partition key); the consumer recomputes that pair's aggregate from the pair's
// own partition (one single-partition query) and writes it into the programme's partition. Recomputing, never
// incrementing, makes replaying a change harmless: a restart that re-reads changes since the stored continuation,
// or two processes reading the same changes, cannot count anything twice. The continuation is kept in a lease
// document (ETag-guarded); the first consumer of a store starts from now and recomputes every pair once.
import type { LearningDoc, PairStatus, ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import type { FeedChange } from '../store/changeFeed';
import {
  changeFeedLease,
  deletePairInsights,
  insightsAggregatesOf,
  pairInsightsSource,
  savePairInsights,
  saveChangeFeedLease,
  everyPairId,
  type ChangeFeedLeaseDoc,
  type PairInsightsDoc,
  type PairInsightsSourceRow,
} from '../store/insightsAggregates';

export type { PairInsightsDoc } from '../store/insightsAggregates';

/** Goal progress buckets of the insights (inclusive bounds, percent). */
export const PROGRESS_BUCKETS = [
  { from: 0, to: 24 },
  { from: 25, to: 49 },
  { from: 50, to: 74 },
  { from: 75, to: 100 },
] as const;

/** One goal's change from baseline to end in one perspective, without the pair (the aggregate is the pair's). */
export interface PairLedgerChange {
  side: 'mentor' | 'mentee';
  perspective: 'self' | 'partner';
  objective: string | null;
  baseline: number;
  end: number;
}

const count = (rows: readonly PairInsightsSourceRow[], type: string, status?: string) =>
  rows.filter((r) => r.type === type && (status === undefined || r.status === status)).length;

/** Baseline → end per goal and perspective of one pair (both ratings given; a goal deleted since it was rated no longer counts). */
export function pairLedgerChanges(rows: readonly PairInsightsSourceRow[]): PairLedgerChange[] {
  const objectiveOf = new Map(rows.filter((r) => r.type === 'goal').map((g) => [g.id, g.objective ?? null]));
  const byGoal = new Map<string, PairInsightsSourceRow[]>();
  for (const r of rows) {
    if (r.type !== 'assessment' || !r.goalId || !r.perspective || typeof r.score !== 'number') continue;
    const key = `${r.goalId}\n${r.perspective}`;
    byGoal.set(key, [...(byGoal.get(key) ?? []), r]);
  }
  return [...byGoal.values()].flatMap((ratings) => {
    const baseline = ratings.find((r) => r.moment === 'baseline');
    const end = ratings.find((r) => r.moment === 'end');
    const first = ratings[0]!;
    if (!baseline || !end || !objectiveOf.has(first.goalId!)) return [];
    return [
      {
        side: first.goalOwner!,
        perspective: first.perspective!,
        objective: objectiveOf.get(first.goalId!) ?? null,
        baseline: baseline.score!,
        end: end.score!,
      },
    ];
  });
}

/** A pair's aggregate from its own documents (status and numeric fields only: no text, no authors). */
export function aggregatePair(
  rows: readonly PairInsightsSourceRow[],
): Omit<PairInsightsDoc, 'id' | 'type' | 'updatedAt'> | undefined {
  const pair = rows.find((r) => r.type === 'pair');
  if (!pair) return undefined;
  const mine = rows.filter((r) => r.tenantId === pair.tenantId);
  const goals = mine.filter((r) => r.type === 'goal');
  const ratings = mine.filter((r) => r.type === 'feedback' && typeof r.rating === 'number');
  return {
    tenantId: pair.tenantId,
    programId: pair.programId,
    pairId: pair.pairId,
    status: pair.status as PairStatus,
    createdAt: pair.createdAt!,
    sessions: {
      planned: count(mine, 'session'),
      held: count(mine, 'session', 'held'),
      cancelled: count(mine, 'session', 'cancelled'),
    },
    goals: {
      total: goals.length,
      achieved: count(mine, 'goal', 'achieved'),
      atRisk: count(mine, 'goal', 'atRisk'),
      progress: PROGRESS_BUCKETS.map(
        (b) => goals.filter((g) => (g.progress ?? 0) >= b.from && (g.progress ?? 0) <= b.to).length,
      ),
    },
    commitments: {
      made: count(mine, 'commitment'),
      kept: count(mine, 'commitment', 'kept'),
      open: count(mine, 'commitment', 'open'),
    },
    feedback: { responses: ratings.length, ratingSum: ratings.reduce((a, r) => a + r.rating!, 0) },
    sharedLearnings: mine.filter(
      (r) => r.type === 'takeaway' && r.status === 'shared' && r.requestedVisibility === 'program',
    ).length,
    ledger: pairLedgerChanges(mine),
  };
}

const LEASE_ID = 'insights-aggregates';

/** What one catch-up did (tests and the benchmark read it). */
export interface CatchUpResult {
  changes: number;
  pairsRecomputed: number;
}

/**
 * The change feed consumer of one store. `catchUp()` reads every change since the stored continuation,
 * recomputes the pairs they name, and stores the new continuation; calls while one runs share it.
 */
export class InsightsAggregator {
  private running?: Promise<CatchUpResult>;
  /** Totals since this consumer started. */
  readonly totals: CatchUpResult = { changes: 0, pairsRecomputed: 0 };

  constructor(private readonly store: Store) {}

  catchUp(): Promise<CatchUpResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<CatchUpResult> {
    const done: CatchUpResult = { changes: 0, pairsRecomputed: 0 };
    // Read each time (one point read): another process may have moved the lease on since.
    let lease = (await changeFeedLease(this.store, LEASE_ID)) ?? (await this.start());
    for (;;) {
      const page = await this.store.pairsFeed.read(lease.continuation, 200);
      if (page.changes.length === 0) break;
      const pairs = pairsNamed(page.changes);
      await this.recompute(pairs);
      done.changes += page.changes.length;
      done.pairsRecomputed += pairs.size;
      const saved = await saveChangeFeedLease(this.store, { ...lease, continuation: page.continuation });
      // Another process moved the lease on: go on from where it stands (what was recomputed here is still right).
      lease = saved ?? (await changeFeedLease(this.store, LEASE_ID))!;
    }
    this.totals.changes += done.changes;
    this.totals.pairsRecomputed += done.pairsRecomputed;
    return done;
  }

  /** A store's first consumer: the feed from now, and every pair recomputed once (what happened before now). */
  private async start(): Promise<ChangeFeedLeaseDoc> {
    const { continuation } = await this.store.pairsFeed.read(undefined);
    await this.recompute(new Set(await everyPairId(this.store)));
    const created = await saveChangeFeedLease(this.store, { id: LEASE_ID, continuation });
    return created ?? (await changeFeedLease(this.store, LEASE_ID))!;
  }

  /** Recomputes these pairs' aggregates, a few at a time. */
  private async recompute(pairIds: Set<string>): Promise<void> {
    const ids = [...pairIds];
    for (let i = 0; i < ids.length; i += 16) {
      await Promise.all(
        ids.slice(i, i + 16).map(async (pairId) => {
          const rows = await pairInsightsSource(this.store, pairId);
          const aggregate = aggregatePair(rows);
          if (aggregate) await savePairInsights(this.store, aggregate);
          else await deletePairInsights(this.store, pairId);
        }),
      );
    }
  }
}

/** The kinds of document an aggregate is computed from: a change to any other kind (a note, a takeaway's text) changes no figure. */
const AGGREGATED = new Set(['pair', 'goal', 'session', 'commitment', 'feedback', 'assessment', 'takeaway']);

/** The pairs a page of changes names (each change's partition key is its pair); a change of unknown kind counts. */
function pairsNamed(changes: readonly FeedChange<unknown>[]): Set<string> {
  const kindOf = (c: FeedChange<unknown>) => ((c.current ?? c.previous) as { type?: unknown } | undefined)?.type;
  return new Set(
    changes
      .filter((c) => {
        const kind = kindOf(c);
        return typeof kind !== 'string' || AGGREGATED.has(kind);
      })
      .map((c) => c.partitionKey)
      .filter((k): k is string => typeof k === 'string'),
  );
}

const aggregators = new WeakMap<Store, InsightsAggregator>();

/** The consumer of this store (one per store in this process). */
export function insightsAggregator(store: Store): InsightsAggregator {
  let aggregator = aggregators.get(store);
  if (!aggregator) aggregators.set(store, (aggregator = new InsightsAggregator(store)));
  return aggregator;
}

/** A programme's aggregates (once every change so far is in them) and its learnings: one single-partition query. */
export async function programAggregates(
  store: Store,
  program: ProgramDoc,
): Promise<{ pairs: PairInsightsDoc[]; learnings: LearningDoc[] }> {
  await insightsAggregator(store).catchUp();
  return insightsAggregatesOf(store, program.tenantId, program.id);
}
