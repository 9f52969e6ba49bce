// Optimistic concurrency (If-Match), body size, rate limiting, Idempotency-Key and store outages.
import request from 'supertest';
import type { Caller, GoalDoc, SessionDoc } from '../../bot/src/domain/model';
import { buildPair, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';
import { expectProblem } from '../support/apiContract';

function expectStatus(res: request.Response, status: number): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
}

/** The ETag response header: present and quoted. */
function etagHeader(res: request.Response): string {
  const etag = res.headers.etag;
  expect(etag).toMatch(/^"[^"]+"$/);
  return etag as string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const tokenOf = (app: TestApp, caller: Caller) => app.tokenFor({ userId: caller.userId, name: caller.name });

// ---------------------------------------------------------------------------------------------

describe('If-Match on PATCH', () => {
  let app: TestApp;
  let built: BuiltPair;
  let mentor: string;

  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    built = await buildPair(app.services.store);
    mentor = await tokenOf(app, built.mentor);
  });
  afterAll(async () => {
    await app?.stop();
  });

  interface Editable {
    /** PATCH path of the item. */
    path: string;
    /** ETag (HTTP form) right after creation. */
    etag: string;
    /** The field a change writes, as the API reads it back. */
    read(): Promise<string | undefined>;
  }

  interface Kind {
    name: string;
    field: string;
    create(): Promise<Editable>;
    /** The `etag` field of a PATCH (or create) response body. */
    bodyEtag(body: Record<string, unknown>): unknown;
  }

  const pairPath = () => `/api/pairs/${built.pair.id}`;
  const find = (id: string) => app.services.store.pairs.find(built.pair.tenantId, built.pair.id, id);

  const kinds: Kind[] = [
    {
      name: 'goal',
      field: 'title',
      bodyEtag: (b) => b.etag,
      async create() {
        const res = await request(app.app)
          .post(`${pairPath()}/goals`)
          .set(bearer(mentor))
          .send({ title: 'Original', successMeasure: 'Measured', owner: 'mentee' });
        expectStatus(res, 201);
        expect(res.headers.etag).toBe(res.body.etag);
        return {
          path: `${pairPath()}/goals/${res.body.id}`,
          etag: etagHeader(res),
          read: async () => ((await find(res.body.id)) as GoalDoc | undefined)?.title,
        };
      },
    },
    {
      name: 'note',
      field: 'body',
      bodyEtag: (b) => b.etag,
      async create() {
        const res = await request(app.app)
          .post(`${pairPath()}/sessions/${built.session.id}/notes`)
          .set(bearer(mentor))
          .send({ body: 'Original' });
        expectStatus(res, 201);
        expect(res.headers.etag).toBe(res.body.etag);
        const path = `${pairPath()}/sessions/${built.session.id}/notes/${res.body.id}`;
        return {
          path,
          etag: etagHeader(res),
          // Read back through the API: the note list the author sees.
          read: async () => {
            const list = await request(app.app)
              .get(`${pairPath()}/sessions/${built.session.id}/notes`)
              .set(bearer(mentor));
            expectStatus(list, 200);
            return (list.body.notes as Array<{ id: string; body: string }>).find((n) => n.id === res.body.id)?.body;
          },
        };
      },
    },
    {
      name: 'commitment',
      field: 'text',
      bodyEtag: (b) => b.etag,
      async create() {
        const res = await request(app.app)
          .post(`${pairPath()}/commitments`)
          .set(bearer(mentor))
          .send({ text: 'Original' });
        expectStatus(res, 201);
        expect(res.headers.etag).toBe(res.body.etag);
        return {
          path: `${pairPath()}/commitments/${res.body.id}`,
          etag: etagHeader(res),
          // Read back through the API: the dashboard.
          read: async () => {
            const dash = await request(app.app).get(pairPath()).set(bearer(mentor));
            expectStatus(dash, 200);
            return (dash.body.commitments as Array<{ id: string; text: string }>).find((c) => c.id === res.body.id)
              ?.text;
          },
        };
      },
    },
    {
      name: 'agenda item',
      field: 'title',
      bodyEtag: (b) => (b.session as { etag?: unknown } | undefined)?.etag,
      async create() {
        // Each agenda item gets its own session: the session's ETag guards its agenda.
        const session = await request(app.app)
          .post(`${pairPath()}/sessions`)
          .set(bearer(mentor))
          .send({ scheduledAt: '2026-10-01T09:00:00+01:00', durationMinutes: 30 });
        expectStatus(session, 201);
        const res = await request(app.app)
          .post(`${pairPath()}/sessions/${session.body.id}/agenda`)
          .set(bearer(mentor))
          .send({ title: 'Original' });
        expectStatus(res, 201);
        expect(res.headers.etag).toBe(res.body.session.etag);
        return {
          path: `${pairPath()}/sessions/${session.body.id}/agenda/${res.body.item.id}`,
          etag: etagHeader(res),
          read: async () => {
            const got = await request(app.app).get(`${pairPath()}/sessions/${session.body.id}`).set(bearer(mentor));
            expectStatus(got, 200);
            expect(got.headers.etag).toBe(got.body.etag);
            const doc = (await find(session.body.id)) as SessionDoc;
            expect(doc.agenda.map((i) => i.title)).toEqual(
              (got.body.agenda as Array<{ title: string }>).map((i) => i.title),
            );
            return (got.body.agenda as Array<{ id: string; title: string }>).find((i) => i.id === res.body.item.id)
              ?.title;
          },
        };
      },
    },
  ];

  describe.each(kinds.map((k) => [k.name, k] as const))('%s', (_name, kind) => {
    const patch = (item: Editable, changes: Record<string, unknown>, ifMatch?: string) => {
      const req = request(app.app).patch(item.path).set(bearer(mentor));
      return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(changes);
    };

    test('without If-Match → 428 problem+json, nothing changes', async () => {
      const item = await kind.create();
      expectProblem(await patch(item, { [kind.field]: 'Changed' }), 428);
      expectProblem(await patch(item, { [kind.field]: 'Changed' }, '   '), 428);
      expect(await item.read()).toBe('Original');
    });

    test.each([
      ['unquoted', 'abc'],
      ['a list of ETags', '"a", "b"'],
      ['an empty quoted string', '""'],
      ['an unterminated quote', '"abc'],
      ['a quote inside', '"ab"c"'],
      ['over 200 characters', `"${'x'.repeat(201)}"`],
    ])('malformed If-Match (%s) → 400 naming If-Match, nothing changes', async (_label, value) => {
      const item = await kind.create();
      const problem = expectProblem(await patch(item, { [kind.field]: 'Changed' }, value), 400);
      expect(problem.errors?.map((e) => e.field)).toEqual(['If-Match']);
      expect(await item.read()).toBe('Original');
    });

    test('the ETag header equals the body etag and works for the next PATCH', async () => {
      const item = await kind.create();
      const first = await patch(item, { [kind.field]: 'First' }, item.etag);
      expectStatus(first, 200);
      expect(first.headers.etag).toMatch(/^"[^"]+"$/);
      expect(kind.bodyEtag(first.body)).toBe(first.headers.etag);
      expect(first.headers.etag).not.toBe(item.etag);
      const second = await patch(item, { [kind.field]: 'Second' }, first.headers.etag);
      expectStatus(second, 200);
      expect(kind.bodyEtag(second.body)).toBe(second.headers.etag);
      expect(second.headers.etag).not.toBe(first.headers.etag);
      expect(await item.read()).toBe('Second');
    });

    test('a stale ETag → 412 problem+json and the stored item keeps the first change', async () => {
      const item = await kind.create();
      expectStatus(await patch(item, { [kind.field]: 'First change' }, item.etag), 200);
      const stale = await patch(item, { [kind.field]: 'Lost update' }, item.etag);
      const problem = expectProblem(stale, 412);
      expect(problem.type).toBe('urn:reverse-mentoring:problem:precondition-failed');
      expect(await item.read()).toBe('First change');
    });

    test('a well-formed ETag that never existed → 412', async () => {
      const item = await kind.create();
      expectProblem(await patch(item, { [kind.field]: 'Changed' }, '"00000000-0000-0000-0000-000000000000"'), 412);
      expect(await item.read()).toBe('Original');
    });

    test('a weak validator W/"…" is accepted', async () => {
      const item = await kind.create();
      const res = await patch(item, { [kind.field]: 'Weakly matched' }, `W/${item.etag}`);
      expectStatus(res, 200);
      expect(await item.read()).toBe('Weakly matched');
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('limits on one app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('413: body over BODY_LIMIT_KB', () => {
    let small: TestApp;
    let built: BuiltPair;
    let token: string;
    beforeAll(async () => {
      // Shares the embedded server; its own database.
      small = await buildTestApp({ BODY_LIMIT_KB: '1' }, app.embedded);
      built = await buildPair(small.services.store);
      token = await tokenOf(small, built.mentor);
    });
    afterAll(async () => {
      await small?.stop();
    });

    const notes = () => `/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`;

    test('a 2 KB body → 413 problem+json, nothing saved', async () => {
      const body = `too large ${'x'.repeat(2048)}`;
      const res = await request(small.app).post(notes()).set(bearer(token)).send({ body });
      const problem = expectProblem(res, 413);
      expect(problem.type).toBe('urn:reverse-mentoring:problem:payload-too-large');
      const list = await request(small.app).get(notes()).set(bearer(token));
      expectStatus(list, 200);
      expect((list.body.notes as Array<{ body: string }>).some((n) => n.body === body)).toBe(false);
    });

    test('a body under the limit is accepted by the same app', async () => {
      const res = await request(small.app)
        .post(notes())
        .set(bearer(token))
        .send({ body: 'y'.repeat(500) });
      expectStatus(res, 201);
    });

    test('the default limit accepts the same 2 KB body', async () => {
      const big = await buildPair(app.services.store);
      const res = await request(app.app)
        .post(`/api/pairs/${big.pair.id}/sessions/${big.session.id}/notes`)
        .set(bearer(await tokenOf(app, big.mentor)))
        .send({ body: 'x'.repeat(2048) });
      expectStatus(res, 201);
    });
  });

  describe('429: RATE_LIMIT_PER_MINUTE', () => {
    let limited: TestApp;
    let alice: string;
    let bob: string;
    beforeAll(async () => {
      limited = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '5' }, app.embedded);
      // Two sign-ins only: the public sign-in route is limited per address by the same limiter.
      alice = await limited.tokenFor({ userId: 'rate-alice' });
      bob = await limited.tokenFor({ userId: 'rate-bob' });
    });
    afterAll(async () => {
      await limited?.stop();
    });

    test('the 6th request by the same user → 429 with Retry-After; another user is not limited', async () => {
      for (let i = 1; i <= 5; i++) expectStatus(await request(limited.app).get('/api/me').set(bearer(alice)), 200);
      const sixth = await request(limited.app).get('/api/me').set(bearer(alice));
      const problem = expectProblem(sixth, 429);
      expect(problem.type).toBe('urn:reverse-mentoring:problem:too-many-requests');
      const retryAfter = sixth.headers['retry-after'];
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);

      // The limit is per user across routes.
      expectProblem(await request(limited.app).get('/api/pairs/any-pair').set(bearer(alice)), 429);

      const other = await request(limited.app).get('/api/me').set(bearer(bob));
      expectStatus(other, 200);
      expect(other.body.id).toBe('rate-bob');
    });
  });

  describe('Idempotency-Key on create', () => {
    let built: BuiltPair;
    let mentor: string;
    let mentee: string;
    beforeAll(async () => {
      built = await buildPair(app.services.store);
      mentor = await tokenOf(app, built.mentor);
      mentee = await tokenOf(app, built.mentee);
    });

    const goals = () => `/api/pairs/${built.pair.id}/goals`;
    const goal = (title: string) => ({ title, successMeasure: 'Measured', owner: 'mentee' });
    const dashboardGoals = async (title: string) => {
      const res = await request(app.app).get(`/api/pairs/${built.pair.id}`).set(bearer(mentor));
      expectStatus(res, 200);
      return (res.body.goals as Array<{ id: string; title: string }>).filter((g) => g.title === title);
    };

    test('the same key twice → the same goal, once in the dashboard', async () => {
      const first = await request(app.app)
        .post(goals())
        .set(bearer(mentor))
        .set('Idempotency-Key', 'goal-key-1')
        .send(goal('Idempotent goal'));
      expectStatus(first, 201);
      const retry = await request(app.app)
        .post(goals())
        .set(bearer(mentor))
        .set('Idempotency-Key', 'goal-key-1')
        .send(goal('Idempotent goal'));
      expect(retry.status).toBeLessThan(300);
      expect(retry.body.id).toBe(first.body.id);
      expect((await dashboardGoals('Idempotent goal')).map((g) => g.id)).toEqual([first.body.id]);
    });

    test('a different key → a second goal', async () => {
      const a = await request(app.app)
        .post(goals())
        .set(bearer(mentor))
        .set('Idempotency-Key', 'goal-key-a')
        .send(goal('Two keys'));
      const b = await request(app.app)
        .post(goals())
        .set(bearer(mentor))
        .set('Idempotency-Key', 'goal-key-b')
        .send(goal('Two keys'));
      expectStatus(a, 201);
      expectStatus(b, 201);
      expect(b.body.id).not.toBe(a.body.id);
      expect((await dashboardGoals('Two keys')).map((g) => g.id).sort()).toEqual([a.body.id, b.body.id].sort());
    });

    test("the same key from another user is that user's own request", async () => {
      const a = await request(app.app)
        .post(goals())
        .set(bearer(mentor))
        .set('Idempotency-Key', 'shared-key')
        .send(goal('Per user'));
      const b = await request(app.app)
        .post(goals())
        .set(bearer(mentee))
        .set('Idempotency-Key', 'shared-key')
        .send(goal('Per user'));
      expectStatus(a, 201);
      expectStatus(b, 201);
      expect(b.body.id).not.toBe(a.body.id);
      expect(await dashboardGoals('Per user')).toHaveLength(2);
    });

    test.each([
      ['spaces', 'has spaces'],
      ['101 characters', 'k'.repeat(101)],
      ['a slash', 'a/b'],
      ['an empty value', ''],
    ])('a bad key (%s) → 400 naming Idempotency-Key, nothing created', async (_label, key) => {
      const title = `Bad key ${_label}`;
      const res = await request(app.app)
        .post(goals())
        .set(bearer(mentor))
        .set('Idempotency-Key', key)
        .send(goal(title));
      const problem = expectProblem(res, 400);
      expect(problem.errors?.map((e) => e.field)).toEqual(['Idempotency-Key']);
      expect(await dashboardGoals(title)).toHaveLength(0);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('store outage', () => {
  let app: TestApp;
  let built: BuiltPair;
  let token: string;

  beforeAll(async () => {
    // Its own embedded server, so that stopping it affects no other app.
    app = await buildTestApp({ COSMOS_TIMEOUT_MS: '5000', RATE_LIMIT_PER_MINUTE: '100000' });
    built = await buildPair(app.services.store);
    token = await tokenOf(app, built.mentor);
    expectStatus(await request(app.app).get('/api/health'), 200);
    expectStatus(await request(app.app).get(`/api/pairs/${built.pair.id}`).set(bearer(token)), 200);
    await app.embedded.stop();
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  }, 60_000);

  const expectUnavailable = (res: request.Response) => {
    const problem = expectProblem(res, 503);
    expect(problem.type).toBe('urn:reverse-mentoring:problem:store-unavailable');
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  };

  test('GET /api/pairs/:id → 503 problem+json with Retry-After', async () => {
    expectUnavailable(await request(app.app).get(`/api/pairs/${built.pair.id}`).set(bearer(token)));
  }, 60_000);

  test('POST notes → 503 problem+json with Retry-After', async () => {
    expectUnavailable(
      await request(app.app)
        .post(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`)
        .set(bearer(token))
        .send({ body: 'During the outage' }),
    );
  }, 60_000);

  test('GET /api/me → 503 problem+json with Retry-After', async () => {
    expectUnavailable(await request(app.app).get('/api/me').set(bearer(token)));
  }, 60_000);

  test('GET /api/health → 503 with Retry-After', async () => {
    const res = await request(app.app).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(res.body).toEqual({ status: 'unavailable', store: 'embedded' });
  }, 60_000);
});
