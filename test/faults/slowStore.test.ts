// A slow store: a proxy adds latency in front of the embedded Cosmos DB server. Past COSMOS_TIMEOUT_MS the
// API answers 503 + Retry-After instead of hanging; the abandoned store calls are cancelled, not left
// running, and memory does not pile up across many timed-out requests.
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import v8 from 'node:v8';
import request from 'supertest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { expectProblem } from '../support/apiContract';
import { buildGoal, buildPair, type BuiltPair } from '../support/factories';
import { SLOW_MACHINE_TIMEOUT_MS, startStoreProxy, type StoreProxy } from '../support/slowProxy';
import { buildTestApp, type TestApp } from '../support/testApp';

const TIMEOUT_MS = 400;

let embedded: EmbeddedCosmos;
let proxy: StoreProxy;
let app: TestApp;
let setupApp: TestApp;
let built: BuiltPair;
let token: string;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  proxy = await startStoreProxy(embedded);
  // The fixture is written, and the embedded server's query compilation warmed (1-2 s per new query text),
  // by a second app on the same database with a generous timeout, straight to the server.
  const database = `test-${randomUUID()}`;
  setupApp = await buildTestApp({ COSMOS_DATABASE: database, COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS }, embedded);
  built = await buildPair(setupApp.services.store);
  await buildGoal(setupApp.services.store, built);
  const setupToken = await setupApp.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  expect(
    (await request(setupApp.app).get(`/api/pairs/${built.pair.id}`).set('Authorization', `Bearer ${setupToken}`))
      .status,
  ).toBe(200);

  app = await buildTestApp(
    { COSMOS_DATABASE: database, COSMOS_TIMEOUT_MS: String(TIMEOUT_MS), RATE_LIMIT_PER_MINUTE: '100000' },
    proxy.embedded,
  );
  token = await app.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  // The app's own client fetches account and partition metadata on first use: warm it while there is no latency.
  let warm = await dashboard();
  for (let i = 0; i < 20 && warm.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 250));
    warm = await dashboard();
  }
  expect(warm.status).toBe(200);
});

afterEach(() => {
  proxy.latencyMs = 0;
});

afterAll(async () => {
  await app?.stop();
  await setupApp?.stop();
  await proxy?.stop();
  await embedded?.stop();
});

const dashboard = () => request(app.app).get(`/api/pairs/${built.pair.id}`).set('Authorization', `Bearer ${token}`);

/** Once latency is gone the API answers 200 again. On a loaded machine the first reads after a flood can still pass the
 * 400 ms timeout while the embedded server works through the queries the proxy cancelled, so recovery gets a few seconds. */
async function statusAfterRecovery(): Promise<number> {
  let status = (await dashboard()).status;
  for (let i = 0; i < 20 && status === 503; i++) {
    await new Promise((r) => setTimeout(r, 250));
    status = (await dashboard()).status;
  }
  return status;
}

async function drained(): Promise<number> {
  for (let i = 0; i < 100 && proxy.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 50));
  return proxy.inFlight;
}

test('latency below the timeout only slows requests down', async () => {
  proxy.latencyMs = TIMEOUT_MS / 4;
  const res = await dashboard();
  expect(res.status).toBe(200);
  expect(res.body.goals).toHaveLength(1);
});

test('latency past the timeout: reads, writes and health answer 503 + Retry-After', async () => {
  proxy.latencyMs = TIMEOUT_MS * 5;
  const read = expectProblem(await dashboard(), 503);
  expect(read.type).toBe('urn:reverse-mentoring:problem:store-unavailable');
  const write = await request(app.app)
    .post(`/api/pairs/${built.pair.id}/goals`)
    .set('Authorization', `Bearer ${token}`)
    .send({ title: 'Slow goal', successMeasure: 'It arrives', owner: 'mentor' });
  expectProblem(write, 503);
  expect(Number(write.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  const health = await request(app.app).get('/api/health');
  expect(health.status).toBe(503);
  expect(health.headers['retry-after']).toBeDefined();

  // The abandoned calls are cancelled: no request stays open at the store once the API has answered.
  expect(await drained()).toBe(0);
  proxy.latencyMs = 0;
  expect(await statusAfterRecovery()).toBe(200);
});

test('200 timed-out requests leave no open store calls and no retained heap', async () => {
  proxy.latencyMs = TIMEOUT_MS * 5;
  const wave = async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => dashboard()));
    for (const res of answers) expect(res.status).toBe(503);
  };
  await wave(); // first wave: lazily created buffers and caches settle
  expect(await drained()).toBe(0);
  const before = heapAfterGc();
  for (let i = 0; i < 4; i++) await wave();
  expect(await drained()).toBe(0);
  const grownMb = (heapAfterGc() - before) / 1024 / 1024;
  // 200 abandoned requests: if each retained its request, response and store call the heap would grow by tens of MB.
  expect(grownMb).toBeLessThan(8);
  proxy.latencyMs = 0;
  expect(await statusAfterRecovery()).toBe(200);
}, 120_000); // five waves of 50 requests, each held 2 s by the proxy: on a loaded 2-core machine this exceeds the default 30 s
