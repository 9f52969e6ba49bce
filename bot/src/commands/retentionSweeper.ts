import type { PairDoc, ProgramDoc } from '../domain/model';
import { contentDeletionAt } from '../domain/retention';
import { StaleWrite } from '../domain/errors';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { pairContentIds, programPairs } from '../store/queries';
import { RETENTION_ACTOR, auditRecorder } from './auditTrail';
import { nowIso } from './ids';

/**
 * Deletes the private and pair content (goals, sessions, notes, takeaways, commitments, feedback) of each
 * ended pair of the programme whose deletion date (domain/retention.ts) has passed, records it in the
 * audit trail and marks the pair. Pairs that have not ended are never touched. Pair documents (names,
 * status) and the programme's redacted learnings stay. Idempotent: a pair is marked only once its
 * content is gone, so a run that failed halfway is finished by the next one.
 */
export async function retentionSweeper(
  store: Store,
  program: ProgramDoc,
  now = new Date(),
): Promise<{ pairs: number; deleted: number }> {
  let deleted = 0;
  let pairs = 0;
  for (const pair of await programPairs(store, program)) {
    const deletesAt = contentDeletionAt(program, pair);
    if (pair.contentDeletedAt || deletesAt === undefined || now.getTime() < deletesAt) continue;
    for (const doc of await pairContentIds(store, program.tenantId, pair.id)) {
      await store.pairs.delete(doc);
      deleted++;
    }
    await markDeleted(store, pair);
    await auditRecorder(store, program, RETENTION_ACTOR, {
      action: 'retention.deleted',
      target: { pairId: pair.id, name: `${pair.mentor.name} → ${pair.mentee.name}` },
    });
    pairs++;
  }
  return { pairs, deleted };
}

async function markDeleted(store: Store, pair: Stored<PairDoc>): Promise<void> {
  const at = nowIso();
  try {
    await store.pairDocs.replace({ ...pair, contentDeletedAt: at, updatedAt: at }, pair._etag);
  } catch (error) {
    // Changed meanwhile (a member's acknowledgement, say): the next run finds nothing left and marks it then.
    if (!(error instanceof StaleWrite)) throw error;
  }
}
