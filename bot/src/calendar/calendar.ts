// The calendar port: free/busy and working hours of a pair, and the Outlook event with its Teams
// meeting that a booking creates, moves or cancels, with our meeting tab added to the meeting's chat.
// Production asks Microsoft Graph on behalf of the signed-in member; development uses a seeded calendar.
import type { Interval, WorkingHours } from '../domain/meetingTimes';

/** Who is asking: Graph is called with the member's own rights (on-behalf-of their access token). */
export interface CalendarCaller {
  tenantId: string;
  userId: string;
  /** The caller's bearer token for our API, exchanged on-behalf-of for a Graph token. */
  accessToken: string;
}

export interface CalendarPerson {
  id: string;
  name: string;
  /** Looked up in the directory when missing. */
  email?: string;
  /** The person's IANA zone (their settings, else what Teams reported): working hours fall back to it. */
  timeZone: string;
}

export interface PersonAvailability {
  userId: string;
  workingHours: WorkingHours;
  busy: Interval[];
  /** False when the calendar could not tell (not found, no free/busy shared): treated as free in working hours. */
  known: boolean;
}

export interface MeetingRecurrence {
  /** Every N days (the programme's cadence), this many occurrences. */
  everyDays: number;
  occurrences: number;
}

export interface MeetingRequest {
  subject: string;
  /** HTML for the invitation: what the session is for and where the tab is. Never notes or takeaways. */
  body: string;
  start: number;
  durationMinutes: number;
  /** The organiser's IANA zone: a series keeps its local time across daylight-saving changes. */
  timeZone: string;
  /** Everyone but the organiser (the caller). */
  attendees: CalendarPerson[];
  /** Repeating the same booking finds the first event instead of making a second (Graph's transactionId). */
  transactionId: string;
  recurrence?: MeetingRecurrence;
}

export interface BookedMeeting {
  /** The event in the organiser's calendar (the series master for a series). */
  eventId: string;
  joinUrl: string;
  webLink?: string;
  start: number;
  end: number;
}

export interface MeetingOccurrence {
  eventId: string;
  start: number;
  end: number;
}

/** Our tab as it goes into the meeting chat: the same configuration the configuration page saves. */
export interface MeetingTab {
  /** The app's id in the tenant's app catalogue (teamsApp id), not the manifest id. */
  catalogAppId: string;
  displayName: string;
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  /** Resource-specific permissions the app asks for in a chat, consented to while installing it there. */
  chatPermissions: { permissionValue: string; permissionType: 'Application' | 'Delegated' }[];
}

export const PANEL_REASONS = [
  'notPermitted',
  'meetingNotFound',
  'appNotInCatalog',
  'throttled',
  'unavailable',
] as const;
export type PanelReason = (typeof PANEL_REASONS)[number];

export type PanelOutcome =
  | {
      status: 'added';
      chatId: string;
      /** What Teams calls the meeting in a tab's context (`meeting.id`). */ teamsMeetingId: string;
    }
  | { status: 'notAdded'; reason: PanelReason };

export const CALENDAR_REFUSALS = ['notConsented', 'throttled', 'unavailable', 'notOrganizer', 'eventGone'] as const;
export type CalendarRefusalReason = (typeof CALENDAR_REFUSALS)[number];

/** The calendar could not do it; nothing was changed there. The booking degrades to a session without a calendar event. */
export class CalendarRefusal extends Error {
  constructor(
    readonly reason: CalendarRefusalReason,
    detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'CalendarRefusal';
  }
}

export interface Calendar {
  readonly kind: 'seeded' | 'graph';
  /** Working hours and busy times of these people between `window.start` and `window.end`. */
  availability(caller: CalendarCaller, people: CalendarPerson[], window: Interval): Promise<PersonAvailability[]>;
  /** Creates the event with a Teams meeting in the caller's calendar and invites the attendees. */
  book(caller: CalendarCaller, meeting: MeetingRequest): Promise<BookedMeeting>;
  /** Moves the caller's event (an occurrence or a whole single meeting); attendees get the update. */
  move(
    caller: CalendarCaller,
    eventId: string,
    change: { start: number; durationMinutes: number; timeZone: string },
  ): Promise<BookedMeeting>;
  /** Cancels the caller's event (a series: every occurrence) and tells the attendees why. */
  cancel(caller: CalendarCaller, eventId: string, comment: string): Promise<void>;
  /** The occurrences of a series between `window.start` and `window.end`. */
  occurrences(caller: CalendarCaller, seriesId: string, window: Interval): Promise<MeetingOccurrence[]>;
  /** Installs the app in the meeting's chat and adds our tab there, so the side panel is ready when the meeting starts. */
  addPanel(caller: CalendarCaller, joinUrl: string, tab: MeetingTab): Promise<PanelOutcome>;
}

/** What Teams calls a meeting in a tab's or a bot's context: base64 of "0#<chat thread id>#0". */
export const teamsMeetingIdOf = (chatThreadId: string) => Buffer.from(`0#${chatThreadId}#0`, 'utf8').toString('base64');
