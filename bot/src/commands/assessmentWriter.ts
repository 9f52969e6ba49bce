// Ratings of the two-way ledger: a member rates a goal (1–5, optional short note) at a moment. The owner
// rates themselves, the partner rates the owner; one rating per goal, moment and rater (the id says so),
// so a repeat changes it (with the ETag) rather than adding another.
import { createHash } from 'node:crypto';
import { isMomentOpen, momentOpensOn } from '../domain/assessments';
import { AlreadyExists, badRequest, conflict } from '../domain/errors';
import {
  pairRoleOf,
  type AssessmentDoc,
  type AssessmentMoment,
  type Caller,
  type GoalDoc,
  type PairDoc,
  type ProgramDoc,
} from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { lostRace, retryOnStale } from './concurrentChange';
import { withChanges } from './documentChanges';
import { nowIso } from './ids';

export interface AssessmentProps {
  moment: AssessmentMoment;
  score: number;
  note?: string;
}

export const assessmentId = (tenantId: string, goalId: string, moment: AssessmentMoment, raterId: string) =>
  `assessment-${createHash('sha256').update(`${tenantId}\n${goalId}\n${moment}\n${raterId}`).digest('hex').slice(0, 40)}`;

/** A moment not open yet is refused, naming the day it opens. */
function checkOpen(program: ProgramDoc, moment: AssessmentMoment, now: number): void {
  if (isMomentOpen(program, moment, now)) return;
  const opens = momentOpensOn(program)[moment];
  throw badRequest(`The ${moment} assessment opens on ${opens}.`, [{ field: 'moment', message: `opens on ${opens}` }]);
}

/** The rating as the caller would store it. */
function ratingOf(caller: Caller, pair: PairDoc, goal: GoalDoc, props: AssessmentProps): AssessmentDoc {
  const rateeId = goal.owner === 'mentor' ? pair.mentor.id : pair.mentee.id;
  const now = nowIso();
  return {
    id: assessmentId(pair.tenantId, goal.id, props.moment, caller.userId),
    type: 'assessment',
    tenantId: pair.tenantId,
    pairId: pair.id,
    programId: pair.programId,
    goalId: goal.id,
    goalOwner: goal.owner,
    raterId: caller.userId,
    rateeId,
    perspective: pairRoleOf(pair, caller.userId) === goal.owner ? 'self' : 'partner',
    moment: props.moment,
    score: props.score,
    ...(props.note ? { note: props.note } : {}),
    createdBy: caller.userId,
    createdAt: now,
    updatedAt: now,
  };
}

const sameRating = (a: AssessmentDoc, props: AssessmentProps) =>
  a.score === props.score && (a.note ?? '') === (props.note ?? '');

/**
 * Records the caller's rating of a goal at a moment. A retry of the same rating returns the first one;
 * another rating for a goal and moment already rated is a 409 (change it with its ETag instead).
 */
export async function assessmentCreator(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  program: ProgramDoc,
  goal: GoalDoc,
  props: AssessmentProps,
  now = Date.now(),
): Promise<Stored<AssessmentDoc>> {
  checkOpen(program, props.moment, now);
  const doc = ratingOf(caller, pair, goal, props);
  try {
    return await store.assessments.create(doc);
  } catch (error) {
    if (!(error instanceof AlreadyExists)) throw error;
    const existing = await store.assessments.find(pair, doc.id);
    if (existing && sameRating(existing, props)) return existing;
    throw conflict(
      `You already rated this goal at the ${props.moment}. Change that rating instead (PATCH with its ETag).`,
    );
  }
}

/** Changes a rating if nobody changed it since the caller read it (ETag). */
export async function assessmentUpdater(
  store: Store,
  assessment: AssessmentDoc,
  changes: { score?: number; note?: string | null },
  ifMatch: string,
): Promise<Stored<AssessmentDoc>> {
  if (Object.keys(changes).length === 0)
    throw badRequest('Send at least one field to change.', [{ field: 'body', message: 'no changes' }]);
  // An empty note clears it, as null does.
  const next = withChanges(assessment, {
    ...changes,
    ...(changes.note === '' ? { note: null } : {}),
    updatedAt: nowIso(),
  });
  return store.assessments.replace(next, ifMatch);
}

/** From a bot card: the rating as answered, created or changed in place (the card is the rater's own). */
export async function assessmentAnswer(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  program: ProgramDoc,
  goal: GoalDoc,
  props: AssessmentProps,
  now = Date.now(),
): Promise<Stored<AssessmentDoc>> {
  checkOpen(program, props.moment, now);
  const wanted = ratingOf(caller, pair, goal, props);
  try {
    return await retryOnStale(async () => {
      const existing = await store.assessments.find(pair, wanted.id);
      if (!existing) return await store.assessments.create(wanted);
      if (sameRating(existing, props)) return existing;
      return await assessmentUpdater(store, existing, { score: props.score, note: props.note ?? null }, existing._etag);
    }, 3);
  } catch (error) {
    if (lostRace(error)) throw conflict('This rating kept changing while it was saved. Try again.');
    throw error;
  }
}
