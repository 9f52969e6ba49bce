import type { Caller, PairDoc, SessionBooking, SessionDoc } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { newId, nowIso } from './ids';
import { meetingLinker } from './meetingLinker';
import { reminderPlanner } from './reminderPlanner';

export interface SessionProps {
  scheduledAt: string;
  durationMinutes: number;
  meetingId?: string;
  joinUrl?: string;
  /** The calendar event a booking made (commands/sessionBooker.ts). */
  booking?: SessionBooking;
}

/** Schedules a session; stores the time in UTC and links the Teams meeting when one is given. */
export async function sessionScheduler(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  props: SessionProps,
  idempotencyKey?: string,
): Promise<Stored<SessionDoc>> {
  const id = newId(caller, `session:${pair.id}`, idempotencyKey);
  const now = nowIso();
  const session: SessionDoc = {
    id,
    type: 'session',
    tenantId: pair.tenantId,
    pairId: pair.id,
    programId: pair.programId,
    scheduledAt: new Date(props.scheduledAt).toISOString(),
    durationMinutes: props.durationMinutes,
    ...(props.meetingId ? { meetingId: props.meetingId } : {}),
    ...(props.joinUrl ? { joinUrl: props.joinUrl } : {}),
    ...(props.booking ? { booking: props.booking } : {}),
    status: 'scheduled',
    agenda: [],
    createdBy: caller.userId,
    createdAt: now,
    updatedAt: now,
  };
  const saved = await store.sessions.create(session, { idempotencyKey });
  // A series shares one meeting: linked to the pair alone, the side panel opens the next of its sessions.
  if (saved.meetingId)
    await meetingLinker(store, caller, pair, {
      meetingId: saved.meetingId,
      ...(saved.booking?.seriesId ? {} : { sessionId: saved.id }),
    });
  await reminderPlanner(store, pair.tenantId, pair.id);
  return saved;
}
