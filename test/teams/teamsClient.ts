// Activities as Microsoft Teams sends them to /api/messages, and readers for the cards the bot sends back.
import type { Express } from 'express';
import request from 'supertest';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { FakeBotConnector, SentActivity } from '../support/fakeBotConnector';

export interface TeamsUser {
  /** aadObjectId (the directory id; demo users are `priya`, `dana` …). */
  userId: string;
  tenantId?: string;
  serviceUrl: string;
  localTimezone?: string;
  /** The Teams client's language (BCP 47); en-GB when not said. */
  locale?: string;
  conversationType?: 'personal' | 'groupChat';
  conversationId?: string;
}

let counter = 0;

/** The fields every activity from this user carries. */
export function baseActivity(user: TeamsUser) {
  const tenantId = user.tenantId ?? DEV_TENANT_ID;
  const conversationType = user.conversationType ?? 'personal';
  return {
    id: `incoming-${++counter}`,
    channelId: 'msteams',
    serviceUrl: user.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: user.locale ?? 'en-GB',
    ...(user.localTimezone ? { localTimezone: user.localTimezone } : {}),
    from: { id: `29:${user.userId}-${tenantId.slice(0, 4)}`, aadObjectId: user.userId, name: `User ${user.userId}` },
    recipient: { id: '28:bot', name: 'Reverse Mentoring' },
    conversation: {
      id: user.conversationId ?? `a:${conversationType}-${user.userId}-${tenantId.slice(0, 4)}`,
      conversationType,
      tenantId,
      ...(conversationType === 'groupChat' ? { isGroup: true } : {}),
    },
    channelData: { tenant: { id: tenantId } },
  };
}

export const messageFrom = (user: TeamsUser, text: string) => ({
  ...baseActivity(user),
  type: 'message',
  text,
  textFormat: 'plain',
});
export const installFrom = (user: TeamsUser) => ({ ...baseActivity(user), type: 'installationUpdate', action: 'add' });
export const uninstallFrom = (user: TeamsUser) => ({
  ...baseActivity(user),
  type: 'installationUpdate',
  action: 'remove',
});
export const membersAddedFrom = (user: TeamsUser, memberIds: string[] = ['28:bot']) => ({
  ...baseActivity(user),
  type: 'conversationUpdate',
  membersAdded: memberIds.map((id) => ({ id })),
});
export const invokeFrom = (user: TeamsUser, verb: string, data: unknown) => ({
  ...baseActivity(user),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});

export async function post(app: Express, activity: object) {
  const res = await request(app).post('/api/messages').send(activity);
  if (res.status >= 500) throw new Error(`bot answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

export interface Card {
  type: string;
  version: string;
  body: Json[];
  actions?: Json[];
  [key: string]: unknown;
}
type Json = Record<string, unknown>;

/** The Adaptive Cards in the activities sent, in order. */
export function cardsIn(sent: SentActivity[]): Card[] {
  return sent.flatMap((s) =>
    ((s.activity.attachments as { contentType: string; content: Card }[] | undefined) ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content),
  );
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** Every TextBlock's text, in document order. */
export function textsOf(card: Card): string[] {
  const out: string[] = [];
  walk(card.body, (n) => {
    if (n.type === 'TextBlock') out.push(String(n.text));
  });
  return out;
}

/** Every action on the card, at the root and inside ActionSets. */
export function actionsOf(card: Card): Json[] {
  const out: Json[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Action.')) out.push(n);
  });
  return out;
}

/** What every card the bot sends must be: schema 1.5, text only, at most 6 actions. */
export function expectWellFormed(card: Card): void {
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  expect(actionsOf(card).length).toBeLessThanOrEqual(6);
  walk(card, (n) => expect(n.type).not.toBe('Image'));
  expect(textsOf(card).length).toBeGreaterThan(0);
}

/** Sends one message and returns the one card the bot answers with (checked for well-formedness). */
export async function askBot(app: Express, connector: FakeBotConnector, from: TeamsUser, text: string): Promise<Card> {
  connector.sent.length = 0;
  await post(app, messageFrom(from, text));
  const cards = cardsIn(connector.sent);
  expect(cards).toHaveLength(1);
  expectWellFormed(cards[0]!);
  return cards[0]!;
}
