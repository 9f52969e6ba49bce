// The Graph calendar against a fake Microsoft Graph that speaks the wire format (test/support/fakeGraphScheduling):
// free/busy and working hours of a pair in London and New York, the event with its Teams meeting, moving and
// cancelling it, a series across a daylight-saving change, our tab added to the meeting chat, and the degraded
// paths (throttling with Retry-After, missing consent) that leave the booking to our own store.
import {
  CalendarRefusal,
  teamsMeetingIdOf,
  type CalendarCaller,
  type CalendarPerson,
  type MeetingTab,
} from '../../bot/src/calendar/calendar';
import { graphCalendar } from '../../bot/src/calendar/graphCalendar';
import { findMeetingTimes } from '../../bot/src/domain/meetingTimes';
import { DELEGATED_PERMISSIONS } from '../../bot/src/graph/permissions';
import { manifestResourceSpecific, teamsAppOf } from '../support/teamsAppFacts';
import { startFakeGraphScheduling, type FakeGraphScheduling } from '../support/fakeGraphScheduling';

const CLIENT = { clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'not-a-real-secret' };
const TENANT = '0d0d0d0d-0000-4000-8000-000000000001';
const CATALOG_ID = 'b1c2d3e4-0000-4000-8000-00000000c0de';
// What the app asks for (aad.manifest.json), as an admin grants it with npm run entra:grant.
const ALL_SCOPES = [...DELEGATED_PERMISSIONS];
const at = (iso: string) => Date.parse(iso);

let graph: FakeGraphScheduling;
const waits: number[] = [];
beforeAll(async () => {
  graph = await startFakeGraphScheduling({
    ...CLIENT,
    mailboxes: [
      {
        id: 'priya',
        displayName: 'Priya Patel',
        mail: 'priya@contoso.com',
        userPrincipalName: 'priya@contoso.com',
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '09:00:00.0000000',
          endTime: '17:30:00.0000000',
          timeZone: { name: 'GMT Standard Time' },
        },
      },
      {
        id: 'dana',
        displayName: 'Dana Whitfield',
        mail: 'dana@contoso.com',
        userPrincipalName: 'dana@contoso.com',
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '08:00:00.0000000',
          endTime: '18:00:00.0000000',
          timeZone: { name: 'Eastern Standard Time' },
        },
        busy: [
          { start: at('2027-03-16T12:00Z'), end: at('2027-03-16T14:00Z') },
          { start: at('2027-03-16T15:00Z'), end: at('2027-03-16T15:30Z'), status: 'tentative' },
          { start: at('2027-03-16T16:00Z'), end: at('2027-03-16T17:00Z'), status: 'free' },
        ],
      },
      {
        id: 'ruth',
        displayName: 'Ruth Adeyemi',
        mail: 'ruth@contoso.com',
        userPrincipalName: 'ruth@contoso.com',
        freeBusyHidden: true,
      },
    ],
    teamsApp: teamsAppOf(CATALOG_ID, CLIENT.clientId),
    consentedScopes: ALL_SCOPES,
  });
});
afterAll(() => graph.stop());
beforeEach(() => {
  graph.requests.length = 0;
  graph.consentedScopes = new Set(ALL_SCOPES);
  waits.length = 0;
  graph.clearThrottles();
});

const calendar = () =>
  graphCalendar({
    credential: { clientId: CLIENT.clientId, kind: 'secret', clientSecret: CLIENT.clientSecret },
    authorityHost: graph.url,
    graphBaseUrl: graph.url,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
// A fresh assertion per test: the on-behalf-of token cache then never carries consent from one test to the next.
const callerFor = (userId: string): CalendarCaller => ({
  tenantId: TENANT,
  userId,
  accessToken: `${graph.userAssertion(userId)}.${Math.random()}`,
});
const priya: CalendarPerson = { id: 'priya', name: 'Priya Patel', timeZone: 'Europe/London' };
const dana: CalendarPerson = {
  id: 'dana',
  name: 'Dana Whitfield',
  email: 'dana@contoso.com',
  timeZone: 'America/New_York',
};
const tab: MeetingTab = {
  catalogAppId: CATALOG_ID,
  displayName: 'Mentoring',
  entityId: 'meeting-pair-1',
  contentUrl: 'https://rm.contoso.com/tab/meeting?locale={locale}',
  websiteUrl: 'https://rm.contoso.com/tab/personal',
  chatPermissions: manifestResourceSpecific
    .filter((p) => p.name.endsWith('.Chat'))
    .map((p) => ({ permissionValue: p.name, permissionType: p.type })),
};
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as CalendarRefusal,
  );
const booking = (overrides = {}) => ({
  subject: 'Mentoring: Priya and Dana',
  body: '<p>Open the Mentoring tab in the meeting.</p>',
  start: at('2027-03-16T14:00Z'),
  durationMinutes: 45,
  timeZone: 'Europe/London',
  attendees: [dana],
  transactionId: `t-${Math.random()}`,
  ...overrides,
});

test('availability: one on-behalf-of exchange, e-mails looked up, getSchedule in UTC; working hours in each zone, busy but not free', async () => {
  const cal = calendar();
  const caller = callerFor('priya');
  const found = await cal.availability(caller, [priya, dana], {
    start: at('2027-03-15T00:00Z'),
    end: at('2027-03-20T00:00Z'),
  });
  expect(found).toEqual([
    {
      userId: 'priya',
      known: true,
      busy: [],
      workingHours: {
        days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        start: '09:00',
        end: '17:30',
        timeZone: 'Europe/London',
      },
    },
    {
      userId: 'dana',
      known: true,
      busy: [
        { start: at('2027-03-16T12:00Z'), end: at('2027-03-16T14:00Z') },
        { start: at('2027-03-16T15:00Z'), end: at('2027-03-16T15:30Z') },
      ],
      workingHours: {
        days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        start: '08:00',
        end: '18:00',
        timeZone: 'America/New_York',
      },
    },
  ]);
  const token = graph.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
  expect(token).toHaveLength(1);
  expect(token[0]!.body).toMatchObject({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    requested_token_use: 'on_behalf_of',
    scope: `${graph.url}/.default`,
    client_id: CLIENT.clientId,
  });
  expect(graph.requests.filter((r) => r.path === '/v1.0/users/priya')).toHaveLength(1);
  const schedule = graph.requests.find((r) => r.path === '/v1.0/me/calendar/getSchedule')!;
  expect(schedule.headers.prefer).toBe('outlook.timezone="UTC"');
  expect(schedule.body).toEqual({
    schedules: ['priya@contoso.com', 'dana@contoso.com'],
    startTime: { dateTime: '2027-03-15T00:00:00', timeZone: 'UTC' },
    endTime: { dateTime: '2027-03-20T00:00:00', timeZone: 'UTC' },
    availabilityViewInterval: 30,
  });

  // On Tuesday 16 March New York is on summer time and London is not: shared hours 12:00–17:30 UTC, Dana busy until 14:00 and 15:00–15:30.
  const times = findMeetingTimes({
    people: found.map((a, i) => ({
      userId: a.userId,
      workingHours: a.workingHours,
      busy: a.busy,
      quietHours: null,
      timeZone: [priya, dana][i]!.timeZone,
    })),
    from: at('2027-03-16T00:00Z'),
    to: at('2027-03-17T00:00Z'),
    durationMinutes: 45,
    perDay: 3,
    dayZone: 'UTC',
  });
  expect(times.map((t) => new Date(t.start).toISOString())).toEqual([
    '2027-03-16T14:00:00.000Z',
    '2027-03-16T15:30:00.000Z',
    '2027-03-16T16:30:00.000Z',
  ]);
});

test('someone whose free/busy is not shared counts as free in their working hours, in their own zone', async () => {
  const [ruth] = await calendar().availability(
    callerFor('priya'),
    [{ id: 'ruth', name: 'Ruth', email: 'ruth@contoso.com', timeZone: 'Africa/Lagos' }],
    { start: at('2027-03-15T00:00Z'), end: at('2027-03-16T00:00Z') },
  );
  expect(ruth).toEqual({
    userId: 'ruth',
    known: false,
    busy: [],
    workingHours: {
      days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      start: '09:00',
      end: '17:00',
      timeZone: 'Africa/Lagos',
    },
  });
});

test('book: an Outlook event with a Teams meeting in the organiser’s zone, the partner invited; a repeat finds the same event', async () => {
  const cal = calendar();
  const request = booking();
  const booked = await cal.book(callerFor('priya'), request);
  expect(booked).toEqual({
    eventId: expect.any(String),
    joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//),
    webLink: expect.any(String),
    start: at('2027-03-16T14:00Z'),
    end: at('2027-03-16T14:45Z'),
  });
  const sent = graph.requests.find((r) => r.method === 'POST' && r.path === '/v1.0/me/events')!;
  expect(sent.headers.prefer).toBe('outlook.timezone="UTC"');
  expect(sent.body).toMatchObject({
    subject: 'Mentoring: Priya and Dana',
    body: { contentType: 'HTML', content: '<p>Open the Mentoring tab in the meeting.</p>' },
    start: { dateTime: '2027-03-16T14:00:00', timeZone: 'GMT Standard Time' },
    end: { dateTime: '2027-03-16T14:45:00', timeZone: 'GMT Standard Time' },
    attendees: [{ type: 'required', emailAddress: { address: 'dana@contoso.com', name: 'Dana Whitfield' } }],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    transactionId: request.transactionId,
  });
  // The meeting is in Dana's free/busy now.
  const [danaNow] = await cal.availability(callerFor('dana'), [dana], {
    start: at('2027-03-16T00:00Z'),
    end: at('2027-03-17T00:00Z'),
  });
  expect(danaNow!.busy).toContainEqual({ start: at('2027-03-16T14:00Z'), end: at('2027-03-16T14:45Z') });

  const again = await cal.book(callerFor('priya'), request);
  expect(again.eventId).toBe(booked.eventId);
  expect([...graph.events.values()].filter((e) => e.transactionId === request.transactionId)).toHaveLength(1);
});

test('move and cancel change the organiser’s event; the partner’s copy is not theirs to change', async () => {
  const cal = calendar();
  const booked = await cal.book(callerFor('priya'), booking());
  const moved = await cal.move(callerFor('priya'), booked.eventId, {
    start: at('2027-03-17T15:00Z'),
    durationMinutes: 60,
    timeZone: 'Europe/London',
  });
  expect(moved).toMatchObject({
    eventId: booked.eventId,
    joinUrl: booked.joinUrl,
    start: at('2027-03-17T15:00Z'),
    end: at('2027-03-17T16:00Z'),
  });
  expect(graph.requests.find((r) => r.method === 'PATCH')!.body).toEqual({
    start: { dateTime: '2027-03-17T15:00:00', timeZone: 'GMT Standard Time' },
    end: { dateTime: '2027-03-17T16:00:00', timeZone: 'GMT Standard Time' },
  });
  expect(
    await refusalOf(
      cal.move(callerFor('dana'), booked.eventId, {
        start: at('2027-03-18T15:00Z'),
        durationMinutes: 60,
        timeZone: 'America/New_York',
      }),
    ),
  ).toMatchObject({ reason: 'eventGone' });

  await cal.cancel(callerFor('priya'), booked.eventId, 'Dana is travelling.');
  expect(graph.events.get(booked.eventId)).toMatchObject({ cancelled: true, cancelComment: 'Dana is travelling.' });
  // Cancelled already (here or in Outlook): nothing left to do, no error.
  await expect(cal.cancel(callerFor('priya'), booked.eventId, 'again')).resolves.toBeUndefined();
});

test('a series every 14 days keeps 14:00 London across the change to summer time, and each occurrence has its own id', async () => {
  const cal = calendar();
  graph.maxPageSize = 2;
  try {
    const series = await cal.book(callerFor('priya'), booking({ recurrence: { everyDays: 14, occurrences: 4 } }));
    expect(graph.requests.find((r) => r.method === 'POST' && r.path === '/v1.0/me/events')!.body).toMatchObject({
      recurrence: {
        pattern: { type: 'daily', interval: 14 },
        range: {
          type: 'numbered',
          startDate: '2027-03-16',
          numberOfOccurrences: 4,
          recurrenceTimeZone: 'GMT Standard Time',
        },
      },
    });
    const occurrences = await cal.occurrences(callerFor('priya'), series.eventId, {
      start: at('2027-03-01T00:00Z'),
      end: at('2027-05-01T00:00Z'),
    });
    expect(occurrences.map((o) => new Date(o.start).toISOString())).toEqual([
      '2027-03-16T14:00:00.000Z',
      '2027-03-30T13:00:00.000Z',
      '2027-04-13T13:00:00.000Z',
      '2027-04-27T13:00:00.000Z',
    ]);
    expect(new Set(occurrences.map((o) => o.eventId)).size).toBe(4);
    // Two pages of two: the adapter followed @odata.nextLink.
    expect(graph.requests.filter((r) => r.path.endsWith('/instances'))).toHaveLength(2);

    await cal.move(callerFor('priya'), occurrences[1]!.eventId, {
      start: at('2027-03-31T13:00Z'),
      durationMinutes: 45,
      timeZone: 'Europe/London',
    });
    await cal.cancel(callerFor('priya'), series.eventId, 'The programme ended early.');
    expect(
      await cal.occurrences(callerFor('priya'), series.eventId, {
        start: at('2027-03-01T00:00Z'),
        end: at('2027-05-01T00:00Z'),
      }),
    ).toEqual([]);
  } finally {
    graph.maxPageSize = 50;
  }
});

test('the panel: the meeting’s chat found by its join URL, the app installed with its chat permissions consented, our tab configured for the pair', async () => {
  const cal = calendar();
  const booked = await cal.book(callerFor('priya'), booking());
  const outcome = await cal.addPanel(callerFor('priya'), booked.joinUrl, tab);
  const event = graph.events.get(booked.eventId)!;
  expect(outcome).toEqual({
    status: 'added',
    chatId: event.threadId,
    teamsMeetingId: teamsMeetingIdOf(event.threadId!),
  });
  expect(Buffer.from((outcome as { teamsMeetingId: string }).teamsMeetingId, 'base64').toString()).toBe(
    `0#${event.threadId}#0`,
  );
  const chat = graph.chats.get(event.threadId!)!;
  expect(chat.installedApps).toEqual([
    {
      catalogId: CATALOG_ID,
      consented: [
        { permissionValue: 'OnlineMeeting.ReadBasic.Chat', permissionType: 'Application' },
        { permissionValue: 'MeetingStage.Write.Chat', permissionType: 'Delegated' },
      ],
    },
  ]);
  expect(chat.tabs).toEqual([
    {
      id: expect.any(String),
      displayName: 'Mentoring',
      catalogId: CATALOG_ID,
      configuration: {
        entityId: 'meeting-pair-1',
        contentUrl: 'https://rm.contoso.com/tab/meeting?locale={locale}',
        websiteUrl: 'https://rm.contoso.com/tab/personal',
      },
    },
  ]);
  expect(graph.requests.find((r) => r.path === '/v1.0/me/onlineMeetings')!.query).toEqual({
    $filter: `JoinWebUrl eq '${booked.joinUrl}'`,
  });

  // Installed already (by hand, or a retry): the tab is still added.
  const second = await cal.book(callerFor('priya'), booking());
  graph.chats
    .get(graph.events.get(second.eventId)!.threadId!)!
    .installedApps.push({ catalogId: CATALOG_ID, consented: [] });
  expect(await cal.addPanel(callerFor('priya'), second.joinUrl, tab)).toMatchObject({ status: 'added' });
});

describe('degraded paths', () => {
  test('429: Graph’s Retry-After is waited for, then the call goes through', async () => {
    graph.throttle({ path: /getSchedule$/ }, 1, 3);
    const found = await calendar().availability(callerFor('priya'), [dana], {
      start: at('2027-03-15T00:00Z'),
      end: at('2027-03-16T00:00Z'),
    });
    expect(found[0]!.known).toBe(true);
    expect(waits).toEqual([3000]);
    expect(graph.requests.filter((r) => r.path.endsWith('getSchedule')).map((r) => r.status)).toEqual([429, 200]);
  });

  test('429 that persists, or asks for a longer wait than a person should sit through: throttled, with when to come back', async () => {
    graph.throttle({ path: /getSchedule$/ }, 5, 2);
    expect(
      await refusalOf(
        calendar().availability(callerFor('priya'), [dana], {
          start: at('2027-03-15T00:00Z'),
          end: at('2027-03-16T00:00Z'),
        }),
      ),
    ).toMatchObject({ reason: 'throttled', retryAfterSeconds: 2 });
    expect(waits).toEqual([2000, 2000]);
    graph.throttle({ path: /\/me\/events$/, method: 'POST' }, 1, 120);
    waits.length = 0;
    expect(await refusalOf(calendar().book(callerFor('priya'), booking()))).toMatchObject({
      reason: 'throttled',
      retryAfterSeconds: 120,
    });
    expect(waits).toEqual([]);
  });

  test('403 without consent for one step names the permission an admin grants; the other steps still work', async () => {
    const cal = calendar();
    const booked = await cal.book(callerFor('priya'), booking());
    graph.consentedScopes.delete('Calendars.ReadWrite');
    const refused = await refusalOf(cal.book(callerFor('priya'), booking()));
    expect(refused).toBeInstanceOf(CalendarRefusal);
    expect(refused).toMatchObject({ reason: 'notConsented' });
    expect(refused!.message).toMatch(/Calendars\.ReadWrite.*npm run entra:grant/);
    expect(graph.requests.filter((r) => r.path === '/v1.0/me/events').map((r) => r.status)).toEqual([201, 403]);
    expect(
      await refusalOf(
        cal.availability(callerFor('priya'), [dana], { start: at('2027-03-15T00:00Z'), end: at('2027-03-16T00:00Z') }),
      ),
    ).toMatchObject({ reason: 'notConsented' });
    // The meeting chat is another permission: the panel still goes in.
    expect(await cal.addPanel(callerFor('priya'), booked.joinUrl, tab)).toMatchObject({ status: 'added' });
  });

  test('no consent at all: Entra refuses on-behalf-of (AADSTS65001) and nothing reaches Graph', async () => {
    graph.consentedScopes.clear();
    const refused = await refusalOf(
      calendar().availability(callerFor('priya'), [dana], {
        start: at('2027-03-15T00:00Z'),
        end: at('2027-03-16T00:00Z'),
      }),
    );
    expect(refused).toMatchObject({ reason: 'notConsented' });
    expect(refused!.message).toMatch(/invalid_grant.*Calendars\.ReadWrite/);
    expect(graph.requests.filter((r) => r.path.startsWith('/v1.0/'))).toEqual([]);
  });

  test('a directory lookup that is not permitted says so, not a calendar permission', async () => {
    graph.consentedScopes.delete('User.ReadBasic.All');
    const refused = await refusalOf(
      calendar().availability(callerFor('priya'), [priya, dana], {
        start: at('2027-03-15T00:00Z'),
        end: at('2027-03-16T00:00Z'),
      }),
    );
    expect(refused!.message).toMatch(/User\.ReadBasic\.All/);
  });

  test('the panel without permission to find the chat, to install with consent, or to add tabs: not added, the booking stands', async () => {
    const booked = await calendar().book(callerFor('priya'), booking());
    for (const [remove, add] of [
      ['OnlineMeetings.Read'],
      ['TeamsAppInstallation.ReadWriteAndConsentSelfForChat', 'TeamsAppInstallation.ReadWriteSelfForChat'],
      ['TeamsTab.Create'],
    ] as const) {
      graph.consentedScopes = new Set(ALL_SCOPES);
      graph.consentedScopes.delete(remove);
      if (add) graph.consentedScopes.add(add);
      expect({ remove, outcome: await calendar().addPanel(callerFor('priya'), booked.joinUrl, tab) }).toEqual({
        remove,
        outcome: { status: 'notAdded', reason: 'notPermitted' },
      });
    }
    expect(graph.events.get(booked.eventId)!.cancelled).toBe(false);
    // An app the tenant's catalogue does not have.
    graph.consentedScopes = new Set(ALL_SCOPES);
    expect(
      await calendar().addPanel(callerFor('priya'), booked.joinUrl, { ...tab, catalogAppId: 'not-in-the-catalogue' }),
    ).toEqual({ status: 'notAdded', reason: 'appNotInCatalog' });
    // A meeting that is not the caller's.
    expect(
      await calendar().addPanel(callerFor('priya'), 'https://teams.microsoft.com/l/meetup-join/someone-else', tab),
    ).toEqual({ status: 'notAdded', reason: 'meetingNotFound' });
  });
});
