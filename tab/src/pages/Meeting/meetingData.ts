// Which pair and session the meeting belongs to, and the pair's content kept fresh by polling.
import type { ApiClient } from '../../api/client';
import type { MeetingLink, PairDashboard, Session } from '../../api/types';
import { useResource } from '../../hooks/useResource';
import { usePolled } from './usePolled';

/** The linked session, else the pair's next one. */
export function linkedSession(dashboard: PairDashboard, sessionId: string | null): Session | undefined {
  const all = [...(dashboard.nextSession ? [dashboard.nextSession] : []), ...dashboard.sessions];
  return (sessionId ? all.find((s) => s.id === sessionId) : undefined) ?? dashboard.nextSession ?? undefined;
}

/** The caller's own user id in the pair. */
export function myId(dashboard: PairDashboard): string {
  return dashboard.pair.role === 'mentee' ? dashboard.pair.mentee.id : dashboard.pair.mentor.id;
}

export function partnerOf(dashboard: PairDashboard): { id: string; name: string } {
  return dashboard.pair.role === 'mentee' ? dashboard.pair.mentor : dashboard.pair.mentee;
}

export function useMeetingData(api: ApiClient, meetingId: string) {
  const link = useResource(
    () => api.get<MeetingLink>(`/api/meetings/${encodeURIComponent(meetingId)}`),
    [api, meetingId],
  );
  const dashboard = usePolled<PairDashboard>(api, link.data ? `/api/pairs/${link.data.pairId}` : undefined);
  const session = dashboard.data && link.data ? linkedSession(dashboard.data, link.data.sessionId) : undefined;
  return { link, dashboard, session };
}
