// Teams meeting start/end events for a meeting linked to a session: the session is recorded as held
// with its real start, end and duration, and the pair's reminders are re-planned (the after-session
// nudge follows the real end). Events for meetings linked to no session are ignored.
import type { SessionDoc } from '../domain/model';
import type { Store } from '../store/database';
import { onFreshCopy } from './concurrentChange';
import { nowIso } from './ids';
import { meetingLinkId } from './meetingLinker';
import { reminderPlanner } from './reminderPlanner';

export interface MeetingEvent {
  tenantId: string;
  meetingId: string;
  kind: 'start' | 'end';
  /** When Teams says it happened (ISO 8601). */
  at: string;
}

export async function meetingEventRecorder(store: Store, event: MeetingEvent): Promise<SessionDoc | undefined> {
  const linkId = meetingLinkId(event.tenantId, event.meetingId);
  const link = await store.meetingLinks.find({ tenantId: event.tenantId, id: linkId }, linkId);
  const sessionId = link?.sessionId;
  if (!sessionId) return undefined;
  const load = () => store.sessions.find({ tenantId: event.tenantId, pairId: link.pairId }, sessionId);
  const saved = await onFreshCopy(await load(), load, async (session) => {
    if (!session || session.status === 'cancelled') return undefined;
    const next: SessionDoc = { ...session, updatedAt: nowIso() };
    if (event.kind === 'start') next.startedAt = event.at;
    else {
      next.endedAt = event.at;
      // The real duration is endedAt − startedAt; durationMinutes stays what was planned.
      next.status = 'held';
    }
    return store.sessions.replace(next, session._etag);
  });
  if (saved && event.kind === 'end') await reminderPlanner(store, event.tenantId, link.pairId);
  return saved;
}
