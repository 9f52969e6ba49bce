// Proactive installation: a participant the bot cannot reach yet (no conversation reference) gets the
// app installed through Microsoft Graph (client credentials through @azure/identity against a fake
// Entra token endpoint, POST /v1.0/users/{id}/teamwork/installedApps against a fake Graph); the install
// event Teams then sends the bot stores the reference, and the waiting reminder goes out once. Without
// the permission or without the configuration, the programme admin is told what to do.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { createApp, type App } from '../../bot/src/app';
import { loadConfig } from '../../bot/src/config';
import type { ReminderDoc } from '../../bot/src/domain/reminders';
import { runDueReminders } from '../../bot/src/jobs/reminderRun';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { createReminderSettings, reminderSettingsId, remindersOfPair } from '../../bot/src/store/reminders';
import { reminderMarkerId } from '../../bot/src/teams/reminderCards';
import { adminOf, buildPair, type BuiltPair } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { INSTALL_PERMISSION, startFakeGraphInstall, type FakeGraphInstall } from '../support/fakeGraphInstall';
import { installFrom, post } from '../teams/teamsClient';

const CLIENT_ID = randomUUID();
const CLIENT_SECRET = 'bot-app-password';
const CATALOG_ID = randomUUID();
const TEAMS_APP_ID = randomUUID();

let embedded: EmbeddedCosmos;
let connector: FakeBotConnector;
let graph: FakeGraphInstall;
let app: App;

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  connector = await startFakeBotConnector();
  graph = await startFakeGraphInstall({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    teamsAppCatalogId: CATALOG_ID,
    teamsAppExternalId: TEAMS_APP_ID,
  });
});
afterAll(async () => {
  await graph.stop();
  await connector.stop();
  await embedded.stop();
});
afterEach(async () => {
  graph.onInstalled = undefined;
  graph.roles = [INSTALL_PERMISSION];
  await app.close();
});

/**
 * The app with proactive installation configured. The bot's own Bot Framework credentials stay unset
 * (the fake connector and test activities carry no Bot Framework tokens), so the app credential is
 * set on the configuration instead of through BOT_APP_ID/BOT_APP_PASSWORD; the app builds the
 * @azure/identity credential from it, and its requests to Entra reach the fake.
 */
async function startApp(withInstall: boolean | 'manifestIdOnly'): Promise<App> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    COSMOS_DATABASE: `test-${randomUUID()}`,
    GRAPH_BASE_URL: graph.url,
  });
  if (!withInstall) return createApp(config, { embedded, logger: pino({ level: 'silent' }) });
  config.reminders.proactiveInstall = {
    ...(withInstall === 'manifestIdOnly' ? { teamsAppId: TEAMS_APP_ID } : { teamsAppCatalogId: CATALOG_ID }),
    graphBaseUrl: graph.url,
    credential: { clientId: CLIENT_ID, kind: 'secret', clientSecret: CLIENT_SECRET },
  };
  return createApp(config, { embedded, logger: pino({ level: 'silent' }), identityHttpClient: graph.httpClient });
}

const teamsUser = (userId: string) => ({ userId, serviceUrl: connector.url });

/** A pair whose mentor has the app and whose mentee never installed it; no quiet hours, so `prepare` is due now. */
async function pairWithoutMenteeReference(): Promise<BuiltPair> {
  const built = await buildPair(app.services.store);
  const stamp = new Date().toISOString();
  for (const member of [built.mentor, built.mentee]) {
    await createReminderSettings(app.services.store, {
      id: reminderSettingsId(member.tenantId),
      type: 'reminderSettings',
      tenantId: member.tenantId,
      userId: member.userId,
      quietHours: null,
      disabledKinds: [],
      createdAt: stamp,
      updatedAt: stamp,
    });
  }
  await post(app.app, installFrom(teamsUser(built.mentor.userId)));
  return built;
}

async function prepareFor(built: BuiltPair, userId: string): Promise<ReminderDoc> {
  const all = await remindersOfPair(app.services.store, built.pair.tenantId, built.pair.id);
  return all.find((r) => r.kind === 'prepare' && r.recipientId === userId)!;
}

const deliveredMarkers = () =>
  connector.sent.map(
    (s) => (s.activity.attachments as { content: { body: { id?: string }[] } }[] | undefined)?.[0]?.content.body[0]?.id,
  );

test('no conversation reference: the app is installed through Graph, and once the install event arrives the reminder is sent once', async () => {
  app = await startApp(true);
  const built = await pairWithoutMenteeReference();
  const first = await runDueReminders(app.services.store, app.services.timedWork!.delivery, {});
  expect(first).toEqual({ sent: 1, failed: 0, skipped: 0 });
  expect(graph.installRequests).toEqual([{ tenantId: built.pair.tenantId, userId: built.mentee.userId, status: 201 }]);
  expect(graph.tokenRequests.at(-1)).toEqual({
    tenantId: built.pair.tenantId,
    grantType: 'client_credentials',
    clientId: CLIENT_ID,
    scope: `${graph.url}/.default`,
    clientAuthentication: 'secret',
  });
  const waiting = await prepareFor(built, built.mentee.userId);
  expect(waiting).toMatchObject({ state: 'planned', outcome: { reason: 'WaitingForInstall' } });

  // Teams answers the install with an installationUpdate to the bot, from the person's new personal
  // chat; it stores the reference and re-plans the person's reminders: the waiting one is due again now.
  await post(app.app, installFrom(teamsUser(built.mentee.userId)));
  const second = await runDueReminders(app.services.store, app.services.timedWork!.delivery, {});
  expect(second).toEqual({ sent: 1, failed: 0, skipped: 0 });
  expect(await prepareFor(built, built.mentee.userId)).toMatchObject({ state: 'sent' });
  const markers = deliveredMarkers().filter((m) => m === reminderMarkerId(waiting.id));
  expect(markers).toHaveLength(1);
  expect(graph.installRequests).toHaveLength(1);

  // Asked again for someone who has it (409 Conflict): still a request, not a failure.
  const again = await app.services.timedWork!.delivery.installForUser!(built.pair.tenantId, built.mentee.userId);
  expect(again).toBe('requested');
  expect(graph.installRequests.at(-1)).toMatchObject({ status: 409 });
});

test('with only the manifest id configured, the catalogue id is read from the installation of someone who has the app', async () => {
  app = await startApp('manifestIdOnly');
  const built = await pairWithoutMenteeReference();
  // The mentor has a chat with the bot, so Teams has the app installed for them.
  graph.installed.add(`${built.pair.tenantId}/${built.mentor.userId}`);
  const totals = await runDueReminders(app.services.store, app.services.timedWork!.delivery, {});
  expect(totals).toEqual({ sent: 1, failed: 0, skipped: 0 });
  expect(graph.installRequests.at(-1)).toEqual({
    tenantId: built.pair.tenantId,
    userId: built.mentee.userId,
    status: 201,
  });
  expect(await prepareFor(built, built.mentee.userId)).toMatchObject({
    state: 'planned',
    outcome: { reason: 'WaitingForInstall' },
  });
});

test('an install event that arrives before Graph has answered: the reminder goes out in the same run', async () => {
  app = await startApp(true);
  const built = await pairWithoutMenteeReference();
  graph.onInstalled = async (_tenantId, userId) => {
    await post(app.app, installFrom(teamsUser(userId)));
  };
  const totals = await runDueReminders(app.services.store, app.services.timedWork!.delivery, {});
  expect(totals).toEqual({ sent: 2, failed: 0, skipped: 0 });
  const prepare = await prepareFor(built, built.mentee.userId);
  expect(prepare.state).toBe('sent');
  expect(deliveredMarkers().filter((m) => m === reminderMarkerId(prepare.id))).toHaveLength(1);
});

test('Graph refuses without the permission (403): the reminder fails and the admin is told which permission to grant', async () => {
  app = await startApp(true);
  graph.roles = [];
  const built = await pairWithoutMenteeReference();
  const totals = await runDueReminders(app.services.store, app.services.timedWork!.delivery, {});
  expect(totals).toEqual({ sent: 1, failed: 1, skipped: 0 });
  expect(graph.installRequests.at(-1)).toMatchObject({ userId: built.mentee.userId, status: 403 });

  const admin = await tokenFor(adminOf().userId, ['ProgramAdmin']);
  const res = await request(app.app)
    .get(`/api/programs/${built.program.id}/delivery`)
    .set('authorization', `Bearer ${admin}`);
  const mentee = (res.body.people as { userId: string }[]).find((p) => p.userId === built.mentee.userId);
  expect(mentee).toMatchObject({
    reachable: false,
    lastFailure: { reason: 'InstallNotPermitted', fix: expect.stringContaining(INSTALL_PERMISSION) },
  });
});

test('without proactive installation configured, the person is reported to the admin with the fix and Graph is never called', async () => {
  app = await startApp(false);
  const requestsBefore = graph.installRequests.length;
  const built = await pairWithoutMenteeReference();
  const totals = await runDueReminders(app.services.store, app.services.timedWork!.delivery, {});
  expect(totals).toEqual({ sent: 1, failed: 1, skipped: 0 });
  expect(graph.installRequests).toHaveLength(requestsBefore);

  const admin = await tokenFor(adminOf().userId, ['ProgramAdmin']);
  const res = await request(app.app)
    .get(`/api/programs/${built.program.id}/delivery`)
    .set('authorization', `Bearer ${admin}`);
  const mentee = (res.body.people as { userId: string }[]).find((p) => p.userId === built.mentee.userId);
  expect(mentee).toMatchObject({
    reachable: false,
    lastFailure: { reason: 'NotInstalled', fix: expect.stringMatching(/Teams admin center/) },
  });
});

async function tokenFor(userId: string, roles: string[]): Promise<string> {
  const res = await request(app.app).post('/api/dev/token').send({ userId, name: userId, roles });
  return res.body.token as string;
}
