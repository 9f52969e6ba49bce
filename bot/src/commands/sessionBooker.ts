// Booking sessions through the calendar (bot/src/calendar): times that suit both members, the meeting in
// the booking member's calendar with our tab in its chat, and moving or cancelling it there. Without a
// calendar, or when Microsoft 365 refuses, a booking is what it always was: a session in our store (the
// tab offers its .ics file) and the answer says why the calendar was left out. The calendar goes first and
// the store second, with the Graph transactionId and the session ids both derived from the Idempotency-Key,
// so a retry after a failure in between finds the same event and completes the sessions.
import {
  CalendarRefusal,
  type Calendar,
  type CalendarCaller,
  type CalendarPerson,
  type MeetingOccurrence,
  type MeetingTab,
} from '../calendar/calendar';
import { noticeSubPage, type ActivityNotice } from '../domain/activities';
import { AppError, conflict, preconditionFailed } from '../domain/errors';
import { findMeetingTimes, type Interval } from '../domain/meetingTimes';
import type { Caller, PairDoc, PanelState, SessionBooking, SessionDoc } from '../domain/model';
import { DAY, DEFAULT_QUIET_HOURS, HOUR, MINUTE } from '../domain/reminders';
import { isKnownLocale } from '../i18n/messages';
import { findConversationReference } from '../store/conversations';
import type { Store } from '../store/database';
import { findReminderSettings } from '../store/reminders';
import { newId, nowIso } from './ids';
import { noticeSender } from './noticeSender';
import { reminderPlanner } from './reminderPlanner';
import { sessionScheduler } from './sessionScheduler';

export interface BookingDeps {
  store: Store;
  /** Undefined: no calendar is configured (bookings stay in our store). */
  calendar?: Calendar;
  /** The app's id in the tenant's catalogue, to install it into the meeting chat (undefined: not known). */
  catalogAppId(tenantId: string, holderUserId: string): Promise<string | undefined>;
  publicUrl: string;
}

/** The caller with the access token the calendar exchanges on their behalf. */
export type BookingCaller = Caller & Pick<CalendarCaller, 'accessToken'>;

export interface CalendarLeftOut {
  reason: 'notConfigured' | CalendarRefusal['reason'];
  detail: string;
  retryAfterSeconds?: number;
}

/** The resource-specific permissions the manifest declares for chats, consented to when the app is installed in the meeting chat. */
export const CHAT_PERMISSIONS: MeetingTab['chatPermissions'] = [
  { permissionValue: 'OnlineMeeting.ReadBasic.Chat', permissionType: 'Application' },
  { permissionValue: 'MeetingStage.Write.Chat', permissionType: 'Delegated' },
];

const NOT_CONFIGURED: CalendarLeftOut = {
  reason: 'notConfigured',
  detail:
    'Calendars are not connected for this organisation: pick a time with your partner, book the session here and add it to your calendar with its .ics file.',
};
const leftOut = (error: CalendarRefusal): CalendarLeftOut => ({
  reason: error.reason,
  detail: error.message,
  ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
});

interface Member extends CalendarPerson {
  quietHours: { start: string; end: string } | null;
  /** Whether the person's zone is known (their settings or their Teams client), rather than UTC by default. */
  zoneKnown: boolean;
  /** Their Teams locale as the bot last saw it: notices about the session write its time their way. */
  locale?: string;
}

async function memberOf(store: Store, pair: PairDoc, person: { id: string; name: string }): Promise<Member> {
  const [settings, reference, participant] = await Promise.all([
    findReminderSettings(store, pair.tenantId, person.id),
    findConversationReference(store, pair.tenantId, person.id),
    store.participants.find(pair, person.id),
  ]);
  const zone = settings?.timeZone ?? reference?.timeZone;
  return {
    id: person.id,
    name: person.name,
    timeZone: zone ?? 'UTC',
    zoneKnown: zone !== undefined,
    ...(participant?.email ? { email: participant.email } : {}),
    quietHours: settings?.quietHours === null ? null : (settings?.quietHours ?? DEFAULT_QUIET_HOURS),
    ...(reference?.reference.locale ? { locale: reference.reference.locale } : {}),
  };
}

const membersOf = (store: Store, pair: PairDoc) =>
  Promise.all([memberOf(store, pair, pair.mentor), memberOf(store, pair, pair.mentee)]);
const programOf = (store: Store, pair: PairDoc) => store.programDocs.findById(pair.tenantId, pair.programId);

export interface ProposedTimes {
  source: 'microsoft365' | 'seeded' | 'none';
  durationMinutes: number;
  times: Interval[];
  calendar?: CalendarLeftOut;
}

/** Times in the coming `days` when both are free, in both working days, outside both quiet periods. */
export async function meetingTimesProposer(
  deps: BookingDeps,
  caller: BookingCaller,
  pair: PairDoc,
  props: { durationMinutes?: number; days?: number },
  now = Date.now(),
): Promise<ProposedTimes> {
  const program = await programOf(deps.store, pair);
  const durationMinutes = props.durationMinutes ?? program?.sessionMinutes ?? 45;
  if (!deps.calendar) return { source: 'none', durationMinutes, times: [], calendar: NOT_CONFIGURED };
  const members = await membersOf(deps.store, pair);
  // From two hours from now (a person needs time to prepare), until the window or the programme's end.
  const from = Math.ceil((now + 2 * HOUR) / (30 * MINUTE)) * 30 * MINUTE;
  const programEnd = program ? Date.parse(`${program.endsOn}T23:59:59Z`) : Number.POSITIVE_INFINITY;
  const to = Math.min(from + (props.days ?? 14) * DAY, programEnd);
  if (to <= from)
    return { source: deps.calendar.kind === 'graph' ? 'microsoft365' : 'seeded', durationMinutes, times: [] };
  const source = deps.calendar.kind === 'graph' ? 'microsoft365' : 'seeded';
  try {
    const availability = await deps.calendar.availability(caller, members, { start: from, end: to });
    const times = findMeetingTimes({
      people: availability.map((a, i) => {
        const m = members[i]!;
        // Quiet hours are wall-clock times: in the person's own zone, else where their working hours are.
        return { ...a, quietHours: m.quietHours, timeZone: m.zoneKnown ? m.timeZone : a.workingHours.timeZone };
      }),
      from,
      to,
      durationMinutes,
      dayZone: members.find((m) => m.id === caller.userId)?.timeZone ?? 'UTC',
    });
    return { source, durationMinutes, times };
  } catch (error) {
    if (error instanceof CalendarRefusal) return { source, durationMinutes, times: [], calendar: leftOut(error) };
    throw error;
  }
}

export interface BookingProps {
  scheduledAt: string;
  durationMinutes: number;
  /** A recurring series at the programme's cadence: this many sessions (1: a single session). */
  occurrences?: number;
}

export interface Booked {
  sessions: SessionDoc[];
  calendar: { status: 'booked'; panel: PanelState } | ({ status: 'notBooked' } & CalendarLeftOut);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function invitation(deps: BookingDeps, pair: PairDoc): Pick<Parameters<Calendar['book']>[1], 'subject' | 'body'> {
  const names = `${pair.mentor.name} and ${pair.mentee.name}`;
  return {
    subject: `Reverse mentoring: ${names}`,
    // Where to prepare and what the meeting is for; never anything the pair wrote.
    body: `<p>Reverse mentoring session of ${escapeHtml(names)}.</p><p>The agenda, goals and notes are in the <b>Mentoring</b> tab of this meeting, and in <a href="${escapeHtml(deps.publicUrl)}/tab/personal">Reverse Mentoring</a>.</p>`,
  };
}

const partnerOf = (pair: PairDoc, userId: string) => (pair.mentor.id === userId ? pair.mentee : pair.mentor);

/** "Tue 16 Mar, 10:00 CET"; in the reader's own way of writing dates when Intl knows their locale. */
function when(instant: number, timeZone: string, locale?: string): string {
  const tag = locale && isKnownLocale(locale) ? locale : 'en-GB';
  return new Intl.DateTimeFormat(tag, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** Tells the partner, in their feed (else the bot), in their own time zone. */
async function tellPartner(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  type: 'sessionBooked' | 'sessionMoved' | 'sessionCancelled',
  session: SessionDoc,
  about: string,
) {
  const partner = await memberOf(store, pair, partnerOf(pair, caller.userId));
  const preview =
    type === 'sessionCancelled'
      ? 'Open Reverse Mentoring to book another time.'
      : 'Open Reverse Mentoring to see the agenda and prepare.';
  const notice: ActivityNotice = {
    type,
    parameters: { partner: caller.name, when: when(Date.parse(session.scheduledAt), partner.timeZone, partner.locale) },
    preview,
    subPageId: noticeSubPage(pair.id, 'session'),
  };
  await noticeSender(store, { pair, recipientId: partner.id, notice, about });
}

async function panelOf(
  deps: BookingDeps,
  caller: BookingCaller,
  pair: PairDoc,
  joinUrl: string,
): Promise<{ panel: PanelState; teamsMeetingId?: string }> {
  const catalogAppId = await deps.catalogAppId(caller.tenantId, caller.userId).catch(() => undefined);
  if (!catalogAppId) return { panel: 'notConfigured' };
  const outcome = await deps.calendar!.addPanel(caller, joinUrl, {
    catalogAppId,
    displayName: 'Mentoring',
    entityId: `meeting-${pair.id}`,
    contentUrl: `${deps.publicUrl}/tab/meeting?locale={locale}`,
    websiteUrl: `${deps.publicUrl}/tab/personal`,
    chatPermissions: CHAT_PERMISSIONS,
  });
  return outcome.status === 'added'
    ? { panel: 'added', teamsMeetingId: outcome.teamsMeetingId }
    : { panel: outcome.reason };
}

/** The meeting in the booker's calendar with our tab in it, then the sessions; or the sessions alone, with why. */
export async function sessionBooker(
  deps: BookingDeps,
  caller: BookingCaller,
  pair: PairDoc,
  props: BookingProps,
  idempotencyKey?: string,
): Promise<Booked> {
  const program = await programOf(deps.store, pair);
  const start = Date.parse(props.scheduledAt);
  const count = props.occurrences ?? 1;
  const everyDays = program?.cadenceDays ?? 14;
  const transactionId = newId(caller, `booking:${pair.id}`, idempotencyKey);
  const keyOf = (i: number) => (idempotencyKey ? (i === 0 ? idempotencyKey : `${idempotencyKey}#${i}`) : undefined);
  const inStoreOnly = async (why: CalendarLeftOut): Promise<Booked> => {
    const sessions: SessionDoc[] = [];
    for (let i = 0; i < count; i++) {
      sessions.push(
        await sessionScheduler(
          deps.store,
          caller,
          pair,
          { scheduledAt: new Date(start + i * everyDays * DAY).toISOString(), durationMinutes: props.durationMinutes },
          keyOf(i),
        ),
      );
    }
    return { sessions, calendar: { status: 'notBooked', ...why } };
  };
  if (!deps.calendar) return inStoreOnly(NOT_CONFIGURED);

  const [me, partner] = await Promise.all([
    memberOf(deps.store, pair, { id: caller.userId, name: caller.name }),
    memberOf(deps.store, pair, partnerOf(pair, caller.userId)),
  ]);
  let occurrences: MeetingOccurrence[];
  let joinUrl: string;
  let seriesId: string | undefined;
  try {
    const booked = await deps.calendar.book(caller, {
      ...invitation(deps, pair),
      start,
      durationMinutes: props.durationMinutes,
      timeZone: me.timeZone,
      attendees: [partner],
      transactionId,
      ...(count > 1 ? { recurrence: { everyDays, occurrences: count } } : {}),
    });
    joinUrl = booked.joinUrl;
    if (count > 1) {
      seriesId = booked.eventId;
      occurrences = await deps.calendar.occurrences(caller, booked.eventId, {
        start: start - DAY,
        end: start + (count * everyDays + 1) * DAY,
      });
    } else {
      occurrences = [{ eventId: booked.eventId, start: booked.start, end: booked.end }];
    }
  } catch (error) {
    if (error instanceof CalendarRefusal) return inStoreOnly(leftOut(error));
    throw error;
  }
  const { panel, teamsMeetingId } = await panelOf(deps, caller, pair, joinUrl);
  const sessions: SessionDoc[] = [];
  for (const [i, occurrence] of occurrences.entries()) {
    const booking: SessionBooking = {
      eventId: occurrence.eventId,
      organizerId: caller.userId,
      ...(seriesId ? { seriesId } : {}),
      panel,
    };
    sessions.push(
      await sessionScheduler(
        deps.store,
        caller,
        pair,
        {
          scheduledAt: new Date(occurrence.start).toISOString(),
          durationMinutes: Math.round((occurrence.end - occurrence.start) / MINUTE),
          joinUrl,
          ...(teamsMeetingId ? { meetingId: teamsMeetingId } : {}),
          booking,
        },
        keyOf(i),
      ),
    );
  }
  await tellPartner(deps.store, caller, pair, 'sessionBooked', sessions[0]!, `${transactionId}`);
  return { sessions, calendar: { status: 'booked', panel } };
}

/** Why the calendar could not be changed, as the one error handler answers it: nothing was changed. */
function calendarProblem(error: CalendarRefusal): AppError {
  if (error.reason === 'notOrganizer') return conflict(error.message);
  const retry = error.retryAfterSeconds ?? (error.reason === 'notConsented' ? undefined : 60);
  return new AppError(
    503,
    error.reason === 'notConsented' ? 'calendar-not-permitted' : 'calendar-unavailable',
    'Calendar unavailable',
    `${error.message} Nothing was changed.`,
    retry ? { retryAfterSeconds: retry } : {},
  );
}

/** Only the member who booked a meeting can change it in Outlook: anyone else is told whom to ask. */
function ownBooking(caller: Caller, pair: PairDoc, session: SessionDoc): SessionBooking | undefined {
  const booking = session.booking;
  if (booking && booking.organizerId !== caller.userId) {
    const organizer = booking.organizerId === pair.mentor.id ? pair.mentor.name : pair.mentee.name;
    throw conflict(
      `${organizer} booked this meeting in their calendar, so only ${organizer} can move or cancel it. Ask them, or message them in Teams.`,
    );
  }
  return booking;
}

export interface CalendarChange {
  session: SessionDoc;
  /** updated: the Outlook event changed too; notInCalendar: the session has no event (or it was deleted in Outlook). */
  calendar: 'updated' | 'notInCalendar';
}

async function changeEvent(
  deps: BookingDeps,
  booking: SessionBooking | undefined,
  change: () => Promise<unknown>,
): Promise<'updated' | 'notInCalendar'> {
  if (!booking || !deps.calendar) return 'notInCalendar';
  try {
    await change();
    return 'updated';
  } catch (error) {
    if (!(error instanceof CalendarRefusal)) throw error;
    // Deleted in Outlook meanwhile: the session still moves here.
    if (error.reason === 'eventGone') return 'notInCalendar';
    throw calendarProblem(error);
  }
}

/** Moves a session, and its Outlook event first: a refusal there changes nothing. */
export async function sessionRescheduler(
  deps: BookingDeps,
  caller: BookingCaller,
  pair: PairDoc,
  session: SessionDoc,
  props: { scheduledAt: string; durationMinutes?: number },
  ifMatch: string,
): Promise<CalendarChange> {
  if (session._etag !== ifMatch) throw preconditionFailed();
  const booking = ownBooking(caller, pair, session);
  const start = Date.parse(props.scheduledAt);
  const durationMinutes = props.durationMinutes ?? session.durationMinutes;
  const me = await memberOf(deps.store, pair, { id: caller.userId, name: caller.name });
  const calendar = await changeEvent(deps, booking, () =>
    deps.calendar!.move(caller, booking!.eventId, { start, durationMinutes, timeZone: me.timeZone }),
  );
  const { booking: _kept, ...rest } = session;
  const saved = await deps.store.sessions.replace(
    {
      ...rest,
      ...(calendar === 'updated' ? { booking } : {}),
      scheduledAt: new Date(start).toISOString(),
      durationMinutes,
      updatedAt: nowIso(),
    },
    ifMatch,
  );
  await reminderPlanner(deps.store, pair.tenantId, pair.id);
  await tellPartner(deps.store, caller, pair, 'sessionMoved', saved, `${session.id}:${saved.scheduledAt}`);
  return { session: saved, calendar };
}

/** Cancels a session, and its Outlook event first (the partner gets Outlook's cancellation with the reason). */
export async function sessionCanceller(
  deps: BookingDeps,
  caller: BookingCaller,
  pair: PairDoc,
  session: SessionDoc,
  props: { reason?: string },
  ifMatch: string,
): Promise<CalendarChange> {
  if (session._etag !== ifMatch) throw preconditionFailed();
  const booking = ownBooking(caller, pair, session);
  const calendar = await changeEvent(deps, booking, () =>
    deps.calendar!.cancel(
      caller,
      booking!.eventId,
      props.reason ?? `${caller.name} cancelled this reverse mentoring session.`,
    ),
  );
  const saved = await deps.store.sessions.replace({ ...session, status: 'cancelled', updatedAt: nowIso() }, ifMatch);
  await reminderPlanner(deps.store, pair.tenantId, pair.id);
  await tellPartner(deps.store, caller, pair, 'sessionCancelled', saved, `${session.id}:cancelled`);
  return { session: saved, calendar };
}
