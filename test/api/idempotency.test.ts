// Idempotency-Key as draft-ietf-httpapi-idempotency-key-header says: a retry with the same key and body
// gets the first result; the same key with another body is 422; a retry while the first request is still
// running is 409 — also when the retry reaches another server instance (the record is in the store).
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { routes } from '../../bot/src/app';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { expectProblem, routeKey } from '../support/apiContract';
import { adminOf, buildGoal, buildPair, type BuiltPair } from '../support/factories';
import { SLOW_MACHINE_TIMEOUT_MS, startStoreProxy, type StoreProxy } from '../support/slowProxy';
import { buildTestApp, type TestApp } from '../support/testApp';

let embedded: EmbeddedCosmos;
let app: TestApp;
let built: BuiltPair;
let goalId: string;
const tokens: Record<'mentor' | 'admin', string> = { mentor: '', admin: '' };

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS }, embedded);
  built = await buildPair(app.services.store);
  goalId = (await buildGoal(app.services.store, built)).id;
  tokens.mentor = await app.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  const admin = adminOf();
  tokens.admin = await app.tokenFor({ userId: admin.userId, name: admin.name, roles: [...admin.roles] });
});
afterAll(async () => {
  await app?.stop();
  await embedded?.stop();
});

interface Create {
  who: keyof typeof tokens;
  path: () => string;
  body: (n: number) => Record<string, unknown>;
}

const pairPath = () => `/api/pairs/${built.pair.id}`;
const sessionPath = () => `${pairPath()}/sessions/${built.session.id}`;

/** Every route that takes an Idempotency-Key, with a valid body (n makes bodies differ). */
const creates: Record<string, Create> = {
  'POST /api/programs': {
    who: 'admin',
    path: () => '/api/programs',
    body: (n) => ({
      name: `Programme ${n}`,
      objectives: ['Digital fluency'],
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      cadenceDays: 14,
      sessionMinutes: 45,
    }),
  },
  'POST /api/programs/:programId/pairs': {
    who: 'admin',
    path: () => `/api/programs/${built.program.id}/pairs`,
    // A fresh pair of participants per key is made in the test; n picks which of the two bodies.
    body: (n) => ({ mentorId: `idem-mentor-${n}`, menteeId: `idem-mentee-${n}` }),
  },
  'POST /api/pairs/:pairId/goals': {
    who: 'mentor',
    path: () => `${pairPath()}/goals`,
    body: (n) => ({ title: `Goal ${n}`, successMeasure: 'Measured', owner: 'mentee' }),
  },
  'POST /api/pairs/:pairId/sessions': {
    who: 'mentor',
    path: () => `${pairPath()}/sessions`,
    body: (n) => ({ scheduledAt: `2026-10-0${n}T09:00:00+01:00`, durationMinutes: 30 }),
  },
  'POST /api/pairs/:pairId/sessions/:sessionId/agenda': {
    who: 'mentor',
    path: () => `${sessionPath()}/agenda`,
    body: (n) => ({ title: `Item ${n}` }),
  },
  'POST /api/pairs/:pairId/sessions/:sessionId/notes': {
    who: 'mentor',
    path: () => `${sessionPath()}/notes`,
    body: (n) => ({ body: `Note ${n}`, visibility: 'private' }),
  },
  'POST /api/pairs/:pairId/sessions/:sessionId/takeaways': {
    who: 'mentor',
    path: () => `${sessionPath()}/takeaways`,
    body: (n) => ({ text: `Takeaway ${n}`, visibility: 'private' }),
  },
  // One rating per goal, moment and rater: the two bodies rate two moments.
  'POST /api/pairs/:pairId/goals/:goalId/assessments': {
    who: 'mentor',
    path: () => `${pairPath()}/goals/${goalId}/assessments`,
    body: (n) => ({ moment: n === 1 ? 'baseline' : 'midpoint', score: 3 }),
  },
  'POST /api/pairs/:pairId/commitments': {
    who: 'mentor',
    path: () => `${pairPath()}/commitments`,
    body: (n) => ({ text: `Commitment ${n}` }),
  },
  'POST /api/pairs/:pairId/bookings': {
    who: 'mentor',
    path: () => `${pairPath()}/bookings`,
    body: (n) => ({ scheduledAt: `2031-10-0${n}T09:00:00+01:00`, durationMinutes: 30 }),
  },
};

const idOf = (res: request.Response) => (res.body?.item?.id ?? res.body?.sessions?.[0]?.id ?? res.body?.id) as string;

test('the table covers every route that takes an Idempotency-Key', () => {
  expect(
    routes
      .filter((r) => r.idempotent)
      .map(routeKey)
      .sort(),
  ).toEqual(Object.keys(creates).sort());
});

describe.each(Object.entries(creates))('%s', (_route, create) => {
  const send = (key: string, body: Record<string, unknown>) =>
    request(app.app)
      .post(create.path())
      .set('Authorization', `Bearer ${tokens[create.who]}`)
      .set('Idempotency-Key', key)
      .send(body);

  beforeAll(async () => {
    if (create.path().endsWith('/pairs')) {
      for (const n of [1, 2]) {
        await participantAdder(app.services.store, built.program, {
          id: `idem-mentor-${n}`,
          name: `Idem Mentor ${n}`,
          role: 'mentor',
          skills: [],
          interests: [],
        });
        await participantAdder(app.services.store, built.program, {
          id: `idem-mentee-${n}`,
          name: `Idem Executive ${n}`,
          role: 'mentee',
          skills: [],
          interests: [],
        });
      }
    }
  });

  test('same key and body → the first result; same key, another body → 422 problem+json and nothing else is written', async () => {
    const key = `k-${randomUUID()}`;
    const first = await send(key, create.body(1));
    expect(first.status).toBe(201);
    const retry = await send(key, create.body(1));
    expect(retry.status).toBe(201);
    expect(idOf(retry)).toBe(idOf(first));

    const reused = await send(key, create.body(2));
    const problem = expectProblem(reused, 422);
    expect(problem.type).toBe('urn:reverse-mentoring:problem:idempotency-key-reused');
    expect(problem.detail).toMatch(/Idempotency-Key/);
    // The other body was not applied: with a fresh key it creates something new.
    const fresh = await send(`k-${randomUUID()}`, create.body(2));
    expect(fresh.status).toBe(201);
    expect(idOf(fresh)).not.toBe(idOf(first));
  });
});

test('the body is compared by meaning: the same members in another order are the same request', async () => {
  const key = `k-${randomUUID()}`;
  const path = `${pairPath()}/goals`;
  const first = await request(app.app)
    .post(path)
    .set('Authorization', `Bearer ${tokens.mentor}`)
    .set('Idempotency-Key', key)
    .set('Content-Type', 'application/json')
    .send('{"title":"Ordered","successMeasure":"M","owner":"mentee"}');
  const again = await request(app.app)
    .post(path)
    .set('Authorization', `Bearer ${tokens.mentor}`)
    .set('Idempotency-Key', key)
    .set('Content-Type', 'application/json')
    .send('{ "owner": "mentee", "successMeasure": "M", "title": "Ordered" }');
  expect([first.status, again.status]).toEqual([201, 201]);
  expect(again.body.id).toBe(first.body.id);
});

describe('a retry while the first request is still running', () => {
  let proxy: StoreProxy;
  /** Instance A: its store calls go through a slow proxy. */
  let slow: TestApp;
  /** Instance B: same database, straight to the store. */
  let other: TestApp;
  let mentorToken: string;

  beforeAll(async () => {
    proxy = await startStoreProxy(embedded);
    const database = app.services.config.store.database;
    slow = await buildTestApp(
      { COSMOS_DATABASE: database, RATE_LIMIT_PER_MINUTE: '100000', COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS },
      proxy.embedded,
    );
    other = await buildTestApp(
      { COSMOS_DATABASE: database, RATE_LIMIT_PER_MINUTE: '100000', COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS },
      embedded,
    );
    mentorToken = await slow.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
    // Warm A's client (account and partition metadata) before adding latency.
    expect((await request(slow.app).get(pairPath()).set('Authorization', `Bearer ${mentorToken}`)).status).toBe(200);
  });
  afterEach(() => {
    proxy.latencyMs = 0;
    proxy.failWhen = () => false;
  });
  afterAll(async () => {
    await slow?.stop();
    await other?.stop();
    await proxy?.stop();
  });

  const post = (target: TestApp, token: string, key: string, body: string) =>
    request(target.app)
      .post(`${sessionPath()}/notes`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send({ body, visibility: 'private' });

  /** Waits until the proxy has passed `count` more store calls on (or gives up after a while). */
  async function afterStoreCalls(count: number): Promise<void> {
    const target = proxy.seen.length + count;
    for (let i = 0; i < 400 && proxy.seen.length < target; i++) await new Promise((r) => setTimeout(r, 25));
  }

  test('on another instance → 409 problem+json with Retry-After; once the first finishes, the retry gets its result', async () => {
    const key = `k-${randomUUID()}`;
    proxy.latencyMs = 500;
    const seenBefore = proxy.seen.length;
    const first = post(slow, mentorToken, key, 'Typed in the meeting').then((r) => r);
    // The first request is under way at the store (its second store call has been sent).
    await afterStoreCalls(2);
    expect(proxy.seen.length).toBeGreaterThanOrEqual(seenBefore + 2);
    const otherToken = await other.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
    const during = await post(other, otherToken, key, 'Typed in the meeting');
    const problem = expectProblem(during, 409);
    expect(problem.type).toBe('urn:reverse-mentoring:problem:request-in-progress');
    expect(during.headers['retry-after']).toMatch(/^[1-9]\d*$/);

    const done = await first;
    expect(done.status).toBe(201);
    proxy.latencyMs = 0;
    const after = await post(other, otherToken, key, 'Typed in the meeting');
    expect(after.status).toBe(201);
    expect(after.body.id).toBe(done.body.id);
  }, 60_000);

  test('a request that failed is not "in progress": its retry runs', async () => {
    const key = `k-${randomUUID()}`;
    let cut = false;
    proxy.failWhen = (r) => {
      if (cut || r.method !== 'POST' || !r.path.endsWith('/colls/pairs/docs')) return false;
      cut = true;
      return true;
    };
    expectProblem(await post(slow, mentorToken, key, 'Cut off'), 503);
    const retry = await post(slow, mentorToken, key, 'Cut off');
    expect(retry.status).toBe(201);
  }, 60_000);

  test('an instance that died mid-request holds the key until its lease runs out; then the retry runs', async () => {
    const key = `k-${randomUUID()}`;
    // The note is never written and the instance cannot clean up: as if the process had died.
    proxy.failWhen = (r) =>
      (r.method === 'POST' && r.path.endsWith('/colls/pairs/docs')) || r.method === 'DELETE' || r.method === 'PUT';
    expectProblem(await post(slow, mentorToken, key, 'Lost with the instance'), 503);
    proxy.failWhen = () => false;
    const otherToken = await other.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
    expectProblem(await post(other, otherToken, key, 'Lost with the instance'), 409);
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 61_000);
    try {
      const retry = await post(other, otherToken, key, 'Lost with the instance');
      expect(retry.status).toBe(201);
      expect(retry.body.body).toBe('Lost with the instance');
    } finally {
      clock.mockRestore();
    }
  }, 60_000);
});
