// POST /api/messages through botbuilder's CloudAdapter over real HTTP; replies reach a fake Bot Connector.
import request from 'supertest';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { buildTestApp, type TestApp } from '../support/testApp';
import { cardsIn, textsOf } from './teamsClient';

let connector: FakeBotConnector;

beforeAll(async () => {
  connector = await startFakeBotConnector();
});
afterAll(() => connector.stop());

const message = (text: string) => ({
  type: 'message',
  id: 'incoming-1',
  text,
  channelId: 'msteams',
  serviceUrl: connector.url,
  from: { id: '29:user', aadObjectId: 'dana', name: 'Dana Whitfield' },
  recipient: { id: '28:bot', name: 'Reverse Mentoring' },
  conversation: {
    id: 'a:personal-chat',
    conversationType: 'personal',
    tenantId: '0d0d0d0d-0000-4000-8000-000000000001',
  },
  channelData: { tenant: { id: '0d0d0d0d-0000-4000-8000-000000000001' } },
});

describe('without a bot identity (local development)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.stop());

  test('a message gets a helpful reply in the same conversation, never silence', async () => {
    connector.sent.length = 0;
    const res = await request(t.app).post('/api/messages').send(message('what can you do?'));
    expect(res.status).toBe(200);
    // A typing indicator, then the help card, both in the same conversation.
    expect(connector.sent.map((s) => s.activity.type)).toEqual(['typing', 'message']);
    expect(connector.sent[1]).toMatchObject({ conversationId: 'a:personal-chat', replyToId: 'incoming-1' });
    const cards = cardsIn(connector.sent);
    expect(cards).toHaveLength(1);
    expect(textsOf(cards[0]!)).toContain('Reverse Mentoring');
    expect(textsOf(cards[0]!).join('\n')).toContain('did not understand “what can you do?”');
  });

  test('installing the bot greets the new member', async () => {
    connector.sent.length = 0;
    const res = await request(t.app)
      .post('/api/messages')
      .send({
        ...message(''),
        type: 'conversationUpdate',
        membersAdded: [{ id: '29:user' }],
      });
    expect(res.status).toBe(200);
    expect(cardsIn(connector.sent).map((c) => textsOf(c)[0])).toEqual(['Welcome to Reverse Mentoring']);
  });
});

describe('with a bot identity configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      BOT_APP_ID: '3b1f0e0c-1111-4222-8333-444455556666',
      BOT_APP_PASSWORD: 'not-used-in-this-test',
      BOT_APP_TYPE: 'MultiTenant',
    });
  });
  afterAll(() => t.stop());

  test('an unauthenticated call is rejected and nothing is sent', async () => {
    connector.sent.length = 0;
    const res = await request(t.app).post('/api/messages').send(message('hello'));
    expect(res.status).toBe(401);
    expect(connector.sent).toHaveLength(0);
  });
});
