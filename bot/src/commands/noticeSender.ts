// Queues a notice for one person (domain/activities.ts): a `notice` reminder due now (after their quiet
// hours), which the reminder run sends through the activity feed, or through the bot when the feed cannot
// take it, and records like every reminder (sent / failed with the reason, and which channel). The id is
// derived from what the notice is about, so repeating the action that caused it queues it once.
import { AlreadyExists } from '../domain/errors';
import type { ActivityNotice } from '../domain/activities';
import type { PairDoc } from '../domain/model';
import { NOTICE, outsideQuietHours, reminderId, type ReminderDoc } from '../domain/reminders';
import type { Store } from '../store/database';
import { recipientPreferences } from './reminderPlanner';

export interface NoticeProps {
  pair: Pick<PairDoc, 'tenantId' | 'id' | 'programId'>;
  recipientId: string;
  notice: ActivityNotice;
  /** What the notice is about, unique per occurrence (a takeaway's id, a session's id and new time, …). */
  about: string;
}

export async function noticeSender(
  store: Store,
  { pair, recipientId, notice, about }: NoticeProps,
  now = Date.now(),
): Promise<void> {
  const prefs = await recipientPreferences(store, pair.tenantId, recipientId);
  const at = new Date(now).toISOString();
  const subjectId = `${notice.type}:${about}`;
  const doc: ReminderDoc = {
    id: reminderId(pair.tenantId, pair.id, NOTICE, subjectId, recipientId),
    type: 'reminder',
    tenantId: pair.tenantId,
    pairId: pair.id,
    programId: pair.programId,
    recipientId,
    kind: NOTICE,
    subjectId,
    plannedFor: about,
    dueAt: at,
    sendAt: new Date(outsideQuietHours(prefs.timeZone, prefs.quietHours, now, now)).toISOString(),
    timeZone: prefs.timeZone,
    state: 'planned',
    attempts: 0,
    notice,
    createdAt: at,
    updatedAt: at,
  };
  await store.reminders.create(doc).catch((error: unknown) => {
    // Queued already: the same action repeated.
    if (!(error instanceof AlreadyExists)) throw error;
  });
}
