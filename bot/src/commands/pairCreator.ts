import { badRequest, conflict } from '../domain/errors';
import type { Caller, MembershipDoc, PairDoc, PairingDoc, ProgramDoc } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { activePairOf, pairingId } from '../store/queries';
import { lostRace } from './concurrentChange';
import { newId, nowIso } from './ids';
import { unmatchedNoticeId } from './unmatchedNotifier';

/**
 * Pairs a mentor with a mentee of the programme. Writes the pair, then one membership per member;
 * memberships are upserts keyed by pair, so a retry after a partial failure completes the same pair.
 */
export async function pairCreator(
  store: Store,
  caller: Caller,
  program: ProgramDoc,
  props: { mentorId: string; menteeId: string },
  idempotencyKey?: string,
): Promise<Stored<PairDoc>> {
  const [mentor, mentee] = await Promise.all([
    store.participants.find(program, props.mentorId),
    store.participants.find(program, props.menteeId),
  ]);
  const errors = [];
  if (mentor?.role !== 'mentor') errors.push({ field: 'mentorId', message: 'not a mentor of this programme' });
  if (mentee?.role !== 'mentee')
    errors.push({ field: 'menteeId', message: 'not a mentee (executive) of this programme' });
  if (errors.length || !mentor || !mentee)
    throw badRequest('Add both people to the programme with these roles first.', errors);

  const id = newId(caller, `pair:${program.id}`, idempotencyKey);
  const { pair: existing, claim } = await activePairOf(store, program, mentor.userId, mentee.userId);
  if (existing && existing.id !== id) {
    // An earlier create may have been cut off after the pair was written; a retry without its
    // Idempotency-Key still completes that pair's memberships before answering that it exists.
    await writeMemberships(store, existing, nowIso());
    throw conflict('These two people are already paired in this programme.');
  }

  const now = nowIso();
  // Claim the two people for this pair first (a concurrent create of the same two loses the race here); a claim
  // whose pair ended or was never written is taken over.
  if (!claim || claim.pairId !== id) {
    const pairing: PairingDoc = {
      id: pairingId(mentor.userId, mentee.userId),
      type: 'pairing',
      tenantId: program.tenantId,
      programId: program.id,
      pairId: id,
      createdAt: claim?.createdAt ?? now,
      updatedAt: now,
    };
    try {
      if (claim) await store.pairings.replace(pairing, claim._etag);
      else await store.pairings.create(pairing);
    } catch (error) {
      if (lostRace(error)) throw conflict('These two people are already paired in this programme.');
      throw error;
    }
  }
  const pair: PairDoc = {
    id,
    pairId: id,
    type: 'pair',
    tenantId: program.tenantId,
    programId: program.id,
    mentor: { id: mentor.userId, name: mentor.name },
    mentee: { id: mentee.userId, name: mentee.name },
    status: 'active',
    createdBy: caller.userId,
    createdAt: now,
    updatedAt: now,
  };
  const saved = await store.pairDocs.create(pair, { idempotencyKey });
  await writeMemberships(store, saved, now);
  // Paired now: an earlier "left unmatched" notice for this programme no longer applies.
  await Promise.all(
    [saved.mentor.id, saved.mentee.id].map((userId) =>
      store.unmatchedNotices.delete({ tenantId: program.tenantId, userId }, unmatchedNoticeId(program.id)),
    ),
  );
  return saved;
}

async function writeMemberships(store: Store, pair: PairDoc, now: string): Promise<void> {
  await Promise.all([
    store.memberships.upsert(membership(pair, 'mentor', now)),
    store.memberships.upsert(membership(pair, 'mentee', now)),
  ]);
}

function membership(pair: PairDoc, role: 'mentor' | 'mentee', now: string): MembershipDoc {
  const self = role === 'mentor' ? pair.mentor : pair.mentee;
  const partner = role === 'mentor' ? pair.mentee : pair.mentor;
  return {
    id: pair.id,
    type: 'membership',
    tenantId: pair.tenantId,
    userId: self.id,
    pairId: pair.id,
    programId: pair.programId,
    role,
    partner,
    status: pair.status,
    createdAt: now,
    updatedAt: now,
  };
}
