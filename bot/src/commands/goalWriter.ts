import { badRequest } from '../domain/errors';
import type { Caller, GoalDoc, GoalStatus, PairDoc, PairRole } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { withChanges } from './documentChanges';
import { newId, nowIso } from './ids';
import { reminderPlanner } from './reminderPlanner';

export interface GoalProps {
  title: string;
  successMeasure: string;
  owner: PairRole;
  targetDate?: string;
  objective?: string;
}

/** Adds a goal to one side of the two-way ledger. */
export async function goalCreator(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  props: GoalProps,
  idempotencyKey?: string,
): Promise<Stored<GoalDoc>> {
  const id = newId(caller, `goal:${pair.id}`, idempotencyKey);
  const now = nowIso();
  const goal: GoalDoc = {
    ...props,
    id,
    type: 'goal',
    tenantId: pair.tenantId,
    pairId: pair.id,
    programId: pair.programId,
    progress: 0,
    status: 'notStarted',
    createdBy: caller.userId,
    createdAt: now,
    updatedAt: now,
  };
  const saved = await store.goals.create(goal, { idempotencyKey });
  // The pair's first goal starts the ledger's asks.
  await reminderPlanner(store, pair.tenantId, pair.id);
  return saved;
}

export interface GoalChanges {
  title?: string;
  successMeasure?: string;
  owner?: PairRole;
  targetDate?: string | null;
  objective?: string | null;
  progress?: number;
  status?: GoalStatus;
}

/** Applies changes only if nobody changed the goal since the caller read it (ETag). */
export async function goalUpdater(
  store: Store,
  goal: GoalDoc,
  changes: GoalChanges,
  ifMatch: string,
): Promise<Stored<GoalDoc>> {
  if (Object.keys(changes).length === 0)
    throw badRequest('Send at least one field to change.', [{ field: 'body', message: 'no changes' }]);
  const next = withChanges(goal, { ...changes, updatedAt: nowIso() });
  if (changes.status === 'achieved' && changes.progress === undefined) next.progress = 100;
  return store.goals.replace(next, ifMatch);
}
