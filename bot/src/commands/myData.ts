// A participant's own content: export it all as JSON, or delete it. "Own" means written or owned by the
// caller: notes and takeaways they authored, goals they created, commitments they made or own, ratings they gave.
import type { Caller, TakeawayDoc } from '../domain/model';
import type { Store } from '../store/database';
import { membershipsOf, ownPairContent, participationsOf, unmatchedNoticesOf } from '../store/queries';
import { learningIdOf } from './consentGranter';

/** Everything the caller wrote or owns, and what the programme holds about them (the route presents it field by field). */
export async function myDataExporter(store: Store, caller: Caller) {
  const [memberships, participations, notices] = await Promise.all([
    membershipsOf(store, caller),
    participationsOf(store, caller),
    unmatchedNoticesOf(store, caller),
  ]);
  const pairs = await Promise.all(
    memberships.map(async (membership) => ({
      membership,
      content: await ownPairContent(store, caller, membership.pairId),
    })),
  );
  return { participations, pairs, notices };
}

/** What the caller's content deletion removes, counted by kind. */
export interface DeletedCounts {
  notes: number;
  takeaways: number;
  goals: number;
  commitments: number;
  feedback: number;
  assessments: number;
  notices: number;
}

/** The kinds of pair content a member owns and may delete, and where each is counted. */
const ERASABLE: Record<string, keyof DeletedCounts> = {
  note: 'notes',
  takeaway: 'takeaways',
  goal: 'goals',
  commitment: 'commitments',
  feedback: 'feedback',
  assessment: 'assessments',
};

/**
 * Deletes the caller's own notes, takeaways, goals, commitments and session feedback in every pair, and their notices.
 * Sessions (shared with the partner), the pairs and the programme's participant record stay: the
 * programme admin manages those. The programme learning made from an erased takeaway goes with it (found by
 * the id derived from the takeaway; learnings themselves name no author).
 */
export async function myDataEraser(store: Store, caller: Caller): Promise<DeletedCounts> {
  const counts: DeletedCounts = {
    notes: 0,
    takeaways: 0,
    goals: 0,
    commitments: 0,
    feedback: 0,
    assessments: 0,
    notices: 0,
  };
  const memberships = await membershipsOf(store, caller);
  for (const m of memberships) {
    const content = await ownPairContent(store, caller, m.pairId);
    for (const doc of content) {
      const kind = ERASABLE[(doc as { type: string }).type];
      if (!kind) continue;
      // The learning first: a failure in between leaves the takeaway, and a retry finds both.
      if (doc.type === 'takeaway') await deleteLearningOf(store, doc);
      await store.pairs.delete(doc);
      counts[kind]++;
    }
  }
  for (const notice of await unmatchedNoticesOf(store, caller)) {
    await store.unmatchedNotices.delete(notice, notice.id);
    counts.notices++;
  }
  return counts;
}

async function deleteLearningOf(store: Store, takeaway: TakeawayDoc): Promise<void> {
  if (takeaway.requestedVisibility !== 'program') return;
  await store.learnings.delete(takeaway, learningIdOf(takeaway));
}
