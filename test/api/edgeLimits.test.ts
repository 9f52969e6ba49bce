// Limits at the edge, before any work is done for the request: a per-address limit in front of
// authentication (so a flood of bad tokens is refused before each costs a signature check) and in front
// of the bot endpoint; and a bounded memory of tenants whose signing keys could not be fetched, so that
// tokens naming made-up tenants cost at most one key fetch per tenant and period.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { entraTrust, verifyAccessToken } from '../../bot/src/api/middleware/tokenVerifier';
import { expectProblem } from '../support/apiContract';
import { startFakeEntra, type FakeEntra } from '../support/fakeEntra';
import { buildTestApp, type TestApp } from '../support/testApp';

const CLIENT_ID = randomUUID();
const KNOWN_TENANT = randomUUID();

let fake: FakeEntra;
let base: TestApp;

beforeAll(async () => {
  // Only KNOWN_TENANT exists: Entra answers 400 AADSTS90002 for the keys of any other tenant id.
  fake = await startFakeEntra({ clientId: CLIENT_ID, tenantId: KNOWN_TENANT, tenants: [KNOWN_TENANT] });
  base = await buildTestApp();
});
afterAll(async () => {
  await base?.stop();
  await fake?.stop();
});

function expectTooMany(res: request.Response): void {
  const problem = expectProblem(res, 429);
  expect(problem.type).toBe('urn:reverse-mentoring:problem:too-many-requests');
  expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
}

describe('per-address limit before authentication (RATE_LIMIT_PER_IP_PER_MINUTE)', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await buildTestApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '5', RATE_LIMIT_PER_MINUTE: '100000' }, base.embedded);
  });
  afterAll(async () => {
    await limited?.stop();
  });

  test('a flood of bad tokens from one address gets 429 after the limit; then that address is refused before authentication', async () => {
    for (let i = 0; i < 5; i++)
      expectProblem(await request(limited.app).get('/api/me').set('Authorization', `Bearer not.a.token${i}`), 401);
    expectTooMany(await request(limited.app).get('/api/me').set('Authorization', 'Bearer not.a.token'));
    // Public routes and unknown paths count too: the limit is on the address, whatever it asks for.
    expectTooMany(await request(limited.app).get('/api/health'));
    expectTooMany(await request(limited.app).get('/api/no-such-route'));
  });

  test('the bot endpoint is limited per address too', async () => {
    const bot = await buildTestApp(
      {
        RATE_LIMIT_PER_IP_PER_MINUTE: '5',
        BOT_APP_ID: randomUUID(),
        BOT_APP_PASSWORD: 'not-used-here',
        BOT_APP_TYPE: 'MultiTenant',
      },
      base.embedded,
    );
    try {
      const activity = {
        type: 'message',
        text: 'hi',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: 'a:1' },
        from: { id: '29:x' },
        recipient: { id: '28:bot' },
      };
      for (let i = 0; i < 5; i++)
        expect((await request(bot.app).post('/api/messages').send(activity)).status).not.toBe(429);
      expectTooMany(await request(bot.app).post('/api/messages').send(activity));
    } finally {
      await bot.stop();
    }
  });

  test('behind the App Service front end (trust proxy 1) the address is the client the front end saw, not one the client claims', async () => {
    const proxied = await buildTestApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '2' }, base.embedded);
    try {
      // As in production (createApp sets this when NODE_ENV=production, which needs a real Cosmos DB account).
      proxied.app.set('trust proxy', 1);
      const from = (chain: string) => request(proxied.app).get('/api/health').set('X-Forwarded-For', chain);
      // The front end appends the address it saw; whatever the client put before it is ignored.
      expect((await from('10.0.0.1, 198.51.100.7')).status).toBe(200);
      expect((await from('10.0.0.2, 198.51.100.7')).status).toBe(200);
      expectTooMany(await from('10.0.0.3, 198.51.100.7'));
      // Another client is counted on its own.
      expect((await from('203.0.113.50')).status).toBe(200);
    } finally {
      await proxied.stop();
    }
  });

  test('the per-user limit still applies after authentication: one user is limited, another on the same address is not', async () => {
    const perUser = await buildTestApp(
      { RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_IP_PER_MINUTE: '1000' },
      base.embedded,
    );
    try {
      const [alice, bob] = [
        await perUser.tokenFor({ userId: 'edge-alice' }),
        await perUser.tokenFor({ userId: 'edge-bob' }),
      ];
      for (let i = 0; i < 3; i++)
        expect((await request(perUser.app).get('/api/me').set('Authorization', `Bearer ${alice}`)).status).toBe(200);
      expectTooMany(await request(perUser.app).get('/api/me').set('Authorization', `Bearer ${alice}`));
      expect((await request(perUser.app).get('/api/me').set('Authorization', `Bearer ${bob}`)).status).toBe(200);
    } finally {
      await perUser.stop();
    }
  });
});

describe('tenants whose signing keys cannot be fetched are remembered (bounded)', () => {
  let entra: TestApp;
  beforeAll(async () => {
    entra = await buildTestApp(
      { ENTRA_CLIENT_ID: CLIENT_ID, ENTRA_AUTHORITY_HOST: fake.url, PUBLIC_URL: `https://${fake.appIdUriHost}` },
      base.embedded,
    );
  });
  afterAll(async () => {
    await entra?.stop();
  });

  const me = async (app: TestApp, tid: string) =>
    request(app.app)
      .get('/api/me')
      .set('Authorization', `Bearer ${await fake.sign({ tid })}`);

  test('tokens naming 20 made-up tenants, 3 each: one key fetch per tenant, every call 401 saying why', async () => {
    const tenants = Array.from({ length: 20 }, () => randomUUID());
    for (const tid of tenants) {
      for (let i = 0; i < 3; i++) {
        const problem = expectProblem(await me(entra, tid), 401);
        expect(problem.detail).toMatch(/signing keys/);
      }
    }
    expect(tenants.map((tid) => fake.jwksRequests(tid))).toEqual(tenants.map(() => 1));
    // The real tenant is not affected.
    expect((await me(entra, KNOWN_TENANT)).status).toBe(200);
  });

  test('concurrent tokens for one made-up tenant share one fetch; after the period it is asked again, once', async () => {
    const tid = randomUUID();
    const first = await Promise.all(Array.from({ length: 5 }, () => me(entra, tid)));
    expect(first.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(fake.jwksRequests(tid)).toBe(1);
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 5 * 60_000 + 1000);
    try {
      for (let i = 0; i < 3; i++) expectProblem(await me(entra, tid), 401);
      expect(fake.jwksRequests(tid)).toBe(2);
    } finally {
      clock.mockRestore();
    }
  });

  test('the memory is bounded: past its size the oldest tenant is forgotten (and may be fetched again)', async () => {
    const trust = entraTrust(
      {
        mode: 'entra',
        clientId: CLIENT_ID,
        appIdUri: `api://${fake.appIdUriHost}/${CLIENT_ID}`,
        authorityHost: fake.url,
        allowedTenants: [],
      },
      { keySets: 10, unreachableTenants: 3 },
    );
    const tenants = Array.from({ length: 4 }, () => randomUUID());
    const verify = async (tid: string) =>
      expect(verifyAccessToken(await fake.sign({ tid }), trust)).rejects.toThrow(/signing keys/);
    for (const tid of tenants) await verify(tid);
    for (const tid of tenants.slice(1)) await verify(tid);
    expect(tenants.map((tid) => fake.jwksRequests(tid))).toEqual([1, 1, 1, 1]);
    await verify(tenants[0]!);
    expect(fake.jwksRequests(tenants[0]!)).toBe(2);
  });

  test("made-up tenants do not push real tenants' key sets out of the cache", async () => {
    const trust = entraTrust(
      {
        mode: 'entra',
        clientId: CLIENT_ID,
        appIdUri: `api://${fake.appIdUriHost}/${CLIENT_ID}`,
        authorityHost: fake.url,
        allowedTenants: [],
      },
      { keySets: 2, unreachableTenants: 100 },
    );
    const before = fake.jwksRequests(KNOWN_TENANT);
    await expect(verifyAccessToken(await fake.sign({ tid: KNOWN_TENANT }), trust)).resolves.toMatchObject({
      tenantId: KNOWN_TENANT,
    });
    for (let i = 0; i < 5; i++)
      await expect(verifyAccessToken(await fake.sign({ tid: randomUUID() }), trust)).rejects.toThrow(/signing keys/);
    await expect(verifyAccessToken(await fake.sign({ tid: KNOWN_TENANT }), trust)).resolves.toMatchObject({
      tenantId: KNOWN_TENANT,
    });
    expect(fake.jwksRequests(KNOWN_TENANT)).toBe(before + 1);
  });
});
