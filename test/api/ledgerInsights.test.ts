// The ledger in programme insights through HTTP: mean change from baseline to end per side and per objective,
// both views. The k-anonymity attack: an admin with 4 quiet pairs and 1 real pair sees none of that pair's
// ratings (insights or CSV); figures appear at five pairs; and a small objective cannot be worked out as the
// total minus the other objectives (secondary suppression).
import request from 'supertest';
import { assessmentCreator } from '../../bot/src/commands/assessmentWriter';
import { goalCreator } from '../../bot/src/commands/goalWriter';
import { pairCreator } from '../../bot/src/commands/pairCreator';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import type { ProgramDoc } from '../../bot/src/domain/model';
import { adminOf, buildPair, buildRunningProgram, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await buildTestApp();
  adminToken = await t.tokenFor({ userId: adminOf().userId, roles: ['ProgramAdmin'] });
});
afterAll(() => t.stop());

const OBJECTIVES = ['Digital fluency', 'Intergenerational communication'];
/** In its last two weeks: baseline and end both open. */
const closingProgram = () =>
  buildRunningProgram(t.services.store, { daysIn: 170, daysLeft: 6, objectives: OBJECTIVES });

async function quietPair(program: ProgramDoc, n: number): Promise<void> {
  const { store } = t.services;
  const [mentor, mentee] = [
    `quiet-mentor-${n}-${program.id.slice(0, 6)}`,
    `quiet-mentee-${n}-${program.id.slice(0, 6)}`,
  ];
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

/** A pair that rates an executive goal (self 2 → 4, partner 3 → 4) and a mentor goal (self 1 → 3, partner 2 → 5). */
async function ratingPair(program: ProgramDoc, objective = OBJECTIVES[0]!, existing?: BuiltPair): Promise<void> {
  const { store } = t.services;
  const built = existing ?? (await buildPair(store, { program }));
  const exec = await goalCreator(store, built.mentee, built.pair, {
    title: 'Prompt daily',
    successMeasure: 'Weekly',
    owner: 'mentee',
    objective,
  });
  const mentor = await goalCreator(store, built.mentor, built.pair, {
    title: 'Pitch to the board',
    successMeasure: 'One slot',
    owner: 'mentor',
    objective,
  });
  const rate = (who: typeof built.mentor, goal: typeof exec, baseline: number, end: number) =>
    Promise.all([
      assessmentCreator(store, who, built.pair, program, goal, {
        moment: 'baseline',
        score: baseline,
        note: 'secret-ledger-note',
      }),
      assessmentCreator(store, who, built.pair, program, goal, { moment: 'end', score: end }),
    ]);
  await rate(built.mentee, exec, 2, 4);
  await rate(built.mentor, exec, 3, 4);
  await rate(built.mentor, mentor, 1, 3);
  await rate(built.mentee, mentor, 2, 5);
}

async function adminView(programId: string) {
  const get = (path: string) => request(t.app).get(path).set('Authorization', `Bearer ${adminToken}`);
  const [insights, csv] = await Promise.all([
    get(`/api/programs/${programId}/insights`),
    get(`/api/programs/${programId}/insights/export`),
  ]);
  expect([insights.status, csv.status]).toEqual([200, 200]);
  return { ledger: insights.body.ledger, csv: csv.body.csv as string };
}

const withheld = { shown: false, reason: expect.stringMatching(/fewer than 5 pairs/) };

test('attack: 4 quiet pairs and 1 real pair — the real pair’s ratings move no figure and reach neither insights nor CSV', async () => {
  const program = await closingProgram();
  const real = await buildPair(t.services.store, { program });
  for (let n = 0; n < 4; n++) await quietPair(program, n);
  const before = await adminView(program.id);
  await ratingPair(program, OBJECTIVES[0], real);
  const after = await adminView(program.id);
  expect(after.ledger).toEqual(before.ledger);
  expect(after.csv).toBe(before.csv);
  for (const side of after.ledger.sides) expect([side.self, side.partner]).toEqual([withheld, withheld]);
  for (const objective of after.ledger.objectives)
    expect([objective.self, objective.partner]).toEqual([withheld, withheld]);
  expect(after.csv).not.toMatch(/mean change/);
  expect(JSON.stringify(after)).not.toContain('secret-ledger-note');
});

test('five rating pairs: mean change per side and per objective, both views, in insights and the CSV', async () => {
  const program = await closingProgram();
  for (let n = 0; n < 5; n++) await ratingPair(program);
  const { ledger, csv } = await adminView(program.id);
  const value = (goals: number, meanBaseline: number, meanEnd: number) => ({
    shown: true,
    pairs: 5,
    value: { goals, meanBaseline, meanEnd, meanChange: Math.round((meanEnd - meanBaseline) * 10) / 10 },
  });
  expect(ledger.sides).toEqual([
    { side: 'mentee', self: value(5, 2, 4), partner: value(5, 3, 4) },
    { side: 'mentor', self: value(5, 1, 3), partner: value(5, 2, 5) },
  ]);
  // Per objective, both sides together: self (2 → 4 and 1 → 3), partner (3 → 4 and 2 → 5).
  expect(ledger.objectives).toEqual([
    { objective: 'Digital fluency', self: value(10, 1.5, 3.5), partner: value(10, 2.5, 4.5) },
    { objective: 'Intergenerational communication', self: withheld, partner: withheld },
  ]);
  expect(csv).toContain('"ledger: executive goals, self view","mean change","2"');
  expect(csv).toContain('"ledger: mentor goals, partner view","mean change","3"');
  expect(csv).toContain('"ledger: Intergenerational communication, self view","withheld"');
  expect(csv).not.toContain('secret-ledger-note');
});

test('differencing: one pair alone under an objective is not revealed as the total minus the other objective', async () => {
  const program = await closingProgram();
  for (let n = 0; n < 5; n++) await ratingPair(program, OBJECTIVES[0]);
  await ratingPair(program, OBJECTIVES[1]);
  const { ledger } = await adminView(program.id);
  // The sides cover all six pairs and are shown…
  expect(ledger.sides[0].self).toMatchObject({ shown: true, pairs: 6 });
  // …so the five-pair objective is withheld with the one-pair objective: neither can be subtracted out.
  for (const objective of ledger.objectives) expect([objective.self, objective.partner]).toEqual([withheld, withheld]);
});
