// Per-person delivery health for a programme admin: can the bot reach them, when did a reminder last
// arrive, what last failed and how to fix it. No content: reminder states and reasons only.
import { fixFor } from '../domain/reminders';
import type { ProgramDoc } from '../domain/model';
import { findConversationReference } from '../store/conversations';
import type { Store } from '../store/database';
import { programParticipants } from '../store/queries';
import { deliveryOutcomes } from '../store/reminders';

export interface DeliveryHealth {
  userId: string;
  name: string;
  reachable: boolean;
  lastDeliveredAt?: string;
  lastFailure?: { at: string; reason: string; fix: string };
}

const PARALLEL_READS = 20;

export async function deliveryReport(store: Store, program: ProgramDoc): Promise<{ people: DeliveryHealth[] }> {
  const [participants, outcomes] = await Promise.all([programParticipants(store, program), deliveryOutcomes(store, program.tenantId, program.id)]);
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
  people.sort((a, b) => Number(a.reachable) - Number(b.reachable) || a.name.localeCompare(b.name));
  return { people };
}
