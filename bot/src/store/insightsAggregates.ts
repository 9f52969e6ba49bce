// Reads and writes of the insights aggregates (commands/insightsAggregates.ts keeps them up to date) and of
// the change feed lease. Aggregates live in the `programs` container, in their programme's partition, so the
// insights read them with one single-partition query; writing them there also keeps them out of the `pairs`
// container's change feed that they are computed from.
import type { LearningDoc, PairRole, PairStatus } from '../domain/model';
import type { Store } from './database';
import { findSystemDoc, saveSystemDoc, type SystemDoc } from './systemDocuments';

/** One pair's insights figures: status and numeric fields only (no text, no authors, no goal titles). */
export interface PairInsightsDoc {
  id: string;
  type: 'pairInsights';
  tenantId: string;
  programId: string;
  pairId: string;
  status: PairStatus;
  /** When the pair was created (the cadence counts from it). */
  createdAt: string;
  updatedAt: string;
  sessions: { planned: number; held: number; cancelled: number };
  /** Goals; progress: how many goals in each of the insights' progress buckets. */
  goals: { total: number; achieved: number; atRisk: number; progress: number[] };
  commitments: { made: number; kept: number; open: number };
  /** Feedback pulse answers with a rating, and the sum of those ratings (1–5 each). */
  feedback: { responses: number; ratingSum: number };
  /** Approved programme-level takeaways of this pair (the programme learnings carry no pair). */
  sharedLearnings: number;
  /** Baseline → end of each goal rated at both, per perspective. */
  ledger: {
    side: PairRole;
    perspective: 'self' | 'partner';
    objective: string | null;
    baseline: number;
    end: number;
  }[];
  _etag?: string;
}

/** Where the change feed consumer stands: the SDK's continuation token. Not a tenant's document. */
export interface ChangeFeedLeaseDoc extends SystemDoc<'changeFeedLease', typeof SYSTEM> {
  continuation: string;
}

/** The tenant and partition of documents that belong to no tenant (the lease). */
const SYSTEM = 'system:change-feed';

/** The fields of a pair's documents that its aggregate is computed from (no text, no authors). */
export interface PairInsightsSourceRow {
  type: string;
  id: string;
  tenantId: string;
  pairId: string;
  programId: string;
  status?: string;
  createdAt?: string;
  progress?: number;
  rating?: number;
  objective?: string;
  goalId?: string;
  goalOwner?: PairRole;
  perspective?: 'self' | 'partner';
  moment?: 'baseline' | 'midpoint' | 'end';
  score?: number;
  requestedVisibility?: string;
}

/** What a pair's aggregate is computed from: one single-partition query of the pair's partition (the consumer has no caller: every tenant). */
export function pairInsightsSource(store: Store, pairId: string): Promise<PairInsightsSourceRow[]> {
  return store.pairs.queryEveryTenant<PairInsightsSourceRow>(
    {
      where: "c.type IN ('pair', 'goal', 'session', 'commitment', 'feedback', 'assessment', 'takeaway')",
      parameters: [],
    },
    'c.type, c.id, c.tenantId, c.pairId, c.programId, c.status, c.createdAt, c.progress, c.rating, c.objective, c.goalId, c.goalOwner, c.perspective, c.moment, c.score, c.requestedVisibility',
    pairId,
  );
}

const aggregateId = (pairId: string) => `pairInsights-${pairId}`;

export async function savePairInsights(
  store: Store,
  aggregate: Omit<PairInsightsDoc, 'id' | 'type' | 'updatedAt'>,
): Promise<void> {
  const doc: PairInsightsDoc = {
    id: aggregateId(aggregate.pairId),
    type: 'pairInsights',
    ...aggregate,
    updatedAt: new Date().toISOString(),
  };
  await store.programs.upsert(doc);
}

/** A pair that no longer exists: its aggregate goes (found across programmes: the pair document that named it is gone). */
export async function deletePairInsights(store: Store, pairId: string): Promise<void> {
  const docs = await store.programs.queryEveryTenant<PairInsightsDoc>({
    where: "c.type = 'pairInsights' AND c.id = @id",
    parameters: [{ name: '@id', value: aggregateId(pairId) }],
  });
  await Promise.all(docs.map((d) => store.programs.delete(d)));
}

/** A programme's aggregates and its learnings (the other half of the insights): one single-partition query. */
export async function insightsAggregatesOf(
  store: Store,
  tenantId: string,
  programId: string,
): Promise<{ pairs: PairInsightsDoc[]; learnings: LearningDoc[] }> {
  const docs = await store.programs.query<PairInsightsDoc | LearningDoc>(
    tenantId,
    { where: "c.type IN ('pairInsights', 'learning')", parameters: [] },
    programId,
  );
  return {
    pairs: docs.filter((d): d is PairInsightsDoc => d.type === 'pairInsights'),
    learnings: docs.filter((d): d is LearningDoc => d.type === 'learning'),
  };
}

/** Every pair of every tenant (a store's first consumer recomputes them all once): one cross-partition query of ids. */
export async function everyPairId(store: Store): Promise<string[]> {
  const rows = await store.pairs.queryEveryTenant<{ pairId: string; tenantId: string }>(
    { where: "c.type = 'pair'", parameters: [] },
    'c.pairId, c.tenantId',
  );
  return rows.map((r) => r.pairId);
}

export function changeFeedLease(store: Store, id: string): Promise<ChangeFeedLeaseDoc | undefined> {
  return findSystemDoc<ChangeFeedLeaseDoc>(store, SYSTEM, id);
}

/** Creates or moves the lease on; undefined when another consumer created or moved it first (ETag). */
export function saveChangeFeedLease(
  store: Store,
  lease: { id: string; continuation: string; _etag?: string },
): Promise<ChangeFeedLeaseDoc | undefined> {
  return saveSystemDoc<ChangeFeedLeaseDoc>(
    store,
    { id: lease.id, type: 'changeFeedLease', tenantId: SYSTEM, programId: SYSTEM, continuation: lease.continuation },
    lease._etag,
  );
}
