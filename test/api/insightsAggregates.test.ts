// Insights from per-pair aggregates kept up to date by the change feed consumer (commands/insightsAggregates.ts):
// an edit, a delete and an erasure ("delete my data") reach the admin's insights through the feed; every
// aggregate equals one computed afresh from the pair's documents; and a consumer that restarts (a new store on
// the same database) resumes from the stored continuation: it re-reads nothing and counts nothing twice.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { aggregatePair, InsightsAggregator, insightsAggregator } from '../../bot/src/commands/insightsAggregates';
import { goalCreator, goalUpdater } from '../../bot/src/commands/goalWriter';
import { loadConfig } from '../../bot/src/config';
import type { GoalDoc, ProgramDoc } from '../../bot/src/domain/model';
import { openStore, type Store } from '../../bot/src/store/database';
import { insightsAggregatesOf, pairInsightsSource } from '../../bot/src/store/insightsAggregates';
import { adminOf, buildPair, buildRunningProgram, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

const env = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SEED_DEMO_DATA: 'false',
  COSMOS_DATABASE: `test-${randomUUID()}`,
  COSMOS_TIMEOUT_MS: '5000',
};
let t: TestApp;
let store: Store;
let adminToken: string;
let program: ProgramDoc;
let pairs: BuiltPair[];
let goals: GoalDoc[];

beforeAll(async () => {
  t = await buildTestApp(env);
  store = t.services.store;
  adminToken = await t.tokenFor({ userId: adminOf().userId, roles: ['ProgramAdmin'] });
  program = await buildRunningProgram(store);
  pairs = [];
  goals = [];
  for (let n = 0; n < 5; n++) {
    const built = await buildPair(store, { program });
    pairs.push(built);
    goals.push(
      await goalCreator(store, built.mentee, built.pair, {
        title: `Secret goal ${n}`,
        successMeasure: 'Weekly',
        owner: 'mentee',
      }),
    );
  }
});
afterAll(() => t.stop());

async function insights() {
  const res = await request(t.app)
    .get(`/api/programs/${program.id}/insights`)
    .set('Authorization', `Bearer ${adminToken}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Every aggregate of the programme equals the one computed afresh from its pair's documents. */
async function expectAggregatesFresh(on: Store = store): Promise<void> {
  const stored = (await insightsAggregatesOf(on, program.tenantId, program.id)).pairs;
  expect(stored.map((a) => a.pairId).sort()).toEqual(pairs.map((p) => p.pair.id).sort());
  for (const a of stored) {
    const { id, type, updatedAt, _etag, ...figures } = a;
    expect(figures).toEqual(aggregatePair(await pairInsightsSource(on, a.pairId)));
  }
}

test('an edit, a delete and an erasure reach the insights through the change feed, under the five-pair rule', async () => {
  expect((await insights()).goals).toMatchObject({ shown: true, pairs: 5, value: { total: 5, achieved: 0 } });

  // Edit: one goal achieved.
  await goalUpdater(store, goals[0]!, { status: 'achieved', progress: 100 }, goals[0]!._etag!);
  expect((await insights()).goals).toMatchObject({
    shown: true,
    pairs: 5,
    value: { total: 5, achieved: 1, progress: [{ goals: 4 }, { goals: 0 }, { goals: 0 }, { goals: 1 }] },
  });
  await expectAggregatesFresh();

  // Delete: a second goal of one pair, then deleted again: the count goes up and back.
  const extra = await goalCreator(store, pairs[1]!.mentee, pairs[1]!.pair, {
    title: 'Extra',
    successMeasure: 'x',
    owner: 'mentee',
  });
  expect((await insights()).goals.value.total).toBe(6);
  await store.pairs.delete(extra);
  expect((await insights()).goals).toMatchObject({ shown: true, pairs: 5, value: { total: 5 } });

  // Erasure: one executive deletes their data; their goal leaves, and four pairs with goals are too few to show.
  const token = await t.tokenFor({ userId: pairs[2]!.mentee.userId });
  const erased = await request(t.app).delete('/api/me/data').set('Authorization', `Bearer ${token}`);
  expect(erased.status).toBe(200);
  expect(erased.body.deleted.goals).toBe(1);
  const after = await insights();
  expect(after.goals).toEqual({ shown: false, reason: expect.stringMatching(/fewer than 5 pairs/) });
  expect(after.pairs).toMatchObject({ shown: true, pairs: 5 });
  expect(JSON.stringify(after)).not.toContain('Secret goal');
  await expectAggregatesFresh();
});

test('a restarted consumer resumes from the stored continuation: nothing re-read, nothing counted twice', async () => {
  await insightsAggregator(store).catchUp();
  const reopened = await openStore(loadConfig(env).store, { embedded: t.embedded });
  try {
    const restarted = new InsightsAggregator(reopened);
    expect(await restarted.catchUp()).toEqual({ changes: 0, pairsRecomputed: 0 });

    // One change after the restart: read once, by whichever consumer comes first, and the other sees none.
    const goal = await goalCreator(reopened, pairs[3]!.mentee, pairs[3]!.pair, {
      title: 'After restart',
      successMeasure: 'x',
      owner: 'mentee',
    });
    expect(await restarted.catchUp()).toEqual({ changes: 1, pairsRecomputed: 1 });
    expect(await insightsAggregator(store).catchUp()).toEqual({ changes: 0, pairsRecomputed: 0 });
    await expectAggregatesFresh(reopened);
    const [aggregate] = (await insightsAggregatesOf(reopened, program.tenantId, program.id)).pairs.filter(
      (a) => a.pairId === goal.pairId,
    );
    expect(aggregate!.goals.total).toBe(2);
  } finally {
    await reopened.close();
  }
});
