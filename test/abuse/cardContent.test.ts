// Hostile text in the bot's Adaptive Cards: names, goal titles, agenda items and unknown commands full of
// HTML, markdown links (javascript:), images, emphasis and Teams {{DATE()}} templates. Adaptive Cards have
// no HTML, but TextBlocks render markdown: every TextBlock is rendered here with a CommonMark renderer
// (marked) and must come out as one paragraph of literal text, the payload exactly as typed.
import { Marked } from 'marked';
import { agendaCard, goalsCard, helpCard, nextSessionCard, type AdaptiveCard } from '../../bot/src/teams/cards';
import type { GoalDoc, PairDoc, SessionDoc } from '../../bot/src/domain/model';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1))',
  '[x](https://evil.example/phish "title")',
  '![tracker](https://evil.example/pixel.png)',
  '<https://evil.example>',
  '[ref][1]\n\n[1]: javascript:alert(1)',
  '**bold** _italic_ ~~strike~~ `code`',
  '# Heading',
  '1. numbered',
  '- bullet',
  '> quote',
  '{{DATE(2026-01-01T00:00:00Z, SHORT)}}',
  'a &lt;b&gt; &#60;i&#62; &amp;',
  'RTL \u202Egnp.exe\u202C done',
  'zero\u200Bwidth',
  '\\*escaped\\*',
  '| a | b |',
];

// Teams renders a CommonMark subset; a full CommonMark renderer is stricter than that, so passing here is enough.
const commonMark = new Marked({ gfm: false, breaks: false });

const decode = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every TextBlock text in the card, however deeply nested. */
function textBlocks(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) textBlocks(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) if (typeof v === 'object') textBlocks(v, out);
  }
  return out;
}

/** The TextBlock renders as one plain paragraph (no links, images, emphasis, HTML) whose text is the literal line. */
function expectLiteral(markdown: string, expectedText: string): void {
  const html = commonMark.parse(markdown, { async: false }).trim();
  const inner = html.match(/^<p>([\s\S]*)<\/p>$/)?.[1];
  expect({ markdown, html, isParagraph: inner !== undefined }).toEqual({ markdown, html, isParagraph: true });
  expect(inner).not.toMatch(/<[a-z/!]/i);
  expect(decode(inner!)).toBe(expectedText);
  // Teams substitutes {{DATE(…)}} / {{TIME(…)}} in card text before rendering it.
  expect(markdown).not.toContain('{{');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function pairNamed(mentorName: string, menteeName: string): PairDoc {
  return {
    id: 'pair-1',
    pairId: 'pair-1',
    type: 'pair',
    tenantId: 't',
    programId: 'prog-1',
    mentor: { id: 'm', name: mentorName },
    mentee: { id: 'e', name: menteeName },
    status: 'active',
    createdBy: 'admin',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  } as PairDoc;
}

function sessionWith(agendaTitles: string[], joinUrl?: string): SessionDoc {
  return {
    id: 'session-1',
    type: 'session',
    tenantId: 't',
    pairId: 'pair-1',
    programId: 'prog-1',
    scheduledAt: '2026-03-02T09:00:00.000Z',
    durationMinutes: 45,
    status: 'scheduled',
    createdBy: 'm',
    agenda: agendaTitles.map((title, i) => ({ id: `item-${i}`, title, done: i % 2 === 1 })),
    ...(joinUrl ? { joinUrl } : {}),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  } as SessionDoc;
}

function goal(title: string, owner: 'mentor' | 'mentee'): GoalDoc {
  return {
    id: `goal-${title.length}`,
    type: 'goal',
    tenantId: 't',
    pairId: 'pair-1',
    programId: 'prog-1',
    title,
    successMeasure: 'x',
    owner,
    progress: 10,
    status: 'onTrack',
    createdBy: 'm',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  } as GoalDoc;
}

/** The card's TextBlocks that carry the payload (all of them must render it literally). */
function blocksWith(card: AdaptiveCard, payload: string): string[] {
  const wanted = oneLine(payload);
  return textBlocks(card.body).filter((t) => {
    const html = commonMark.parse(t, { async: false });
    return decode(html).includes(wanted.slice(0, 6)) || t.includes(wanted.slice(0, 6));
  });
}

describe.each(PAYLOADS.map((p) => [JSON.stringify(p), p] as const))('payload %s', (_label, payload) => {
  test('as a partner name, in every card title and goal heading', () => {
    const pair = pairNamed(payload, 'Dana');
    const cards = [
      agendaCard({ pair, viewerRole: 'mentee', session: sessionWith(['Intro']), timeZone: 'UTC', canTick: true }),
      nextSessionCard({ pair, viewerRole: 'mentee', session: sessionWith([]), timeZone: 'UTC' }),
      goalsCard({ pair, viewerRole: 'mentee', goals: [goal('Learn', 'mentor')] }),
    ];
    for (const card of cards) {
      const heading = textBlocks(card.body)[0]!;
      const rendered = decode(
        commonMark
          .parse(heading, { async: false })
          .trim()
          .replace(/^<p>|<\/p>$/g, ''),
      );
      expect(rendered).toContain(oneLine(payload));
      expectLiteral(heading, rendered);
    }
  });

  test('as an agenda item title and a goal title', () => {
    const pair = pairNamed('Priya', 'Dana');
    const agenda = agendaCard({
      pair,
      viewerRole: 'mentor',
      session: sessionWith([payload, payload]),
      timeZone: 'UTC',
      canTick: true,
    });
    const goals = goalsCard({ pair, viewerRole: 'mentor', goals: [goal(payload, 'mentor'), goal(payload, 'mentee')] });
    const rows = blocksWith(agenda, payload).filter((t) => /^(To do|Done): /.test(t));
    expect(rows).toHaveLength(2);
    for (const row of rows) expectLiteral(row, `${row.startsWith('Done') ? 'Done' : 'To do'}: ${oneLine(payload)}`);
    const titles = textBlocks(goals.body).filter(
      (t) => t !== textBlocks(goals.body)[0] && !/^(Your goals|Progress:|Priya|Dana)/.test(t),
    );
    expect(titles).toHaveLength(2);
    for (const t of titles) expectLiteral(t, oneLine(payload));
  });

  test('as a command the bot did not understand', () => {
    const card = helpCard(payload);
    const sorry = textBlocks(card.body).find((t) => t.startsWith('Sorry'))!;
    expectLiteral(sorry, `Sorry, I did not understand “${oneLine(payload).slice(0, 100)}”.`);
  });
});

test('a join link that is not https never becomes an Action.OpenUrl', () => {
  const pair = pairNamed('Priya', 'Dana');
  for (const joinUrl of [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://teams.example/join',
    ' https://x',
  ]) {
    const cards = [
      agendaCard({
        pair,
        viewerRole: 'mentee',
        session: sessionWith(['Intro'], joinUrl),
        timeZone: 'UTC',
        canTick: true,
      }),
      nextSessionCard({ pair, viewerRole: 'mentee', session: sessionWith([], joinUrl), timeZone: 'UTC' }),
    ];
    for (const card of cards) expect(JSON.stringify(card)).not.toContain('Action.OpenUrl');
  }
  const safe = nextSessionCard({
    pair,
    viewerRole: 'mentee',
    session: sessionWith([], 'https://teams.microsoft.com/l/meetup-join/x'),
    timeZone: 'UTC',
  });
  expect(safe.actions).toEqual([
    expect.objectContaining({ type: 'Action.OpenUrl', url: 'https://teams.microsoft.com/l/meetup-join/x' }),
  ]);
});
