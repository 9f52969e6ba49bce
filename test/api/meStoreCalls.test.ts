// /api/me costs a constant number of store requests, counted on the wire (every HTTP request the embedded
// Cosmos DB server receives, query plans included), whether the caller has one pair or fifty, ended ones included.
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { pairCreator } from '../../bot/src/commands/pairCreator';
import { pairStatusChanger } from '../../bot/src/commands/pairStatusChanger';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import type { PairDoc } from '../../bot/src/domain/model';
import { adminOf, buildProgram, callerOf } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.stop());

/** Store requests on the wire while `fn` runs. */
async function wireRequests(fn: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const listener = (_req: IncomingMessage) => void (count += 1);
  t.embedded.server.on('request', listener);
  try {
    await fn();
  } finally {
    t.embedded.server.off('request', listener);
  }
  return count;
}

/** A mentor with `n` pairs in one programme: each with a session tomorrow, every fifth one ended. */
async function mentorWith(n: number, mentorId: string): Promise<PairDoc[]> {
  const { store } = t.services;
  const program = await buildProgram(store);
  await participantAdder(store, program, { id: mentorId, name: mentorId, role: 'mentor', skills: [], interests: [] });
  const pairs: PairDoc[] = [];
  for (let i = 0; i < n; i++) {
    const menteeId = `${mentorId}-exec-${i}`;
    await participantAdder(store, program, { id: menteeId, name: menteeId, role: 'mentee', skills: [], interests: [] });
    const pair = await pairCreator(store, adminOf(), program, { mentorId, menteeId });
    await sessionScheduler(store, callerOf(mentorId), pair, {
      scheduledAt: new Date(Date.now() + (i + 1) * 3600_000).toISOString(),
      durationMinutes: 45,
    });
    pairs.push(i % 5 === 4 ? await pairStatusChanger(store, adminOf(), pair, 'ended', pair._etag!) : pair);
  }
  return pairs;
}

test('/api/me makes the same number of store requests with 1 pair and with 50', async () => {
  const [one, fifty] = [await mentorWith(1, 'solo-mentor'), await mentorWith(50, 'busy-mentor')];
  // Ended pairs too on the single-pair side, so both callers take every path.
  await mentorWith(5, 'solo-mentor-2');
  const me = async (userId: string) => {
    const token = await t.tokenFor({ userId });
    const get = () => request(t.app).get('/api/me').set('authorization', `Bearer ${token}`);
    await get(); // the SDK's first-use metadata (partition key ranges) is not the route's cost
    let body: { pairs: { pairId: string; status: string; nextSession: unknown; contentDeletesAt: string | null }[] } = {
      pairs: [],
    };
    const requests = await wireRequests(async () => {
      const res = await get();
      expect(res.status).toBe(200);
      body = res.body;
    });
    return { requests, body };
  };
  const small = await me('solo-mentor-2');
  const large = await me('busy-mentor');
  expect(small.body.pairs).toHaveLength(5);
  expect(large.body.pairs).toHaveLength(50);
  expect(large.requests).toBe(small.requests);
  expect(large.requests).toBeLessThanOrEqual(12);

  // Still right: every pair that has not ended shows its session, every ended one when its content goes.
  for (const p of large.body.pairs) {
    if (p.status === 'ended') expect(p).toMatchObject({ nextSession: null, contentDeletesAt: expect.any(String) });
    else expect(p.nextSession).toMatchObject({ scheduledAt: expect.any(String) });
  }
  expect(new Set(large.body.pairs.map((p) => p.pairId))).toEqual(new Set(fifty.map((p) => p.id)));
  const solo = await me('solo-mentor');
  expect(solo.body.pairs.map((p) => p.pairId)).toEqual([one[0]!.id]);
  expect(solo.requests).toBeLessThanOrEqual(large.requests);
}, 180_000);

test('creating a pair sends no cross-partition query, and still refuses the same two people twice', async () => {
  const { store } = t.services;
  const program = await buildProgram(store);
  for (const [id, role] of [
    ['cp-mentor', 'mentor'],
    ['cp-exec', 'mentee'],
  ] as const)
    await participantAdder(store, program, { id, name: id, role, skills: [], interests: [] });
  const admin = await t.tokenFor({ userId: adminOf().userId, roles: ['ProgramAdmin'] });
  const crossPartition: string[] = [];
  const listener = (req: IncomingMessage) => {
    const isQuery =
      String(req.headers['x-ms-documentdb-isquery'] ?? '').toLowerCase() === 'true' ||
      req.headers['content-type'] === 'application/query+json';
    const isPlan = String(req.headers['x-ms-cosmos-is-query-plan-request'] ?? '').toLowerCase() === 'true';
    if (isQuery && !isPlan && !req.headers['x-ms-documentdb-partitionkey']) crossPartition.push(req.url ?? '');
  };
  t.embedded.server.on('request', listener);
  try {
    const create = () =>
      request(t.app)
        .post(`/api/programs/${program.id}/pairs`)
        .set('authorization', `Bearer ${admin}`)
        .send({ mentorId: 'cp-mentor', menteeId: 'cp-exec' });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(409);
  } finally {
    t.embedded.server.off('request', listener);
  }
  expect(crossPartition).toEqual([]);
});
