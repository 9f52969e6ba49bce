// The two-way ledger through HTTP against the real app and store: who rates whom, who reads what, moments
// that are not open yet, one rating per goal, moment and rater (a retry returns it; a second one is a 409),
// changes with ETags, and nothing of it under the admin's routes.
import request from 'supertest';
import { PROGRAM_ADMIN_ROLE } from '../../bot/src/domain/model';
import { goalCreator } from '../../bot/src/commands/goalWriter';
import { adminOf, buildPair, buildRunningProgram, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let built: BuiltPair;
let early: BuiltPair;
let menteeGoalId: string;
let mentorGoalId: string;
const tokens = { mentor: '', mentee: '', admin: '', neighbour: '' };
const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

beforeAll(async () => {
  t = await buildTestApp();
  const store = t.services.store;
  // Half-way through: baseline and midpoint open, end not yet.
  const program = await buildRunningProgram(store, { daysIn: 100, daysLeft: 80 });
  built = await buildPair(store, { program });
  menteeGoalId = (
    await goalCreator(store, built.mentee, built.pair, {
      title: 'Prompt daily',
      successMeasure: 'Five prompts a week',
      owner: 'mentee',
      objective: 'Digital fluency',
    })
  ).id;
  mentorGoalId = (
    await goalCreator(store, built.mentor, built.pair, {
      title: 'Present to the board',
      successMeasure: 'One board slot',
      owner: 'mentor',
    })
  ).id;
  early = await buildPair(store, { program: await buildRunningProgram(store, { daysIn: 3, daysLeft: 170 }) });
  const neighbour = await buildPair(store, { program });
  tokens.mentor = await t.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  tokens.mentee = await t.tokenFor({ userId: built.mentee.userId, name: built.mentee.name });
  tokens.admin = await t.tokenFor({ userId: adminOf().userId, name: 'Admin', roles: [PROGRAM_ADMIN_ROLE] });
  tokens.neighbour = await t.tokenFor({ userId: neighbour.mentor.userId, name: neighbour.mentor.name });
});
afterAll(() => t.stop());

const rate = (who: keyof typeof tokens, goalId: string, body: object, key?: string) => {
  const req = request(t.app).post(`/api/pairs/${built.pair.id}/goals/${goalId}/assessments`).set(as(who));
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};

test('requires authentication', async () => {
  const res = await request(t.app).get(`/api/pairs/${built.pair.id}/assessments`);
  expect(res.status).toBe(401);
});

test('the owner rates themselves and the partner rates the owner; both read both, side by side', async () => {
  const self = await rate('mentee', menteeGoalId, { moment: 'baseline', score: 2, note: 'Barely started' });
  expect(self.status).toBe(201);
  expect(self.body).toMatchObject({
    goalId: menteeGoalId,
    goalOwner: 'mentee',
    perspective: 'self',
    raterId: built.mentee.userId,
    rateeId: built.mentee.userId,
    moment: 'baseline',
    score: 2,
    note: 'Barely started',
  });
  expect(self.headers.etag).toBe(self.body.etag);
  const partner = await rate('mentor', menteeGoalId, { moment: 'baseline', score: 3 });
  expect(partner.status).toBe(201);
  expect(partner.body).toMatchObject({
    perspective: 'partner',
    raterId: built.mentor.userId,
    rateeId: built.mentee.userId,
    score: 3,
  });
  expect(partner.body.note).toBeUndefined();

  for (const who of ['mentee', 'mentor'] as const) {
    const ledger = await request(t.app).get(`/api/pairs/${built.pair.id}/assessments`).set(as(who));
    expect(ledger.status).toBe(200);
    expect(ledger.body.current).toBe('midpoint');
    expect(ledger.body.moments.map((m: { moment: string; open: boolean }) => [m.moment, m.open])).toEqual([
      ['baseline', true],
      ['midpoint', true],
      ['end', false],
    ]);
    expect(ledger.body.objectives).toEqual(['Digital fluency', 'Intergenerational communication']);
    const scores = ledger.body.assessments.map(
      (a: { perspective: string; score: number; abilities: { update: boolean }; raterId: string }) => [
        a.perspective,
        a.score,
        a.abilities.update,
      ],
    );
    // Only the rater may change a rating.
    expect(scores).toEqual([
      ['self', 2, who === 'mentee'],
      ['partner', 3, who === 'mentor'],
    ]);
  }
});

test('a retry with the same rating returns the first one; another rating of the same moment is a 409', async () => {
  const first = await rate('mentor', mentorGoalId, { moment: 'midpoint', score: 4 }, 'rate-mentor-goal-1');
  expect(first.status).toBe(201);
  const retry = await rate('mentor', mentorGoalId, { moment: 'midpoint', score: 4 }, 'rate-mentor-goal-1');
  expect(retry.status).toBe(201);
  expect(retry.body.id).toBe(first.body.id);
  const reused = await rate('mentor', mentorGoalId, { moment: 'midpoint', score: 5 }, 'rate-mentor-goal-1');
  expect(reused.status).toBe(422);
  const again = await rate('mentor', mentorGoalId, { moment: 'midpoint', score: 5 });
  expect(again.status).toBe(409);
  expect(again.headers['content-type']).toContain('application/problem+json');
});

test('a rating is changed by its rater with its ETag; a stale ETag is a 412, the partner gets 403', async () => {
  const created = await rate('mentee', mentorGoalId, { moment: 'midpoint', score: 2, note: 'Shy in meetings' });
  const path = `/api/pairs/${built.pair.id}/assessments/${created.body.id}`;
  expect((await request(t.app).patch(path).set(as('mentee')).send({ score: 3 })).status).toBe(428);
  const changed = await request(t.app)
    .patch(path)
    .set(as('mentee'))
    .set('If-Match', created.body.etag)
    .send({ score: 3, note: null });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ score: 3, perspective: 'partner' });
  expect(changed.body.note).toBeUndefined();
  expect(
    (await request(t.app).patch(path).set(as('mentee')).set('If-Match', created.body.etag).send({ score: 4 })).status,
  ).toBe(412);
  expect(
    (await request(t.app).patch(path).set(as('mentor')).set('If-Match', changed.body.etag).send({ score: 5 })).status,
  ).toBe(403);
});

test('bad input names the field; a moment not open yet names the day it opens', async () => {
  const bad = await rate('mentee', menteeGoalId, { moment: 'later', score: 6, note: 'x'.repeat(281) });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['moment', 'note', 'score']);
  const closed = await rate('mentee', menteeGoalId, { moment: 'end', score: 4 });
  expect(closed.status).toBe(400);
  expect(closed.body.errors).toEqual([
    { field: 'moment', message: expect.stringMatching(/^opens on \d{4}-\d{2}-\d{2}$/) },
  ]);
});

test('early in a programme only the baseline is open', async () => {
  const token = await t.tokenFor({ userId: early.mentee.userId, name: early.mentee.name });
  const ledger = await request(t.app)
    .get(`/api/pairs/${early.pair.id}/assessments`)
    .set('Authorization', `Bearer ${token}`);
  expect(ledger.body.current).toBe('baseline');
  expect(ledger.body.moments.map((m: { open: boolean }) => m.open)).toEqual([true, false, false]);
});

test('a goal serves one of the programme’s objectives, or none', async () => {
  const wrong = await request(t.app)
    .post(`/api/pairs/${built.pair.id}/goals`)
    .set(as('mentee'))
    .send({ title: 'Something', successMeasure: 'Done', owner: 'mentee', objective: 'World domination' });
  expect(wrong.status).toBe(400);
  expect(wrong.body.errors).toEqual([{ field: 'objective', message: 'not an objective of this programme' }]);
  const right = await request(t.app).post(`/api/pairs/${built.pair.id}/goals`).set(as('mentee')).send({
    title: 'Something',
    successMeasure: 'Done',
    owner: 'mentee',
    objective: 'Intergenerational communication',
  });
  expect(right.status).toBe(201);
  expect(right.body.objective).toBe('Intergenerational communication');
});

test('neither a programme admin nor a member of another pair reads or writes the ledger (404)', async () => {
  for (const who of ['admin', 'neighbour'] as const) {
    expect((await request(t.app).get(`/api/pairs/${built.pair.id}/assessments`).set(as(who))).status).toBe(404);
    expect((await rate(who, menteeGoalId, { moment: 'baseline', score: 5 })).status).toBe(404);
  }
});

test('a member exports the ratings they gave, and only those', async () => {
  const exported = await request(t.app).get('/api/me/data').set(as('mentor'));
  const pair = exported.body.pairs.find((p: { pairId: string }) => p.pairId === built.pair.id);
  expect(pair.assessments.map((a: { raterId: string }) => a.raterId)).toEqual(
    expect.arrayContaining([built.mentor.userId]),
  );
  expect(pair.assessments.every((a: { raterId: string }) => a.raterId === built.mentor.userId)).toBe(true);
});
