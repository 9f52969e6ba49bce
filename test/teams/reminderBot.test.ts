// The bot's reminder features over real HTTP on /api/messages: settings and snooze commands, the
// reminder cards' in-place actions (feedback, snooze, commitment kept, settings saved), and meeting
// start/end events for a linked meeting.
import { commitmentCreator } from '../../bot/src/commands/commitmentWriter';
import { feedbackId } from '../../bot/src/commands/feedbackGiver';
import { meetingLinker } from '../../bot/src/commands/meetingLinker';
import type { CommitmentDoc, SessionDoc } from '../../bot/src/domain/model';
import type { ReminderSettingsDoc } from '../../bot/src/domain/reminders';
import { findReminderSettings, remindersOfPair } from '../../bot/src/store/reminders';
import { buildPair, type BuiltPair } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { buildTestApp, type TestApp } from '../support/testApp';
import { actionsOf, askBot, baseActivity, invokeFrom, post, textsOf, type Card, type TeamsUser } from './teamsClient';

let connector: FakeBotConnector;
let t: TestApp;
let built: BuiltPair;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  t = await buildTestApp();
  built = await buildPair(t.services.store);
});
afterAll(async () => {
  await t.stop();
  await connector.stop();
});

const user = (userId: string, extra: Partial<TeamsUser> = {}): TeamsUser => ({
  userId,
  serviceUrl: connector.url,
  localTimezone: 'Europe/Berlin',
  ...extra,
});

const ask = (from: TeamsUser, text: string): Promise<Card> => askBot(t.app, connector, from, text);

/** An Action.Execute as Teams sends it; answers the refreshed card (or the error). */
async function act(from: TeamsUser, verb: string, data: unknown) {
  const res = await post(t.app, invokeFrom(from, verb, data));
  // The invoke's HTTP status is the Universal Actions statusCode.
  expect(res.status).toBe(res.body.statusCode);
  return res.body as { statusCode: number; type: string; value: Card & { message?: string } };
}

test.each(['settings', 'SETTINGS', ' Settings '])(
  '%j answers with the settings card: time zone from Teams, default quiet hours, every reminder on',
  async (text) => {
    const card = await ask(user(built.mentee.userId), text);
    expect(textsOf(card)[0]).toBe('Your reminder settings');
    const inputs = JSON.stringify(card);
    expect(inputs).toContain('"id":"timeZone"');
    expect(inputs).toContain('"value":"Europe/Berlin"');
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['settings.save', 'settings.snooze', 'settings.snooze']);
  },
);

test('saving settings in place validates the time zone and stores quiet hours and the reminders turned off', async () => {
  const mentee = user(built.mentee.userId);
  const bad = await act(mentee, 'settings.save', {
    timeZone: 'Mars/Olympus',
    quietEnabled: 'true',
    quietStart: '22:00',
    quietEnd: '07:00',
  });
  expect(bad).toMatchObject({ statusCode: 400, value: { message: expect.stringMatching(/timeZone/) } });

  const saved = await act(mentee, 'settings.save', {
    action: 'save',
    timeZone: 'America/New_York',
    quietEnabled: 'true',
    quietStart: '23:00',
    quietEnd: '06:30',
    'kind.stalled': 'false',
    'kind.prepare': 'true',
  });
  expect(saved.statusCode).toBe(200);
  expect(textsOf(saved.value)).toContain('Saved. Your reminders follow these settings from now on.');
  expect(await findReminderSettings(t.services.store, built.mentee.tenantId, built.mentee.userId)).toMatchObject<
    Partial<ReminderSettingsDoc>
  >({
    timeZone: 'America/New_York',
    quietHours: { start: '23:00', end: '06:30' },
    disabledKinds: ['stalled'],
  });
  // The member's planned reminders moved into the new zone.
  const mine = (await remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id)).filter(
    (r) => r.recipientId === built.mentee.userId,
  );
  expect(mine.length).toBeGreaterThan(0);
  for (const r of mine) expect(r.timeZone).toBe('America/New_York');
});

test('snooze pauses every reminder and resumes them, in place', async () => {
  const mentor = user(built.mentor.userId);
  const card = await ask(mentor, 'snooze');
  expect(actionsOf(card).map((a) => (a.data as { hours: number }).hours)).toEqual([1, 24, 168, 0]);
  const paused = await act(mentor, 'settings.snooze', { hours: 24 });
  expect(textsOf(paused.value).join(' ')).toMatch(/paused until/);
  const until = (await findReminderSettings(t.services.store, built.mentor.tenantId, built.mentor.userId))!
    .snoozedUntil!;
  expect(Date.parse(until) - Date.now()).toBeGreaterThan(23 * 3600_000);
  await act(mentor, 'settings.snooze', { hours: 0 });
  expect(
    (await findReminderSettings(t.services.store, built.mentor.tenantId, built.mentor.userId))!.snoozedUntil,
  ).toBeUndefined();
});

test('post-session feedback: 1–5 with a comment, one per member and session, only for members', async () => {
  const data = { pairId: built.pair.id, sessionId: built.session.id };
  expect(await act(user(built.mentor.userId), 'feedback.submit', { ...data, rating: '9' })).toMatchObject({
    statusCode: 400,
  });
  expect(await act(user('stranger'), 'feedback.submit', { ...data, rating: '4' })).toMatchObject({ statusCode: 404 });
  const ok = await act(user(built.mentor.userId), 'feedback.submit', { ...data, rating: '4', comment: 'Good pace' });
  expect(ok.statusCode).toBe(200);
  await act(user(built.mentor.userId), 'feedback.submit', { ...data, rating: '5' });
  const stored = await t.services.store.pairs.find(
    built.pair.tenantId,
    built.pair.id,
    feedbackId(built.pair.tenantId, built.session.id, built.mentor.userId),
  );
  expect(stored).toMatchObject({
    type: 'feedback',
    rating: 5,
    authorId: built.mentor.userId,
    sessionId: built.session.id,
  });
});

test('a commitment check-in is closed from the card, and its reminder is cancelled', async () => {
  const commitment = await commitmentCreator(t.services.store, built.mentor, built.pair, {
    text: 'Use Copilot weekly',
    dueDate: '2099-01-10',
  });
  const checkIn = () =>
    remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id).then((rs) =>
      rs.find((r) => r.kind === 'commitmentCheckIn' && r.subjectId === commitment.id),
    );
  expect((await checkIn())!.state).toBe('planned');
  const res = await act(user(built.mentee.userId), 'commitment.done', {
    pairId: built.pair.id,
    commitmentId: commitment.id,
  });
  expect(textsOf(res.value)[0]).toBe('Commitment kept');
  const stored = (await t.services.store.pairs.find(
    built.pair.tenantId,
    built.pair.id,
    commitment.id,
  )) as CommitmentDoc;
  expect(stored.status).toBe('kept');
  expect((await checkIn())!.state).toBe('cancelled');
});

test('snoozing a received reminder sends it again in an hour; someone else’s reminder is not found', async () => {
  const [reminder] = (await remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id)).filter(
    (r) => r.recipientId === built.mentor.userId && r.kind === 'prepare',
  );
  await t.services.store.reminders.replace({ ...reminder!, state: 'sent' }, reminder!._etag ?? '');
  expect(
    await act(user(built.mentee.userId), 'reminder.snooze', { pairId: built.pair.id, reminderId: reminder!.id }),
  ).toMatchObject({ statusCode: 404 });
  const ok = await act(user(built.mentor.userId), 'reminder.snooze', {
    pairId: built.pair.id,
    reminderId: reminder!.id,
  });
  expect(ok.statusCode).toBe(200);
  const again = await t.services.store.reminders.find(built.pair.tenantId, built.pair.id, reminder!.id);
  expect(again!.state).toBe('planned');
  expect(Date.parse(again!.sendAt) - Date.now()).toBeGreaterThan(55 * 60_000);
});

test('an unknown verb is refused, never a 500', async () => {
  expect(await act(user(built.mentor.userId), 'something.else', {})).toMatchObject({ statusCode: 400 });
});

test('meeting start and end events of a linked meeting record the session as held with its real times and plan the after-session nudge', async () => {
  const meetingId = `meeting-${built.session.id}`;
  await meetingLinker(t.services.store, built.mentor, built.pair, { meetingId, sessionId: built.session.id });
  const event = (name: string, value: object) => ({
    ...baseActivity(user(built.mentor.userId, { conversationType: 'groupChat', conversationId: '19:meeting_chat' })),
    type: 'event',
    name,
    channelData: { tenant: { id: built.pair.tenantId }, meeting: { id: meetingId } },
    value,
  });
  const start = new Date(Date.now() - 50 * 60_000).toISOString();
  const end = new Date(Date.now() - 5 * 60_000).toISOString();
  await post(
    t.app,
    event('application/vnd.microsoft.meetingStart', {
      Id: meetingId,
      StartTime: start,
      Title: 'Session',
      MeetingType: 'Scheduled',
      JoinUrl: 'https://teams.microsoft.com/l/x',
    }),
  );
  await post(
    t.app,
    event('application/vnd.microsoft.meetingEnd', {
      Id: meetingId,
      EndTime: end,
      Title: 'Session',
      MeetingType: 'Scheduled',
      JoinUrl: 'https://teams.microsoft.com/l/x',
    }),
  );
  const session = (await t.services.store.pairs.find(
    built.pair.tenantId,
    built.pair.id,
    built.session.id,
  )) as SessionDoc;
  expect(session).toMatchObject({ status: 'held', startedAt: start, endedAt: end });
  const nudges = (await remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id)).filter(
    (r) => r.kind === 'captureTakeaways' && r.subjectId === built.session.id,
  );
  expect(nudges).toHaveLength(2);
  for (const n of nudges)
    expect(n).toMatchObject({
      plannedFor: end,
      dueAt: new Date(Date.parse(end) + 5 * 60_000).toISOString(),
      state: 'planned',
    });
});
