// The agenda card's in-place action (Universal Actions, Action.Execute verb `agenda.tick`): load →
// authorize with the policy module → agendaItemUpdater with the session's ETag → the refreshed card.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { agendaItemUpdater } from '../commands/agendaEditor';
import { onFreshCopy } from '../commands/concurrentChange';
import { AppError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import { pairRoleOf, type Caller, type SessionDoc } from '../domain/model';
import { abilities, authorize, loadPair, loadPairItem } from '../policies';
import type { Store } from '../store/database';
import { wordsFor } from '../i18n/messages';
import { ADAPTIVE_CARD_CONTENT_TYPE, agendaCard, type AdaptiveCard } from './cards';

const id = z.string().min(1).max(LIMITS.idLength);
export const agendaTickData = z.object({ pairId: id, sessionId: id, itemId: id, done: z.boolean() });

const MAX_ATTEMPTS = 3;

/** An Universal Actions error: the client shows the message and keeps the card as it was. */
export function invokeError(
  statusCode: 400 | 403 | 404 | 412 | 500,
  code: string,
  message: string,
): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

/**
 * The access path's refusal as the card's answer, with the API's status: 404 where the caller may not
 * even read the item (another pair's, another tenant's, missing), 403 where they may read but not act.
 */
export async function withAccess(
  messages: { notFound: string; forbidden: string },
  act: () => Promise<AdaptiveCardInvokeResponse>,
): Promise<AdaptiveCardInvokeResponse> {
  try {
    return await act();
  } catch (error) {
    if (error instanceof AppError && error.code === 'not-found') return invokeError(404, 'NotFound', messages.notFound);
    if (error instanceof AppError && error.code === 'forbidden')
      return invokeError(403, 'Forbidden', messages.forbidden);
    throw error;
  }
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

/** The tick, answered in the language of the person who pressed it (`locale`: the activity's). */
export async function agendaTicker(
  store: Store,
  caller: Caller,
  data: unknown,
  timeZone: string,
  locale?: string,
): Promise<AdaptiveCardInvokeResponse> {
  const { t } = wordsFor(locale);
  const parsed = agendaTickData.safeParse(data);
  if (!parsed.success) return invokeError(400, 'BadRequest', t('agenda.outOfDate'));
  const { pairId, sessionId, itemId, done } = parsed.data;
  return withAccess({ notFound: t('agenda.notFound'), forbidden: t('agenda.forbidden') }, async () => {
    const pair = await loadPair(store, caller, pairId);
    const viewerRole = pairRoleOf(pair, caller.userId)!;
    const load = () => loadPairItem(store, pair, 'session', sessionId);
    // Someone changed the session meanwhile: setting `done` again on a fresh read means the same thing.
    return onFreshCopy(
      await load(),
      load,
      async (session) => {
        authorize(caller, 'updateAgendaItem', { kind: 'session', session, pair });
        const refreshed = (s: SessionDoc, notice?: string) =>
          cardResponse(
            agendaCard({
              pair,
              viewerRole,
              session: s,
              timeZone,
              ...(locale ? { locale } : {}),
              canTick: abilities(caller, { kind: 'session', session: s, pair }).updateAgendaItem === true,
              ...(notice ? { notice } : {}),
            }),
          );
        const item = session.agenda.find((i) => i.id === itemId);
        if (!item) return refreshed(session, t('agenda.itemGone'));
        if (item.done === done) return refreshed(session);
        const saved = await agendaItemUpdater(store, session, itemId, { done }, session._etag);
        return refreshed(saved.session);
      },
      MAX_ATTEMPTS,
    );
  });
}
