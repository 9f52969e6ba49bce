// Who an activity comes from and where to answer: the caller is (tenant, aadObjectId), as for tokens;
// never a display name or the channel-specific user id.
import { TurnContext, type Activity } from 'botbuilder';
import { LIMITS } from '../domain/limits';
import type { Caller, StoredConversationReference } from '../domain/model';

const DIRECTORY_ID = new RegExp(`^[A-Za-z0-9._-]{1,${LIMITS.idLength}}$`);
const LOCALE_TAG = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,5}$/;

/** The tenant from the conversation or Teams channel data; undefined when missing, malformed or contradictory. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const candidates = [fromConversation, fromChannelData].filter((t): t is string => typeof t === 'string' && t !== '');
  const [tenantId] = candidates;
  if (!tenantId || candidates.some((t) => t.toLowerCase() !== tenantId.toLowerCase()) || !DIRECTORY_ID.test(tenantId))
    return undefined;
  // Lower case, as the token verifier makes it: documents are stored under one form of the tenant id.
  return tenantId.toLowerCase();
}

/** The caller an activity speaks for, or undefined when it does not name a directory user and tenant. */
export function callerOfActivity(activity: Partial<Activity>): Caller | undefined {
  const tenantId = tenantOf(activity);
  const userId = activity.from?.aadObjectId;
  if (!tenantId || !userId || !DIRECTORY_ID.test(userId)) return undefined;
  return { tenantId, userId, name: activity.from?.name ?? '', roles: [] };
}

/** Pair content is confidential: only the user's personal chat with the bot may show it. */
export function isPersonalChat(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'personal';
}

/** The client's IANA time zone (`localTimezone`) when it is one this runtime knows, else UTC. */
export function timeZoneOf(activity: Partial<Activity>): string {
  const zone = activity.localTimezone;
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** The conversation reference to store: what a proactive send needs, without display names. */
export function storedReferenceOf(activity: Partial<Activity>): StoredConversationReference {
  const ref = TurnContext.getConversationReference(activity);
  const conversation = ref.conversation!;
  return {
    channelId: ref.channelId ?? 'msteams',
    serviceUrl: ref.serviceUrl ?? '',
    conversation: {
      id: conversation.id,
      ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}),
      ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
    },
    user: { id: ref.user?.id ?? '', ...(ref.user?.aadObjectId ? { aadObjectId: ref.user.aadObjectId } : {}) },
    bot: { id: ref.bot?.id ?? '' },
    // The reader's language for later proactive messages: kept only when it looks like a BCP 47 tag.
    ...(ref.locale && LOCALE_TAG.test(ref.locale) ? { locale: ref.locale } : {}),
  };
}
