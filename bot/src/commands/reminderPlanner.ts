// Recomputes one pair's reminders from its sessions, commitments, programme schedule and the members'
// settings, and writes only what changed. Ids are deterministic and every write is guarded (a create
// finds AlreadyExists, a replace StaleWrite), so concurrent planners of the same pair converge on one set of documents.
import {
  DEFAULT_QUIET_HOURS,
  NOTICE,
  cancelUnplanned,
  mergePlanned,
  planPairReminders,
  type RecipientPreferences,
  type ReminderDoc,
  type ReminderSettingsDoc,
} from '../domain/reminders';
import { assessmentAsksOf } from '../domain/assessments';
import type { CommitmentDoc, ConversationReferenceDoc, SessionDoc } from '../domain/model';
import { contentDeletionAt } from '../domain/retention';
import { findConversationReference } from '../store/conversations';
import type { Store } from '../store/database';
import { pairPlanningContent } from '../store/queries';
import { findReminderSettings } from '../store/reminders';
import { retryOnStale } from './concurrentChange';

const MAX_ATTEMPTS = 3;

/** The time zone and quiet hours a user's reminders are planned in: their settings, else what Teams reported, else UTC. */
export async function recipientPreferences(
  store: Store,
  tenantId: string,
  userId: string,
): Promise<RecipientPreferences> {
  const [settings, reference] = await Promise.all([
    findReminderSettings(store, tenantId, userId),
    findConversationReference(store, tenantId, userId),
  ]);
  return preferencesOf(userId, settings, reference);
}

/** The same, from documents already read. */
export function preferencesOf(
  userId: string,
  settings: ReminderSettingsDoc | undefined,
  reference: ConversationReferenceDoc | undefined,
): RecipientPreferences {
  return {
    userId,
    timeZone: settings?.timeZone ?? reference?.timeZone ?? 'UTC',
    quietHours: settings?.quietHours === null ? null : (settings?.quietHours ?? DEFAULT_QUIET_HOURS),
  };
}

export interface PlanResult {
  written: number;
  reminders: ReminderDoc[];
}

/** Plans (or re-plans) every reminder of one pair. Unknown pairs plan nothing. */
export async function reminderPlanner(
  store: Store,
  tenantId: string,
  pairId: string,
  now = Date.now(),
): Promise<PlanResult> {
  return retryOnStale(() => planOnce(store, tenantId, pairId, now), MAX_ATTEMPTS);
}

async function planOnce(store: Store, tenantId: string, pairId: string, now: number): Promise<PlanResult> {
  const pair = await store.pairDocs.findById(tenantId, pairId);
  if (!pair) return { written: 0, reminders: [] };
  const [content, program, existing, ...recipients] = await Promise.all([
    pairPlanningContent(store, tenantId, pairId),
    store.programDocs.findById(tenantId, pair.programId),
    store.reminders.ofPair(tenantId, pairId),
    recipientPreferences(store, tenantId, pair.mentor.id),
    recipientPreferences(store, tenantId, pair.mentee.id),
  ]);
  const sessions = content.filter((d): d is SessionDoc => d.type === 'session');
  const goalCount = content.filter((d) => d.type === 'goal').length;
  const planned = planPairReminders({
    pair: pair,
    cadenceDays: program?.cadenceDays ?? 14,
    ...(program?.reminderSchedule ? { schedule: program.reminderSchedule } : {}),
    sessions,
    commitments: content.filter((d): d is CommitmentDoc => d.type === 'commitment'),
    recipients,
    now,
    ...(program && pair.status === 'ended' ? { retentionDeletesAt: contentDeletionAt(program, pair) } : {}),
    ...(program ? { assessmentAsks: assessmentAsksOf(program, pair, sessions, recipients, goalCount, now) } : {}),
  });
  const stored = new Map(existing.map((r) => [r.id, r]));
  const wanted = new Set(planned.map((p) => p.id));
  const writes: Promise<ReminderDoc>[] = [];
  for (const p of planned) {
    const current = stored.get(p.id);
    const next = mergePlanned(current, p, now);
    if (next) writes.push(current ? store.reminders.replace(next, current._etag) : store.reminders.create(next));
  }
  for (const current of existing) {
    // Notices are queued by what happened, not planned from the pair's state.
    if (wanted.has(current.id) || current.kind === NOTICE) continue;
    const next = cancelUnplanned(current, now);
    if (next) writes.push(store.reminders.replace(next, current._etag));
  }
  const saved = await Promise.all(writes);
  const byId = new Map([...existing, ...saved].map((r) => [r.id, r]));
  return { written: saved.length, reminders: [...byId.values()] };
}

/** Re-plans every pair the user is in (after they change their time zone or quiet hours). */
export async function userReminderPlanner(
  store: Store,
  tenantId: string,
  pairIds: string[],
  now = Date.now(),
): Promise<void> {
  for (const pairId of pairIds) await reminderPlanner(store, tenantId, pairId, now);
}
