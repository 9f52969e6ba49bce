// Development calendar: working hours in each demo user's own time zone, a few busy hours a day that
// are the same at every start, and the meetings booked through it (with the tab added to their chat),
// held in memory for the life of the process. Behaves like the Graph calendar, minus Microsoft 365.
import { createHash } from 'node:crypto';
import { DEFAULT_WORKING_HOURS, type Interval, type WorkingHours } from '../domain/meetingTimes';
import { instantOfWallClock, wallClockAt } from '../domain/reminders';
import {
  CalendarRefusal,
  teamsMeetingIdOf,
  type BookedMeeting,
  type Calendar,
  type CalendarPerson,
  type MeetingRequest,
  type MeetingTab,
} from './calendar';

/** The demo users' working hours (see seededDirectory): a pair across the Atlantic, one across two continents. */
export const SEEDED_WORKING_HOURS: Readonly<
  Record<string, Omit<WorkingHours, 'days'> & { days?: WorkingHours['days'] }>
> = {
  priya: { start: '09:00', end: '17:30', timeZone: 'Europe/London' },
  dana: { start: '08:00', end: '18:00', timeZone: 'America/New_York' },
  sam: { start: '09:00', end: '17:00', timeZone: 'Europe/London' },
  marcus: { start: '08:30', end: '17:00', timeZone: 'Europe/Berlin' },
  lena: { start: '09:00', end: '17:00', timeZone: 'Europe/Berlin' },
  helen: { start: '08:00', end: '16:30', timeZone: 'America/Chicago' },
  noah: { start: '09:00', end: '17:00', timeZone: 'America/Los_Angeles' },
  ruth: { start: '09:00', end: '18:00', timeZone: 'America/New_York' },
  avery: { start: '09:00', end: '17:00', timeZone: 'Europe/London' },
};

/** A meeting as the seeded calendar keeps it: who organised it, who is invited, and the tab in its chat. */
export interface SeededMeeting {
  eventId: string;
  tenantId: string;
  organizerId: string;
  attendeeIds: string[];
  subject: string;
  joinUrl: string;
  chatId: string;
  transactionId: string;
  start: number;
  end: number;
  /** Set on the occurrences of a series. */
  seriesId?: string;
  cancelled: boolean;
  tabs: Omit<MeetingTab, 'chatPermissions'>[];
}

export interface SeededCalendar extends Calendar {
  /** The meetings of one tenant, occurrences of a series one by one (what "the seeded calendar" shows). */
  meetings(tenantId: string): SeededMeeting[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Two busy hours on each working day, placed by a hash of the person and the date (the same at every start). */
function seededBusy(userId: string, hours: WorkingHours, window: Interval): Interval[] {
  const busy: Interval[] = [];
  const open = Number(hours.start.slice(0, 2));
  const close = Number(hours.end.slice(0, 2));
  for (let t = window.start - DAY; t < window.end + DAY; t += DAY) {
    const day = wallClockAt(hours.timeZone, t);
    const seed = createHash('sha256').update(`${userId}:${day.year}-${day.month}-${day.day}`).digest();
    for (const byte of [seed[0]!, seed[1]!]) {
      const hour = open + (byte % Math.max(1, close - open - 1));
      const start = instantOfWallClock(hours.timeZone, { ...day, hour, minute: 0 });
      busy.push({ start, end: start + 60 * MINUTE });
    }
  }
  return busy.filter((b) => b.end > window.start && b.start < window.end);
}

export function seededCalendar(): SeededCalendar {
  const events = new Map<string, SeededMeeting>();

  const hoursOf = (person: CalendarPerson): WorkingHours => {
    const known = SEEDED_WORKING_HOURS[person.id];
    return known
      ? { days: known.days ?? DEFAULT_WORKING_HOURS.days, start: known.start, end: known.end, timeZone: known.timeZone }
      : { ...DEFAULT_WORKING_HOURS, timeZone: person.timeZone };
  };

  const ownEvent = (tenantId: string, userId: string, eventId: string) => {
    const event = events.get(eventId);
    if (!event || event.tenantId !== tenantId)
      throw new CalendarRefusal('eventGone', 'The meeting is no longer in the calendar.');
    if (event.organizerId !== userId)
      throw new CalendarRefusal(
        'notOrganizer',
        'Only the person who booked the meeting can change it in their calendar.',
      );
    return event;
  };

  const booked = (e: SeededMeeting): BookedMeeting => ({
    eventId: e.seriesId ?? e.eventId,
    joinUrl: e.joinUrl,
    start: e.start,
    end: e.end,
  });

  function create(tenantId: string, organizerId: string, meeting: MeetingRequest): SeededMeeting {
    // The same booking gets the same meeting, also after a restart (the calendar lives in memory, sessions may not).
    const eventId = `seeded-${createHash('sha256').update(`${tenantId}\n${organizerId}\n${meeting.transactionId}`).digest('hex').slice(0, 32)}`;
    const thread = `19:meeting_${eventId.replace(/-/g, '')}@thread.v2`;
    const event: SeededMeeting = {
      eventId,
      tenantId,
      organizerId,
      attendeeIds: meeting.attendees.map((a) => a.id),
      subject: meeting.subject,
      joinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0`,
      chatId: thread,
      transactionId: meeting.transactionId,
      start: meeting.start,
      end: meeting.start + meeting.durationMinutes * MINUTE,
      cancelled: false,
      tabs: [],
    };
    events.set(eventId, event);
    return event;
  }

  return {
    kind: 'seeded',

    async availability(caller, people, window) {
      return people.map((person) => {
        const workingHours = hoursOf(person);
        const meetings = [...events.values()].filter(
          (e) =>
            e.tenantId === caller.tenantId &&
            !e.cancelled &&
            (e.organizerId === person.id || e.attendeeIds.includes(person.id)),
        );
        return {
          userId: person.id,
          workingHours,
          busy: [
            ...seededBusy(person.id, workingHours, window),
            ...meetings.map((e) => ({ start: e.start, end: e.end })),
          ],
          known: person.id in SEEDED_WORKING_HOURS,
        };
      });
    },

    async book(caller, meeting) {
      const again = [...events.values()].find(
        (e) =>
          e.tenantId === caller.tenantId &&
          e.organizerId === caller.userId &&
          e.transactionId === meeting.transactionId,
      );
      if (again) return booked(again);
      const first = create(caller.tenantId, caller.userId, meeting);
      if (!meeting.recurrence) return booked(first);
      // A series: the first event is the master's first occurrence; each occurrence can be moved on its own.
      first.seriesId = `series-${first.eventId}`;
      for (let i = 1; i < meeting.recurrence.occurrences; i++) {
        const day = wallClockAt(meeting.timeZone, meeting.start);
        const start = instantOfWallClock(meeting.timeZone, { ...day, day: day.day + i * meeting.recurrence.everyDays });
        const occurrence = create(caller.tenantId, caller.userId, {
          ...meeting,
          start,
          transactionId: `${meeting.transactionId}#${i}`,
        });
        Object.assign(occurrence, { seriesId: first.seriesId, joinUrl: first.joinUrl, chatId: first.chatId });
      }
      return booked(first);
    },

    async move(caller, eventId, change) {
      const event = ownEvent(caller.tenantId, caller.userId, eventId);
      event.start = change.start;
      event.end = change.start + change.durationMinutes * MINUTE;
      return { eventId: event.eventId, joinUrl: event.joinUrl, start: event.start, end: event.end };
    },

    async cancel(caller, eventId) {
      const series = [...events.values()].filter((e) => e.tenantId === caller.tenantId && e.seriesId === eventId);
      for (const event of series.length > 0 ? series : [ownEvent(caller.tenantId, caller.userId, eventId)]) {
        if (event.organizerId !== caller.userId)
          throw new CalendarRefusal(
            'notOrganizer',
            'Only the person who booked the meeting can cancel it in their calendar.',
          );
        event.cancelled = true;
      }
    },

    async occurrences(caller, seriesId, window) {
      return [...events.values()]
        .filter(
          (e) =>
            e.tenantId === caller.tenantId &&
            e.seriesId === seriesId &&
            !e.cancelled &&
            e.end > window.start &&
            e.start < window.end,
        )
        .sort((a, b) => a.start - b.start)
        .map((e) => ({ eventId: e.eventId, start: e.start, end: e.end }));
    },

    async addPanel(caller, joinUrl, tab) {
      const meetings = [...events.values()].filter((e) => e.tenantId === caller.tenantId && e.joinUrl === joinUrl);
      if (meetings.length === 0) return { status: 'notAdded', reason: 'meetingNotFound' };
      const { chatPermissions: _consented, ...configured } = tab;
      for (const m of meetings) if (!m.tabs.some((t) => t.entityId === tab.entityId)) m.tabs.push(configured);
      return { status: 'added', chatId: meetings[0]!.chatId, teamsMeetingId: teamsMeetingIdOf(meetings[0]!.chatId) };
    },

    meetings(tenantId) {
      return [...events.values()].filter((e) => e.tenantId === tenantId).sort((a, b) => a.start - b.start);
    },
  };
}
