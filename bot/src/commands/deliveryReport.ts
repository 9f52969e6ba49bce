// Per-person delivery health for a programme admin: can the bot reach them, when did a reminder last
// arrive, what last failed and how to fix it. No content: reminder states and reasons only.
import { fixFor } from '../domain/reminders';
import type { ProgramDoc } from '../domain/model';
import { findConversationReference } from '../store/conversations';
import type { Store } from '../store/database';
import type { ParticipantDoc } from '../domain/model';
import { participantsPage, type PageOf } from '../store/queries';
import { deliveryOutcomesOf } from '../store/reminders';

export interface DeliveryHealth {
  userId: string;
  name: string;
  reachable: boolean;
  lastDeliveredAt?: string;
  lastFailure?: { at: string; reason: string; fix: string };
}

const PARALLEL_READS = 20;

/**
 * A page of participants by name (search `q` in name and email, or only the people in `userIds`), each with
 * their delivery health: reminder outcomes and conversation references of that page's people only.
 */
export async function deliveryReport(
  store: Store, program: ProgramDoc, query: { q?: string; userIds?: string[] } & PageOf,
): Promise<{ people: DeliveryHealth[]; continuation?: string }> {
  const page = await participantsPage(store, program, query);
  const participants: ParticipantDoc[] = page.items;
  const outcomes = await deliveryOutcomesOf(store, program.tenantId, program.id, participants.map((p) => p.userId));
  const delivered = new Map<string, string>();
  const failed = new Map<string, { at: string; reason: string }>();
  for (const o of outcomes) {
    if (!o.outcome) continue;
    if (o.state === 'sent' && (delivered.get(o.recipientId) ?? '') < o.outcome.at) delivered.set(o.recipientId, o.outcome.at);
    if (o.state === 'failed' && (failed.get(o.recipientId)?.at ?? '') < o.outcome.at)
      failed.set(o.recipientId, { at: o.outcome.at, reason: o.outcome.reason ?? 'Unknown' });
  }
  const people: DeliveryHealth[] = [];
  for (let i = 0; i < participants.length; i += PARALLEL_READS) {
    const slice = participants.slice(i, i + PARALLEL_READS);
    const references = await Promise.all(slice.map((p) => findConversationReference(store, program.tenantId, p.userId)));
    slice.forEach((p, j) => {
      const reference = references[j];
      const lastDeliveredAt = delivered.get(p.userId);
      let lastFailure = failed.get(p.userId);
      // A failure older than the last delivery is history, not the person's state.
      if (lastFailure && lastDeliveredAt && lastFailure.at < lastDeliveredAt) lastFailure = undefined;
      people.push({
        userId: p.userId,
        name: p.name,
        reachable: reference?.status === 'installed',
        ...(lastDeliveredAt ? { lastDeliveredAt } : {}),
        ...(lastFailure ? { lastFailure: { ...lastFailure, fix: fixFor(lastFailure.reason) } } : {}),
      });
    });
  }
  return { people, ...(page.continuation ? { continuation: page.continuation } : {}) };
}
