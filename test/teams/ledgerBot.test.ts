// The ledger through the bot, on the real app with a fake Bot Connector: at the midpoint each member gets a
// card asking them to rate every goal of the pair and answers it in place; whoever already rated everything
// is not asked; in the last two weeks the card is also the close-out (what was kept, the export).
import { assessmentCreator } from '../../bot/src/commands/assessmentWriter';
import { commitmentCreator, commitmentUpdater } from '../../bot/src/commands/commitmentWriter';
import { consentGranter } from '../../bot/src/commands/consentGranter';
import { goalCreator } from '../../bot/src/commands/goalWriter';
import { reminderPlanner } from '../../bot/src/commands/reminderPlanner';
import { takeawayCreator } from '../../bot/src/commands/takeawayCreator';
import type { AssessmentDoc, GoalDoc, ProgramDoc } from '../../bot/src/domain/model';
import { ASSESSMENT } from '../../bot/src/domain/reminders';
import { runDueReminders } from '../../bot/src/jobs/reminderRun';
import { pairLedger } from '../../bot/src/store/queries';
import { createReminderSettings, reminderSettingsId, remindersOfPair } from '../../bot/src/store/reminders';
import { buildPair, buildRunningProgram, type BuiltPair } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { buildTestApp, type TestApp } from '../support/testApp';
import {
  actionsOf,
  cardsIn,
  expectWellFormed,
  installFrom,
  invokeFrom,
  post,
  textsOf,
  type Card,
  type TeamsUser,
} from './teamsClient';

let connector: FakeBotConnector;
let t: TestApp;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  t = await buildTestApp();
});
afterAll(async () => {
  await t.stop();
  await connector.stop();
});

const user = (userId: string): TeamsUser => ({ userId, serviceUrl: connector.url, localTimezone: 'Europe/Berlin' });

/** A pair in a programme at the given point, both members with the app and no quiet hours, and a goal each. */
async function pairAt(program: ProgramDoc): Promise<{ built: BuiltPair; goals: GoalDoc[] }> {
  const built = await buildPair(t.services.store, { program });
  for (const member of [built.mentor, built.mentee]) {
    const stamp = new Date().toISOString();
    await createReminderSettings(t.services.store, {
      id: reminderSettingsId(member.tenantId),
      type: 'reminderSettings',
      tenantId: member.tenantId,
      userId: member.userId,
      quietHours: null,
      disabledKinds: [],
      createdAt: stamp,
      updatedAt: stamp,
    });
    await post(t.app, installFrom(user(member.userId)));
  }
  const goals = [
    await goalCreator(t.services.store, built.mentee, built.pair, {
      title: 'Prompt *daily*',
      successMeasure: 'Five a week',
      owner: 'mentee',
    }),
    await goalCreator(t.services.store, built.mentor, built.pair, {
      title: 'Pitch to the board',
      successMeasure: 'One slot',
      owner: 'mentor',
    }),
  ];
  return { built, goals };
}

/** Sends what is due and returns the ledger cards each member got. */
async function ledgerCardsSent(built: BuiltPair): Promise<Map<string, Card>> {
  const reminders = (await remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id)).filter(
    (r) => r.kind === ASSESSMENT,
  );
  connector.sent.length = 0;
  await runDueReminders(t.services.store, t.services.timedWork!.delivery);
  const cards = new Map<string, Card>();
  for (const card of cardsIn(connector.sent)) {
    const reminder = reminders.find((r) => (card.body[0] as { id?: string }).id === `marker-${r.id}`);
    if (reminder) cards.set(reminder.recipientId, card);
  }
  return cards;
}

async function act(from: TeamsUser, verb: string, data: unknown) {
  const res = await post(t.app, invokeFrom(from, verb, data));
  expect(res.status).toBe(res.body.statusCode);
  return res.body as { statusCode: number; value: Card & { message?: string } };
}

test('half-way: each member is asked to rate every goal, theirs and the partner’s, and answers in place', async () => {
  const { built, goals } = await pairAt(await buildRunningProgram(t.services.store, { daysIn: 100, daysLeft: 80 }));
  const [menteeGoal, mentorGoal] = goals as [GoalDoc, GoalDoc];
  const planned = (await remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id)).filter(
    (r) => r.kind === ASSESSMENT,
  );
  // The midpoint (open now) and the end (to come), for each member; no baseline any more.
  expect(
    planned
      .map((r) => `${r.recipientId === built.mentor.userId ? 'mentor' : 'mentee'} ${r.subjectId.split(':').pop()}`)
      .sort(),
  ).toEqual(['mentee end', 'mentee midpoint', 'mentor end', 'mentor midpoint']);

  const cards = await ledgerCardsSent(built);
  expect([...cards.keys()].sort()).toEqual([built.mentee.userId, built.mentor.userId].sort());
  const card = cards.get(built.mentee.userId)!;
  expectWellFormed(card);
  const texts = textsOf(card);
  expect(texts[0]).toBe(`Half-way: how far have you and ${built.mentor.name} come?`);
  // User text stays literal text.
  expect(texts).toContain('Your goal: Prompt \\*daily\\*');
  expect(texts).toContain(`${built.mentor.name}’s goal: Pitch to the board`);
  const json = JSON.stringify(card);
  expect(json).toContain(`"id":"score.${menteeGoal.id}"`);
  expect(json).toContain(`"id":"score.${mentorGoal.id}"`);
  const [save] = actionsOf(card);
  expect(save).toMatchObject({
    type: 'Action.Execute',
    verb: 'assessment.submit',
    data: { pairId: built.pair.id, moment: 'midpoint' },
  });

  expect(await act(user(built.mentee.userId), 'assessment.submit', { ...(save!.data as object) })).toMatchObject({
    statusCode: 400,
  });
  expect(
    await act(user(built.mentee.userId), 'assessment.submit', {
      ...(save!.data as object),
      [`score.${menteeGoal.id}`]: '9',
    }),
  ).toMatchObject({ statusCode: 400 });
  expect(
    await act(user('stranger'), 'assessment.submit', { ...(save!.data as object), [`score.${menteeGoal.id}`]: '3' }),
  ).toMatchObject({ statusCode: 404 });
  const done = await act(user(built.mentee.userId), 'assessment.submit', {
    ...(save!.data as object),
    [`score.${menteeGoal.id}`]: '3',
    [`note.${menteeGoal.id}`]: 'Getting there',
    [`score.${mentorGoal.id}`]: '4',
    [`note.${mentorGoal.id}`]: '',
  });
  expect(done.statusCode).toBe(200);
  expect(textsOf(done.value)[0]).toBe('Your midpoint ratings are saved');
  // Answering again changes the ratings in place: still one per goal, moment and rater.
  await act(user(built.mentee.userId), 'assessment.submit', {
    ...(save!.data as object),
    [`score.${menteeGoal.id}`]: '2',
  });
  const stored = (await pairLedger(t.services.store, built.pair.tenantId, built.pair.id)).filter(
    (d): d is AssessmentDoc => d.type === 'assessment',
  );
  expect(
    stored
      .map((a) => [
        a.goalId === menteeGoal.id ? 'own goal' : 'partner goal',
        a.perspective,
        a.moment,
        a.score,
        a.note ?? null,
      ])
      .sort(),
  ).toEqual([
    ['own goal', 'self', 'midpoint', 2, null],
    ['partner goal', 'partner', 'midpoint', 4, null],
  ]);
});

test('whoever already rated every goal at the moment is not asked; the other member is', async () => {
  const program = await buildRunningProgram(t.services.store, { daysIn: 100, daysLeft: 80 });
  const { built, goals } = await pairAt(program);
  for (const goal of goals)
    await assessmentCreator(t.services.store, built.mentor, built.pair, program, goal, {
      moment: 'midpoint',
      score: 3,
    });
  const cards = await ledgerCardsSent(built);
  expect([...cards.keys()]).toEqual([built.mentee.userId]);
  const mentorsAsk = (await remindersOfPair(t.services.store, built.pair.tenantId, built.pair.id)).find(
    (r) => r.kind === ASSESSMENT && r.recipientId === built.mentor.userId && r.subjectId.endsWith(':midpoint'),
  );
  expect(mentorsAsk).toMatchObject({ state: 'skipped', outcome: { reason: 'AlreadyRated' } });
});

test('the last two weeks: the end card is the close-out — final rating, commitments kept, takeaways kept, export', async () => {
  const program = await buildRunningProgram(t.services.store, { daysIn: 170, daysLeft: 6 });
  const { built } = await pairAt(program);
  const store = t.services.store;
  const kept = await commitmentCreator(store, built.mentor, built.pair, { text: 'Use Copilot for the board pack' });
  await commitmentUpdater(store, kept, { status: 'kept', evidence: 'Q3 pack drafted with it' }, kept._etag!);
  await commitmentCreator(store, built.mentor, built.pair, { text: 'Post on Viva Engage weekly' });
  const shared = await takeawayCreator(store, built.mentee, built.pair, built.session, {
    text: 'Short videos beat memos',
    visibility: 'pair',
  });
  await consentGranter(store, built.mentor, shared, true);
  await takeawayCreator(store, built.mentor, built.pair, built.session, {
    text: 'The mentor’s private thought',
    visibility: 'private',
  });
  await reminderPlanner(store, built.pair.tenantId, built.pair.id);

  const cards = await ledgerCardsSent(built);
  const card = cards.get(built.mentee.userId)!;
  expectWellFormed(card);
  const texts = textsOf(card);
  expect(texts[0]).toBe(`Your programme with ${built.mentor.name} is closing`);
  expect(texts).toContain('Commitments kept: 1 of 2');
  expect(texts).toContain('- Use Copilot for the board pack (Q3 pack drafted with it)');
  expect(texts).toContain('Takeaways you kept: 1');
  expect(texts).toContain('- Short videos beat memos');
  expect(JSON.stringify(card)).not.toContain('private thought');
  expect(actionsOf(card).map((a) => a.title)).toEqual(['Save my ratings', 'Open the ledger', 'Export my data']);
  expect((actionsOf(card)[0]!.data as { moment: string }).moment).toBe('end');
});

test('a moment that is not open yet is refused from an old card', async () => {
  const { built, goals } = await pairAt(await buildRunningProgram(t.services.store, { daysIn: 10, daysLeft: 170 }));
  const res = await act(user(built.mentee.userId), 'assessment.submit', {
    pairId: built.pair.id,
    moment: 'end',
    [`score.${goals[0]!.id}`]: '5',
  });
  expect(res).toMatchObject({ statusCode: 400, value: { message: 'The end assessment is not open yet.' } });
});
