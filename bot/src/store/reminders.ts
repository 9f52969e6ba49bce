// Reminders live in their own container (partition key pairId): planning reads and writes one pair's
// partition; the scheduler's due query is the one cross-tenant read in the app (it sends, never shows).
// Reminder settings live in the `people` container next to the user's conversation reference.
import type { Container } from '@azure/cosmos';
import type { ReminderDoc, ReminderSettingsDoc } from '../domain/reminders';
import { Collection, translateStoreError } from './collection';
import type { Store } from './database';
import { recordRoundTrip } from './metrics';

export class ReminderCollection extends Collection<ReminderDoc> {
  constructor(private readonly reminderContainer: Container, timeoutMs: number, etagsAreBare: boolean) {
    super(reminderContainer, 'pairId', timeoutMs, etagsAreBare);
  }

  /**
   * Up to `limit` reminders of any tenant that may be sent at `nowIso`: planned and due, or claimed by
   * a worker whose lease ran out (it crashed or stalled mid-send).
   */
  async due(nowIso: string, limit: number): Promise<ReminderDoc[]> {
    const query = {
      query: `SELECT * FROM c WHERE c.type = 'reminder' AND ((c.state = 'planned' AND c.sendAt <= @now) OR (c.state = 'claimed' AND c.leaseUntil <= @now))`,
      parameters: [{ name: '@now', value: nowIso }],
    };
    const iterator = this.reminderContainer.items.query<ReminderDoc>(query, { maxItemCount: limit });
    const found: ReminderDoc[] = [];
    while (iterator.hasMoreResults() && found.length < limit) {
      try {
        const page = await iterator.fetchNext();
        recordRoundTrip(page.requestCharge);
        found.push(...(page.resources ?? []));
      } catch (error) {
        throw translateStoreError(error);
      }
    }
    return found.slice(0, limit).map((r) => {
      const { _rid, _self, _ts, _attachments, ...doc } = r as ReminderDoc & Record<string, unknown>;
      return { ...doc, ...(doc._etag && !doc._etag.startsWith('"') ? { _etag: `"${doc._etag}"` } : {}) } as ReminderDoc;
    });
  }
}

/** One pair's reminders: one single-partition query. */
export function remindersOfPair(store: Store, tenantId: string, pairId: string): Promise<ReminderDoc[]> {
  return store.reminders.query(tenantId, { where: "c.type = 'reminder'", parameters: [] }, pairId);
}

export function reminderSettingsId(tenantId: string): string {
  return `settings-${tenantId}`;
}

function settingsCollection(store: Store): Collection<ReminderSettingsDoc> {
  return store.people as unknown as Collection<ReminderSettingsDoc>;
}

export async function findReminderSettings(store: Store, tenantId: string, userId: string): Promise<ReminderSettingsDoc | undefined> {
  const doc = await settingsCollection(store).find(tenantId, userId, reminderSettingsId(tenantId));
  return doc?.type === 'reminderSettings' && doc.userId === userId ? doc : undefined;
}

export function createReminderSettings(store: Store, doc: ReminderSettingsDoc): Promise<ReminderSettingsDoc> {
  return settingsCollection(store).create(doc);
}

export function replaceReminderSettings(store: Store, doc: ReminderSettingsDoc, ifMatch: string): Promise<ReminderSettingsDoc> {
  return settingsCollection(store).replace(doc, ifMatch);
}
