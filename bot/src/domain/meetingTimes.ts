// Finding times that suit both members of a pair (no I/O): each person's working hours in their own
// time zone, their quiet hours in the zone they chose, and their busy blocks from the calendar. Every
// instant is absolute (ms since the epoch); wall clocks are read per zone at each candidate, so the
// overlap of two zones is right on both sides of either zone's daylight-saving change.
import { wallClockAt, type QuietHours } from './reminders';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working hours as Outlook keeps them: the same local start and end on the listed days, in one zone. */
export interface WorkingHours {
  days: Weekday[];
  /** Local "HH:MM". */
  start: string;
  end: string;
  /** IANA zone the hours are in. */
  timeZone: string;
}

export const DEFAULT_WORKING_HOURS: Omit<WorkingHours, 'timeZone'> = {
  days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  start: '09:00',
  end: '17:00',
};

export interface Interval {
  start: number;
  end: number;
}

export interface PersonSchedule {
  userId: string;
  workingHours: WorkingHours;
  /** The person's quiet hours (null: none) in `timeZone`, the zone of their settings. */
  quietHours: QuietHours | null;
  timeZone: string;
  busy: Interval[];
}

export interface MeetingTimesRequest {
  people: PersonSchedule[];
  /** Earliest start (inclusive) and latest end (inclusive). */
  from: number;
  to: number;
  durationMinutes: number;
  /** Candidate starts fall on this grid (UTC minutes); 30 puts them on the hour and half hour in most zones. */
  stepMinutes?: number;
  /** How many times to propose, and at most how many on one day (counted in `dayZone`). */
  limit?: number;
  perDay?: number;
  dayZone?: string;
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekdayOf = (w: { year: number; month: number; day: number }): Weekday =>
  WEEKDAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()]!;

/** Inside the person's working hours, on one of their working days, start to end. */
function withinWorkingHours(hours: WorkingHours, start: number, minutes: number): boolean {
  const local = wallClockAt(hours.timeZone, start);
  if (!hours.days.includes(weekdayOf(local))) return false;
  const begins = local.hour * 60 + local.minute;
  // A daylight-saving jump falls at night, outside anyone's working hours: local end = local start + duration.
  return begins >= minutesOf(hours.start) && begins + minutes <= minutesOf(hours.end);
}

/** Whether any minute of the meeting falls in the quiet period (which may wrap midnight). */
function touchesQuietHours(zone: string, quiet: QuietHours, start: number, minutes: number): boolean {
  const quietStart = minutesOf(quiet.start);
  const quietEnd = minutesOf(quiet.end);
  if (quietStart === quietEnd) return false;
  const local = wallClockAt(zone, start);
  const begins = local.hour * 60 + local.minute;
  const inside =
    quietStart < quietEnd ? begins >= quietStart && begins < quietEnd : begins >= quietStart || begins < quietEnd;
  // Quiet hours begin before the meeting ends.
  return inside || (quietStart - begins + DAY_MINUTES) % DAY_MINUTES < minutes;
}

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

function isFree(person: PersonSchedule, slot: Interval, minutes: number): boolean {
  if (!withinWorkingHours(person.workingHours, slot.start, minutes)) return false;
  if (person.quietHours && touchesQuietHours(person.timeZone, person.quietHours, slot.start, minutes)) return false;
  return !person.busy.some((b) => overlaps(b, slot));
}

const dayKey = (zone: string, instant: number) => {
  const w = wallClockAt(zone, instant);
  return `${w.year}-${w.month}-${w.day}`;
};

/**
 * The earliest times, in order, when every person is free within their working hours and outside their
 * quiet hours; at most `perDay` on one day, none overlapping another proposal.
 */
export function findMeetingTimes(request: MeetingTimesRequest): Interval[] {
  const step = (request.stepMinutes ?? 30) * MINUTE;
  const limit = request.limit ?? 6;
  const perDay = request.perDay ?? 2;
  const dayZone = request.dayZone ?? request.people[0]?.timeZone ?? 'UTC';
  const length = request.durationMinutes * MINUTE;
  const found: Interval[] = [];
  const onDay = new Map<string, number>();
  for (
    let start = Math.ceil(request.from / step) * step;
    start + length <= request.to && found.length < limit;
    start += step
  ) {
    const slot = { start, end: start + length };
    const day = dayKey(dayZone, start);
    if ((onDay.get(day) ?? 0) >= perDay) continue;
    if (found.length > 0 && overlaps(found[found.length - 1]!, slot)) continue;
    if (!request.people.every((p) => isFree(p, slot, request.durationMinutes))) continue;
    found.push(slot);
    onDay.set(day, (onDay.get(day) ?? 0) + 1);
  }
  return found;
}
