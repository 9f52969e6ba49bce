// A user's reminder settings (time zone, quiet hours, which reminders, a pause) and the per-reminder
// snooze. Settings writes are ETag-guarded and retried on a fresh read; a change of time zone or quiet
// hours re-plans the user's pairs so that planned reminders move with it.
import { DAY, HOUR, type QuietHours, type ReminderKind, type ReminderSettingsDoc } from '../domain/reminders';
import type { Caller } from '../domain/model';
import type { Store } from '../store/database';
import { membershipsOf } from '../store/queries';
import {
  createReminderSettings,
  findReminderSettings,
  reminderSettingsId,
  replaceReminderSettings,
} from '../store/reminders';
import { retryOnStale } from './concurrentChange';
import { nowIso } from './ids';
import { userReminderPlanner } from './reminderPlanner';

export interface SettingsChange {
  timeZone?: string;
  quietHours?: QuietHours | null;
  disabledKinds?: ReminderKind[];
  /** Pause all reminders for this many hours; 0 resumes. */
  pauseHours?: number;
}

const MAX_ATTEMPTS = 5;

export async function reminderSettingsWriter(
  store: Store,
  caller: Caller,
  change: SettingsChange,
): Promise<ReminderSettingsDoc> {
  return retryOnStale(async () => {
    const current = await findReminderSettings(store, caller.tenantId, caller.userId);
    const now = nowIso();
    const base: ReminderSettingsDoc = current ?? {
      id: reminderSettingsId(caller.tenantId),
      type: 'reminderSettings',
      tenantId: caller.tenantId,
      userId: caller.userId,
      disabledKinds: [],
      createdAt: now,
      updatedAt: now,
    };
    const next: ReminderSettingsDoc = { ...base, updatedAt: now };
    if (change.timeZone !== undefined) next.timeZone = change.timeZone;
    if (change.quietHours !== undefined) next.quietHours = change.quietHours;
    if (change.disabledKinds !== undefined) next.disabledKinds = [...new Set(change.disabledKinds)];
    if (change.pauseHours !== undefined) {
      if (change.pauseHours > 0) next.snoozedUntil = new Date(Date.now() + change.pauseHours * HOUR).toISOString();
      else delete next.snoozedUntil;
    }
    const saved = current
      ? await replaceReminderSettings(store, next, current._etag)
      : await createReminderSettings(store, next);
    const timingChanged =
      (change.timeZone !== undefined && change.timeZone !== current?.timeZone) ||
      (change.quietHours !== undefined && JSON.stringify(change.quietHours) !== JSON.stringify(current?.quietHours));
    if (timingChanged) await replanUser(store, caller);
    return saved;
  }, MAX_ATTEMPTS);
}

/** Re-plans every pair the user is in (their time zone or quiet hours changed). */
export async function replanUser(store: Store, caller: Caller): Promise<void> {
  const memberships = (await membershipsOf(store, caller)).filter((m) => m.status === 'active');
  await userReminderPlanner(
    store,
    caller.tenantId,
    memberships.map((m) => m.pairId),
  );
}

/** Sends a reminder the user received again later ("Remind me in an hour"). Only their own, at most a week of snoozing. */
export async function reminderSnoozer(
  store: Store,
  caller: Caller,
  pairId: string,
  reminderId: string,
  hours = 1,
): Promise<'snoozed' | 'notFound'> {
  const reminder = await store.reminders.find(caller.tenantId, pairId, reminderId);
  if (!reminder || reminder.recipientId !== caller.userId) return 'notFound';
  if (reminder.state === 'planned' || reminder.state === 'claimed') return 'snoozed';
  const until = Date.now() + Math.min(hours * HOUR, 7 * DAY);
  const { outcome: _o, ...rest } = reminder;
  await store.reminders.replace(
    {
      ...rest,
      state: 'planned',
      sendAt: new Date(until).toISOString(),
      snoozedUntil: new Date(until).toISOString(),
      attempts: 0,
      updatedAt: nowIso(),
    },
    reminder._etag,
  );
  return 'snoozed';
}
