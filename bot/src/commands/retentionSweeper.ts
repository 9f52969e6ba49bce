import type { ProgramDoc } from '../domain/model';
import type { PairPartitionDoc, Store } from '../store/database';
import { pairContentIds, programPairs } from '../store/queries';
import { nowIso } from './ids';

const DAY = 86400_000;

/** The moment a programme's retention period is over: its end date plus retentionDays. */
export const retentionEndsAt = (program: Pick<ProgramDoc, 'endsOn' | 'retentionDays'>) =>
  Date.parse(`${program.endsOn}T23:59:59.999Z`) + program.retentionDays * DAY;

/**
 * Deletes every pair's private and pair content (goals, sessions, notes, takeaways, commitments) once
 * the programme's retention period is over. Pair documents (names and status) and the programme's
 * redacted learnings stay. Idempotent: a run that failed halfway is finished by the next one, and the
 * programme is marked only when all its content is gone.
 */
export async function retentionSweeper(store: Store, program: ProgramDoc, now = new Date()): Promise<{ deleted: number }> {
  if (now.getTime() < retentionEndsAt(program)) return { deleted: 0 };
  let deleted = 0;
  for (const pair of await programPairs(store, program)) {
    for (const doc of await pairContentIds(store, program.tenantId, pair.id)) {
      await store.pairs.delete(doc as PairPartitionDoc);
      deleted++;
    }
  }
  if (!program.retentionAppliedAt) {
    const fresh = (await store.programs.find(program.tenantId, program.id, program.id)) as ProgramDoc | undefined;
    if (fresh) await store.programs.upsert({ ...fresh, retentionAppliedAt: nowIso(), updatedAt: nowIso() });
  }
  return { deleted };
}
