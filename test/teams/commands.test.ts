// The bot's commands over real HTTP, on the demo programme: each answers with the right Adaptive Card,
// only with the caller's own pairs, in the caller's time zone, and never silently.
import { marked } from 'marked';
import { goalCreator } from '../../bot/src/commands/goalWriter';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import type { PairDoc } from '../../bot/src/domain/model';
import { BOT_COMMANDS } from '../../bot/src/teams/botEndpoint';
import { callerOf } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { buildTestApp, OTHER_TENANT_ID, type TestApp } from '../support/testApp';
import { actionsOf, askBot, cardsIn, messageFrom, post, textsOf, type Card, type TeamsUser } from './teamsClient';

let connector: FakeBotConnector;
let t: TestApp;
let priyaDana: PairDoc;

const AGENDA_TITLES = [
  'Demo: Copilot in Excel on last quarter’s numbers',
  'What Dana saw on TikTok this week',
  'Priya: preparing for a first leadership review',
];
const GOAL_TITLES = ['Use generative AI to draft board briefings', 'Understand how the board decides on investments'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

beforeAll(async () => {
  connector = await startFakeBotConnector();
  t = await buildTestApp();
  const { pairIds } = await seedDemoData(t.services.store);
  priyaDana = (await t.services.store.pairs.get(
    callerOf('dana').tenantId,
    pairIds[0]!,
    pairIds[0]!,
    'pair',
  )) as PairDoc;
});
afterAll(async () => {
  await t.stop();
  await connector.stop();
});
beforeEach(() => {
  connector.sent.length = 0;
});

const user = (userId: string, extra: Partial<TeamsUser> = {}): TeamsUser => ({
  userId,
  serviceUrl: connector.url,
  ...extra,
});

const ask = (from: TeamsUser, text: string): Promise<Card> => askBot(t.app, connector, from, text);
const allText = (card: Card) => textsOf(card).join('\n');

describe('help', () => {
  test.each(['help', 'HELP', '  Help  ', 'hi', 'Hello', 'hello!'])(
    '%j answers with the help card naming every command',
    async (text) => {
      const card = await ask(user('dana'), text);
      expect(textsOf(card)[0]).toBe('Reverse Mentoring');
      const facts = card.body.find((e) => e.type === 'FactSet') as { facts: { title: string; value: string }[] };
      expect(facts.facts).toEqual(BOT_COMMANDS.map((c) => ({ title: c.command, value: c.description })));
      expect(allText(card)).not.toMatch(/did not understand/);
    },
  );

  test('BOT_COMMANDS lists exactly the commands answered; hi and hello are aliases, not listed', () => {
    expect(BOT_COMMANDS.map((c) => c.command)).toEqual(['help', 'agenda', 'goals', 'next', 'settings', 'snooze']);
    for (const c of BOT_COMMANDS) expect(c.description.length).toBeGreaterThan(10);
  });

  test('anything else gets the help card saying what was not understood, never silence', async () => {
    const card = await ask(user('dana'), 'what can you do?');
    expect(allText(card)).toContain('Sorry, I did not understand “what can you do?”.');
    expect(card.body.some((e) => e.type === 'FactSet')).toBe(true);
    expect(actionsOf(card).map((a) => (a.data as { msteams: { value: string } }).msteams.value)).toEqual([
      'agenda',
      'goals',
      'next',
    ]);
  });
});

describe('agenda', () => {
  test.each(['agenda', 'AGENDA', ' Agenda '])(
    '%j answers with the next session’s agenda, after a typing indicator',
    async (text) => {
      const card = await ask(user('dana'), text);
      expect(connector.sent[0]!.activity.type).toBe('typing');
      expect(connector.sent.map((s) => s.activity.type)).toEqual(['typing', 'message']);
      expect(textsOf(card)[0]).toBe('Agenda: next session with Priya Patel');
      expect(textsOf(card)).toEqual(
        expect.arrayContaining(AGENDA_TITLES.map((title) => expect.stringContaining(title))),
      );
      for (const title of AGENDA_TITLES) expect(allText(card)).toContain(`To do: ${title}`);
    },
  );

  test('each item has an in-place tick action carrying the pair, session and item', async () => {
    const card = await ask(user('priya'), 'agenda');
    const ticks = actionsOf(card).filter((a) => a.type === 'Action.Execute');
    expect(ticks).toHaveLength(3);
    for (const tick of ticks) {
      expect(tick).toMatchObject({
        verb: 'agenda.tick',
        title: 'Mark done',
        data: { pairId: priyaDana.id, sessionId: expect.any(String), itemId: expect.any(String), done: true },
      });
    }
    expect(ticks.map((a) => a.tooltip)).toEqual(AGENDA_TITLES.map((title) => `Mark done: ${title}`));
    expect(actionsOf(card).filter((a) => a.type === 'Action.OpenUrl')).toEqual([
      expect.objectContaining({ url: 'https://teams.microsoft.com/l/meetup-join/demo' }),
    ]);
  });
});

describe('goals', () => {
  test.each(['goals', 'Goals', 'GOALS '])('%j shows both sides’ goals with progress', async (text) => {
    const card = await ask(user('dana'), text);
    expect(textsOf(card)[0]).toBe('Goals: you and Priya Patel');
    const texts = textsOf(card);
    expect(texts).toEqual(expect.arrayContaining(GOAL_TITLES));
    expect(texts).toContain('Your goals (executive)');
    expect(texts).toContain('Priya Patel’s goals (mentor)');
    // Dana's goal is at 40 %, Priya's has not started.
    // The target date in the reader's locale (the activity's), not raw ISO.
    expect(texts[texts.indexOf(GOAL_TITLES[0]!) + 1]).toMatch(
      /^Progress: 40% · On track · target \d{1,2} [A-Z][a-z]{2} \d{4}$/,
    );
    expect(texts[texts.indexOf(GOAL_TITLES[1]!) + 1]).toBe('Progress: 0% · Not started');
  });

  test('the mentor sees their own side first', async () => {
    const texts = textsOf(await ask(user('priya'), 'goals'));
    expect(texts.indexOf('Your goals (mentor)')).toBeLessThan(texts.indexOf('Dana Whitfield’s goals (executive)'));
    expect(texts.indexOf('Your goals (mentor)')).toBeGreaterThan(0);
  });
});

describe('next', () => {
  const dayAfterTomorrow = () => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + 2);
    return d;
  };
  const tomorrow = () => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + 1);
    return d;
  };
  const long = (d: Date) =>
    `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

  test.each(['next', 'NEXT', 'Next.'])(
    '%j gives the time in the user’s time zone (localTimezone) and the join link',
    async (text) => {
      // The demo session is tomorrow 15:00 UTC: midnight the day after in Tokyo (UTC+9, no summer time).
      const card = await ask(user('dana', { localTimezone: 'Asia/Tokyo' }), text);
      expect(textsOf(card)[0]).toBe('Next session with Priya Patel');
      expect(textsOf(card)).toContain(`${long(dayAfterTomorrow())}, 00:00 (Asia/Tokyo)`);
      expect(allText(card)).not.toContain('15:00');
      expect(actionsOf(card)).toEqual([
        expect.objectContaining({
          type: 'Action.OpenUrl',
          title: 'Join the meeting',
          url: 'https://teams.microsoft.com/l/meetup-join/demo',
        }),
        // Book opens the personal tab at the pair's booking (here the tab's own address: no catalogue id is configured).
        expect.objectContaining({
          type: 'Action.OpenUrl',
          title: 'Book another',
          url: expect.stringMatching(new RegExp(`/tab/personal\\?subPage=${priyaDana.id}%3Abook$`)),
        }),
      ]);
    },
  );

  test('without a (valid) time zone from the client, times are in UTC', async () => {
    expect(textsOf(await ask(user('dana'), 'next'))).toContain(`${long(tomorrow())}, 15:00 (UTC)`);
    expect(textsOf(await ask(user('dana', { localTimezone: 'Mars/Olympus_Mons' }), 'next'))).toContain(
      `${long(tomorrow())}, 15:00 (UTC)`,
    );
  });
});

describe('only the caller’s own pairs', () => {
  test.each(['agenda', 'goals', 'next'])(
    'a user with no pair gets %j as a card saying what happens next',
    async (command) => {
      const card = await ask(user('noah'), command);
      expect(textsOf(card)[0]).toBe('You are not in a pair yet');
      expect(allText(card)).toMatch(/What happens next: your programme admin matches you with a partner/);
      expect(actionsOf(card)).toEqual([]);
    },
  );

  test.each(['agenda', 'goals', 'next'])(
    '%j: another pair’s members see their own pair, never Priya and Dana’s',
    async (command) => {
      const card = await ask(user('sam'), command);
      expect(allText(card)).toContain('Helen Ortiz');
      for (const title of [...AGENDA_TITLES, ...GOAL_TITLES]) expect(allText(card)).not.toContain(title);
      expect(JSON.stringify(card)).not.toContain(priyaDana.id);
    },
  );

  test.each(['agenda', 'goals', 'next'])(
    '%j: the same directory id in another tenant sees nothing of this tenant',
    async (command) => {
      const card = await ask(user('dana', { tenantId: OTHER_TENANT_ID }), command);
      expect(textsOf(card)[0]).toBe('You are not in a pair yet');
      const json = JSON.stringify(card);
      for (const leak of [...AGENDA_TITLES, ...GOAL_TITLES, 'Priya', priyaDana.id]) expect(json).not.toContain(leak);
    },
  );

  test.each(['agenda', 'goals', 'next'])('%j in a group chat shows no pair content', async (command) => {
    const card = await ask(
      user('dana', { conversationType: 'groupChat', conversationId: '19:chat@thread.v2' }),
      command,
    );
    expect(textsOf(card)[0]).toBe('Ask me in our personal chat');
    const json = JSON.stringify(card);
    for (const leak of [...AGENDA_TITLES, ...GOAL_TITLES, 'Priya']) expect(json).not.toContain(leak);
  });

  test('an @mention in a group chat is understood as the command, and still shows no pair content', async () => {
    connector.sent.length = 0;
    const from = user('dana', { conversationType: 'groupChat', conversationId: '19:chat@thread.v2' });
    await post(t.app, {
      ...messageFrom(from, '<at>Reverse Mentoring</at> Agenda'),
      entities: [
        { type: 'mention', text: '<at>Reverse Mentoring</at>', mentioned: { id: '28:bot', name: 'Reverse Mentoring' } },
      ],
    });
    expect(cardsIn(connector.sent).map((c) => textsOf(c)[0])).toEqual(['Ask me in our personal chat']);
    connector.sent.length = 0;
    await post(t.app, {
      ...messageFrom(from, '<at>Reverse Mentoring</at> hello'),
      entities: [
        { type: 'mention', text: '<at>Reverse Mentoring</at>', mentioned: { id: '28:bot', name: 'Reverse Mentoring' } },
      ],
    });
    expect(cardsIn(connector.sent).map((c) => textsOf(c).join(' '))).toEqual([
      expect.not.stringContaining('did not understand'),
    ]);
  });

  test('a message without a directory user gets an answer, not pair content', async () => {
    connector.sent.length = 0;
    const { from, ...rest } = messageFrom(user('dana'), 'agenda');
    await post(t.app, { ...rest, from: { id: from.id, name: from.name } });
    const cards = cardsIn(connector.sent);
    expect(cards.map((c) => textsOf(c)[0])).toEqual(['I could not tell who you are']);
  });
});

describe('user content is plain text', () => {
  const HOSTILE = '**x** [y](javascript:alert(1)) _z_ <b>w</b> {{DATE(2026-01-01T00:00:00Z, SHORT)}}';

  test('markdown in a goal title is escaped and renders as the literal title', async () => {
    await goalCreator(t.services.store, callerOf('dana'), priyaDana, {
      title: HOSTILE,
      successMeasure: 'Renders as text',
      owner: 'mentee',
    });
    const card = await ask(user('dana'), 'goals');
    const rendered = textsOf(card).find((s) => s.includes('javascript'))!;
    expect(rendered).toBe(
      '\\*\\*x\\*\\* \\[y\\]\\(javascript:alert\\(1\\)\\) \\_z\\_ \\<b\\>w\\</b\\> \\{\\{DATE\\(2026-01-01T00:00:00Z, SHORT\\)\\}\\}',
    );
    // A CommonMark renderer (as Adaptive Cards hosts use) shows the title itself: no emphasis, no link, no HTML.
    const html = marked.parseInline(rendered, { async: false });
    expect(html).not.toMatch(/<(strong|em|a|b)\b/);
    expect(
      html
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    ).toBe(HOSTILE);
  });
});
