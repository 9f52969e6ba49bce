// The rollout command: POST /api/programs/:programId/rollout installs the app for every participant who
// lacks it (Microsoft Graph proactive installation, fake Graph and Entra over real HTTP), paced, retrying
// throttled installs; GET follows progress and lists failures with their fixes. One run per programme.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { createApp, type App } from '../../bot/src/app';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { AppRolloutDoc } from '../../bot/src/domain/appRollout';
import type { ProgramDoc } from '../../bot/src/domain/model';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { createAppRollout } from '../../bot/src/store/appRollouts';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { adminOf, buildProgram } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { INSTALL_PERMISSION, startFakeGraphInstall, type FakeGraphInstall } from '../support/fakeGraphInstall';
import { installFrom, post } from '../teams/teamsClient';

const CLIENT_ID = randomUUID();
const CLIENT_SECRET = 'entra-app-secret';
const CATALOG_ID = randomUUID();
const TEAMS_APP_ID = randomUUID();
const ADMIN = adminOf();

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
  graph.roles = [INSTALL_PERMISSION];
  graph.answerFor = undefined;
  graph.onInstalled = undefined;
  await app.close();
});

/** The app; `install` says how proactive installation is configured (catalogue id, manifest id only, or not at all). */
async function startApp(install: 'catalogId' | 'manifestId' | 'none'): Promise<App> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    COSMOS_DATABASE: `test-${randomUUID()}`,
    GRAPH_BASE_URL: graph.url,
  });
  if (install !== 'none') {
    config.reminders.proactiveInstall = {
      ...(install === 'catalogId' ? { teamsAppCatalogId: CATALOG_ID } : { teamsAppId: TEAMS_APP_ID }),
      graphBaseUrl: graph.url,
      credential: { clientId: CLIENT_ID, kind: 'secret', clientSecret: CLIENT_SECRET },
    };
  }
  return createApp(config, {
    embedded,
    logger: pino({ level: 'silent' }),
    identityHttpClient: graph.httpClient,
    appRollout: { installsPerSecond: 500, maxRetryWaitMs: 10, flushEveryMs: 0 },
  });
}

async function tokenFor(userId: string, roles: string[] = []): Promise<string> {
  const res = await request(app.app)
    .post('/api/dev/token')
    .send({ userId, name: userId, tenantId: DEV_TENANT_ID, roles });
  return res.body.token as string;
}
const adminToken = () => tokenFor(ADMIN.userId, ['ProgramAdmin']);

async function programWith(names: string[]): Promise<{ program: ProgramDoc; ids: Record<string, string> }> {
  const program = await buildProgram(app.services.store);
  const ids: Record<string, string> = {};
  for (const name of names) {
    ids[name] = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}`;
    await participantAdder(app.services.store, program, {
      id: ids[name]!,
      name,
      role: 'mentor',
      skills: [],
      interests: [],
    });
  }
  return { program, ids };
}

const rollout = (programId: string, token: string) =>
  request(app.app).post(`/api/programs/${programId}/rollout`).set('authorization', `Bearer ${token}`);
const state = (programId: string, token: string) =>
  request(app.app).get(`/api/programs/${programId}/rollout`).set('authorization', `Bearer ${token}`);
const installsFor = (userId: string) => graph.installRequests.filter((r) => r.userId === userId).map((r) => r.status);

test('requires authentication, and only the programme admin may start or read it', async () => {
  app = await startApp('catalogId');
  const { program, ids } = await programWith(['Ada']);
  expect((await request(app.app).get(`/api/programs/${program.id}/rollout`)).status).toBe(401);
  expect((await request(app.app).post(`/api/programs/${program.id}/rollout`)).status).toBe(401);
  // A participant may read the programme, not act on it; anyone else does not learn it exists.
  expect((await rollout(program.id, await tokenFor(ids.Ada!))).status).toBe(403);
  expect((await state(program.id, await tokenFor('stranger'))).status).toBe(404);
  expect(graph.installRequests.filter((r) => r.userId === ids.Ada)).toEqual([]);
});

test('not configured: the state says why and what to set, and starting answers 409 naming it', async () => {
  app = await startApp('none');
  const { program } = await programWith(['Ada', 'Ben']);
  const token = await adminToken();
  const res = await state(program.id, token);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    available: false,
    unavailable: { reason: 'NotConfigured', fix: expect.stringMatching(/TEAMS_APP_ID/) },
    withoutApp: 2,
  });
  const started = await rollout(program.id, token);
  expect(started.status).toBe(409);
  expect(started.headers['content-type']).toMatch(/problem\+json/);
  expect(started.body.detail).toMatch(/TEAMS_APP_ID/);
});

test('installs for everyone who lacks the app: skips those who have it, retries a throttled install, lists failures with their fix', async () => {
  app = await startApp('catalogId');
  const { program, ids } = await programWith(['Ada', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn']);
  // Ada has a chat with the bot; Ben has the app in Teams already (Graph answers 409).
  await post(app.app, installFrom({ userId: ids.Ada!, serviceUrl: connector.url }));
  graph.installed.add(`${DEV_TENANT_ID}/${ids.Ben}`);
  let throttledOnce = false;
  graph.answerFor = (userId) => {
    if (userId === ids.Cleo)
      return { status: 403, code: 'Forbidden', message: 'The app is blocked for this user by the organisation.' };
    if (userId === ids.Dev && !throttledOnce) {
      throttledOnce = true;
      return { status: 429, code: 'TooManyRequests', message: 'Too many requests.', retryAfter: '0' };
    }
    if (userId === ids.Finn)
      return { status: 404, code: 'Request_ResourceNotFound', message: `Resource '${ids.Finn}' does not exist.` };
    return undefined;
  };
  const token = await adminToken();
  const before = await state(program.id, token);
  expect(before.body).toEqual({ available: true, withoutApp: 5 });

  const started = await rollout(program.id, token);
  expect(started.status).toBe(202);
  expect(started.body.rollout).toMatchObject({ status: 'running', total: 6 });
  await app.services.appRollouts!.settled(program.id);

  const after = await state(program.id, token);
  expect(after.body.rollout).toEqual({
    status: 'finished',
    startedAt: expect.any(String),
    finishedAt: expect.any(String),
    total: 6,
    installed: 2,
    alreadyHad: 2,
    failed: 2,
    pending: 0,
    failures: [
      { userId: ids.Cleo, name: 'Cleo', reason: 'AppNotAvailableToUser', fix: expect.stringMatching(/Manage apps/) },
      { userId: ids.Finn, name: 'Finn', reason: 'UserNotFound', fix: expect.stringMatching(/Remove them/) },
    ],
  });
  expect(installsFor(ids.Ada!)).toEqual([]);
  expect(installsFor(ids.Ben!)).toEqual([409]);
  expect(installsFor(ids.Dev!)).toEqual([429, 201]);
  expect(installsFor(ids.Eve!)).toEqual([201]);
});

test('one run at a time: starting again while it runs returns the running one, with its progress', async () => {
  app = await startApp('catalogId');
  const { program, ids } = await programWith(['Ada', 'Ben', 'Cleo']);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  graph.onInstalled = () => held;
  const token = await adminToken();
  expect((await rollout(program.id, token)).status).toBe(202);
  await waitFor(() => graph.installRequests.some((r) => r.userId === ids.Ada));
  const again = await rollout(program.id, token);
  expect(again.status).toBe(200);
  expect(again.body.rollout).toMatchObject({ status: 'running', total: 3, pending: 3 });
  release();
  await app.services.appRollouts!.settled(program.id);
  expect((await state(program.id, token)).body.rollout).toMatchObject({ status: 'finished', installed: 3, pending: 0 });
  expect(graph.installRequests.filter((r) => Object.values(ids).includes(r.userId))).toHaveLength(3);
});

test('without the Graph permission the run stops at the first person and says which role grants it', async () => {
  app = await startApp('catalogId');
  graph.roles = [];
  const { program, ids } = await programWith(['Ada', 'Ben', 'Cleo']);
  const token = await adminToken();
  await rollout(program.id, token);
  await app.services.appRollouts!.settled(program.id);
  const { body } = await state(program.id, token);
  expect(body.rollout).toMatchObject({
    status: 'finished',
    failed: 0,
    failures: [],
    pending: 3,
    problem: { reason: 'InstallNotPermitted', fix: expect.stringMatching(/Privileged Role Administrator/) },
  });
  expect(graph.installRequests.filter((r) => Object.values(ids).includes(r.userId))).toHaveLength(1);
});

test('the catalogue id comes from the admin’s own installation; without it the admin is told to install the app first', async () => {
  app = await startApp('manifestId');
  const { program, ids } = await programWith(['Ada']);
  const token = await adminToken();
  const refused = await rollout(program.id, token);
  expect(refused.status).toBe(202);
  expect(refused.body.rollout).toMatchObject({
    status: 'finished',
    problem: { reason: 'CatalogIdUnknown', fix: expect.stringMatching(/Built for your org/) },
  });
  expect(installsFor(ids.Ada!)).toEqual([]);

  graph.installed.add(`${DEV_TENANT_ID}/${ADMIN.userId}`);
  expect((await rollout(program.id, token)).status).toBe(202);
  await app.services.appRollouts!.settled(program.id);
  expect((await state(program.id, token)).body.rollout).toMatchObject({ status: 'finished', installed: 1 });
  expect(installsFor(ids.Ada!)).toEqual([201]);
});

test('a run cut off by a restart shows as interrupted and can be started again', async () => {
  app = await startApp('catalogId');
  const { program } = await programWith(['Ada']);
  const longAgo = new Date(Date.now() - 10 * 60_000).toISOString();
  const cutOff: AppRolloutDoc = {
    id: 'appRollout',
    type: 'appRollout',
    tenantId: DEV_TENANT_ID,
    programId: program.id,
    status: 'running',
    startedBy: ADMIN.userId,
    startedAt: longAgo,
    heartbeatAt: longAgo,
    total: 1,
    installed: 0,
    alreadyHad: 0,
    failed: 0,
    failures: [],
    createdAt: longAgo,
    updatedAt: longAgo,
  };
  await createAppRollout(app.services.store, cutOff);
  const token = await adminToken();
  expect((await state(program.id, token)).body.rollout).toMatchObject({ status: 'interrupted', pending: 1 });
  expect((await rollout(program.id, token)).status).toBe(202);
  await app.services.appRollouts!.settled(program.id);
  expect((await state(program.id, token)).body.rollout).toMatchObject({ status: 'finished', installed: 1 });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
