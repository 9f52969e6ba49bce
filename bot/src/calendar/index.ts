// Picks the calendar for the configuration, as the directory does: Microsoft Graph on behalf of the member
// when the app can sign in for on-behalf-of, the seeded calendar under development sign-in, none otherwise
// (bookings then stay in our store with an .ics file, as before calendars were connected).
import type { Config } from '../config';
import type { Calendar } from './calendar';
import { graphCalendar } from './graphCalendar';
import { seededCalendar } from './seededCalendar';

export type { Calendar, CalendarCaller, CalendarPerson, BookedMeeting, MeetingTab, PanelOutcome } from './calendar';
export { CalendarRefusal } from './calendar';

export function configuredCalendar(config: Config): Calendar | undefined {
  if (config.auth.mode === 'entra' && config.graph)
    return graphCalendar({
      credential: config.graph.credential,
      authorityHost: config.auth.authorityHost,
      graphBaseUrl: config.graph.baseUrl,
    });
  return config.auth.mode === 'development' ? seededCalendar() : undefined;
}
