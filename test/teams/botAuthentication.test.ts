// Forged activities on POST /api/messages: with a bot registration every activity must carry a Bot
// Framework channel token (issuer, audience = the bot's app id, a published key endorsed for the
// channel, `serviceurl` = the activity's serviceUrl); without one, only this machine may call. Each
// attack impersonates an executive with a serviceUrl of the attacker's choice; it must get 401
// problem+json, reach no URL, and leave the executive's stored conversation reference as it was.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import request from 'supertest';
import { conversationRecorder } from '../../bot/src/commands/conversationRecorder';
import { reminderPlanner } from '../../bot/src/commands/reminderPlanner';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { ConversationReferenceDoc } from '../../bot/src/domain/model';
import { runDueReminders } from '../../bot/src/jobs/reminderRun';
import { findConversationReference } from '../../bot/src/store/conversations';
import { createReminderSettings, reminderSettingsId, remindersOfPair } from '../../bot/src/store/reminders';
import { isLocalRequest } from '../../bot/src/teams/botEndpoint';
import { buildPair } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { startFakeBotFramework, type FakeBotFramework } from '../support/fakeBotFramework';
import { buildTestApp, type TestApp } from '../support/testApp';
import { baseActivity, installFrom, invokeFrom, messageFrom, uninstallFrom, type TeamsUser } from './teamsClient';

const BOT_APP_ID = '5a1c3e2d-7777-4888-9999-aaaabbbbcccc';
const OTHER_APP_ID = '6b2d4f3e-1111-4222-8333-ddddeeeeffff';
const BOT_TENANT_ID = '7c3e5a4f-2222-4333-8444-555566667777';
const EXECUTIVE = 'dana';

let botFramework: FakeBotFramework;
/** Where the executive really is. */
let teams: FakeBotConnector;
/** The serviceUrl the attacker puts in forged activities. */
let attacker: FakeBotConnector;

beforeAll(async () => {
  [botFramework, teams, attacker] = await Promise.all([
    startFakeBotFramework(),
    startFakeBotConnector(),
    startFakeBotConnector(),
  ]);
});
afterAll(() => Promise.all([botFramework.stop(), teams.stop(), attacker.stop()]));

const executiveAt = (serviceUrl: string): TeamsUser => ({ userId: EXECUTIVE, serviceUrl });

/** Stores the executive's reference as an authenticated install would, and returns it as read back. */
async function seedReference(t: TestApp): Promise<ConversationReferenceDoc> {
  const activity = installFrom(executiveAt(teams.url));
  await conversationRecorder(t.services.store, {
    tenantId: DEV_TENANT_ID,
    userId: EXECUTIVE,
    reference: {
      channelId: 'msteams',
      serviceUrl: teams.url,
      conversation: { id: activity.conversation.id, conversationType: 'personal', tenantId: DEV_TENANT_ID },
      user: { id: activity.from.id, aadObjectId: EXECUTIVE },
      bot: { id: activity.recipient.id },
    },
    authenticatedBy: 'botFrameworkToken',
  });
  return (await findConversationReference(t.services.store, DEV_TENANT_ID, EXECUTIVE))!;
}

async function expectRefused(
  t: TestApp,
  before: ConversationReferenceDoc,
  send: () => request.Test,
): Promise<{ status: number; teams: number; attacker: number; referenceUnchanged: boolean }> {
  const [teamsBefore, attackerBefore] = [teams.requests, attacker.requests];
  const res = await send();
  const after = await findConversationReference(t.services.store, DEV_TENANT_ID, EXECUTIVE);
  const outcome = {
    status: res.status,
    teams: teams.requests - teamsBefore,
    attacker: attacker.requests - attackerBefore,
    referenceUnchanged: JSON.stringify(after) === JSON.stringify(before),
  };
  expect(outcome).toEqual({ status: 401, teams: 0, attacker: 0, referenceUnchanged: true });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 401, type: expect.stringContaining('unauthorized') });
  return outcome;
}

describe('with a bot registration', () => {
  let t: TestApp;
  let before: ConversationReferenceDoc;
  beforeAll(async () => {
    t = await buildTestApp({
      BOT_APP_ID,
      BOT_APP_PASSWORD: 'a-client-secret-never-used-here',
      BOT_TENANT_ID,
      BOT_OPENID_METADATA_URL: botFramework.metadataUrl,
    });
    before = await seedReference(t);
  });
  afterAll(() => t.stop());

  const forged = () => messageFrom(executiveAt(attacker.url), 'agenda');
  const post = (activity: object, authorization?: string) => {
    const req = request(t.app).post('/api/messages');
    if (authorization) req.set('Authorization', authorization);
    return req.send(activity);
  };
  const bearer = (token: string) => `Bearer ${token}`;

  test('no token', async () => {
    await expectRefused(t, before, () => post(forged()));
  });

  test('an unsigned token (alg: none) naming a published key', async () => {
    await expectRefused(t, before, () => post(forged(), bearer(botFramework.unsignedToken(BOT_APP_ID, attacker.url))));
  });

  test('a token for another bot (wrong audience)', async () => {
    const token = await botFramework.channelToken(OTHER_APP_ID, attacker.url);
    await expectRefused(t, before, () => post(forged(), bearer(token)));
  });

  test('a token from another issuer, signed with a published key', async () => {
    const token = await botFramework.channelToken(BOT_APP_ID, attacker.url, {
      claims: { iss: 'https://attacker.example' },
    });
    await expectRefused(t, before, () => post(forged(), bearer(token)));
  });

  test('a token with an issuer botbuilder trusts for the Emulator (not a channel token)', async () => {
    const token = await botFramework.channelToken(BOT_APP_ID, attacker.url, {
      claims: { iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', appid: BOT_APP_ID, ver: '1.0' },
    });
    await expectRefused(t, before, () => post(forged(), bearer(token)));
  });

  test("a genuine token for Teams' serviceUrl, replayed on an activity naming another serviceUrl", async () => {
    const token = await botFramework.channelToken(BOT_APP_ID, teams.url);
    await expectRefused(t, before, () => post(forged(), bearer(token)));
  });

  test('an activity without serviceUrl (the claim cannot be matched)', async () => {
    const token = await botFramework.channelToken(BOT_APP_ID, teams.url);
    const { serviceUrl: _none, ...activity } = messageFrom(executiveAt(teams.url), 'agenda');
    await expectRefused(t, before, () => post(activity, bearer(token)));
  });

  test("a token signed by a key that is not published, under a published key's kid", async () => {
    const token = await botFramework.channelToken(BOT_APP_ID, attacker.url, {
      signWith: botFramework.foreignKid,
      kid: botFramework.kid,
    });
    await expectRefused(t, before, () => post(forged(), bearer(token)));
  });

  test('a token signed by a published key that is not endorsed for the channel', async () => {
    const webchatOnly = botFramework.addKey(['webchat']);
    const token = await botFramework.channelToken(BOT_APP_ID, attacker.url, { signWith: webchatOnly });
    await expectRefused(t, before, () => post(forged(), bearer(token)));
  });

  test('an activity without channelId (endorsements would not be checked)', async () => {
    const token = await botFramework.channelToken(BOT_APP_ID, attacker.url);
    const { channelId: _none, ...activity } = forged();
    await expectRefused(t, before, () => post(activity, bearer(token)));
  });

  test('an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await botFramework.channelToken(BOT_APP_ID, attacker.url, {
      claims: { nbf: now - 7200, exp: now - 3600 },
    });
    await expectRefused(t, before, () => post(forged(), bearer(token)));
  });

  test('not a JWT at all', async () => {
    await expectRefused(t, before, () => post(forged(), 'Bearer not.a.jwt'));
  });

  test('card actions, uninstalls and meeting events without a token are refused the same way', async () => {
    const executive = executiveAt(attacker.url);
    await expectRefused(t, before, () => post(invokeFrom(executive, 'reminder.snooze', { reminderId: 'r' })));
    await expectRefused(t, before, () => post(uninstallFrom(executive)));
    await expectRefused(t, before, () => post(installFrom(executive)));
    await expectRefused(t, before, () =>
      post({
        ...baseActivity(executive),
        type: 'event',
        name: 'application/vnd.microsoft.meetingStart',
        value: { Id: 'm', StartTime: new Date().toISOString() },
      }),
    );
  });

  test('reminders are never sent to a stored reference whose serviceUrl no Bot Framework token named', async () => {
    // As a forged activity left it before this check, or an unauthenticated local one.
    const built = await buildPair(t.services.store);
    for (const member of [built.mentor, built.mentee]) {
      const stamp = new Date().toISOString();
      await createReminderSettings(t.services.store, {
        id: reminderSettingsId(member.tenantId),
        type: 'reminderSettings',
        tenantId: member.tenantId,
        userId: member.userId,
        quietHours: null,
        disabledKinds: [],
        createdAt: stamp,
        updatedAt: stamp,
      });
      const activity = installFrom({ userId: member.userId, serviceUrl: attacker.url });
      await conversationRecorder(t.services.store, {
        tenantId: member.tenantId,
        userId: member.userId,
        reference: {
          channelId: 'msteams',
          serviceUrl: attacker.url,
          conversation: { id: activity.conversation.id, conversationType: 'personal' },
          user: { id: activity.from.id, aadObjectId: member.userId },
          bot: { id: activity.recipient.id },
        },
      });
    }
    // Planned before the settings existed (default quiet hours, 21:00–07:00 UTC): plan again without them, so the test passes at any hour.
    await reminderPlanner(t.services.store, built.pair.tenantId, built.pair.id);
    const attackerBefore = attacker.requests;
    const totals = await runDueReminders(t.services.store, t.services.timedWork!.delivery, { attemptsPerRun: 1 });
    expect(totals.sent).toBe(0);
    expect(attacker.requests - attackerBefore).toBe(0);
    const reminders = await remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id);
    const due = reminders.filter((r) => r.kind === 'prepare');
    expect(due.map((r) => [r.state, r.outcome?.reason])).toEqual(
      due.map(() => ['failed', 'ServiceUrlNotAuthenticated']),
    );
    for (const member of [built.mentor, built.mentee])
      expect(await findConversationReference(t.services.store, member.tenantId, member.userId)).toMatchObject({
        status: 'uninstalled',
        unreachableReason: 'ServiceUrlNotAuthenticated',
      });
  });

  test('control: the same harness accepts a genuine channel token (an uninstall, which sends nothing)', async () => {
    const token = await botFramework.channelToken(BOT_APP_ID, teams.url);
    const res = await post(uninstallFrom(executiveAt(teams.url)), bearer(token));
    expect(res.status).toBe(200);
    expect(await findConversationReference(t.services.store, DEV_TENANT_ID, EXECUTIVE)).toMatchObject({
      status: 'uninstalled',
    });
    expect(teams.requests + attacker.requests).toBe(0);
  });
});

test("Bot Framework's keys cannot be fetched: 503 with Retry-After (not the caller's fault, not a 500), and nothing is sent", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const t = await buildTestApp({
    BOT_APP_ID,
    BOT_APP_PASSWORD: 'a-client-secret-never-used-here',
    BOT_TENANT_ID,
    BOT_OPENID_METADATA_URL: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
  });
  try {
    const [teamsBefore, attackerBefore] = [teams.requests, attacker.requests];
    const token = await botFramework.channelToken(BOT_APP_ID, teams.url);
    const res = await request(t.app)
      .post('/api/messages')
      .set('Authorization', `Bearer ${token}`)
      .send(messageFrom(executiveAt(teams.url), 'agenda'));
    expect({
      status: res.status,
      retryAfter: res.headers['retry-after'],
      teams: teams.requests - teamsBefore,
      attacker: attacker.requests - attackerBefore,
    }).toEqual({ status: 503, retryAfter: '30', teams: 0, attacker: 0 });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await findConversationReference(t.services.store, DEV_TENANT_ID, EXECUTIVE)).toBeUndefined();
  } finally {
    await t.stop();
  }
});

describe('without a bot registration (local development)', () => {
  let t: TestApp;
  let before: ConversationReferenceDoc;
  let server: Server;
  beforeAll(async () => {
    t = await buildTestApp();
    before = await seedReference(t);
    server = createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.stop();
  });

  test('a request relayed by a proxy or tunnel (X-Forwarded-For) is refused', async () => {
    await expectRefused(t, before, () =>
      request(t.app)
        .post('/api/messages')
        .set('X-Forwarded-For', '203.0.113.9')
        .send(messageFrom(executiveAt(attacker.url), 'agenda')),
    );
    await expectRefused(t, before, () =>
      request(t.app)
        .post('/api/messages')
        .set('Forwarded', 'for=203.0.113.9')
        .send(messageFrom(executiveAt(attacker.url), 'agenda')),
    );
  });

  test('a request from another machine (a non-loopback address) is refused', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4');
    if (!external) throw new Error('this test needs a non-loopback IPv4 interface to call from');
    const [teamsBefore, attackerBefore] = [teams.requests, attacker.requests];
    const body = JSON.stringify(messageFrom(executiveAt(attacker.url), 'agenda'));
    const { status, type } = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: external.address,
          port: (server.address() as AddressInfo).port,
          path: '/api/messages',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect({ status, teams: teams.requests - teamsBefore, attacker: attacker.requests - attackerBefore }).toEqual({
      status: 401,
      teams: 0,
      attacker: 0,
    });
    expect(type).toMatch(/^application\/problem\+json/);
    expect(await findConversationReference(t.services.store, DEV_TENANT_ID, EXECUTIVE)).toEqual(before);
  });

  test('a request from this machine is served (the Agents Playground, the tests)', async () => {
    const res = await request(t.app)
      .post('/api/messages')
      .send(messageFrom(executiveAt(teams.url), 'help'));
    expect(res.status).toBe(200);
    expect(teams.sent.length).toBeGreaterThan(0);
  });

  test('which addresses count as this machine', () => {
    for (const local of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect({ local, ok: isLocalRequest(local, {}) }).toEqual({ local, ok: true });
    for (const remote of ['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '10.0.0.1', undefined])
      expect({ remote, ok: isLocalRequest(remote, {}) }).toEqual({ remote, ok: false });
    expect(isLocalRequest('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(false);
    expect(isLocalRequest('127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe(false);
    expect(isLocalRequest('127.0.0.1', { 'x-forwarded-host': 'tunnel.example' })).toBe(false);
  });
});
