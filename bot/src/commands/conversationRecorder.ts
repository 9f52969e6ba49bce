// Keeps one conversation reference per (tenant, user) current: installs, activities from a new
// serviceUrl, uninstalls, and the one welcome. Every write is guarded (a create finds AlreadyExists, a
// replace StaleWrite) and retried on a fresh read, so the install events Teams sends together cannot both welcome.
import type { ConversationReferenceDoc, StoredConversationReference } from '../domain/model';
import {
  conversationReferenceId,
  createConversationReference,
  findConversationReference,
  replaceConversationReference,
} from '../store/conversations';
import type { Store } from '../store/database';
import { retryOnStale } from './concurrentChange';
import { nowIso } from './ids';

const MAX_ATTEMPTS = 5;

export interface ConversationSighting {
  tenantId: string;
  /** The user's directory id (aadObjectId). */
  userId: string;
  reference: StoredConversationReference;
  /** Present when the activity's Bot Framework token named the reference's serviceUrl. */
  authenticatedBy?: 'botFrameworkToken';
  /** IANA time zone from the activity, if the client sent one. */
  timeZone?: string;
}

type Change = (current: ConversationReferenceDoc) => ConversationReferenceDoc | undefined;

/**
 * Reads, applies `change` (undefined = nothing to write) and replaces with the ETag read; a missing
 * document is created by `create` when given. Retries with a fresh read when another writer got there first.
 */
async function mutate(
  store: Store,
  tenantId: string,
  userId: string,
  change: Change,
  create?: () => ConversationReferenceDoc,
): Promise<{ doc: ConversationReferenceDoc | undefined; changed: boolean }> {
  return retryOnStale(async () => {
    const current = await findConversationReference(store, tenantId, userId);
    if (!current) {
      if (!create) return { doc: undefined, changed: false };
      return { doc: await createConversationReference(store, create()), changed: true };
    }
    const next = change(current);
    if (!next) return { doc: current, changed: false };
    return {
      doc: await replaceConversationReference(store, { ...next, updatedAt: nowIso() }, current._etag),
      changed: true,
    };
  }, MAX_ATTEMPTS);
}

const sameReference = (a: StoredConversationReference, b: StoredConversationReference) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Records that the user can be reached at this reference (an install, or any activity from them):
 * creates the document, brings in a newer serviceUrl or conversation, and revives an uninstalled one.
 * Writes only when something changed.
 */
export async function conversationRecorder(
  store: Store,
  sighting: ConversationSighting,
): Promise<ConversationReferenceDoc> {
  const now = nowIso();
  const { doc } = await mutate(
    store,
    sighting.tenantId,
    sighting.userId,
    (current) => {
      const timeZone = sighting.timeZone ?? current.timeZone;
      if (
        current.status === 'installed' &&
        sameReference(current.reference, sighting.reference) &&
        timeZone === current.timeZone &&
        current.authenticatedBy === sighting.authenticatedBy
      )
        return undefined;
      const { uninstalledAt: _gone, unreachableReason: _reachableAgain, ...rest } = current;
      // How the serviceUrl was learned is this sighting's, never an earlier one's.
      const { authenticatedBy: _earlier, ...kept } =
        current.status === 'installed' ? current : { ...rest, status: 'installed' as const, installedAt: now };
      return {
        ...kept,
        reference: sighting.reference,
        ...(sighting.authenticatedBy ? { authenticatedBy: sighting.authenticatedBy } : {}),
        ...(timeZone ? { timeZone } : {}),
      };
    },
    () => ({
      id: conversationReferenceId(sighting.tenantId),
      type: 'conversationReference',
      tenantId: sighting.tenantId,
      userId: sighting.userId,
      reference: sighting.reference,
      ...(sighting.authenticatedBy ? { authenticatedBy: sighting.authenticatedBy } : {}),
      status: 'installed',
      installedAt: now,
      ...(sighting.timeZone ? { timeZone: sighting.timeZone } : {}),
      createdAt: now,
      updatedAt: now,
    }),
  );
  return doc!;
}

/** Marks the reference dead after an uninstall, so later sends skip it. Nothing stored: nothing to do. */
export async function uninstallRecorder(
  store: Store,
  tenantId: string,
  userId: string,
): Promise<ConversationReferenceDoc | undefined> {
  const { doc } = await mutate(store, tenantId, userId, (current) =>
    current.status === 'uninstalled' ? undefined : { ...current, status: 'uninstalled', uninstalledAt: nowIso() },
  );
  return doc;
}

/**
 * Claims the one welcome of this user: true for exactly one caller, ever (the claim is written before
 * the card is sent). A failed send gives it back with `welcomeReleaser`.
 */
export async function welcomeClaimer(store: Store, tenantId: string, userId: string): Promise<boolean> {
  const { changed } = await mutate(store, tenantId, userId, (current) =>
    current.welcomedAt ? undefined : { ...current, welcomedAt: nowIso() },
  );
  return changed;
}

/** Gives a claimed welcome back after its send failed, so the next install event tries again. */
export async function welcomeReleaser(store: Store, tenantId: string, userId: string): Promise<void> {
  await mutate(store, tenantId, userId, (current) => {
    if (!current.welcomedAt) return undefined;
    const { welcomedAt: _released, ...rest } = current;
    return rest;
  });
}

/**
 * Stops proactive sends to a user after Teams answered that they cannot be reached (blocked, removed,
 * chat gone, app disabled); their next activity (conversationRecorder) makes them reachable again.
 */
export async function markUnreachable(
  store: Store,
  tenantId: string,
  userId: string,
  reason: string,
): Promise<ConversationReferenceDoc | undefined> {
  const { doc } = await mutate(store, tenantId, userId, (current) =>
    current.status === 'uninstalled' && current.unreachableReason === reason
      ? undefined
      : {
          ...current,
          status: 'uninstalled',
          uninstalledAt: current.uninstalledAt ?? nowIso(),
          unreachableReason: reason,
        },
  );
  return doc;
}
