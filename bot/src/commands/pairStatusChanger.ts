import { conflict } from '../domain/errors';
import type { MembershipDoc, PairDoc, PairStatus } from '../domain/model';
import type { Store } from '../store/database';
import { nowIso } from './ids';

/**
 * Pauses, resumes or ends a pair (the admin's pair lifecycle). The pair is written first (If-Match), then
 * both members' memberships, which are upserts: a retry after a failure in between completes the change.
 * An ended pair stays ended: its members keep it read-only, and re-pairing creates a new pair.
 */
export async function pairStatusChanger(store: Store, pair: PairDoc, status: PairStatus, ifMatch: string): Promise<PairDoc> {
  if (pair.status === 'ended' && status !== 'ended') throw conflict('An ended pair cannot be reopened; pair the two people again instead.');
  const now = nowIso();
  const saved = pair.status === status ? pair : ((await store.pairs.replace({ ...pair, status, updatedAt: now }, ifMatch)) as PairDoc);
  await Promise.all(
    [pair.mentor.id, pair.mentee.id].map(async (userId) => {
      const membership = await store.people.find(pair.tenantId, userId, pair.id);
      if (membership && membership.type === 'membership' && membership.status !== status)
        await store.people.upsert({ ...membership, status, updatedAt: now } as MembershipDoc);
    }),
  );
  return saved;
}
