// Booking sessions through the calendar, through HTTP against the real app and store: with the seeded calendar
// of development (the demo users' working hours in London and New York), and with the Graph calendar against
// the fake Microsoft Graph (consent missing, throttled, granted). The partner hears of it through the activity
// feed, else the bot, and the delivery is recorded like the bot's reminders.
import request from 'supertest';
import { graphCalendar } from '../../bot/src/calendar/graphCalendar';
import type { SeededCalendar } from '../../bot/src/calendar/seededCalendar';
import { demoBookingSeeder } from '../../bot/src/commands/demoBooking';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { programCreator } from '../../bot/src/commands/programCreator';
import { DELEGATED_PERMISSIONS } from '../../bot/src/graph/permissions';
import { NOTICE, type ReminderDoc } from '../../bot/src/domain/reminders';
import { runDueReminders } from '../../bot/src/jobs/reminderRun';
import type { Store } from '../../bot/src/store/database';
import { createReminderSettings, reminderSettingsId, remindersOfPair } from '../../bot/src/store/reminders';
import { adminOf, buildPair, type BuiltPair } from '../support/factories';
import { teamsAppOf } from '../support/teamsAppFacts';
import { startFakeGraphScheduling, type FakeGraphScheduling } from '../support/fakeGraphScheduling';
import { buildTestApp, type TestApp } from '../support/testApp';

const DAY = 86_400_000;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A programme running now (the factories' programme has fixed dates), and the demo pair's people. */
async function demoPair(store: Store): Promise<BuiltPair> {
  const program = await programCreator(store, adminOf(), {
    name: 'Booking',
    objectives: [],
    startsOn: isoDate(Date.now() - 30 * DAY),
    endsOn: isoDate(Date.now() + 120 * DAY),
    cadenceDays: 14,
    sessionMinutes: 45,
    topics: [],
    programLearningsEnabled: true,
    retentionDays: 180,
  });
  const built = await buildPair(store, { program, mentorId: 'priya', menteeId: 'dana' });
  // No quiet hours: notices go at once whatever the time of day the test runs.
  for (const userId of ['priya', 'dana']) {
    const stamp = new Date().toISOString();
    await createReminderSettings(store, {
      id: reminderSettingsId(built.pair.tenantId),
      type: 'reminderSettings',
      tenantId: built.pair.tenantId,
      userId,
      quietHours: null,
      disabledKinds: [],
      createdAt: stamp,
      updatedAt: stamp,
    }).catch(() => undefined);
  }
  return built;
}

const notices = async (store: Store, built: BuiltPair) =>
  (await remindersOfPair(store, built.pair.tenantId, built.pair.id)).filter((r): r is ReminderDoc => r.kind === NOTICE);

describe('development: the seeded calendar', () => {
  let t: TestApp;
  let built: BuiltPair;
  const tokens = { priya: '', dana: '' };
  beforeAll(async () => {
    t = await buildTestApp();
    built = await demoPair(t.services.store);
    tokens.priya = await t.tokenFor({ userId: 'priya', name: 'Priya Patel' });
    tokens.dana = await t.tokenFor({ userId: 'dana', name: 'Dana Whitfield' });
  });
  afterAll(() => t.stop());
  const seeded = () => t.services.booking.calendar as SeededCalendar;
  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

  test('proposed times fall in both people’s working hours, London and New York', async () => {
    const res = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/availability`)
      .set(as('priya'))
      .send({ durationMinutes: 45 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'seeded', durationMinutes: 45 });
    expect(res.body.times.length).toBeGreaterThanOrEqual(4);
    for (const { start, end } of res.body.times as { start: string; end: string }[]) {
      const clock = (zone: string, at: string) =>
        new Date(at).toLocaleTimeString('en-GB', { timeZone: zone, hour12: false }).slice(0, 5);
      expect({
        start,
        london: clock('Europe/London', start) >= '09:00' && clock('Europe/London', end) <= '17:30',
        newYork: clock('America/New_York', start) >= '08:00' && clock('America/New_York', end) <= '18:00',
      }).toEqual({ start, london: true, newYork: true });
      expect(Date.parse(end) - Date.parse(start)).toBe(45 * 60_000);
    }
  });

  test('book: the meeting with the Mentoring tab in its chat, the session with its join link; a retry books nothing twice', async () => {
    const times = (await request(t.app).post(`/api/pairs/${built.pair.id}/availability`).set(as('priya')).send({})).body
      .times as { start: string }[];
    const send = () =>
      request(t.app)
        .post(`/api/pairs/${built.pair.id}/bookings`)
        .set(as('priya'))
        .set('Idempotency-Key', 'book-1')
        .send({ scheduledAt: times[0]!.start, durationMinutes: 45 });
    const res = await send();
    expect(res.status).toBe(201);
    expect(res.body.calendar).toEqual({ status: 'booked', panel: 'added' });
    const [session] = res.body.sessions;
    const meeting = seeded()
      .meetings(built.pair.tenantId)
      .find((m) => m.joinUrl === session.joinUrl)!;
    expect(session).toMatchObject({
      scheduledAt: new Date(times[0]!.start).toISOString(),
      joinUrl: meeting.joinUrl,
      booking: { organizerId: 'priya', series: false, panel: 'added' },
    });
    expect(meeting).toMatchObject({
      organizerId: 'priya',
      attendeeIds: ['dana'],
      subject: `Reverse mentoring: ${built.pair.mentor.name} and ${built.pair.mentee.name}`,
    });
    expect(meeting.tabs).toEqual([
      {
        catalogAppId: 'development',
        displayName: 'Mentoring',
        entityId: `meeting-${built.pair.id}`,
        contentUrl: expect.stringMatching(/\/tab\/meeting\?locale=\{locale\}$/),
        websiteUrl: expect.stringMatching(/\/tab\/personal$/),
      },
    ]);
    // The side panel finds the pair and session from the meeting's id, as Teams gives it to the tab.
    const link = await request(t.app)
      .get(`/api/meetings/${encodeURIComponent(session.meetingId)}`)
      .set(as('dana'));
    expect(link.body).toEqual({ meetingId: session.meetingId, pairId: built.pair.id, sessionId: session.id });

    // What `npm start` shows a developer: the meeting in the seeded calendar, with the tab in its chat.
    const shown = await request(t.app).get('/api/dev/calendar').set(as('dana'));
    expect(shown.body.meetings).toContainEqual(
      expect.objectContaining({
        joinUrl: session.joinUrl,
        organizerId: 'priya',
        attendeeIds: ['dana'],
        tabs: [expect.objectContaining({ displayName: 'Mentoring', entityId: `meeting-${built.pair.id}` })],
      }),
    );

    const again = await send();
    expect(again.body.sessions[0].id).toBe(session.id);
    expect(
      seeded()
        .meetings(built.pair.tenantId)
        .filter((m) => m.joinUrl === session.joinUrl),
    ).toHaveLength(1);

    // Dana hears of it: a notice, queued once; without a feed in development it goes to the bot.
    const queued = (await notices(t.services.store, built)).filter((n) => n.notice?.type === 'sessionBooked');
    expect(queued).toEqual([
      expect.objectContaining({
        recipientId: 'dana',
        state: 'planned',
        notice: expect.objectContaining({
          parameters: { partner: 'Priya Patel', when: expect.any(String) },
          subPageId: `${built.pair.id}:session`,
        }),
      }),
    ]);
    await runDueReminders(t.services.store, t.services.timedWork!.delivery, { attemptsPerRun: 1 });
    const [sent] = (await notices(t.services.store, built)).filter((n) => n.notice?.type === 'sessionBooked');
    // Dana never opened the bot here: recorded as the bot's reminders are, with the reason and the channel.
    expect(sent).toMatchObject({ state: 'failed', outcome: { reason: 'NotInstalled', channel: 'bot' } });
  });

  test('only the organiser moves or cancels the meeting; the partner is told whom to ask', async () => {
    const start = Date.now() + 3 * DAY;
    const booked = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/bookings`)
      .set(as('priya'))
      .send({ scheduledAt: new Date(start).toISOString(), durationMinutes: 45 });
    const session = booked.body.sessions[0];
    const byDana = await request(t.app)
      .patch(`/api/pairs/${built.pair.id}/sessions/${session.id}/schedule`)
      .set(as('dana'))
      .set('If-Match', session.etag)
      .send({ scheduledAt: new Date(start + DAY).toISOString() });
    expect(byDana.status).toBe(409);
    expect(byDana.body.detail).toBe(
      `${built.pair.mentor.name} booked this meeting in their calendar, so only ${built.pair.mentor.name} can move or cancel it. Ask them, or message them in Teams.`,
    );

    const moved = await request(t.app)
      .patch(`/api/pairs/${built.pair.id}/sessions/${session.id}/schedule`)
      .set(as('priya'))
      .set('If-Match', session.etag)
      .send({ scheduledAt: new Date(start + DAY).toISOString(), durationMinutes: 30 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      calendar: 'updated',
      session: {
        scheduledAt: new Date(start + DAY).toISOString(),
        durationMinutes: 30,
        booking: { organizerId: 'priya' },
      },
    });
    const meeting = () =>
      seeded()
        .meetings(built.pair.tenantId)
        .find((m) => m.joinUrl === session.joinUrl)!;
    expect(meeting()).toMatchObject({ start: start + DAY, end: start + DAY + 30 * 60_000 });
    // A stale ETag changes nothing, in the calendar either.
    const stale = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/sessions/${session.id}/cancel`)
      .set(as('priya'))
      .set('If-Match', session.etag)
      .send({});
    expect(stale.status).toBe(412);
    expect(meeting().cancelled).toBe(false);

    const cancelled = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/sessions/${session.id}/cancel`)
      .set(as('priya'))
      .set('If-Match', moved.body.session.etag)
      .send({ reason: 'Dana is travelling' });
    expect(cancelled.body).toMatchObject({ calendar: 'updated', session: { status: 'cancelled' } });
    expect(meeting().cancelled).toBe(true);
    const types = (await notices(t.services.store, built))
      .filter((n) => n.plannedFor.startsWith(session.id))
      .map((n) => n.notice?.type)
      .sort();
    expect(types).toEqual(['sessionCancelled', 'sessionMoved']);
  });

  test('npm start books the demo pair’s next session in the seeded calendar, once, with the tab in its meeting', async () => {
    const { pairIds } = await seedDemoData(t.services.store);
    const demoPairId = pairIds[0]!;
    await demoBookingSeeder(t.services.booking, demoPairId);
    const first = (await request(t.app).get(`/api/pairs/${demoPairId}`).set(as('dana'))).body.nextSession;
    expect(first.booking).toEqual({ organizerId: 'priya', series: false, panel: 'added' });
    const meeting = seeded()
      .meetings(built.pair.tenantId)
      .find((m) => m.joinUrl === first.joinUrl)!;
    expect(meeting).toMatchObject({
      start: Date.parse(first.scheduledAt),
      tabs: [expect.objectContaining({ entityId: `meeting-${demoPairId}` })],
    });
    // The side panel finds the pair from the meeting's id.
    expect(
      (
        await request(t.app)
          .get(`/api/meetings/${encodeURIComponent(first.meetingId)}`)
          .set(as('priya'))
      ).body,
    ).toMatchObject({ pairId: demoPairId, sessionId: first.id });
    // Again (a restart with a kept store): the same meeting, the session unchanged.
    await demoBookingSeeder(t.services.booking, demoPairId);
    const second = (await request(t.app).get(`/api/pairs/${demoPairId}`).set(as('dana'))).body.nextSession;
    expect(second.etag).toBe(first.etag);
    expect(
      seeded()
        .meetings(built.pair.tenantId)
        .filter((m) => m.joinUrl === first.joinUrl),
    ).toHaveLength(1);
  });

  test('a series at the programme’s cadence: one session per occurrence, one meeting and chat, one tab', async () => {
    const start = Math.ceil((Date.now() + 5 * DAY) / 3_600_000) * 3_600_000;
    const res = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/bookings`)
      .set(as('dana'))
      .send({ scheduledAt: new Date(start).toISOString(), durationMinutes: 45, occurrences: 3 });
    expect(res.status).toBe(201);
    const sessions = res.body.sessions as {
      scheduledAt: string;
      joinUrl: string;
      booking: { series: boolean; organizerId: string };
    }[];
    expect(sessions).toHaveLength(3);
    expect(new Set(sessions.map((s) => s.joinUrl)).size).toBe(1);
    expect(sessions.every((s) => s.booking.series && s.booking.organizerId === 'dana')).toBe(true);
    // Every 14 days at the same local time in New York (Dana's zone is unknown here: UTC keeps the same UTC time).
    expect(sessions.map((s) => Date.parse(s.scheduledAt) - start)).toEqual([0, 14 * DAY, 28 * DAY]);
    expect(
      seeded()
        .meetings(built.pair.tenantId)
        .filter((m) => m.joinUrl === sessions[0]!.joinUrl)
        .every((m) => m.tabs.length === 1),
    ).toBe(true);
  });
});

describe('Microsoft 365 (the fake Graph): consent, throttling, the feed', () => {
  const CLIENT = { clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'entra-app-secret' };
  const CATALOG_ID = '5b1e2f3a-0c4d-4e5f-8a9b-0c1d2e3f4a5b';
  let graph: FakeGraphScheduling;
  let t: TestApp;
  let built: BuiltPair;
  const tokens = { priya: '', dana: '' };
  beforeAll(async () => {
    graph = await startFakeGraphScheduling({
      ...CLIENT,
      mailboxes: [
        {
          id: 'priya',
          displayName: 'Priya Patel',
          mail: 'priya@contoso.com',
          userPrincipalName: 'priya@contoso.com',
          hasApp: true,
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
          hasApp: true,
          workingHours: {
            daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
            startTime: '08:00:00.0000000',
            endTime: '18:00:00.0000000',
            timeZone: { name: 'Eastern Standard Time' },
          },
        },
      ],
      teamsApp: teamsAppOf(CATALOG_ID, CLIENT.clientId),
      consentedScopes: [],
      roles: ['TeamsActivity.Send'],
    });
    // Development sign-in tokens carry the user as oid, as Entra's do: the fake's on-behalf-of reads it.
    // Teams takes tabs only from https addresses.
    t = await buildTestApp({ GRAPH_BASE_URL: graph.url, PUBLIC_URL: 'https://mentoring.contoso.example' }, undefined, {
      configure: (config) => {
        config.reminders.proactiveInstall = {
          teamsAppCatalogId: CATALOG_ID,
          graphBaseUrl: graph.url,
          credential: { ...CLIENT, kind: 'secret' },
        };
      },
      options: {
        identityHttpClient: graph.httpClient,
        calendar: graphCalendar({
          credential: { ...CLIENT, kind: 'secret' },
          authorityHost: graph.url,
          graphBaseUrl: graph.url,
        }),
      },
    });
    built = await demoPair(t.services.store);
    tokens.priya = await t.tokenFor({ userId: 'priya', name: 'Priya Patel' });
    tokens.dana = await t.tokenFor({ userId: 'dana', name: 'Dana Whitfield' });
  });
  afterAll(async () => {
    await t.stop();
    await graph.stop();
  });
  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

  test('without admin consent: no times but why, and a booking is a session in the app, as before calendars', async () => {
    const times = await request(t.app).post(`/api/pairs/${built.pair.id}/availability`).set(as('priya')).send({});
    expect(times.status).toBe(200);
    expect(times.body).toMatchObject({
      source: 'microsoft365',
      times: [],
      calendar: {
        reason: 'notConsented',
        detail: expect.stringMatching(/administrator grants Reverse Mentoring .*npm run entra:grant/),
      },
    });
    const booked = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/bookings`)
      .set(as('priya'))
      .send({ scheduledAt: new Date(Date.now() + 2 * DAY).toISOString(), durationMinutes: 45 });
    expect(booked.status).toBe(201);
    expect(booked.body.calendar).toMatchObject({ status: 'notBooked', reason: 'notConsented' });
    expect(booked.body.sessions[0].booking).toBeUndefined();
    expect(booked.body.sessions[0].joinUrl).toBeUndefined();
    expect(graph.events.size).toBe(0);
    // The seeded calendar's view exists only with the seeded calendar.
    expect((await request(t.app).get('/api/dev/calendar').set(as('priya'))).status).toBe(404);
  });

  test('throttled for longer than a person waits: no times, when to try again, nothing booked', async () => {
    graph.consentedScopes = new Set(DELEGATED_PERMISSIONS);
    graph.throttle({ path: /getSchedule$/ }, 1, 120);
    const times = await request(t.app).post(`/api/pairs/${built.pair.id}/availability`).set(as('priya')).send({});
    expect(times.body).toMatchObject({ times: [], calendar: { reason: 'throttled', retryAfterSeconds: 120 } });
    graph.clearThrottles();
  });

  test('with consent: times from both calendars, the Outlook event with the tab in the meeting chat, the notice in Dana’s feed', async () => {
    graph.consentedScopes = new Set(DELEGATED_PERMISSIONS);
    const times = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/availability`)
      .set(as('priya'))
      .send({ durationMinutes: 30 });
    expect(times.body.source).toBe('microsoft365');
    const start = times.body.times[0]?.start ?? new Date(Date.now() + 2 * DAY).toISOString();
    const booked = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/bookings`)
      .set(as('priya'))
      .send({ scheduledAt: start, durationMinutes: 30 });
    expect(booked.status).toBe(201);
    expect(booked.body.calendar).toEqual({ status: 'booked', panel: 'added' });
    const event = [...graph.events.values()].find((e) => e.joinUrl === booked.body.sessions[0].joinUrl)!;
    expect(event).toMatchObject({
      organizerId: 'priya',
      attendees: [{ address: 'dana@contoso.com', name: built.pair.mentee.name }],
      start: Date.parse(start),
    });
    expect(graph.chats.get(event.threadId!)!.tabs).toEqual([
      expect.objectContaining({
        catalogId: CATALOG_ID,
        configuration: expect.objectContaining({ entityId: `meeting-${built.pair.id}` }),
      }),
    ]);

    await runDueReminders(t.services.store, t.services.timedWork!.delivery, { attemptsPerRun: 1 });
    const [notice] = (await notices(t.services.store, built)).filter(
      (n) => n.notice?.type === 'sessionBooked' && n.state !== 'planned',
    );
    expect(notice).toMatchObject({ recipientId: 'dana', state: 'sent', outcome: { channel: 'activityFeed' } });
    expect(graph.notifications).toEqual([
      {
        recipientId: 'dana',
        body: expect.objectContaining({
          activityType: 'sessionBooked',
          templateParameters: [
            { name: 'partner', value: 'Priya Patel' },
            { name: 'when', value: expect.any(String) },
          ],
        }),
      },
    ]);
  });

  test('a takeaway waiting for approval, then the decision: each person told in their feed, without the text', async () => {
    graph.notifications.length = 0;
    const s = built.session.id;
    const written = await request(t.app)
      .post(`/api/pairs/${built.pair.id}/sessions/${s}/takeaways`)
      .set(as('priya'))
      .send({ text: 'Dana prefers short videos to memos', visibility: 'pair' });
    expect(written.status).toBe(201);
    await runDueReminders(t.services.store, t.services.timedWork!.delivery, { attemptsPerRun: 1 });
    await request(t.app)
      .post(`/api/pairs/${built.pair.id}/takeaways/${written.body.id}/consent`)
      .set(as('dana'))
      .send({ approve: false });
    await runDueReminders(t.services.store, t.services.timedWork!.delivery, { attemptsPerRun: 1 });
    expect(graph.notifications.map((n) => [n.recipientId, n.body.activityType])).toEqual([
      ['dana', 'takeawayAwaitingApproval'],
      ['priya', 'takeawayDeclined'],
    ]);
    expect(JSON.stringify(graph.notifications)).not.toContain('short videos');
    expect((graph.notifications[0]!.body.topic as { webUrl: string }).webUrl).toContain(
      encodeURIComponent(`"subEntityId":"${built.pair.id}:takeaways"`),
    );
  });

  test('without TeamsActivity.Send the notice falls back to the bot, and the record says so', async () => {
    graph.roles = new Set();
    // A new app: a fresh application token, issued without the role.
    const fresh = await buildTestApp({ GRAPH_BASE_URL: graph.url }, t.embedded, {
      configure: (config) => {
        config.reminders.proactiveInstall = {
          teamsAppCatalogId: CATALOG_ID,
          graphBaseUrl: graph.url,
          credential: { ...CLIENT, kind: 'secret' },
        };
        config.store = { ...config.store, database: (t.services.config.store as { database: string }).database };
      },
      options: { identityHttpClient: graph.httpClient },
    });
    try {
      const token = await fresh.tokenFor({ userId: 'priya', name: 'Priya Patel' });
      const written = await request(fresh.app)
        .post(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/takeaways`)
        .set('Authorization', `Bearer ${token}`)
        .send({ text: 'Another one', visibility: 'pair' });
      expect(written.status).toBe(201);
      await runDueReminders(fresh.services.store, fresh.services.timedWork!.delivery, { attemptsPerRun: 1 });
      const record = (await notices(fresh.services.store, built)).find((n) => n.plannedFor === written.body.id)!;
      expect(record).toMatchObject({ state: 'failed', outcome: { reason: 'NotInstalled', channel: 'bot' } });
    } finally {
      await fresh.close();
      graph.roles = new Set(['TeamsActivity.Send']);
    }
  });
});
