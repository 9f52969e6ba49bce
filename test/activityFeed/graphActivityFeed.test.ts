// Activity feed notices through the fake Microsoft Graph: every type the server sends is accepted against the
// manifest's declared types and template parameters, deep-linked into the personal tab; without the application
// permission, without the app installed for the recipient, or without a catalogue id the feed says why (the
// caller then uses the bot); throttling is waited out, then handed back to be retried.
import pino from 'pino';
import { graphActivityFeed } from '../../bot/src/activityFeed/graphActivityFeed';
import {
  ACTIVITY_TEMPLATE_PARAMETERS,
  ACTIVITY_TYPES,
  noticeSubPage,
  type ActivityNotice,
  type ActivityType,
} from '../../bot/src/domain/activities';
import { teamsAppOf } from '../support/teamsAppFacts';
import { startFakeGraphScheduling, type FakeGraphScheduling } from '../support/fakeGraphScheduling';

const CLIENT = { clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'not-a-real-secret' };
const TENANT = '0d0d0d0d-0000-4000-8000-000000000001';
const CATALOG_ID = 'b1c2d3e4-0000-4000-8000-00000000c0de';

let graph: FakeGraphScheduling;
const waits: number[] = [];
beforeAll(async () => {
  graph = await startFakeGraphScheduling({
    ...CLIENT,
    mailboxes: [
      {
        id: 'dana',
        displayName: 'Dana Whitfield',
        mail: 'dana@contoso.com',
        userPrincipalName: 'dana@contoso.com',
        hasApp: true,
      },
      {
        id: 'noah',
        displayName: 'Noah Kim',
        mail: 'noah@contoso.com',
        userPrincipalName: 'noah@contoso.com',
        hasApp: false,
      },
    ],
    teamsApp: teamsAppOf(CATALOG_ID, CLIENT.clientId),
    roles: ['TeamsActivity.Send'],
  });
});
afterAll(() => graph.stop());
beforeEach(() => {
  graph.requests.length = 0;
  graph.notifications.length = 0;
  graph.roles = new Set(['TeamsActivity.Send']);
  graph.clearThrottles();
  waits.length = 0;
});

const feed = (catalogAppId: string | undefined) =>
  graphActivityFeed({
    graphBaseUrl: graph.url,
    credentialFor: graph.credentialFor,
    catalogAppId: async () => catalogAppId,
    topic: 'Reverse Mentoring',
    log: pino({ level: 'silent' }),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });

const sampleParameters: { [T in ActivityType]: Record<(typeof ACTIVITY_TEMPLATE_PARAMETERS)[T][number], string> } = {
  takeawayAwaitingApproval: { partner: 'Priya Patel' },
  takeawayApproved: { partner: 'Priya Patel' },
  takeawayDeclined: { partner: 'Priya Patel' },
  sessionBooked: { partner: 'Priya Patel', when: 'Tue 16 Mar, 10:00' },
  sessionMoved: { partner: 'Priya Patel', when: 'Wed 17 Mar, 11:00' },
  sessionCancelled: { partner: 'Priya Patel', when: 'Tue 16 Mar, 10:00' },
  assessmentDue: { stage: 'midpoint' },
};
const notice = (type: ActivityType) =>
  ({
    type,
    parameters: sampleParameters[type],
    preview: 'Open Reverse Mentoring to see it.',
    subPageId: noticeSubPage('pair-1', 'takeaways'),
  }) as ActivityNotice;

test('every activity type the server sends is declared and filled with exactly its template parameters', async () => {
  const f = feed(CATALOG_ID);
  for (const type of ACTIVITY_TYPES)
    expect({ type, outcome: await f.notify(TENANT, 'dana', notice(type)) }).toEqual({
      type,
      outcome: { kind: 'sent' },
    });
  expect(graph.notifications.map((n) => n.body.activityType)).toEqual([...ACTIVITY_TYPES]);
  // Client credentials for Graph, once (MSAL keeps the token): the app's own token, not a user's.
  expect(graph.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token')).map((r) => r.body)).toEqual([
    expect.objectContaining({ grant_type: 'client_credentials', scope: `${graph.url}/.default` }),
  ]);
});

test('a notice: text topic deep-linked into the personal tab at its sub-page, preview within 150 characters, the app named', async () => {
  expect(
    await feed(CATALOG_ID).notify(TENANT, 'dana', { ...notice('sessionBooked'), preview: 'x'.repeat(400) }),
  ).toEqual({ kind: 'sent' });
  const [sent] = graph.notifications;
  expect(sent!.recipientId).toBe('dana');
  expect(sent!.body).toEqual({
    topic: {
      source: 'text',
      value: 'Reverse Mentoring',
      webUrl: `https://teams.microsoft.com/l/entity/${CATALOG_ID}/pairs?context=${encodeURIComponent('{"subEntityId":"pair-1:takeaways"}')}`,
    },
    activityType: 'sessionBooked',
    previewText: { content: 'x'.repeat(150) },
    templateParameters: [
      { name: 'partner', value: 'Priya Patel' },
      { name: 'when', value: 'Tue 16 Mar, 10:00' },
    ],
    teamsAppId: CATALOG_ID,
  });
});

test('without admin consent for TeamsActivity.Send: not permitted (the bot takes over)', async () => {
  graph.roles = new Set();
  // Tokens carry the roles of when they were issued: another tenant's first token has none.
  expect(
    await feed(CATALOG_ID).notify('0d0d0d0d-0000-4000-8000-000000000002', 'dana', notice('takeawayApproved')),
  ).toEqual({ kind: 'unavailable', reason: 'FeedNotPermitted' });
  expect(graph.notifications).toEqual([]);
});

test('the app not installed for the recipient: Graph refuses, the bot takes over', async () => {
  expect(await feed(CATALOG_ID).notify(TENANT, 'noah', notice('takeawayApproved'))).toEqual({
    kind: 'unavailable',
    reason: 'AppNotInstalledForUser',
  });
});

test('no catalogue id to deep-link with: the feed is not configured, nothing is sent', async () => {
  expect(await feed(undefined).notify(TENANT, 'dana', notice('takeawayApproved'))).toEqual({
    kind: 'unavailable',
    reason: 'FeedNotConfigured',
  });
  expect(graph.requests).toEqual([]);
});

test('429: Retry-After waited out; throttled for longer, handed back to retry later with the wait', async () => {
  graph.throttle({ path: /sendActivityNotification$/ }, 1, 4);
  expect(await feed(CATALOG_ID).notify(TENANT, 'dana', notice('sessionMoved'))).toEqual({ kind: 'sent' });
  expect(waits).toEqual([4000]);
  graph.throttle({ path: /sendActivityNotification$/ }, 1, 90);
  expect(await feed(CATALOG_ID).notify(TENANT, 'dana', notice('sessionMoved'))).toEqual({
    kind: 'retry',
    reason: 'Throttled',
    retryAfterMs: 90_000,
  });
  expect(graph.notifications).toHaveLength(1);
});
