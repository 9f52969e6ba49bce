// The agenda card's in-place tick (Universal Actions: invoke adaptiveCard/action, verb agenda.tick):
// a member's tick changes the stored item and returns the refreshed card; anyone else changes nothing.
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { PairDoc, SessionDoc } from '../../bot/src/domain/model';
import type { AgendaTickData } from '../../bot/src/teams/cards';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { buildTestApp, OTHER_TENANT_ID, type TestApp } from '../support/testApp';
import {
  actionsOf,
  cardsIn,
  expectWellFormed,
  invokeFrom,
  messageFrom,
  post,
  textsOf,
  type Card,
  type TeamsUser,
} from './teamsClient';

let connector: FakeBotConnector;
let t: TestApp;
let pairId: string;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  t = await buildTestApp();
  pairId = (await seedDemoData(t.services.store)).pairIds[0]!;
});
afterAll(async () => {
  await t.stop();
  await connector.stop();
});

const user = (userId: string, extra: Partial<TeamsUser> = {}): TeamsUser => ({
  userId,
  serviceUrl: connector.url,
  ...extra,
});

async function agendaCardOf(from: TeamsUser): Promise<Card> {
  connector.sent.length = 0;
  await post(t.app, messageFrom(from, 'agenda'));
  return cardsIn(connector.sent)[0]!;
}
const ticksOf = (card: Card) =>
  actionsOf(card)
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => a.data as AgendaTickData);

async function storedSession(sessionId: string): Promise<SessionDoc> {
  return (await t.services.store.pairs.get(DEV_TENANT_ID, pairId, sessionId, 'session')) as SessionDoc;
}

test('a member’s tick changes the stored item and answers with the refreshed card', async () => {
  const [first] = ticksOf(await agendaCardOf(user('priya')));
  expect(first).toMatchObject({ pairId, done: true });
  expect((await storedSession(first!.sessionId)).agenda.find((i) => i.id === first!.itemId)!.done).toBe(false);

  connector.sent.length = 0;
  const res = await post(t.app, invokeFrom(user('priya', { localTimezone: 'Europe/Berlin' }), 'agenda.tick', first));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  const card = res.body.value as Card;
  expectWellFormed(card);
  expect(textsOf(card)).toContain('Done: Demo: Copilot in Excel on last quarter’s numbers (15 min)');
  expect(textsOf(card)).toContain('To do: What Dana saw on TikTok this week (10 min)');
  expect(textsOf(card).some((s) => /^\w+day \d+ \w+ \d{4}, \d\d:00 \(Europe\/Berlin\), 45 minutes$/.test(s))).toBe(
    true,
  );
  // The refreshed button undoes the tick.
  expect(ticksOf(card)[0]).toEqual({ ...first, done: false });
  expect(actionsOf(card).find((a) => a.type === 'Action.Execute')).toMatchObject({ title: 'Reopen' });
  // The answer is the invoke response; nothing else is posted to the conversation.
  expect(connector.sent).toHaveLength(0);

  const stored = await storedSession(first!.sessionId);
  expect(stored.agenda.find((i) => i.id === first!.itemId)!.done).toBe(true);
  expect(stored.agenda.filter((i) => i.done)).toHaveLength(1);

  // The partner sees it ticked too, and can reopen it.
  const danaCard = await agendaCardOf(user('dana'));
  expect(textsOf(danaCard)).toContain('Done: Demo: Copilot in Excel on last quarter’s numbers (15 min)');
  const reopen = await post(t.app, invokeFrom(user('dana'), 'agenda.tick', ticksOf(danaCard)[0]));
  expect(reopen.body.statusCode).toBe(200);
  expect((await storedSession(first!.sessionId)).agenda.find((i) => i.id === first!.itemId)!.done).toBe(false);
});

test('repeating a tick changes nothing more', async () => {
  const [, second] = ticksOf(await agendaCardOf(user('dana')));
  await post(t.app, invokeFrom(user('dana'), 'agenda.tick', second));
  const after = await storedSession(second!.sessionId);
  const res = await post(t.app, invokeFrom(user('dana'), 'agenda.tick', second));
  expect(res.body.statusCode).toBe(200);
  expect(textsOf(res.body.value)).toContain('Done: What Dana saw on TikTok this week (10 min)');
  expect((await storedSession(second!.sessionId))._etag).toBe(after._etag);
});

describe('anyone but a member of an active pair changes nothing', () => {
  let tick: AgendaTickData;
  let before: SessionDoc;
  beforeAll(async () => {
    tick = ticksOf(await agendaCardOf(user('priya')))[2]!;
  });
  beforeEach(async () => {
    before = await storedSession(tick.sessionId);
  });
  afterEach(async () => {
    expect(await storedSession(tick.sessionId)).toEqual(before);
  });

  // As the API answers: what the caller may not even read is not found.
  test('a member of another pair in the same tenant', async () => {
    const res = await post(t.app, invokeFrom(user('sam'), 'agenda.tick', tick));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      type: 'application/vnd.microsoft.error',
      value: { code: 'NotFound', message: 'This agenda is not available to you.' },
    });
  });

  test('the same directory id in another tenant', async () => {
    const res = await post(t.app, invokeFrom(user('priya', { tenantId: OTHER_TENANT_ID }), 'agenda.tick', tick));
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('Copilot');
  });

  test('a session of another pair named with this pair', async () => {
    const other = (
      await t.services.store.pairs.query<PairDoc>(DEV_TENANT_ID, {
        where: "c.type = 'pair' AND c.id != @id",
        parameters: [{ name: '@id', value: pairId }],
      })
    )[0]!;
    const res = await post(t.app, invokeFrom(user(other.mentor.id), 'agenda.tick', tick));
    expect(res.status).toBe(404);
    const crossed = await post(t.app, invokeFrom(user('priya'), 'agenda.tick', { ...tick, pairId: other.id }));
    expect(crossed.status).toBe(404);
  });

  test('malformed data or an unknown verb', async () => {
    expect((await post(t.app, invokeFrom(user('priya'), 'agenda.tick', { ...tick, done: 'yes' }))).body).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
    });
    expect((await post(t.app, invokeFrom(user('priya'), 'agenda.delete', tick))).body).toMatchObject({
      statusCode: 400,
    });
  });

  test('a member of an ended pair (may read, may not change)', async () => {
    const pair = (await t.services.store.pairs.get(DEV_TENANT_ID, pairId, pairId, 'pair')) as PairDoc;
    await t.services.store.pairs.replace({ ...pair, status: 'ended' }, pair._etag!);
    try {
      const res = await post(t.app, invokeFrom(user('priya'), 'agenda.tick', tick));
      expect(res.status).toBe(403);
      expect(res.body.value).toEqual({
        code: 'Forbidden',
        message: 'This pair has ended: its agenda can no longer be changed.',
      });
    } finally {
      const ended = (await t.services.store.pairs.get(DEV_TENANT_ID, pairId, pairId, 'pair')) as PairDoc;
      await t.services.store.pairs.replace({ ...ended, status: 'active' }, ended._etag!);
    }
  });
});
