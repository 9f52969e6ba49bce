// An assessment moment in the activity feed (#17): when the ledger asks a member to rate the pair's goals, the
// card that answers in place goes through the bot (#16) and the feed carries an "assessment due" pointer into the
// tab's ledger, in the member's language. Against the fake Microsoft Graph and a fake Bot Connector, real HTTP:
// the feed refused (the app not installed for the person) leaves the card alone, recorded as the fallback; a
// retry or a take-over after a crash never puts the same item in the feed twice.
import { goalCreator } from '../../bot/src/commands/goalWriter';
import type { GoalDoc, ProgramDoc } from '../../bot/src/domain/model';
import { ASSESSMENT, type ReminderDoc } from '../../bot/src/domain/reminders';
import { runDueReminders, type ReminderDelivery } from '../../bot/src/jobs/reminderRun';
import { createReminderSettings, reminderSettingsId, remindersOfPair } from '../../bot/src/store/reminders';
import { buildPair, buildRunningProgram, type BuiltPair } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { startFakeGraphScheduling, type FakeGraphScheduling } from '../support/fakeGraphScheduling';
import { teamsAppOf } from '../support/teamsAppFacts';
import { buildTestApp, type TestApp } from '../support/testApp';
import { actionsOf, cardsIn, installFrom, post, type Card } from '../teams/teamsClient';

const CLIENT = { clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'entra-app-secret' };
const CATALOG_ID = '5b1e2f3a-0c4d-4e5f-8a9b-0c1d2e3f4a5b';
const HOUR = 3_600_000;

let graph: FakeGraphScheduling;
let connector: FakeBotConnector;
let t: TestApp;
/** Conversations whose sends the fake Bot Connector answers with 503 (Teams having a bad minute). */
const failing = new Set<string>();

const mailbox = (id: string, hasApp: boolean) => ({
  id,
  displayName: id,
  mail: `${id}@contoso.com`,
  userPrincipalName: `${id}@contoso.com`,
  hasApp,
});

beforeAll(async () => {
  graph = await startFakeGraphScheduling({
    ...CLIENT,
    mailboxes: [
      mailbox('greta', true),
      mailbox('haruto', true),
      mailbox('ines', true),
      mailbox('jun', false),
      mailbox('karl', true),
      mailbox('lena', true),
      mailbox('mila', true),
      mailbox('noah', true),
    ],
    teamsApp: teamsAppOf(CATALOG_ID, CLIENT.clientId),
    consentedScopes: [],
    roles: ['TeamsActivity.Send'],
  });
  connector = await startFakeBotConnector({
    inject: ({ conversationId }) => (failing.has(conversationId) ? { status: 503 } : undefined),
  });
  t = await buildTestApp({ GRAPH_BASE_URL: graph.url }, undefined, {
    configure: (config) => {
      config.reminders.proactiveInstall = {
        teamsAppCatalogId: CATALOG_ID,
        graphBaseUrl: graph.url,
        credential: { ...CLIENT, kind: 'secret' },
      };
    },
    options: { identityHttpClient: graph.httpClient },
  });
});
afterAll(async () => {
  await t.stop();
  await connector.stop();
  await graph.stop();
});

/** A pair half-way through its programme, each member with the app in their Teams language and no quiet hours, and a goal. */
async function pairAt(
  program: ProgramDoc,
  mentor: { id: string; locale: string },
  mentee: { id: string; locale: string },
): Promise<{ built: BuiltPair; goal: GoalDoc }> {
  const built = await buildPair(t.services.store, { program, mentorId: mentor.id, menteeId: mentee.id });
  for (const member of [mentor, mentee]) {
    const stamp = new Date().toISOString();
    await createReminderSettings(t.services.store, {
      id: reminderSettingsId(built.pair.tenantId),
      type: 'reminderSettings',
      tenantId: built.pair.tenantId,
      userId: member.id,
      quietHours: null,
      disabledKinds: [],
      createdAt: stamp,
      updatedAt: stamp,
    });
    await post(
      t.app,
      installFrom({
        userId: member.id,
        serviceUrl: connector.url,
        locale: member.locale,
        localTimezone: 'Europe/Berlin',
        conversationId: `conversation-${member.id}`,
      }),
    );
  }
  const goal = await goalCreator(t.services.store, built.mentee, built.pair, {
    title: 'Prompt daily',
    successMeasure: 'Five a week',
    owner: 'mentee',
  });
  return { built, goal };
}

const midpointAsks = async (built: BuiltPair) =>
  (await remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id)).filter(
    (r): r is ReminderDoc => r.kind === ASSESSMENT && r.subjectId.endsWith(':midpoint'),
  );

/** The ledger cards each member got (the card's marker names its reminder). */
const ledgerCards = (asks: ReminderDoc[]) => {
  const cards = new Map<string, Card>();
  for (const card of cardsIn(connector.sent)) {
    const ask = asks.find((r) => (card.body[0] as { id?: string }).id === `marker-${r.id}`);
    if (ask) cards.set(ask.recipientId, card);
  }
  return cards;
};

const feedOf = (userId: string) => graph.notifications.filter((n) => n.recipientId === userId);
const deepLinkTo = (subEntityId: string) =>
  expect.stringContaining(encodeURIComponent(`"subEntityId":"${subEntityId}"`));

test('an assessment due: one feed item per member, in their language, deep-linked to the ledger, and the card', async () => {
  const program = await buildRunningProgram(t.services.store, { daysIn: 100, daysLeft: 80 });
  const { built } = await pairAt(program, { id: 'greta', locale: 'de-DE' }, { id: 'haruto', locale: 'ja-JP' });
  connector.sent.length = 0;
  await runDueReminders(t.services.store, t.services.timedWork!.delivery, { attemptsPerRun: 1 });

  expect(feedOf('greta')).toEqual([
    {
      recipientId: 'greta',
      body: expect.objectContaining({
        activityType: 'assessmentDue',
        templateParameters: [{ name: 'stage', value: 'Halbzeit' }],
        previewText: { content: `Halbzeit: Wie weit sind Sie und ${built.mentee.name} gekommen?` },
        topic: expect.objectContaining({ webUrl: deepLinkTo(`${built.pair.id}:ledger`) }),
        teamsAppId: CATALOG_ID,
      }),
    },
  ]);
  expect(feedOf('haruto')).toEqual([
    {
      recipientId: 'haruto',
      body: expect.objectContaining({
        activityType: 'assessmentDue',
        templateParameters: [{ name: 'stage', value: '中間' }],
        topic: expect.objectContaining({ webUrl: deepLinkTo(`${built.pair.id}:ledger`) }),
      }),
    },
  ]);
  // The card is still where the ratings are given.
  const asks = await midpointAsks(built);
  const cards = ledgerCards(asks);
  expect([...cards.keys()].sort()).toEqual(['greta', 'haruto']);
  // Its "Open the ledger" opens the same place as the feed item.
  expect(actionsOf(cards.get('greta')!).map((a) => a.url)).toContainEqual(deepLinkTo(`${built.pair.id}:ledger`));
  for (const ask of asks)
    expect(ask).toMatchObject({ state: 'sent', outcome: { channel: 'bot' }, feedSentAt: expect.any(String) });
  expect(asks.every((a) => a.outcome?.reason === undefined)).toBe(true);
});

test('the feed refused (403, the app not installed for the person): the card alone, and the record says why', async () => {
  const program = await buildRunningProgram(t.services.store, { daysIn: 100, daysLeft: 80 });
  const { built } = await pairAt(program, { id: 'ines', locale: 'fr-FR' }, { id: 'jun', locale: 'ko-KR' });
  connector.sent.length = 0;
  const before = graph.notifications.length;
  await runDueReminders(t.services.store, t.services.timedWork!.delivery, { attemptsPerRun: 1 });

  const refused = graph.requests.filter(
    (r) => r.path.endsWith('/users/jun/teamwork/sendActivityNotification') && r.status === 403,
  );
  expect(refused).toHaveLength(1);
  expect(feedOf('jun')).toEqual([]);
  expect(graph.notifications.slice(before).map((n) => [n.recipientId, n.body.templateParameters])).toEqual([
    ['ines', [{ name: 'stage', value: 'mi-parcours' }]],
  ]);
  const asks = await midpointAsks(built);
  expect([...ledgerCards(asks).keys()].sort()).toEqual(['ines', 'jun']);
  const junsAsk = asks.find((a) => a.recipientId === 'jun')!;
  expect(junsAsk).toMatchObject({ state: 'sent', outcome: { channel: 'bot', reason: 'AppNotInstalledForUser' } });
  expect(junsAsk.feedSentAt).toBeUndefined();
});

test('a retry (the card deferred) and a take-over (the worker stopped after the feed) send nothing twice', async () => {
  const program = await buildRunningProgram(t.services.store, { daysIn: 100, daysLeft: 80 });
  const { built } = await pairAt(program, { id: 'karl', locale: 'de-AT' }, { id: 'lena', locale: 'nl-NL' });
  const delivery = t.services.timedWork!.delivery as ReminderDelivery;
  connector.sent.length = 0;

  // Karl's card meets a 503: his ask is put back for later, his feed item already went.
  failing.add('conversation-karl');
  // Lena's run stops right after her feed item went (the worker dies before the card).
  const stop = new AbortController();
  const stopping: ReminderDelivery = {
    ...delivery,
    notify: async (tenantId, userId, notice) => {
      const outcome = await delivery.notify!(tenantId, userId, notice);
      if (userId === 'lena') stop.abort();
      return outcome;
    },
  };
  await runDueReminders(t.services.store, stopping, { attemptsPerRun: 1, concurrency: 1, signal: stop.signal });
  if (!stop.signal.aborted) throw new Error('Lena’s ask was not reached in the first run');
  await runDueReminders(t.services.store, delivery, { attemptsPerRun: 1 });
  expect(feedOf('karl')).toHaveLength(1);
  expect((await midpointAsks(built)).find((a) => a.recipientId === 'karl')).toMatchObject({
    state: 'planned',
    feedSentAt: expect.any(String),
  });

  // Later: Teams is back, and Lena's claim has run out.
  failing.clear();
  const later = Date.now() + 2 * HOUR;
  await runDueReminders(t.services.store, delivery, { attemptsPerRun: 1, now: () => later });
  await runDueReminders(t.services.store, delivery, { attemptsPerRun: 1, now: () => later + HOUR });

  expect(feedOf('karl')).toHaveLength(1);
  expect(feedOf('lena')).toHaveLength(1);
  const asks = await midpointAsks(built);
  expect([...ledgerCards(asks).keys()].sort()).toEqual(['karl', 'lena']);
  expect(
    cardsIn(connector.sent).filter((c) => asks.some((a) => (c.body[0] as { id?: string }).id === `marker-${a.id}`)),
  ).toHaveLength(2);
  for (const ask of asks) expect(ask).toMatchObject({ state: 'sent', outcome: { channel: 'bot' } });
});

test('the feed throttled for longer than a send waits: the card waits with it, and both go once Graph lets them', async () => {
  const program = await buildRunningProgram(t.services.store, { daysIn: 100, daysLeft: 80 });
  const { built } = await pairAt(program, { id: 'mila', locale: 'es-ES' }, { id: 'noah', locale: 'en-GB' });
  const delivery = t.services.timedWork!.delivery as ReminderDelivery;
  connector.sent.length = 0;
  graph.throttle({ path: /\/users\/mila\/teamwork\/sendActivityNotification$/ }, 1, 300);
  await runDueReminders(t.services.store, delivery, { attemptsPerRun: 1 });
  let asks = await midpointAsks(built);
  expect(feedOf('mila')).toEqual([]);
  expect([...ledgerCards(asks).keys()]).toEqual(['noah']);
  expect(asks.find((a) => a.recipientId === 'mila')).toMatchObject({
    state: 'planned',
    attempts: 1,
    outcome: { reason: 'Throttled' },
  });
  expect(Date.parse(asks.find((a) => a.recipientId === 'mila')!.sendAt) - Date.now()).toBeGreaterThan(200_000);

  graph.clearThrottles();
  const later = Date.now() + HOUR;
  await runDueReminders(t.services.store, delivery, { attemptsPerRun: 1, now: () => later });
  expect(feedOf('mila').map((n) => n.body.templateParameters)).toEqual([
    [{ name: 'stage', value: 'mitad del programa' }],
  ]);
  asks = await midpointAsks(built);
  expect([...ledgerCards(asks).keys()].sort()).toEqual(['mila', 'noah']);
  expect(asks.find((a) => a.recipientId === 'mila')).toMatchObject({ state: 'sent', outcome: { channel: 'bot' } });
});
