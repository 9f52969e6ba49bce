// Post-session feedback from the bot's card: a 1–5 rating and an optional comment, one per member and
// session (answering again replaces it). Programme insights count ratings only, never comments or authors.
import { createHash } from 'node:crypto';
import type { Caller, PairDoc, SessionDoc } from '../domain/model';
import type { Store } from '../store/database';
import { nowIso } from './ids';

export interface FeedbackDoc {
  id: string;
  type: 'feedback';
  tenantId: string;
  pairId: string;
  programId: string;
  sessionId: string;
  authorId: string;
  rating: 1 | 2 | 3 | 4 | 5;
  comment?: string;
  status: 'given';
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

export const feedbackId = (tenantId: string, sessionId: string, userId: string) =>
  `feedback-${createHash('sha256').update(`${tenantId}\n${sessionId}\n${userId}`).digest('hex').slice(0, 40)}`;

export async function feedbackGiver(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  session: SessionDoc,
  props: { rating: FeedbackDoc['rating']; comment?: string },
): Promise<FeedbackDoc> {
  const now = nowIso();
  const doc: FeedbackDoc = {
    id: feedbackId(pair.tenantId, session.id, caller.userId),
    type: 'feedback',
    tenantId: pair.tenantId,
    pairId: pair.id,
    programId: pair.programId,
    sessionId: session.id,
    authorId: caller.userId,
    rating: props.rating,
    ...(props.comment ? { comment: props.comment } : {}),
    status: 'given',
    createdAt: now,
    updatedAt: now,
  };
  return await (store.pairs as unknown as { upsert(d: FeedbackDoc): Promise<FeedbackDoc> }).upsert(doc);
}
