import { conflict } from '../domain/errors';
import type { Caller, PairDoc, PairStatus } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { actorOf, auditRecorder } from './auditTrail';
import { nowIso } from './ids';
import { reminderPlanner } from './reminderPlanner';

/**
 * Pauses, resumes or ends a pair (the admin's pair lifecycle). The pair is written first (If-Match), then
 * both members' memberships, which are upserts: a retry after a failure in between completes the change.
 * An ended pair stays ended: its members keep it read-only, and re-pairing creates a new pair. Ending
 * records when (retention counts from it); the reminders are planned again (an ended pair's members
 * get only the retention notices), and the change goes into the audit trail.
 */
export async function pairStatusChanger(
  store: Store,
  caller: Caller,
  pair: Stored<PairDoc>,
  status: PairStatus,
  ifMatch: string,
): Promise<Stored<PairDoc>> {
  if (pair.status === 'ended' && status !== 'ended')
    throw conflict('An ended pair cannot be reopened; pair the two people again instead.');
  const now = nowIso();
  const changed = pair.status !== status;
  const saved = changed
    ? await store.pairDocs.replace(
        { ...pair, status, ...(status === 'ended' ? { endedAt: now } : {}), updatedAt: now },
        ifMatch,
      )
    : pair;
  await Promise.all(
    [pair.mentor.id, pair.mentee.id].map(async (userId) => {
      const membership = await store.memberships.find({ tenantId: pair.tenantId, userId }, pair.id);
      if (membership && membership.status !== status)
        await store.memberships.upsert({ ...membership, status, updatedAt: now });
    }),
  );
  if (changed) {
    await auditRecorder(store, { id: pair.programId, tenantId: pair.tenantId }, actorOf(caller), {
      action: 'pair.statusChange',
      target: { pairId: pair.id, name: `${pair.mentor.name} → ${pair.mentee.name}` },
      changes: [{ field: 'status', from: pair.status, to: status }],
    });
  }
  await reminderPlanner(store, pair.tenantId, pair.id);
  return saved;
}
