// Backfill of the per-person delivery outcomes (store/deliveryOutcomes.ts) from the reminders sent or failed before
// the reminder run recorded them: without it, the delivery report shows "never reached" for people who were reached.
//
// It reads the finished reminders of every tenant a page at a time (a cross-partition query with the store's
// continuation token, never all at once) and records each person's latest delivery and failure per programme
// through the same forward-only merge as the reminder run, so it is idempotent and safe beside the live run: an
// older backfilled outcome never replaces a later live one. After each page the continuation goes into a progress
// document (ETag-guarded, like the change feed lease), so a restart resumes where it stood and several instances
// share the work; once the query ends the document says done, and every later run costs that one point read.
import {
  backfillProgress,
  finishedRemindersPage,
  recordDeliveryOutcome,
  saveBackfillProgress,
  type BackfillProgress,
  type DeliveryOutcome,
  type FinishedReminderRow,
} from '../store/deliveryOutcomes';
import type { Store } from '../store/database';

const PROGRESS_ID = 'delivery-outcome-backfill';
const PAGE_SIZE = 200;
const PARALLEL_PEOPLE = 16;

export interface BackfillOptions {
  /** Reminders per page (the store's maxItemCount). */
  pageSize?: number;
  /** Stop after this many pages (the rest waits for the next run); no limit when absent. */
  maxPages?: number;
  /** Stops between pages (the scheduler stopping); the progress so far is kept. */
  signal?: AbortSignal;
}

/** What one run did, and whether the backfill is finished. */
export interface BackfillRun {
  pages: number;
  reminders: number;
  done: boolean;
}

/** Reads on from the stored progress until the reminders end, the page budget is spent, or the signal stops it. */
export async function backfillDeliveryOutcomes(store: Store, options: BackfillOptions = {}): Promise<BackfillRun> {
  const run: BackfillRun = { pages: 0, reminders: 0, done: false };
  let progress = await backfillProgress(store, PROGRESS_ID);
  if (progress?.done) return { ...run, done: true };
  let current: BackfillProgress = progress ?? {
    id: PROGRESS_ID,
    pages: 0,
    reminders: 0,
    done: false,
    startedAt: new Date().toISOString(),
  };
  while (!options.signal?.aborted && run.pages < (options.maxPages ?? Infinity)) {
    const page = await finishedRemindersPage(store, options.pageSize ?? PAGE_SIZE, current.continuation);
    await recordLatest(store, page.items);
    run.pages += 1;
    run.reminders += page.items.length;
    const { continuation: _previous, ...rest } = current;
    const now = new Date().toISOString();
    progress = await saveBackfillProgress(store, {
      ...rest,
      ...(page.continuation ? { continuation: page.continuation } : { done: true, finishedAt: now }),
      pages: current.pages + 1,
      reminders: current.reminders + page.items.length,
    });
    // Another run moved the progress on first: go on from where it stands (what was recorded here still holds).
    progress ??= await backfillProgress(store, PROGRESS_ID);
    if (!progress || progress.done) break;
    current = progress;
  }
  return { ...run, done: progress?.done === true };
}

/** Each person's latest delivery and latest failure per programme in these reminders, recorded a few people at a time. */
async function recordLatest(store: Store, reminders: readonly FinishedReminderRow[]): Promise<void> {
  const latest = new Map<string, { sent?: DeliveryOutcome; failed?: DeliveryOutcome }>();
  for (const r of reminders) {
    const at = r.outcome?.at ?? r.updatedAt;
    const key = JSON.stringify([r.tenantId, r.programId, r.recipientId]);
    const person = latest.get(key) ?? {};
    const known = person[r.state];
    if (!known || known.at < at) {
      person[r.state] = {
        tenantId: r.tenantId,
        programId: r.programId,
        userId: r.recipientId,
        state: r.state,
        at,
        ...(r.outcome?.reason ? { reason: r.outcome.reason } : {}),
      };
    }
    latest.set(key, person);
  }
  const people = [...latest.values()];
  for (let i = 0; i < people.length; i += PARALLEL_PEOPLE) {
    await Promise.all(
      people.slice(i, i + PARALLEL_PEOPLE).map(async ({ sent, failed }) => {
        // One person's two outcomes one after the other: both write the same document.
        if (sent) await recordDeliveryOutcome(store, sent);
        if (failed) await recordDeliveryOutcome(store, failed);
      }),
    );
  }
}
