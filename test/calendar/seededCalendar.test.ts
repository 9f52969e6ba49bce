// The development calendar behind the same port: demo users' working hours in their own zones, busy hours that
// do not change between starts, meetings booked with the tab in their chat, series, and the organiser's rights.
import { teamsMeetingIdOf, type CalendarCaller } from '../../bot/src/calendar/calendar';
import { seededCalendar } from '../../bot/src/calendar/seededCalendar';
import { findMeetingTimes } from '../../bot/src/domain/meetingTimes';

const TENANT = 'tenant-a';
const priya = { id: 'priya', name: 'Priya Patel', timeZone: 'Europe/London' };
const dana = { id: 'dana', name: 'Dana Whitfield', timeZone: 'America/New_York' };
const as = (userId: string, tenantId = TENANT): CalendarCaller => ({ tenantId, userId, accessToken: 'development' });
const window = { start: Date.parse('2027-03-15T00:00Z'), end: Date.parse('2027-03-20T00:00Z') };
const tab = {
  catalogAppId: 'development',
  displayName: 'Mentoring',
  entityId: 'meeting-pair-1',
  contentUrl: 'http://localhost:3978/tab/meeting?locale={locale}',
  websiteUrl: 'http://localhost:3978/tab/personal',
  chatPermissions: [],
};

test('the demo pair gets the same proposals at every start, inside both people’s hours', async () => {
  const propose = async () => {
    const found = await seededCalendar().availability(as('priya'), [priya, dana], window);
    return findMeetingTimes({
      people: found.map((a, i) => ({ ...a, quietHours: null, timeZone: [priya, dana][i]!.timeZone })),
      from: window.start,
      to: window.end,
      durationMinutes: 45,
    });
  };
  const first = await propose();
  expect(first.length).toBeGreaterThanOrEqual(4);
  expect(await propose()).toEqual(first);
  for (const slot of first) {
    const london = new Date(slot.start).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour12: false });
    const newYork = new Date(slot.start).toLocaleTimeString('en-GB', { timeZone: 'America/New_York', hour12: false });
    expect({
      london: london >= '09:00' && london <= '16:45',
      newYork: newYork >= '08:00' && newYork <= '17:15',
    }).toEqual({ london: true, newYork: true });
  }
});

test('a booked meeting is busy for both, carries our tab once added, and only its organiser changes it', async () => {
  const calendar = seededCalendar();
  const start = Date.parse('2027-03-16T14:00Z');
  const booked = await calendar.book(as('priya'), {
    subject: 'Mentoring',
    body: '',
    start,
    durationMinutes: 45,
    timeZone: 'Europe/London',
    attendees: [dana],
    transactionId: 't1',
  });
  expect(
    await calendar.book(as('priya'), {
      subject: 'Mentoring',
      body: '',
      start,
      durationMinutes: 45,
      timeZone: 'Europe/London',
      attendees: [dana],
      transactionId: 't1',
    }),
  ).toEqual(booked);
  const [, danaNow] = await calendar.availability(as('dana'), [priya, dana], window);
  expect(danaNow!.busy).toContainEqual({ start, end: start + 45 * 60_000 });

  const panel = await calendar.addPanel(as('priya'), booked.joinUrl, tab);
  const [meeting] = calendar.meetings(TENANT);
  expect(panel).toEqual({
    status: 'added',
    chatId: meeting!.chatId,
    teamsMeetingId: teamsMeetingIdOf(meeting!.chatId),
  });
  expect(meeting!.tabs).toEqual([
    {
      catalogAppId: 'development',
      displayName: 'Mentoring',
      entityId: 'meeting-pair-1',
      contentUrl: tab.contentUrl,
      websiteUrl: tab.websiteUrl,
    },
  ]);
  expect(calendar.meetings('another-tenant')).toEqual([]);

  await expect(
    calendar.move(as('dana'), booked.eventId, { start, durationMinutes: 30, timeZone: 'America/New_York' }),
  ).rejects.toMatchObject({ reason: 'notOrganizer' });
  await expect(
    calendar.move(as('priya', 'another-tenant'), booked.eventId, {
      start,
      durationMinutes: 30,
      timeZone: 'Europe/London',
    }),
  ).rejects.toMatchObject({ reason: 'eventGone' });
  await calendar.cancel(as('priya'), booked.eventId, 'no longer needed');
  expect(calendar.meetings(TENANT)[0]!.cancelled).toBe(true);
});

test('a series keeps its local time across a daylight-saving change and is cancelled whole', async () => {
  const calendar = seededCalendar();
  const series = await calendar.book(as('priya'), {
    subject: 'Mentoring',
    body: '',
    start: Date.parse('2027-03-16T14:00Z'),
    durationMinutes: 45,
    timeZone: 'Europe/London',
    attendees: [dana],
    transactionId: 's',
    recurrence: { everyDays: 14, occurrences: 3 },
  });
  const occurrences = await calendar.occurrences(as('priya'), series.eventId, {
    start: Date.parse('2027-03-01T00:00Z'),
    end: Date.parse('2027-05-01T00:00Z'),
  });
  expect(occurrences.map((o) => new Date(o.start).toISOString())).toEqual([
    '2027-03-16T14:00:00.000Z',
    '2027-03-30T13:00:00.000Z',
    '2027-04-13T13:00:00.000Z',
  ]);
  await calendar.cancel(as('priya'), series.eventId, 'ended');
  expect(
    await calendar.occurrences(as('priya'), series.eventId, {
      start: Date.parse('2027-03-01T00:00Z'),
      end: Date.parse('2027-05-01T00:00Z'),
    }),
  ).toEqual([]);
});
