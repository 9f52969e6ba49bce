import { badRequest } from '../domain/errors';
import type { Caller, GoalDoc, GoalStatus, PairDoc, PairRole } from '../domain/model';
import type { Store } from '../store/database';
import { createOnce, newId, nowIso } from './ids';
import { reminderPlanner } from './reminderPlanner';

export interface GoalProps {
  title: string;
  successMeasure: string;
  owner: PairRole;
  targetDate?: string;
  objective?: string;
}

/** Adds a goal to one side of the two-way ledger. */
export async function goalCreator(store: Store, caller: Caller, pair: PairDoc, props: GoalProps, idempotencyKey?: string): Promise<GoalDoc> {
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
  const saved = await createOnce(
    () => store.pairs.create(goal) as Promise<GoalDoc>,
    () => store.pairs.find(pair.tenantId, pair.id, id) as Promise<GoalDoc | undefined>,
    idempotencyKey,
  );
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
export async function goalUpdater(store: Store, goal: GoalDoc, changes: GoalChanges, ifMatch: string): Promise<GoalDoc> {
  if (Object.keys(changes).length === 0) throw badRequest('Send at least one field to change.', [{ field: 'body', message: 'no changes' }]);
  const { targetDate, objective, ...rest } = changes;
  const next: GoalDoc = { ...goal, ...rest, updatedAt: nowIso() };
  if (targetDate === null) delete next.targetDate;
  else if (targetDate !== undefined) next.targetDate = targetDate;
  if (objective === null) delete next.objective;
  else if (objective !== undefined) next.objective = objective;
  if (changes.status === 'achieved' && changes.progress === undefined) next.progress = 100;
  return (await store.pairs.replace(next, ifMatch)) as GoalDoc;
}
