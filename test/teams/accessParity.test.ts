// One access path (issue #13): the bot's in-place card actions answer what the API answers for the same
// caller and the same item: 404 for what the caller may not even read (another pair's, another
// tenant's, a missing id), 403 for what they may read but not change (an ended pair). Nothing changes.
import request from 'supertest';
import { commitmentCreator } from '../../bot/src/commands/commitmentWriter';
import { agendaItemAdder } from '../../bot/src/commands/agendaEditor';
import { pairStatusChanger } from '../../bot/src/commands/pairStatusChanger';
import { adminOf, buildPair, type BuiltPair } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { buildTestApp, OTHER_TENANT_ID, type TestApp } from '../support/testApp';
import { reminderCard } from '../../bot/src/teams/reminderCards';
import { invokeFrom, post } from './teamsClient';

let connector: FakeBotConnector;
let t: TestApp;
let mine: BuiltPair;
let ended: BuiltPair;
let stranger: BuiltPair;

interface Target {
  pairId: string;
  sessionId: string;
  itemId: string;
  commitmentId: string;
  etag: string;
  commitmentEtag: string;
}
const targets: Record<'active' | 'ended', Target> = {} as never;

async function targetOf(built: BuiltPair): Promise<Target> {
  const { item, session } = await agendaItemAdder(t.services.store, built.session, { title: 'Item' });
  const commitment = await commitmentCreator(t.services.store, built.mentee, built.pair, { text: 'Weekly post' });
  return {
    pairId: built.pair.id,
    sessionId: session.id,
    itemId: item.id,
    commitmentId: commitment.id,
    etag: session._etag!,
    commitmentEtag: commitment._etag!,
  };
}

beforeAll(async () => {
  connector = await startFakeBotConnector();
  t = await buildTestApp();
  mine = await buildPair(t.services.store);
  ended = await buildPair(t.services.store, { program: mine.program });
  stranger = await buildPair(t.services.store, { program: mine.program });
  targets.active = await targetOf(mine);
  targets.ended = await targetOf(ended);
  await pairStatusChanger(t.services.store, adminOf(), ended.pair, 'ended', ended.pair._etag!);
});
afterAll(async () => {
  await t.stop();
  await connector.stop();
});

type Who = { userId: string; tenantId?: string };
const CALLERS: Record<string, () => Who> = {
  'a member of another pair': () => ({ userId: stranger.mentor.userId }),
  'the same user id in another tenant': () => ({ userId: mine.mentor.userId, tenantId: OTHER_TENANT_ID }),
};

async function apiStatus(who: Who, method: 'patch', path: string, body: object, etag: string): Promise<number> {
  const token = await t.tokenFor({ userId: who.userId, ...(who.tenantId ? { tenantId: who.tenantId } : {}) });
  return (await request(t.app)[method](path).set('Authorization', `Bearer ${token}`).set('If-Match', etag).send(body))
    .status;
}
async function botStatus(who: Who, verb: string, data: object): Promise<number> {
  const res = await post(
    t.app,
    invokeFrom(
      { userId: who.userId, ...(who.tenantId ? { tenantId: who.tenantId } : {}), serviceUrl: connector.url },
      verb,
      data,
    ),
  );
  expect(res.status).toBe(res.body.statusCode);
  return res.body.statusCode as number;
}

const ACTIONS = {
  'tick an agenda item': {
    api: (x: Target) => ({
      path: `/api/pairs/${x.pairId}/sessions/${x.sessionId}/agenda/${x.itemId}`,
      body: { done: true },
      etag: x.etag,
    }),
    bot: (x: Target) => ({
      verb: 'agenda.tick',
      data: { pairId: x.pairId, sessionId: x.sessionId, itemId: x.itemId, done: true },
    }),
  },
  'mark a commitment kept': {
    api: (x: Target) => ({
      path: `/api/pairs/${x.pairId}/commitments/${x.commitmentId}`,
      body: { status: 'kept' },
      etag: x.commitmentEtag,
    }),
    bot: (x: Target) => ({ verb: 'commitment.done', data: { pairId: x.pairId, commitmentId: x.commitmentId } }),
  },
} as const;

describe.each(Object.keys(ACTIONS) as (keyof typeof ACTIONS)[])('%s', (action) => {
  const { api, bot } = ACTIONS[action];

  test.each(Object.keys(CALLERS))('%s: the bot answers as the API does (404), and nothing changes', async (who) => {
    const caller = CALLERS[who]!();
    const a = api(targets.active);
    const b = bot(targets.active);
    const etags = async () =>
      Promise.all(
        [targets.active.sessionId, targets.active.commitmentId].map(
          async (id) => (await t.services.store.pairs.find(mine.pair.tenantId, mine.pair.id, id))?._etag,
        ),
      );
    const before = await etags();
    const [viaApi, viaBot] = [
      await apiStatus(caller, 'patch', a.path, a.body, a.etag),
      await botStatus(caller, b.verb, b.data),
    ];
    expect({ viaApi, viaBot }).toEqual({ viaApi: 404, viaBot: 404 });
    expect(await etags()).toEqual(before);
  });

  test('an id that does not exist: 404 from both', async () => {
    const missing = { ...targets.active, sessionId: 'no-such-session', commitmentId: 'no-such-commitment' };
    const a = api(missing);
    const b = bot(missing);
    const caller = { userId: mine.mentor.userId };
    expect({
      viaApi: await apiStatus(caller, 'patch', a.path, a.body, a.etag),
      viaBot: await botStatus(caller, b.verb, b.data),
    }).toEqual({ viaApi: 404, viaBot: 404 });
  });

  test('a member of an ended pair may read but not change: 403 from both', async () => {
    const a = api(targets.ended);
    const b = bot(targets.ended);
    const caller = { userId: ended.mentee.userId };
    expect({
      viaApi: await apiStatus(caller, 'patch', a.path, a.body, a.etag),
      viaBot: await botStatus(caller, b.verb, b.data),
    }).toEqual({ viaApi: 403, viaBot: 403 });
  });
});

test('session feedback from a card: another pair’s session is not found (404), as the API answers for that session', async () => {
  const data = { pairId: mine.pair.id, sessionId: mine.session.id, rating: '4' };
  const token = await t.tokenFor({ userId: stranger.mentor.userId });
  expect(
    (
      await request(t.app)
        .get(`/api/pairs/${mine.pair.id}/sessions/${mine.session.id}`)
        .set('Authorization', `Bearer ${token}`)
    ).status,
  ).toBe(404);
  expect(await botStatus({ userId: stranger.mentor.userId }, 'feedback.submit', data)).toBe(404);
  expect(
    await botStatus({ userId: ended.mentor.userId }, 'feedback.submit', {
      pairId: ended.pair.id,
      sessionId: ended.session.id,
      rating: '4',
    }),
  ).toBe(403);
});

test('a reminder card offers what the policy allows the recipient: ticks on a paused pair, none on an ended one', async () => {
  const { item, session } = await agendaItemAdder(t.services.store, stranger.session, { title: 'Check in' });
  const reminder = { id: 'reminder-x', kind: 'prepare', recipientId: stranger.mentor.userId } as never;
  const ticks = (status: 'active' | 'paused' | 'ended') =>
    JSON.stringify(
      reminderCard(
        { reminder, pair: { ...stranger.pair, status }, viewerRole: 'mentor', session, timeZone: 'UTC' },
        { myDataUrl: 'https://example.test/my-data', tabUrl: (page) => `https://example.test/tab?subPage=${page}` },
      ),
    ).includes(`"itemId":"${item.id}"`);
  expect({ active: ticks('active'), paused: ticks('paused'), ended: ticks('ended') }).toEqual({
    active: true,
    paused: true,
    ended: false,
  });
});
