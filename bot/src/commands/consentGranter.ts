import { createHash } from 'node:crypto';
import { badRequest, conflict } from '../domain/errors';
import type { Caller, LearningDoc, TakeawayDoc } from '../domain/model';
import { isRedactionOf } from '../domain/redaction';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { nowIso } from './ids';

/**
 * The second key: the partner approves or declines a takeaway. The takeaway changes first and the
 * anonymous programme learning second, so a failure in between never publishes an unapproved text;
 * repeating an approval completes the learning.
 */
export async function consentGranter(
  store: Store,
  caller: Caller,
  takeaway: Stored<TakeawayDoc>,
  approve: boolean,
  finalText?: string,
): Promise<Stored<TakeawayDoc>> {
  let decided = takeaway;
  if (takeaway.status === 'awaitingConsent') {
    const now = nowIso();
    const approvedText = approve && finalText !== undefined ? approvedTextFields(takeaway, finalText) : {};
    decided = await store.takeaways.replace(
      {
        ...takeaway,
        ...approvedText,
        status: approve ? 'shared' : 'declined',
        decidedBy: caller.userId,
        decidedAt: now,
        updatedAt: now,
      },
      takeaway._etag,
    );
  } else if (!(approve && takeaway.status === 'shared' && takeaway.decidedBy === caller.userId)) {
    throw conflict(`This takeaway is no longer waiting for consent (it is ${takeaway.status}).`);
  }
  if (approve && decided.requestedVisibility === 'program') await store.learnings.upsert(learningFrom(decided));
  return decided;
}

/** The text proposed to the partner: what would be stored at the level asked for. */
export const proposedTextOf = (t: TakeawayDoc): string =>
  t.requestedVisibility === 'program' ? (t.programText ?? '') : t.text;

/** The partner's approved text replaces the proposed one at its level: only if it merely redacts words of it. */
function approvedTextFields(takeaway: TakeawayDoc, finalText: string): Partial<TakeawayDoc> {
  if (!isRedactionOf(proposedTextOf(takeaway), finalText))
    throw badRequest('The approved text may only redact words of the proposed text, never add or change them.', [
      { field: 'finalText', message: 'is not the proposed text with words redacted' },
    ]);
  return takeaway.requestedVisibility === 'program' ? { programText: finalText } : { sharedText: finalText };
}

/** Derived from the takeaway so a repeat writes the same learning, and erasing the takeaway finds it, without storing who wrote it. */
export const learningIdOf = (takeaway: Pick<TakeawayDoc, 'tenantId' | 'id'>) =>
  createHash('sha256').update(`learning\n${takeaway.tenantId}\n${takeaway.id}`).digest('hex');

function learningFrom(takeaway: TakeawayDoc): LearningDoc {
  const at = takeaway.decidedAt ?? nowIso();
  return {
    id: learningIdOf(takeaway),
    type: 'learning',
    tenantId: takeaway.tenantId,
    programId: takeaway.programId,
    text: takeaway.programText ?? '',
    sharedAt: at.slice(0, 10),
    createdAt: at,
    updatedAt: at,
  };
}
