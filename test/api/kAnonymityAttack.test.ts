// The k-anonymity attack (issue #13): an admin creates quiet pairs next to one real pair, so the
// programme has "enough pairs", and reads insights, pair health and the CSV. One active pair among any
// number of quiet ones must move no figure. And a learning of someone who erased their data is gone.
import request from 'supertest';
import { commitmentCreator, commitmentUpdater } from '../../bot/src/commands/commitmentWriter';
import { consentGranter } from '../../bot/src/commands/consentGranter';
import { feedbackGiver } from '../../bot/src/commands/feedbackGiver';
import { goalUpdater } from '../../bot/src/commands/goalWriter';
import { pairCreator } from '../../bot/src/commands/pairCreator';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import type { ProgramDoc, SessionDoc } from '../../bot/src/domain/model';
import { adminOf, buildGoal, buildPair, buildProgram, buildTakeaway, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await buildTestApp();
  adminToken = await t.tokenFor({ userId: adminOf().userId, roles: ['ProgramAdmin'] });
});
afterAll(() => t.stop());

/** A pair the admin made that never does anything: no session, no goal, nothing. */
async function quietPair(program: ProgramDoc, n: number): Promise<void> {
  const { store } = t.services;
  const mentor = `quiet-mentor-${n}-${program.id.slice(0, 6)}`;
  const mentee = `quiet-mentee-${n}-${program.id.slice(0, 6)}`;
  await participantAdder(store, program, {
    id: mentor,
    name: `Quiet Mentor ${n}`,
    role: 'mentor',
    skills: [],
    interests: [],
  });
  await participantAdder(store, program, {
    id: mentee,
    name: `Quiet Executive ${n}`,
    role: 'mentee',
    skills: [],
    interests: [],
  });
  await pairCreator(store, adminOf(), program, { mentorId: mentor, menteeId: mentee });
}

/** What the admin can read about the programme: insights, pair health and the CSV. */
async function adminView(programId: string) {
  const get = (path: string) => request(t.app).get(path).set('Authorization', `Bearer ${adminToken}`);
  const [insights, pairs, csv] = await Promise.all([
    get(`/api/programs/${programId}/insights`),
    get(`/api/programs/${programId}/pairs`),
    get(`/api/programs/${programId}/insights/export`),
  ]);
  expect([insights.status, pairs.status, csv.status]).toEqual([200, 200, 200]);
  // Pair etags change with any write to the pair document; they are not figures.
  const health = pairs.body.pairs.map(({ etag: _e, ...p }: { etag: string }) => p);
  return { insights: insights.body, health, csv: csv.body.csv as string };
}

/** The real pair's life: goals with progress, sessions held, commitments kept, ratings, a programme learning. */
async function live(built: BuiltPair): Promise<void> {
  const { store } = t.services;
  const goal = await buildGoal(store, built);
  await goalUpdater(store, goal, { progress: 90, status: 'achieved' }, goal._etag!);
  const past = await sessionScheduler(store, built.mentor, built.pair, {
    scheduledAt: new Date(Date.now() - 20 * 86400_000).toISOString(),
    durationMinutes: 45,
  });
  await store.pairs.replace({ ...past, status: 'held' } as SessionDoc, past._etag!);
  const commitment = await commitmentCreator(store, built.mentee, built.pair, { text: 'Post on the intranet weekly' });
  await commitmentUpdater(store, commitment, { status: 'kept' }, commitment._etag!);
  await feedbackGiver(store, built.mentor, built.pair, past, { rating: 2 });
  await feedbackGiver(store, built.mentee, built.pair, past, { rating: 5 });
  const learning = await buildTakeaway(
    store,
    built,
    built.mentor,
    'program',
    'Reverse mentoring works best on real data',
  );
  await consentGranter(store, built.mentee, learning, true);
}

test.each([4, 12])(
  'one active pair among %i quiet ones moves no figure in insights, pair health or the CSV',
  async (quiet) => {
    const program = await buildProgram(t.services.store);
    const real = await buildPair(t.services.store, { program });
    // buildPair schedules a session; the real pair's figures must not show before or after its activity.
    for (let n = 0; n < quiet; n++) await quietPair(program, n);

    const before = await adminView(program.id);
    await live(real);
    const after = await adminView(program.id);

    expect(after.insights).toEqual(before.insights);
    expect(after.health).toEqual(before.health);
    expect(after.csv).toBe(before.csv);
    // The attacker's view says why, figure by figure, and holds none of the real pair's numbers.
    expect(JSON.stringify(after.insights)).not.toContain('Reverse mentoring works best');
    expect(after.insights.sessions).toEqual({ shown: false, reason: expect.stringMatching(/fewer than 5 pairs/) });
  },
);

test('figures appear once five pairs contributed to them; a pair with no goal does not count for goal figures', async () => {
  const program = await buildProgram(t.services.store);
  const pairs: BuiltPair[] = [];
  for (let n = 0; n < 6; n++) pairs.push(await buildPair(t.services.store, { program }));
  for (const built of pairs.slice(0, 4)) await buildGoal(t.services.store, built);
  const four = (await adminView(program.id)).insights;
  // Six pairs with sessions (buildPair schedules one each), four with goals.
  expect(four.sessions).toMatchObject({ shown: true, pairs: 6, value: { planned: 6 } });
  expect(four.goals).toEqual({ shown: false, reason: expect.any(String) });
  await buildGoal(t.services.store, pairs[4]!);
  const five = (await adminView(program.id)).insights;
  expect(five.goals).toMatchObject({ shown: true, pairs: 5, value: { total: 5 } });
});

test('the programme learning of someone who erased their data is gone from insights', async () => {
  const program = await buildProgram(t.services.store);
  const pairs: BuiltPair[] = [];
  for (let n = 0; n < 5; n++) pairs.push(await buildPair(t.services.store, { program }));
  for (const [n, built] of pairs.entries()) {
    const takeaway = await buildTakeaway(t.services.store, built, built.mentor, 'program', `Learning number ${n}`);
    await consentGranter(t.services.store, built.mentee, takeaway, true);
  }
  const texts = async () => {
    const body = (await adminView(program.id)).insights;
    return body.learnings.shown ? (body.learnings.value as { text: string }[]).map((l) => l.text).sort() : [];
  };
  expect(await texts()).toEqual([
    'Learning number 0',
    'Learning number 1',
    'Learning number 2',
    'Learning number 3',
    'Learning number 4',
  ]);

  const author = pairs[0]!.mentor;
  const token = await t.tokenFor({ userId: author.userId, name: author.name });
  expect((await request(t.app).delete('/api/me/data').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  // Now four pairs' learnings: withheld as a whole, and the erased one is gone from the store too.
  expect(await texts()).toEqual([]);
  const stored = await t.services.store.programs.query<{ text: string }>(
    program.tenantId,
    { where: "c.type = 'learning'", parameters: [] },
    program.id,
  );
  expect(stored.map((l) => l.text).sort()).toEqual([
    'Learning number 1',
    'Learning number 2',
    'Learning number 3',
    'Learning number 4',
  ]);
});
