import { badRequest } from '../domain/errors';
import type { Caller, CommitmentDoc, CommitmentStatus, PairDoc } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { withChanges } from './documentChanges';
import { newId, nowIso } from './ids';
import { reminderPlanner } from './reminderPlanner';

/** Records a commitment the executive made; it belongs to the mentee whoever types it. */
export async function commitmentCreator(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  props: { text: string; dueDate?: string; sessionId?: string },
  idempotencyKey?: string,
): Promise<Stored<CommitmentDoc>> {
  const id = newId(caller, `commitment:${pair.id}`, idempotencyKey);
  const now = nowIso();
  const commitment: CommitmentDoc = {
    id,
    type: 'commitment',
    tenantId: pair.tenantId,
    pairId: pair.id,
    programId: pair.programId,
    ...(props.sessionId ? { sessionId: props.sessionId } : {}),
    ownerId: pair.mentee.id,
    text: props.text,
    ...(props.dueDate ? { dueDate: props.dueDate } : {}),
    status: 'open',
    createdBy: caller.userId,
    createdAt: now,
    updatedAt: now,
  };
  const saved = await store.commitments.create(commitment, { idempotencyKey });
  await reminderPlanner(store, pair.tenantId, pair.id);
  return saved;
}

export async function commitmentUpdater(
  store: Store,
  commitment: CommitmentDoc,
  changes: { text?: string; dueDate?: string | null; status?: CommitmentStatus; evidence?: string },
  ifMatch: string,
): Promise<Stored<CommitmentDoc>> {
  if (Object.keys(changes).length === 0)
    throw badRequest('Send at least one field to change.', [{ field: 'body', message: 'no changes' }]);
  const saved = await store.commitments.replace(withChanges(commitment, { ...changes, updatedAt: nowIso() }), ifMatch);
  // A kept or dropped commitment needs no check-in; a new due date moves it.
  if (changes.status !== undefined || changes.dueDate !== undefined)
    await reminderPlanner(store, saved.tenantId, saved.pairId);
  return saved;
}
