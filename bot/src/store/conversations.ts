// Conversation references for the bot, stored in the `people` container next to the user's memberships
// (partition key userId). One document per (tenant, user): the id carries the tenant, so the same
// directory id in two tenants never shares a document.
import type { ConversationReferenceDoc } from '../domain/model';
import type { Stored } from './collection';
import type { Store } from './database';

export function conversationReferenceId(tenantId: string): string {
  return `conversation-${tenantId}`;
}

/** One point read; another tenant's document, or a membership, reads as missing. */
export async function findConversationReference(
  store: Store,
  tenantId: string,
  userId: string,
): Promise<Stored<ConversationReferenceDoc> | undefined> {
  const doc = await store.conversationReferences.find({ tenantId, userId }, conversationReferenceId(tenantId));
  return doc?.userId === userId ? doc : undefined;
}

/** The reference to send to, or undefined when the user never installed the app or has uninstalled it. */
export async function reachableConversationReference(
  store: Store,
  tenantId: string,
  userId: string,
): Promise<Stored<ConversationReferenceDoc> | undefined> {
  const doc = await findConversationReference(store, tenantId, userId);
  return doc?.status === 'installed' ? doc : undefined;
}

/** Creates the document; a concurrent first write of the same user gives AlreadyExists. */
export function createConversationReference(
  store: Store,
  doc: ConversationReferenceDoc,
): Promise<Stored<ConversationReferenceDoc>> {
  return store.conversationReferences.create(doc);
}

/** Replaces the document if it is unchanged since `ifMatch` was read; otherwise StaleWrite. */
export function replaceConversationReference(
  store: Store,
  doc: ConversationReferenceDoc,
  ifMatch: string,
): Promise<Stored<ConversationReferenceDoc>> {
  return store.conversationReferences.replace(doc, ifMatch);
}
