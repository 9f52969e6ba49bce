// The store layer through @azure/cosmos against the embedded Cosmos DB server.
import { randomUUID } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { loadConfig } from '../../bot/src/config';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../../bot/src/store/database';
import { withStoreMetrics } from '../../bot/src/store/metrics';
import { AlreadyExists, StaleWrite, Unavailable } from '../../bot/src/domain/errors';
import type { MembershipDoc } from '../../bot/src/domain/model';

const TENANT_A = '0d0d0d0d-0000-4000-8000-00000000000a';
const TENANT_B = '0d0d0d0d-0000-4000-8000-00000000000b';

let embedded: EmbeddedCosmos;
let store: Store;

const membership = (tenantId: string, userId: string, pairId: string): MembershipDoc => ({
  id: pairId,
  type: 'membership',
  tenantId,
  userId,
  pairId,
  programId: 'p',
  role: 'mentor',
  partner: { id: 'x', name: 'X' },
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  const config = loadConfig({ NODE_ENV: 'test', COSMOS_DATABASE: `store-${randomUUID()}`, COSMOS_TIMEOUT_MS: '5000' });
  store = await openStore(config.store, { embedded });
});
afterAll(async () => {
  await store.close();
  await embedded.stop();
});

test('a document of another tenant reads as missing, even with the right id and partition', async () => {
  await store.people.create(membership(TENANT_A, 'shared-user', 'pair-1'));
  expect(await store.people.find(TENANT_A, 'shared-user', 'pair-1')).toMatchObject({ tenantId: TENANT_A });
  expect(await store.people.find(TENANT_B, 'shared-user', 'pair-1')).toBeUndefined();
  await expect(store.people.get(TENANT_B, 'shared-user', 'pair-1', 'membership')).rejects.toMatchObject({
    status: 404,
  });
});

test('queries are scoped to the tenant and, when given, to the partition', async () => {
  await store.people.create(membership(TENANT_B, 'shared-user', 'pair-2'));
  await store.people.create(membership(TENANT_A, 'someone-else', 'pair-3'));
  const all = { where: "c.type = 'membership'", parameters: [] };
  expect((await store.people.query(TENANT_A, all, 'shared-user')).map((m) => m.id)).toEqual(['pair-1']);
  expect((await store.people.query(TENANT_B, all, 'shared-user')).map((m) => m.id)).toEqual(['pair-2']);
  expect((await store.people.query(TENANT_A, all)).map((m) => m.id).sort()).toEqual(['pair-1', 'pair-3']);
});

test('ETags: quoted like Azure Cosmos DB; a stale one is refused (StaleWrite, 412 at the API) and changes nothing', async () => {
  const created = await store.people.create(membership(TENANT_A, 'etag-user', 'pair-9'));
  expect(created._etag).toMatch(/^".+"$/);
  const first = await store.people.replace({ ...created, status: 'paused' }, created._etag!);
  expect(first._etag).not.toBe(created._etag);
  await expect(store.people.replace({ ...created, status: 'ended' }, created._etag!)).rejects.toBeInstanceOf(
    StaleWrite,
  );
  expect(await store.people.find(TENANT_A, 'etag-user', 'pair-9')).toMatchObject({ status: 'paused' });
});

test('creating an existing id is AlreadyExists (409 at the API)', async () => {
  await expect(store.people.create(membership(TENANT_A, 'shared-user', 'pair-1'))).rejects.toBeInstanceOf(
    AlreadyExists,
  );
});

test('round trips and request charge are counted per unit of work', async () => {
  const { metrics, result } = withStoreMetrics(async () => {
    await store.people.find(TENANT_A, 'shared-user', 'pair-1');
    await store.people.query(TENANT_A, { where: 'true', parameters: [] }, 'shared-user');
  });
  await result;
  expect(metrics.roundTrips).toBe(2);
  expect(metrics.requestCharge).toBeGreaterThan(0);
});

test('a query is one request on the wire: the client asks the embedded store for no query plan', async () => {
  const seen: string[] = [];
  const listener = (req: IncomingMessage) =>
    void seen.push(String(req.headers['x-ms-cosmos-is-query-plan-request'] ?? 'query'));
  embedded.server.on('request', listener);
  try {
    const all = { where: "c.type = 'membership'", parameters: [] };
    expect((await store.people.query(TENANT_A, all, 'shared-user')).map((m) => m.id)).toEqual(['pair-1']);
    expect((await store.people.query(TENANT_A, all)).map((m) => m.id)).toContain('pair-3');
  } finally {
    embedded.server.off('request', listener);
  }
  expect(seen).toEqual(['query', 'query']);
});

test('the embedded server answers Connection: close as published, and keeps connections open when asked to', async () => {
  const connectionHeader = (endpoint: string) =>
    new Promise<string | undefined>((resolve, reject) => {
      get(endpoint, { agent: false }, (res) => {
        res.resume();
        resolve(res.headers.connection);
      }).on('error', reject);
    });
  const keepAlive = await startEmbeddedCosmos(0, undefined, { keepAlive: true });
  try {
    expect(await connectionHeader(embedded.endpoint)).toBe('close');
    expect(await connectionHeader(keepAlive.endpoint)).toBe('keep-alive');
  } finally {
    await keepAlive.stop();
  }
});

test('an unreachable store is Unavailable with a retry time (503 with Retry-After at the API), and health says so', async () => {
  const own = await startEmbeddedCosmos();
  const config = loadConfig({ NODE_ENV: 'test', COSMOS_DATABASE: `outage-${randomUUID()}`, COSMOS_TIMEOUT_MS: '5000' });
  const fragile = await openStore(config.store, { embedded: own });
  expect(await fragile.isHealthy()).toBe(true);
  await own.stop();
  const refused = await fragile.people.find(TENANT_A, 'u', 'x').catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(Unavailable);
  expect((refused as Unavailable).retryAfterSeconds).toBeGreaterThan(0);
  expect(await fragile.isHealthy()).toBe(false);
  await fragile.close();
}, 30_000);

test('a store that stops answering: each call gives up after the store timeout as Unavailable, queries included', async () => {
  // A TCP relay in front of the embedded server that, once told to, takes connections and never answers.
  let silent = false;
  const held: Socket[] = [];
  const target = new URL(embedded.endpoint);
  const relay = createServer((client) => {
    if (silent) return void held.push(client);
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    const drop = () => (client.destroy(), upstream.destroy());
    client.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const config = loadConfig({ NODE_ENV: 'test', COSMOS_DATABASE: `silent-${randomUUID()}`, COSMOS_TIMEOUT_MS: '400' });
  const endpoint = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  const quiet = await openStore(config.store, { embedded: { endpoint } });
  try {
    await quiet.people.create(membership(TENANT_A, 'quiet', 'pair-quiet'));
    expect(await quiet.people.find(TENANT_A, 'quiet', 'pair-quiet')).toMatchObject({ userId: 'quiet' });
    silent = true;
    for (const call of [
      () => quiet.people.find(TENANT_A, 'quiet', 'pair-quiet'),
      () => quiet.people.query(TENANT_A, { where: "c.type = 'membership'", parameters: [] }, 'quiet'),
      () => quiet.people.queryPage(TENANT_A, { where: "c.type = 'membership'", parameters: [] }, { pageSize: 5 }),
      () => quiet.people.create(membership(TENANT_A, 'quiet', 'pair-quiet-2')),
    ]) {
      const started = Date.now();
      const outcome = await call().catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(Unavailable);
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      expect(Date.now() - started).toBeLessThan(3000);
    }
    silent = false;
    expect(await quiet.people.find(TENANT_A, 'quiet', 'pair-quiet')).toMatchObject({ userId: 'quiet' });
  } finally {
    for (const socket of held) socket.destroy();
    await quiet.close();
    await new Promise((resolve) => relay.close(resolve));
  }
}, 30_000);

test("several processes opening one new database at once all get it (createIfNotExists's 409 from a racing create is taken as 'it exists')", async () => {
  const config = loadConfig({ NODE_ENV: 'test', COSMOS_DATABASE: `racing-${randomUUID()}`, COSMOS_TIMEOUT_MS: '5000' });
  const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(config.store, { embedded })));
  try {
    const doc = await stores[0]!.people.create(membership(TENANT_A, 'racer', 'pair-race'));
    expect(await stores[3]!.people.find(TENANT_A, 'racer', 'pair-race')).toMatchObject({ id: doc.id });
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});
