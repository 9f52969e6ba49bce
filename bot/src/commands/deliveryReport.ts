// Per-person delivery health for a programme admin: can the bot reach them, when did a reminder last
// arrive, what last failed and how to fix it. No content: reminder states and reasons only.
import { fixFor } from '../domain/reminders';
import type { ProgramDoc } from '../domain/model';
import { findConversationReference } from '../store/conversations';
import type { Store } from '../store/database';
import type { ParticipantDoc } from '../domain/model';
import { participantsPage, type PageOf } from '../store/queries';
import { deliveryOutcomeOf } from '../store/deliveryOutcomes';

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
 * their delivery health: each person's delivery outcome and conversation reference (point reads in their partition).
 */
export async function deliveryReport(
  store: Store,
  program: ProgramDoc,
  query: { q?: string; userIds?: string[] } & PageOf,
): Promise<{ people: DeliveryHealth[]; continuation?: string }> {
  const page = await participantsPage(store, program, query);
  const participants: ParticipantDoc[] = page.items;
  const people: DeliveryHealth[] = [];
  for (let i = 0; i < participants.length; i += PARALLEL_READS) {
    const slice = participants.slice(i, i + PARALLEL_READS);
    // Two point reads per person, both in their own partition: the conversation reference and the delivery outcome.
    const [references, outcomes] = await Promise.all([
      Promise.all(slice.map((p) => findConversationReference(store, program.tenantId, p.userId))),
      Promise.all(slice.map((p) => deliveryOutcomeOf(store, program.tenantId, program.id, p.userId))),
    ]);
    slice.forEach((p, j) => {
      const reference = references[j];
      const lastDeliveredAt = outcomes[j]?.lastDeliveredAt;
      let lastFailure = outcomes[j]?.lastFailure;
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
