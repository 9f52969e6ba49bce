// Sessions booked through the calendar: times that suit both members, the booking (a Teams meeting in
// the booker's calendar with our tab in it), moving and cancelling. Without a calendar every route still
// answers: the times are empty with the reason, and bookings stay in the app as they always did.
import { z } from 'zod';
import {
  meetingTimesProposer,
  sessionBooker,
  sessionCanceller,
  sessionRescheduler,
  type BookingCaller,
} from '../../commands/sessionBooker';
import { unauthorized } from '../../domain/errors';
import { LIMITS } from '../../domain/limits';
import type { Caller } from '../../domain/model';
import { authorize, can, loadPair, loadPairAndItem } from '../../policies';
import type { Store } from '../../store/database';
import { membershipsOf, scheduledSessionsBetween } from '../../store/queries';
import { presentSession } from '../presenters';
import type { SeededCalendar } from '../../calendar/seededCalendar';
import { notFound } from '../../domain/errors';
import { bookingSchema, devCalendarSchema, meetingTimesSchema, sessionChangeSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';
import { isoDateTimeWithOffset, optionalText, pairParams, sessionParams } from '../schemas';
import type { Request } from 'express';

const tag = 'Booking';
const minutes = z.number().int().min(15).max(LIMITS.sessionMinutesMax);

const timesBody = z.object({
  durationMinutes: minutes.optional(),
  /** How many days ahead to look (from two hours from now). */
  days: z.number().int().min(1).max(28).optional(),
});
const bookingBody = z.object({
  scheduledAt: isoDateTimeWithOffset,
  durationMinutes: minutes,
  /** More than one: a recurring series at the programme's cadence. */
  occurrences: z.number().int().min(1).max(12).optional(),
});
const rescheduleBody = z.object({ scheduledAt: isoDateTimeWithOffset, durationMinutes: minutes.optional() });
const cancelBody = z.object({ reason: optionalText(500) });

/** The caller with their bearer token, which the calendar exchanges on their behalf (on-behalf-of). */
function bookingCaller(caller: Caller, req: Request): BookingCaller {
  const token = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
  if (!token) throw unauthorized();
  return { ...caller, accessToken: token };
}

const DAY = 86_400_000;

/**
 * The caller's sessions in their other pairs over the coming weeks (start and end only, no partner), so the
 * tab can flag a time that clashes with them: one query in the caller's partition, then one per other pair.
 */
async function otherPairSessions(
  store: Store,
  caller: Caller,
  pairId: string,
  days: number,
): Promise<{ start: string; end: string }[]> {
  const from = new Date(Date.now() - DAY);
  const to = new Date(Date.now() + (days + 1) * DAY);
  const others = (await membershipsOf(store, caller)).filter((m) => m.pairId !== pairId && m.status !== 'ended');
  const found = await Promise.all(
    others.map(async (m) => {
      const pair = await store.pairDocs.findById(caller.tenantId, m.pairId);
      if (!pair || !can(caller, 'read', { kind: 'pair', pair })) return [];
      return scheduledSessionsBetween(store, caller.tenantId, pair.id, from, to);
    }),
  );
  return found
    .flat()
    .map((s) => ({
      start: s.scheduledAt,
      end: new Date(Date.parse(s.scheduledAt) + s.durationMinutes * 60_000).toISOString(),
    }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

export const bookingRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/dev/calendar',
    tag,
    auth: 'user',
    summary:
      'Development sign-in only (404 otherwise): the seeded calendar’s meetings the caller organises or attends, with the tabs in their chats',
    responses: {
      200: { description: 'The meetings', schema: devCalendarSchema },
      404: { description: 'Not in development sign-in mode' },
    },
    async handle({ caller, services: { booking, devSignIn } }) {
      if (!devSignIn || booking.calendar?.kind !== 'seeded') throw notFound('route');
      const mine = (booking.calendar as SeededCalendar)
        .meetings(caller.tenantId)
        .filter((m) => m.organizerId === caller.userId || m.attendeeIds.includes(caller.userId));
      return {
        body: {
          meetings: mine.map((m) => ({
            subject: m.subject,
            start: new Date(m.start).toISOString(),
            end: new Date(m.end).toISOString(),
            joinUrl: m.joinUrl,
            organizerId: m.organizerId,
            attendeeIds: m.attendeeIds,
            series: Boolean(m.seriesId),
            cancelled: m.cancelled,
            tabs: m.tabs.map((t) => ({ displayName: t.displayName, entityId: t.entityId, contentUrl: t.contentUrl })),
          })),
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/availability',
    tag,
    auth: 'user',
    params: pairParams,
    body: timesBody,
    summary:
      'Times in the coming days when both members are free, within both working hours and outside both quiet hours',
    responses: {
      200: {
        description: 'Proposed times (UTC), or none with why the calendar could not be read',
        schema: meetingTimesSchema,
      },
    },
    async handle({ caller, params, body, req, services: { store, booking } }) {
      const pair = await loadPair(store, caller, params.pairId);
      authorize(caller, 'bookSession', { kind: 'pair', pair });
      const [proposed, yourOtherSessions] = await Promise.all([
        meetingTimesProposer(booking, bookingCaller(caller, req), pair, body),
        otherPairSessions(store, caller, pair.id, body.days ?? 14),
      ]);
      return {
        body: {
          source: proposed.source,
          durationMinutes: proposed.durationMinutes,
          times: proposed.times.map((t) => ({
            start: new Date(t.start).toISOString(),
            end: new Date(t.end).toISOString(),
          })),
          ...(proposed.calendar ? { calendar: proposed.calendar } : {}),
          yourOtherSessions,
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/bookings',
    tag,
    auth: 'user',
    params: pairParams,
    body: bookingBody,
    idempotent: true,
    summary:
      'Book a session (or a series): the Teams meeting in your calendar with the Mentoring tab in it; without a calendar, the session alone',
    responses: { 201: { description: 'The sessions, and what happened in the calendar', schema: bookingSchema } },
    async handle({ caller, params, body, idempotencyKey, req, services: { store, booking } }) {
      const pair = await loadPair(store, caller, params.pairId);
      authorize(caller, 'bookSession', { kind: 'pair', pair });
      const booked = await sessionBooker(booking, bookingCaller(caller, req), pair, body, idempotencyKey);
      return {
        status: 201,
        body: { sessions: booked.sessions.map((s) => presentSession(caller, pair, s)), calendar: booked.calendar },
        etag: booked.sessions[0]?._etag,
      };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/pairs/:pairId/sessions/:sessionId/schedule',
    tag,
    auth: 'user',
    params: sessionParams,
    body: rescheduleBody,
    ifMatch: true,
    summary: "Move a session, and its meeting in the organiser's calendar; needs the session's If-Match",
    responses: {
      200: { description: 'The moved session, and whether its calendar event moved too', schema: sessionChangeSchema },
    },
    async handle({ caller, params, body, ifMatch, req, services: { store, booking } }) {
      const { pair, item: session } = await loadPairAndItem(store, caller, params.pairId, 'session', params.sessionId);
      authorize(caller, 'reschedule', { kind: 'session', session, pair });
      const changed = await sessionRescheduler(booking, bookingCaller(caller, req), pair, session, body, ifMatch);
      return {
        body: { session: presentSession(caller, pair, changed.session), calendar: changed.calendar },
        etag: changed.session._etag,
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/sessions/:sessionId/cancel',
    tag,
    auth: 'user',
    params: sessionParams,
    body: cancelBody,
    ifMatch: true,
    summary:
      "Cancel a session, and its meeting in the organiser's calendar (the partner gets the reason); needs the session's If-Match",
    responses: {
      200: {
        description: 'The cancelled session, and whether its calendar event was cancelled too',
        schema: sessionChangeSchema,
      },
    },
    async handle({ caller, params, body, ifMatch, req, services: { store, booking } }) {
      const { pair, item: session } = await loadPairAndItem(store, caller, params.pairId, 'session', params.sessionId);
      authorize(caller, 'cancel', { kind: 'session', session, pair });
      const changed = await sessionCanceller(booking, bookingCaller(caller, req), pair, session, body, ifMatch);
      return {
        body: { session: presentSession(caller, pair, changed.session), calendar: changed.calendar },
        etag: changed.session._etag,
      };
    },
  }),
];
