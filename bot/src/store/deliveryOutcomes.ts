// Each person's reminder delivery outcome in a programme, kept in the `people` container in their own partition
// (beside their conversation reference): the delivery report reads it with a point read per person instead of a
// cross-partition query of every reminder on recipientId. The reminder run records it after each sent or failed
// reminder; it only moves forward (a later outcome never gives way to an earlier one), guarded by ETags.
import { AlreadyExists, StaleWrite } from '../domain/errors';
import type { Collection, Page } from './collection';
import type { Store } from './database';
import { findSystemDoc, saveSystemDoc, type SystemDoc } from './systemDocuments';

export interface DeliveryOutcomeDoc {
  id: string;
  type: 'deliveryOutcome';
  tenantId: string;
  userId: string;
  programId: string;
  /** When a reminder of this programme last reached the person. */
  lastDeliveredAt?: string;
  /** The last reminder of this programme that could not be delivered, and why. */
  lastFailure?: { at: string; reason: string };
  updatedAt: string;
  _etag?: string;
}

const outcomeId = (tenantId: string, programId: string) => `delivery-${tenantId}-${programId}`;

function outcomes(store: Store): Collection<DeliveryOutcomeDoc> {
  return store.people as unknown as Collection<DeliveryOutcomeDoc>;
}

/** One point read in the person's partition; another tenant's or programme's document reads as missing. */
export async function deliveryOutcomeOf(
  store: Store,
  tenantId: string,
  programId: string,
  userId: string,
): Promise<DeliveryOutcomeDoc | undefined> {
  const doc = await outcomes(store).find(tenantId, userId, outcomeId(tenantId, programId));
  return doc?.type === 'deliveryOutcome' && doc.userId === userId && doc.programId === programId ? doc : undefined;
}

export interface DeliveryOutcome {
  tenantId: string;
  programId: string;
  userId: string;
  state: 'sent' | 'failed';
  at: string;
  reason?: string;
}

/** The document with this outcome in it, or undefined when it already holds a later one. */
function merged(doc: DeliveryOutcomeDoc | undefined, o: DeliveryOutcome): DeliveryOutcomeDoc | undefined {
  const base: DeliveryOutcomeDoc = doc ?? {
    id: outcomeId(o.tenantId, o.programId),
    type: 'deliveryOutcome',
    tenantId: o.tenantId,
    userId: o.userId,
    programId: o.programId,
    updatedAt: o.at,
  };
  if (o.state === 'sent')
    return (base.lastDeliveredAt ?? '') < o.at ? { ...base, lastDeliveredAt: o.at, updatedAt: o.at } : undefined;
  return (base.lastFailure?.at ?? '') < o.at
    ? { ...base, lastFailure: { at: o.at, reason: o.reason ?? 'Unknown' }, updatedAt: o.at }
    : undefined;
}

/** Records a sent or failed reminder (read, merge, write; a concurrent write of the same person is read again). */
export async function recordDeliveryOutcome(store: Store, outcome: DeliveryOutcome): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const doc = await deliveryOutcomeOf(store, outcome.tenantId, outcome.programId, outcome.userId);
    const next = merged(doc, outcome);
    if (!next) return;
    try {
      const { _etag, ...body } = next;
      await (doc?._etag ? outcomes(store).replace(body, doc._etag) : outcomes(store).create(body));
      return;
    } catch (error) {
      if (!(error instanceof AlreadyExists || error instanceof StaleWrite)) throw error;
    }
  }
}

/** What the backfill reads of a reminder that reached its final outcome (no content: ids, state and reason). */
export interface FinishedReminderRow {
  id: string;
  tenantId: string;
  programId: string;
  recipientId: string;
  state: 'sent' | 'failed';
  outcome?: { at: string; reason?: string };
  updatedAt: string;
}

/**
 * One page of the reminders of every tenant that were sent or failed (the backfill has no caller): a
 * cross-partition query of the `reminders` container, with the store's continuation token for the next page.
 */
export function finishedRemindersPage(
  store: Store,
  pageSize: number,
  continuation?: string,
): Promise<Page<FinishedReminderRow>> {
  return store.reminders.queryPageEveryTenant<FinishedReminderRow>(
    { where: "c.type = 'reminder' AND c.state IN ('sent', 'failed')", parameters: [] },
    {
      select: 'c.id, c.tenantId, c.programId, c.recipientId, c.state, c.outcome, c.updatedAt',
      pageSize,
      ...(continuation ? { continuation } : {}),
    },
  );
}

/** Where the delivery outcome backfill stands: the continuation of its query, or done. Not a tenant's document. */
export interface BackfillProgressDoc extends SystemDoc<'backfillProgress', typeof SYSTEM> {
  /** Where the next page starts (absent before the first page and once done). */
  continuation?: string;
  /** Pages and reminders read so far, over every run. */
  pages: number;
  reminders: number;
  done: boolean;
  startedAt: string;
  finishedAt?: string;
}

/** The tenant and partition (in the `programs` container) of the timed jobs' own documents. */
const SYSTEM = 'system:jobs';

export function backfillProgress(store: Store, id: string): Promise<BackfillProgressDoc | undefined> {
  return findSystemDoc<BackfillProgressDoc>(store, SYSTEM, id);
}

/** The progress as the backfill moves it on: the fields the store sets (kind, partition, time) left out. */
export type BackfillProgress = Omit<BackfillProgressDoc, 'type' | 'tenantId' | 'programId' | 'updatedAt'>;

/** Creates or moves the progress on; undefined when another run created or moved it first (ETag). */
export function saveBackfillProgress(
  store: Store,
  progress: BackfillProgress,
): Promise<BackfillProgressDoc | undefined> {
  const { _etag, ...fields } = progress;
  return saveSystemDoc<BackfillProgressDoc>(
    store,
    { ...fields, type: 'backfillProgress', tenantId: SYSTEM, programId: SYSTEM },
    _etag,
  );
}
