// Store outage: the embedded Cosmos DB server is stopped mid-run and restarted on the same port. While it
// is down the API answers 503 + Retry-After (problem+json) and health turns 503; once it is back the same
// app serves again, without a restart, and nothing written before the outage is lost.
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { expectProblem } from '../support/apiContract';
import { buildGoal, buildPair, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';
import { SLOW_MACHINE_TIMEOUT_MS } from '../support/slowProxy';

let embedded: EmbeddedCosmos;
let app: TestApp;
let built: BuiltPair;
let mentorToken: string;
let port: number;

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  port = (embedded.server.address() as AddressInfo).port;
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS }, embedded);
  built = await buildPair(app.services.store);
  await buildGoal(app.services.store, built);
  mentorToken = await app.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
});

afterAll(async () => {
  if (!embedded.server.listening) await listen();
  await app?.stop();
  await embedded?.stop();
});

/** Stops the store: open connections are cut, new ones refused. The server object keeps its data. */
function stopStore(): Promise<void> {
  return new Promise((resolve) => {
    embedded.server.closeAllConnections();
    embedded.server.close(() => resolve());
  });
}

/**
 * The same server object listens again on the same port: the app's client finds it where it was. The
 * embedded server makes a fresh, empty account on every 'listening' event; a real Cosmos DB account keeps
 * its data through an outage, so that listener is dropped and the server keeps the account it had.
 */
function listen(): Promise<void> {
  embedded.server.removeAllListeners('listening');
  return new Promise((resolve, reject) => {
    embedded.server.once('error', reject);
    embedded.server.listen(port, '127.0.0.1', () => resolve());
  });
}

const auth = () => ({ Authorization: `Bearer ${mentorToken}` });

function expectUnavailable(res: request.Response): void {
  const problem = expectProblem(res, 503);
  expect(problem.type).toBe('urn:reverse-mentoring:problem:store-unavailable');
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

describe('the store goes down and comes back', () => {
  test('reads, writes and health answer 503 + Retry-After during the outage, and the same app recovers', async () => {
    const before = await request(app.app).get(`/api/pairs/${built.pair.id}`).set(auth());
    expect(before.status).toBe(200);
    expect((await request(app.app).get('/api/health')).status).toBe(200);

    await stopStore();
    try {
      expectUnavailable(await request(app.app).get(`/api/pairs/${built.pair.id}`).set(auth()));
      expectUnavailable(await request(app.app).get('/api/me').set(auth()));
      expectUnavailable(
        await request(app.app)
          .post(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`)
          .set(auth())
          .set('Idempotency-Key', 'outage-note-1')
          .send({ body: 'Written while the store was down', visibility: 'private' }),
      );
      const health = await request(app.app).get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'unavailable', store: 'embedded' });
      expect(Number(health.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await listen();
    }

    expect((await request(app.app).get('/api/health')).status).toBe(200);
    const after = await request(app.app).get(`/api/pairs/${built.pair.id}`).set(auth());
    expect(after.status).toBe(200);
    expect(after.body.goals).toEqual(before.body.goals);

    // The client retries the create with the same key: one note, written once.
    const retried = await request(app.app)
      .post(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`)
      .set(auth())
      .set('Idempotency-Key', 'outage-note-1')
      .send({ body: 'Written while the store was down', visibility: 'private' });
    expect(retried.status).toBe(201);
    const notes = await request(app.app)
      .get(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`)
      .set(auth());
    expect(notes.status).toBe(200);
    expect(
      notes.body.notes.filter((n: { body: string }) => n.body === 'Written while the store was down'),
    ).toHaveLength(1);
  });

  test('a store that stops during a burst of requests fails each of them cleanly, never with a 500', async () => {
    const path = `/api/pairs/${built.pair.id}`;
    const burst = Array.from({ length: 20 }, () => request(app.app).get(path).set(auth()));
    const stopping = stopStore();
    const responses = await Promise.all(burst);
    await stopping;
    await listen();
    for (const res of responses) {
      if (res.status === 200) continue;
      expectUnavailable(res);
    }
    expect((await request(app.app).get(path).set(auth())).status).toBe(200);
  });
});
