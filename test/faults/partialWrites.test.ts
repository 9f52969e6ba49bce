// Writes that span several documents, cut in the middle by a store fault (a proxy in front of the
// embedded Cosmos DB server drops chosen requests). The API answers 503; what is stored is never a state
// that leaks or publishes, and the client's retry completes the write exactly once.
import request from 'supertest';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { programLearnings } from '../../bot/src/store/queries';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import type { Caller, MembershipDoc, ProgramDoc } from '../../bot/src/domain/model';
import { expectProblem } from '../support/apiContract';
import { adminOf, buildPair, buildProgram, buildTakeaway, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';
import { SLOW_MACHINE_TIMEOUT_MS, startStoreProxy, type StoreProxy } from '../support/slowProxy';

let embedded: EmbeddedCosmos;
let proxy: StoreProxy;
let app: TestApp;
let adminToken: string;

const isUpsertInto = (container: string) => (r: { method: string; path: string; upsert: boolean }) =>
  r.method === 'POST' && r.upsert && r.path.endsWith(`/colls/${container}/docs`);
const isCreateInto = (container: string) => (r: { method: string; path: string; upsert: boolean }) =>
  r.method === 'POST' && !r.upsert && r.path.endsWith(`/colls/${container}/docs`);

/** True for the first matching request only. */
function once(match: (r: { method: string; path: string; upsert: boolean }) => boolean) {
  let fired = false;
  return (r: { method: string; path: string; upsert: boolean }) => {
    if (fired || !match(r)) return false;
    fired = true;
    return true;
  };
}

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  proxy = await startStoreProxy(embedded);
  app = await buildTestApp(
    { RATE_LIMIT_PER_MINUTE: '100000', COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS },
    proxy.embedded,
  );
  const admin = adminOf();
  adminToken = await app.tokenFor({ userId: admin.userId, name: admin.name, roles: [...admin.roles] });
});

afterEach(() => {
  proxy.failWhen = () => false;
  proxy.loseAnswerWhen = () => false;
});

afterAll(async () => {
  await app?.stop();
  await proxy?.stop();
  await embedded?.stop();
});

const tokenOf = (c: Caller) => app.tokenFor({ userId: c.userId, name: c.name });

async function myPairIds(c: Caller): Promise<string[]> {
  const res = await request(app.app)
    .get('/api/me')
    .set('Authorization', `Bearer ${await tokenOf(c)}`);
  expect(res.status).toBe(200);
  return res.body.pairs.map((p: { pairId: string }) => p.pairId);
}

async function membershipsOf(program: ProgramDoc, userId: string): Promise<MembershipDoc[]> {
  return app.services.store.people.query<MembershipDoc>(
    program.tenantId,
    { where: 'c.programId = @p', parameters: [{ name: '@p', value: program.id }] },
    userId,
  );
}

describe('pair creation: the pair, then one membership per member', () => {
  test('a membership write that fails gives 503; the retry with the same Idempotency-Key completes the same pair', async () => {
    const program = await buildProgram(app.services.store);
    const mentor = { id: 'pw-mentor', name: 'Pat Mentor' };
    const mentee = { id: 'pw-mentee', name: 'Eve Executive' };
    await participantAdder(app.services.store, program, { ...mentor, role: 'mentor', skills: [], interests: [] });
    await participantAdder(app.services.store, program, { ...mentee, role: 'mentee', skills: [], interests: [] });
    const create = () =>
      request(app.app)
        .post(`/api/programs/${program.id}/pairs`)
        .set('Authorization', `Bearer ${adminToken}`)
        .set('Idempotency-Key', 'pair-pw-1')
        .send({ mentorId: mentor.id, menteeId: mentee.id });

    proxy.failWhen = once(isUpsertInto('people'));
    const failed = await create();
    expectProblem(failed, 503);
    expect(failed.headers['retry-after']).toBeDefined();

    const retried = await create();
    expect(retried.status).toBe(201);
    const again = await create();
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(retried.body.id);

    const pairs = await request(app.app)
      .get(`/api/programs/${program.id}/pairs`)
      .set('Authorization', `Bearer ${adminToken}`);
    expect(pairs.body.pairs.map((p: { id: string }) => p.id)).toEqual([retried.body.id]);
    for (const [userId, role] of [
      [mentor.id, 'mentor'],
      [mentee.id, 'mentee'],
    ] as const) {
      const memberships = await membershipsOf(program, userId);
      expect(memberships.map((m) => [m.pairId, m.role])).toEqual([[retried.body.id, role]]);
    }
    const callerOfMentor: Caller = { tenantId: program.tenantId, userId: mentor.id, name: mentor.name, roles: [] };
    expect(await myPairIds(callerOfMentor)).toContain(retried.body.id);
  });

  test('without an Idempotency-Key, the retry of a cut-off create answers 409 and still completes the memberships', async () => {
    const program = await buildProgram(app.services.store);
    const mentor = { id: 'pw3-mentor', name: 'Kim Mentor' };
    const mentee = { id: 'pw3-mentee', name: 'Lou Executive' };
    await participantAdder(app.services.store, program, { ...mentor, role: 'mentor', skills: [], interests: [] });
    await participantAdder(app.services.store, program, { ...mentee, role: 'mentee', skills: [], interests: [] });
    const create = () =>
      request(app.app)
        .post(`/api/programs/${program.id}/pairs`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ mentorId: mentor.id, menteeId: mentee.id });

    proxy.failWhen = once(isUpsertInto('people'));
    expectProblem(await create(), 503);
    expectProblem(await create(), 409);

    const pairs = await request(app.app)
      .get(`/api/programs/${program.id}/pairs`)
      .set('Authorization', `Bearer ${adminToken}`);
    expect(pairs.body.pairs).toHaveLength(1);
    const pairId = pairs.body.pairs[0].id as string;
    for (const [userId, role] of [
      [mentor.id, 'mentor'],
      [mentee.id, 'mentee'],
    ] as const) {
      expect((await membershipsOf(program, userId)).map((m) => [m.pairId, m.role])).toEqual([[pairId, role]]);
    }
  });

  test('a pair write that never reaches the store leaves nothing behind', async () => {
    const program = await buildProgram(app.services.store);
    await participantAdder(app.services.store, program, {
      id: 'pw2-mentor',
      name: 'M',
      role: 'mentor',
      skills: [],
      interests: [],
    });
    await participantAdder(app.services.store, program, {
      id: 'pw2-mentee',
      name: 'E',
      role: 'mentee',
      skills: [],
      interests: [],
    });
    proxy.failWhen = isCreateInto('pairs');
    const failed = await request(app.app)
      .post(`/api/programs/${program.id}/pairs`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ mentorId: 'pw2-mentor', menteeId: 'pw2-mentee' });
    expectProblem(failed, 503);
    proxy.failWhen = () => false;
    const pairs = await request(app.app)
      .get(`/api/programs/${program.id}/pairs`)
      .set('Authorization', `Bearer ${adminToken}`);
    expect(pairs.body.pairs).toEqual([]);
    expect(await membershipsOf(program, 'pw2-mentor')).toEqual([]);
    expect(await membershipsOf(program, 'pw2-mentee')).toEqual([]);
  });
});

describe('takeaway consent: the takeaway, then the programme learning', () => {
  let built: BuiltPair;
  beforeAll(async () => {
    built = await buildPair(app.services.store);
  });

  const consent = async (takeawayId: string, approve: boolean) =>
    request(app.app)
      .post(`/api/pairs/${built.pair.id}/takeaways/${takeawayId}/consent`)
      .set('Authorization', `Bearer ${await tokenOf(built.mentee)}`)
      .send({ approve });

  test('a learning write that fails gives 503; repeating the approval publishes the redacted learning once', async () => {
    const takeaway = await buildTakeaway(
      app.services.store,
      built,
      built.mentor,
      'program',
      'Share the Copilot prompt library with the board',
    );
    proxy.failWhen = once(isUpsertInto('programs'));
    expectProblem(await consent(takeaway.id, true), 503);
    expect(await programLearnings(app.services.store, built.program)).toEqual([]);

    const retried = await consent(takeaway.id, true);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('shared');
    expect((await consent(takeaway.id, true)).status).toBe(200);
    const learnings = await programLearnings(app.services.store, built.program);
    expect(learnings.map((l) => l.text)).toEqual(['Share the Copilot prompt library with the board']);
    expect(JSON.stringify(learnings)).not.toContain(built.mentor.userId);
  });

  test('a takeaway decision that never reaches the store publishes nothing and stays awaiting consent', async () => {
    const takeaway = await buildTakeaway(
      app.services.store,
      built,
      built.mentor,
      'program',
      'Executives want a weekly AI digest',
    );
    proxy.failWhen = (r) => r.method === 'PUT' && r.path.includes('/colls/pairs/docs/');
    expectProblem(await consent(takeaway.id, true), 503);
    proxy.failWhen = () => false;
    const stored = await app.services.store.pairs.find(built.pair.tenantId, built.pair.id, takeaway.id);
    expect(stored).toMatchObject({ status: 'awaitingConsent' });
    expect((await programLearnings(app.services.store, built.program)).map((l) => l.text)).not.toContain(
      'Executives want a weekly AI digest',
    );
  });
});

describe('a create whose answer is lost after the store wrote it', () => {
  test('the retry with the same Idempotency-Key returns the stored note: one note, not two', async () => {
    const built = await buildPair(app.services.store);
    const token = await tokenOf(built.mentor);
    const send = () =>
      request(app.app)
        .post(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`)
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', 'lost-answer-1')
        .send({ body: 'Answer lost on the way back', visibility: 'pair' });
    proxy.loseAnswerWhen = once(isCreateInto('pairs'));
    expectProblem(await send(), 503);
    proxy.loseAnswerWhen = () => false;
    const retried = await send();
    expect(retried.status).toBe(201);
    const notes = await request(app.app)
      .get(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`)
      .set('Authorization', `Bearer ${token}`);
    expect(notes.body.notes.map((n: { id: string; body: string }) => [n.id, n.body])).toEqual([
      [retried.body.id, 'Answer lost on the way back'],
    ]);
  });
});
