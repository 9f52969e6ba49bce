// Development only: the demo pair's next session booked in the seeded calendar at start-up, with the Mentoring
// tab in its meeting chat, so that `npm start` shows a booked meeting (the dashboard, GET /api/dev/calendar).
// The seeded calendar lives in memory: booking again at every start finds the same meeting (its id and join
// link follow the session), and the session is written only when it does not carry that booking yet.
import { DEV_TENANT_ID } from '../domain/limits';
import { pickNextSession } from '../store/queries';
import type { BookingDeps } from './sessionBooker';
import { CHAT_PERMISSIONS } from './sessionBooker';
import { meetingLinker } from './meetingLinker';
import { nowIso } from './ids';

export async function demoBookingSeeder(deps: BookingDeps, pairId: string): Promise<void> {
  const { store, calendar } = deps;
  if (calendar?.kind !== 'seeded') return;
  const pair = await store.pairDocs.findById(DEV_TENANT_ID, pairId);
  if (!pair) return;
  const sessions = await store.sessions.query(
    DEV_TENANT_ID,
    { where: 'c.pairId = @pairId', parameters: [{ name: '@pairId', value: pairId }] },
    pairId,
  );
  const next = pickNextSession(sessions, new Date());
  if (!next) return;
  const organizer = {
    tenantId: DEV_TENANT_ID,
    userId: pair.mentor.id,
    name: pair.mentor.name,
    roles: [],
    accessToken: 'development',
  };
  const booked = await calendar.book(organizer, {
    subject: `Reverse mentoring: ${pair.mentor.name} and ${pair.mentee.name}`,
    body: '',
    start: Date.parse(next.scheduledAt),
    durationMinutes: next.durationMinutes,
    timeZone: 'Europe/London',
    attendees: [{ id: pair.mentee.id, name: pair.mentee.name, timeZone: 'America/New_York' }],
    transactionId: `demo:${next.id}`,
  });
  const panel = await calendar.addPanel(organizer, booked.joinUrl, {
    catalogAppId: 'development',
    displayName: 'Mentoring',
    entityId: `meeting-${pair.id}`,
    contentUrl: `${deps.publicUrl}/tab/meeting?locale={locale}`,
    websiteUrl: `${deps.publicUrl}/tab/personal`,
    chatPermissions: CHAT_PERMISSIONS,
  });
  if (next.booking?.eventId === booked.eventId || panel.status !== 'added') return;
  await store.sessions.replace(
    {
      ...next,
      joinUrl: booked.joinUrl,
      meetingId: panel.teamsMeetingId,
      booking: { eventId: booked.eventId, organizerId: pair.mentor.id, panel: 'added' },
      updatedAt: nowIso(),
    },
    next._etag,
  );
  await meetingLinker(store, organizer, pair, { meetingId: panel.teamsMeetingId, sessionId: next.id });
}
