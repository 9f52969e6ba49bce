// The calendar through Microsoft Graph, on behalf of the signed-in member (delegated permissions only):
//   availability  GET /users/{id} (an e-mail the programme lacks; User.ReadBasic.All),
//                 POST /me/calendar/getSchedule (free/busy and working hours; Calendars.ReadWrite covers it)
//   book / move   POST /me/events with isOnlineMeeting and a transactionId, PATCH /me/events/{id} (Calendars.ReadWrite)
//   cancel        POST /me/events/{id}/cancel (Calendars.ReadWrite)
//   occurrences   GET /me/events/{id}/instances (Calendars.ReadWrite covers it)
//   addPanel      GET /me/onlineMeetings?$filter=JoinWebUrl eq '…' (the meeting's chat; OnlineMeetings.Read),
//                 POST /chats/{id}/installedApps (TeamsAppInstallation.ReadWriteAndConsentSelfForChat: the app
//                 asks for resource-specific permissions, which the plain Self permission cannot consent to),
//                 POST /chats/{id}/tabs (TeamsTab.Create)
// Times go out in the organiser's zone (a series keeps its local time across daylight-saving changes) and
// come back in UTC (Prefer: outlook.timezone="UTC").
import type { AppCredential } from '../config';
import {
  DEFAULT_WORKING_HOURS,
  WEEKDAYS,
  type Interval,
  type Weekday,
  type WorkingHours,
} from '../domain/meetingTimes';
import type { AppCredentialOptions } from '../graph/appCredential';
import { GraphFailure, graphRequester, type GraphCall, type GraphRequestOptions } from '../graph/graphRequest';
import { onBehalfOf, OnBehalfOfError } from '../graph/onBehalfOf';
import { graphDateTime, ianaZoneOf, instantOfUtc, windowsZoneOf } from '../graph/timeZones';
import {
  CalendarRefusal,
  teamsMeetingIdOf,
  type BookedMeeting,
  type Calendar,
  type CalendarCaller,
  type CalendarPerson,
  type MeetingOccurrence,
  type PanelReason,
  type PersonAvailability,
} from './calendar';

export interface GraphCalendarOptions extends Pick<GraphRequestOptions, 'sleep' | 'maxWaitMs' | 'maxRetries'> {
  credential: AppCredential;
  httpClient?: AppCredentialOptions['httpClient'];
  authorityHost: string;
  graphBaseUrl: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** What each step needs, for the message an admin acts on (the app asks for these: graph/permissions.ts). */
export const CALENDAR_PERMISSIONS = {
  availability: 'Calendars.ReadWrite',
  events: 'Calendars.ReadWrite',
  directory: 'User.ReadBasic.All',
  meetingChat: 'OnlineMeetings.Read',
  chatInstall: 'TeamsAppInstallation.ReadWriteAndConsentSelfForChat',
  chatTab: 'TeamsTab.Create',
} as const;

const UTC = { Prefer: 'outlook.timezone="UTC"' };
const BUSY = new Set(['busy', 'tentative', 'oof']);

interface GraphEvent {
  id: string;
  webLink?: string;
  start?: { dateTime: string; timeZone?: string };
  end?: { dateTime: string; timeZone?: string };
  onlineMeeting?: { joinUrl?: string } | null;
}

interface ScheduleInformation {
  scheduleId: string;
  scheduleItems?: { status: string; start: { dateTime: string }; end: { dateTime: string } }[];
  workingHours?: { daysOfWeek?: string[]; startTime?: string; endTime?: string; timeZone?: { name?: string } };
  error?: { message?: string; responseCode?: string };
}

/** Graph's refusal as the calendar port's: consent, throttling, a gone event, or an outage. */
function refusal(error: unknown, permission: string, action: string): CalendarRefusal {
  if (error instanceof CalendarRefusal) return error;
  if (error instanceof OnBehalfOfError) {
    return error.reason === 'refused'
      ? new CalendarRefusal(
          'notConsented',
          `Microsoft 365 did not let the app ${action} for you (${error.oauthError}). An administrator grants Reverse Mentoring the delegated Microsoft Graph permission ${permission} (npm run entra:grant).`,
        )
      : new CalendarRefusal(
          'unavailable',
          'The app could not sign in to Microsoft 365 right now. Try again in a minute.',
          60,
        );
  }
  if (error instanceof GraphFailure) {
    if (error.status === 401 || error.status === 403)
      return new CalendarRefusal(
        'notConsented',
        `Microsoft 365 did not let the app ${action} for you (${error.code}). An administrator grants Reverse Mentoring the delegated Microsoft Graph permission ${permission} (npm run entra:grant).`,
      );
    if (error.status === 429)
      return new CalendarRefusal(
        'throttled',
        'Microsoft 365 asked the app to slow down.',
        Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000)),
      );
    if (error.status === 404)
      return new CalendarRefusal('eventGone', 'The meeting is no longer in the calendar of the person who booked it.');
  }
  return new CalendarRefusal('unavailable', 'Microsoft 365 could not be reached. Try again in a minute.', 60);
}

const hhmm = (time: string | undefined, fallback: string) =>
  time && /^\d{2}:\d{2}/.test(time) ? time.slice(0, 5) : fallback;

function workingHoursOf(info: ScheduleInformation | undefined, person: CalendarPerson): WorkingHours {
  const hours = info?.workingHours;
  const days = (hours?.daysOfWeek ?? [])
    .map((d) => d.toLowerCase())
    .filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d));
  return {
    days: days.length > 0 ? days : DEFAULT_WORKING_HOURS.days,
    start: hhmm(hours?.startTime, DEFAULT_WORKING_HOURS.start),
    end: hhmm(hours?.endTime, DEFAULT_WORKING_HOURS.end),
    timeZone: ianaZoneOf(hours?.timeZone?.name, person.timeZone),
  };
}

const utcDateTime = (instant: number) => ({ dateTime: new Date(instant).toISOString().slice(0, 19), timeZone: 'UTC' });
const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function graphCalendar(options: GraphCalendarOptions): Calendar {
  const fetcher = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const exchange = onBehalfOf({ ...options, fetch: fetcher });
  const request = graphRequester({ ...options, baseUrl: options.graphBaseUrl, fetch: fetcher });
  // Everything the tenant consented to for the app, so that one missing permission degrades one step only.
  const scope = `${new URL(options.graphBaseUrl).origin}/.default`;

  async function graph<T>(caller: CalendarCaller, call: GraphCall) {
    return request<T>(await exchange(caller.tenantId, caller.accessToken, scope), call);
  }

  async function emailOf(caller: CalendarCaller, person: CalendarPerson): Promise<string | undefined> {
    if (person.email) return person.email;
    const found = await graph<{ mail?: string | null; userPrincipalName?: string | null }>(caller, {
      path: `users/${encodeURIComponent(person.id)}`,
      query: { $select: 'id,mail,userPrincipalName' },
      idempotent: true,
    }).catch((error: unknown) => {
      if (error instanceof GraphFailure && error.status === 404) return undefined;
      throw refusal(error, CALENDAR_PERMISSIONS.directory, 'look up e-mail addresses in the directory');
    });
    return found?.body?.mail ?? found?.body?.userPrincipalName ?? undefined;
  }

  function toBooked(event: GraphEvent): BookedMeeting {
    const joinUrl = event.onlineMeeting?.joinUrl;
    if (!joinUrl)
      throw new CalendarRefusal(
        'unavailable',
        'Outlook created the event without a Teams meeting. Check that Teams meetings are allowed for the organiser.',
      );
    return {
      eventId: event.id,
      joinUrl,
      ...(event.webLink ? { webLink: event.webLink } : {}),
      start: instantOfUtc(event.start),
      end: instantOfUtc(event.end),
    };
  }

  async function withJoinUrl(caller: CalendarCaller, event: GraphEvent): Promise<GraphEvent> {
    if (event.onlineMeeting?.joinUrl) return event;
    // Outlook can attach the Teams meeting a moment after it answers the create.
    const again = await graph<GraphEvent>(caller, {
      path: `me/events/${encodeURIComponent(event.id)}`,
      query: { $select: 'id,webLink,start,end,onlineMeeting' },
      headers: UTC,
      idempotent: true,
    });
    return again.body ?? event;
  }

  async function panel(
    caller: CalendarCaller,
    joinUrl: string,
    tab: Parameters<Calendar['addPanel']>[2],
  ): Promise<{ chatId: string } | PanelReason> {
    const meetings = await graph<{ value?: { chatInfo?: { threadId?: string } }[] }>(caller, {
      path: 'me/onlineMeetings',
      query: { $filter: `JoinWebUrl eq ${odataString(joinUrl)}` },
      idempotent: true,
    });
    const chatId = meetings.body?.value?.[0]?.chatInfo?.threadId;
    if (!chatId) return 'meetingNotFound';
    const app = `${options.graphBaseUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(tab.catalogAppId)}`;
    const chat = `chats/${encodeURIComponent(chatId)}`;
    await graph(caller, {
      method: 'POST',
      path: `${chat}/installedApps`,
      body: {
        'teamsApp@odata.bind': app,
        consentedPermissionSet: { resourceSpecificPermissions: tab.chatPermissions },
      },
    }).catch((error: unknown) => {
      // Already there (a retry, or someone added it by hand): go on to the tab.
      if (!(error instanceof GraphFailure && error.status === 409)) throw error;
    });
    await graph(caller, {
      method: 'POST',
      path: `${chat}/tabs`,
      body: {
        displayName: tab.displayName,
        'teamsApp@odata.bind': app,
        configuration: { entityId: tab.entityId, contentUrl: tab.contentUrl, websiteUrl: tab.websiteUrl },
      },
    });
    return { chatId };
  }

  return {
    kind: 'graph',

    async availability(caller, people, window) {
      try {
        const emails = await Promise.all(people.map((p) => emailOf(caller, p)));
        const asked = emails.filter((e): e is string => Boolean(e));
        const answer =
          asked.length === 0
            ? undefined
            : await graph<{ value?: ScheduleInformation[] }>(caller, {
                method: 'POST',
                path: 'me/calendar/getSchedule',
                headers: UTC,
                idempotent: true,
                body: {
                  schedules: asked,
                  startTime: utcDateTime(window.start),
                  endTime: utcDateTime(window.end),
                  availabilityViewInterval: 30,
                },
              });
        const byEmail = new Map((answer?.body?.value ?? []).map((s) => [s.scheduleId.toLowerCase(), s]));
        return people.map((person, i): PersonAvailability => {
          const info = emails[i] ? byEmail.get(emails[i]!.toLowerCase()) : undefined;
          const known = Boolean(info && !info.error);
          return {
            userId: person.id,
            workingHours: workingHoursOf(known ? info : undefined, person),
            busy: (known ? (info!.scheduleItems ?? []) : [])
              .filter((item) => BUSY.has(item.status.toLowerCase()))
              .map((item): Interval => ({ start: instantOfUtc(item.start), end: instantOfUtc(item.end) })),
            known,
          };
        });
      } catch (error) {
        throw refusal(error, CALENDAR_PERMISSIONS.availability, 'read free/busy times');
      }
    },

    async book(caller, meeting) {
      try {
        const attendees = await Promise.all(
          meeting.attendees.map(async (person) => ({ person, email: await emailOf(caller, person) })),
        );
        const missing = attendees.find((a) => !a.email);
        if (missing)
          throw new CalendarRefusal(
            'unavailable',
            `${missing.person.name} has no e-mail address in the directory, so Outlook cannot invite them.`,
          );
        const end = meeting.start + meeting.durationMinutes * 60_000;
        const startDate = graphDateTime(meeting.start, meeting.timeZone).dateTime.slice(0, 10);
        const created = await graph<GraphEvent>(caller, {
          method: 'POST',
          path: 'me/events',
          headers: UTC,
          idempotent: true,
          body: {
            subject: meeting.subject,
            body: { contentType: 'HTML', content: meeting.body },
            start: graphDateTime(meeting.start, meeting.timeZone),
            end: graphDateTime(end, meeting.timeZone),
            attendees: attendees.map((a) => ({
              type: 'required',
              emailAddress: { address: a.email, name: a.person.name },
            })),
            isOnlineMeeting: true,
            onlineMeetingProvider: 'teamsForBusiness',
            allowNewTimeProposals: true,
            transactionId: meeting.transactionId,
            ...(meeting.recurrence
              ? {
                  recurrence: {
                    pattern: { type: 'daily', interval: meeting.recurrence.everyDays },
                    range: {
                      type: 'numbered',
                      startDate,
                      numberOfOccurrences: meeting.recurrence.occurrences,
                      recurrenceTimeZone: windowsZoneOf(meeting.timeZone),
                    },
                  },
                }
              : {}),
          },
        });
        return toBooked(await withJoinUrl(caller, created.body!));
      } catch (error) {
        throw refusal(error, CALENDAR_PERMISSIONS.events, 'create the meeting in your calendar');
      }
    },

    async move(caller, eventId, change) {
      try {
        const moved = await graph<GraphEvent>(caller, {
          method: 'PATCH',
          path: `me/events/${encodeURIComponent(eventId)}`,
          headers: UTC,
          idempotent: true,
          body: {
            start: graphDateTime(change.start, change.timeZone),
            end: graphDateTime(change.start + change.durationMinutes * 60_000, change.timeZone),
          },
        });
        return toBooked(await withJoinUrl(caller, moved.body!));
      } catch (error) {
        throw refusal(error, CALENDAR_PERMISSIONS.events, 'move the meeting in your calendar');
      }
    },

    async cancel(caller, eventId, comment) {
      try {
        await graph(caller, {
          method: 'POST',
          path: `me/events/${encodeURIComponent(eventId)}/cancel`,
          body: { comment },
          idempotent: true,
        });
      } catch (error) {
        // Already cancelled or deleted in Outlook: the calendar says what we wanted.
        if (error instanceof GraphFailure && error.status === 404) return;
        throw refusal(error, CALENDAR_PERMISSIONS.events, 'cancel the meeting in your calendar');
      }
    },

    async occurrences(caller, seriesId, window) {
      try {
        const found: MeetingOccurrence[] = [];
        let query: Record<string, string> | undefined = {
          startDateTime: new Date(window.start).toISOString(),
          endDateTime: new Date(window.end).toISOString(),
          $select: 'id,start,end',
          $top: '50',
        };
        let path = `me/events/${encodeURIComponent(seriesId)}/instances`;
        for (let page = 0; page < 10 && query; page++) {
          const answer = await graph<{ value?: GraphEvent[]; '@odata.nextLink'?: string }>(caller, {
            path,
            query,
            headers: UTC,
            idempotent: true,
          });
          for (const e of answer.body?.value ?? [])
            found.push({ eventId: e.id, start: instantOfUtc(e.start), end: instantOfUtc(e.end) });
          const next = answer.body?.['@odata.nextLink'];
          if (!next) break;
          const url = new URL(next);
          path = url.pathname.replace(/^\/v1\.0\//, '');
          query = Object.fromEntries(url.searchParams);
        }
        return found.sort((a, b) => a.start - b.start);
      } catch (error) {
        throw refusal(error, CALENDAR_PERMISSIONS.events, 'read the meeting series');
      }
    },

    async addPanel(caller, joinUrl, tab) {
      try {
        const outcome = await panel(caller, joinUrl, tab);
        return typeof outcome === 'string'
          ? { status: 'notAdded', reason: outcome }
          : { status: 'added', chatId: outcome.chatId, teamsMeetingId: teamsMeetingIdOf(outcome.chatId) };
      } catch (error) {
        if (error instanceof OnBehalfOfError)
          return { status: 'notAdded', reason: error.reason === 'refused' ? 'notPermitted' : 'unavailable' };
        if (!(error instanceof GraphFailure)) throw error;
        if (error.status === 401 || error.status === 403) return { status: 'notAdded', reason: 'notPermitted' };
        if (error.status === 429) return { status: 'notAdded', reason: 'throttled' };
        if (error.status === 404)
          return { status: 'notAdded', reason: /app/i.test(error.message) ? 'appNotInCatalog' : 'meetingNotFound' };
        return { status: 'notAdded', reason: 'unavailable' };
      }
    },
  };
}
