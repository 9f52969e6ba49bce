import { createHash } from 'node:crypto';
import { conflict } from '../domain/errors';
import type { Caller, MeetingLinkDoc, PairDoc } from '../domain/model';
import type { Store } from '../store/database';
import { nowIso } from './ids';

/** Teams meeting ids may hold characters Cosmos DB ids may not; the link's id is a tenant-scoped hash. */
export function meetingLinkId(tenantId: string, meetingId: string): string {
  return createHash('sha256').update(`${tenantId}\n${meetingId}`).digest('hex');
}

/** Ties a Teams meeting to a pair (and a session). A meeting already tied to another pair stays as it is. */
export async function meetingLinker(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  props: { meetingId: string; sessionId?: string },
): Promise<MeetingLinkDoc> {
  const id = meetingLinkId(pair.tenantId, props.meetingId);
  const existing = await store.meetingLinks.find({ tenantId: pair.tenantId, id }, id);
  if (existing && existing.pairId !== pair.id)
    throw conflict('This meeting is already linked to another pair. Use a separate meeting for each pair.');
  const now = nowIso();
  return store.meetingLinks.upsert({
    id,
    type: 'meetingLink',
    tenantId: pair.tenantId,
    meetingId: props.meetingId,
    pairId: pair.id,
    ...(props.sessionId ? { sessionId: props.sessionId } : {}),
    linkedBy: caller.userId,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
}
