// The agenda card's in-place action (Universal Actions, Action.Execute verb `agenda.tick`): load →
// authorize with the policy module → agendaItemUpdater with the session's ETag → the refreshed card.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { agendaItemUpdater } from '../commands/agendaEditor';
import { onFreshCopy } from '../commands/concurrentChange';
import { LIMITS } from '../domain/limits';
import { pairRoleOf, type Caller, type SessionDoc } from '../domain/model';
import { can } from '../policies';
import type { Store } from '../store/database';
import { ADAPTIVE_CARD_CONTENT_TYPE, agendaCard, type AdaptiveCard } from './cards';

const id = z.string().min(1).max(LIMITS.idLength);
export const agendaTickData = z.object({ pairId: id, sessionId: id, itemId: id, done: z.boolean() });

const MAX_ATTEMPTS = 3;

/** An Universal Actions error: the client shows the message and keeps the card as it was. */
export function invokeError(statusCode: 400 | 403 | 404 | 412 | 500, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

// The same answer for a pair that does not exist, is another tenant's, or is not the caller's.
const NOT_AVAILABLE = () => invokeError(403, 'Forbidden', 'This agenda is not available to you.');

export async function agendaTicker(store: Store, caller: Caller, data: unknown, timeZone: string): Promise<AdaptiveCardInvokeResponse> {
  const parsed = agendaTickData.safeParse(data);
  if (!parsed.success) return invokeError(400, 'BadRequest', 'This card is out of date. Type agenda to get a new one.');
  const { pairId, sessionId, itemId, done } = parsed.data;

  const pair = await store.pairs.find(caller.tenantId, pairId, pairId);
  if (pair?.type !== 'pair' || !can(caller, 'read', { kind: 'pair', pair })) return NOT_AVAILABLE();
  const viewerRole = pairRoleOf(pair, caller.userId)!;

  const load = async () => {
    const found = await store.pairs.find(caller.tenantId, pairId, sessionId);
    return found?.type === 'session' ? found : undefined;
  };
  // Someone changed the session meanwhile: setting `done` again on a fresh read means the same thing.
  return onFreshCopy(await load(), load, async (session: SessionDoc | undefined) => {
    if (!session) return invokeError(404, 'NotFound', 'This session no longer exists. Type agenda to see the next one.');
    if (!can(caller, 'read', { kind: 'session', session, pair })) return NOT_AVAILABLE();
    const refreshed = (s: SessionDoc, notice?: string) =>
      cardResponse(agendaCard({
        pair, viewerRole, session: s, timeZone,
        canTick: can(caller, 'updateAgendaItem', { kind: 'session', session: s, pair }),
        ...(notice ? { notice } : {}),
      }));
    if (!can(caller, 'updateAgendaItem', { kind: 'session', session, pair }))
      return invokeError(403, 'Forbidden', 'This pair has ended: its agenda can no longer be changed.');
    const item = session.agenda.find((i) => i.id === itemId);
    if (!item) return refreshed(session, 'That item is no longer on the agenda.');
    if (item.done === done) return refreshed(session);
    const saved = await agendaItemUpdater(store, session, itemId, { done }, session._etag ?? '');
    return refreshed(saved.session);
  }, MAX_ATTEMPTS);
}
