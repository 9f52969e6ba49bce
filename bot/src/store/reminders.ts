// Reminders live in their own container (partition key pairId): planning reads and writes one pair's
// partition; the scheduler's due query is the one cross-tenant read in the app (it sends, never shows).
// Reminder settings live in the `people` container next to the user's conversation reference.
import type { Container } from '@azure/cosmos';
import type { ReminderDoc, ReminderSettingsDoc } from '../domain/reminders';
import { Collection, type Stored } from './collection';
import type { Store } from './database';

export class ReminderCollection extends Collection<ReminderDoc> {
  constructor(container: Container, timeoutMs: number, embedded: boolean) {
    super(container, 'pairId', timeoutMs, embedded);
  }

  /** One pair's reminders, with the ETags a re-plan replaces them by: one single-partition query. */
  ofPair(tenantId: string, pairId: string): Promise<Stored<ReminderDoc>[]> {
    return this.query(tenantId, { where: "c.type = 'reminder'", parameters: [] }, pairId);
  }

  /**
   * Up to `limit` reminders of any tenant that may be sent at `nowIso`: planned and due, or claimed by
   * a worker whose lease ran out (it crashed or stalled mid-send).
   */
  due(nowIso: string, limit: number): Promise<Stored<ReminderDoc>[]> {
    return this.queryEveryTenant<Stored<ReminderDoc>>(
      {
        where:
          "c.type = 'reminder' AND ((c.state = 'planned' AND c.sendAt <= @now) OR (c.state = 'claimed' AND c.leaseUntil <= @now))",
        parameters: [{ name: '@now', value: nowIso }],
      },
      '*',
      undefined,
      limit,
    );
  }
}

/** One pair's reminders: one single-partition query. */
export function remindersOfPair(store: Store, tenantId: string, pairId: string): Promise<ReminderDoc[]> {
  return store.reminders.ofPair(tenantId, pairId);
}

export function reminderSettingsId(tenantId: string): string {
  return `settings-${tenantId}`;
}

export async function findReminderSettings(
  store: Store,
  tenantId: string,
  userId: string,
): Promise<Stored<ReminderSettingsDoc> | undefined> {
  const doc = await store.reminderSettings.find({ tenantId, userId }, reminderSettingsId(tenantId));
  return doc?.userId === userId ? doc : undefined;
}

export function createReminderSettings(store: Store, doc: ReminderSettingsDoc): Promise<Stored<ReminderSettingsDoc>> {
  return store.reminderSettings.create(doc);
}

export function replaceReminderSettings(
  store: Store,
  doc: ReminderSettingsDoc,
  ifMatch: string,
): Promise<Stored<ReminderSettingsDoc>> {
  return store.reminderSettings.replace(doc, ifMatch);
}
