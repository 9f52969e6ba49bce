// The cards themselves: user text stays literal text under a CommonMark renderer, and no card exceeds
// the action budget however long the agenda.
import fc from 'fast-check';
import { marked } from 'marked';
import type { PairDoc, SessionDoc } from '../../bot/src/domain/model';
import {
  agendaCard,
  calendarDateText,
  goalsCard,
  helpCard,
  MAX_ACTIONS,
  plainText,
  sessionTimeText,
} from '../../bot/src/teams/cards';
import { actionsOf, expectWellFormed, textsOf, type Card } from './teamsClient';

const unescapeHtml = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('plainText', () => {
  test('any mix of markdown punctuation renders as exactly the text, with no markup', () => {
    const alphabet = fc.constantFrom(...'*_[]()!~`<>#-+=.1) a\\{}|&;:/'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')),
        (raw) => {
          const expected = raw.replace(/\s+/g, ' ').trim();
          const html = marked.parse(plainText(raw), { async: false }).trim();
          const inner = html.replace(/^<p>([\s\S]*)<\/p>$/, '$1');
          expect(inner).not.toMatch(/<(?!\/?p>)[a-z]/i);
          expect(unescapeHtml(inner)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('ordinary text is left readable', () => {
    expect(plainText('Demo: Copilot in Excel on Q3’s numbers, 2026-01-01')).toBe(
      'Demo: Copilot in Excel on Q3’s numbers, 2026-01-01',
    );
    expect(plainText('- not a list')).toBe('\\- not a list');
    expect(plainText('1. not a list either')).toBe('1\\. not a list either');
    expect(plainText('two\n\nlines')).toBe('two lines');
  });
});

const pair = {
  id: 'p1',
  type: 'pair',
  pairId: 'p1',
  tenantId: 't',
  programId: 'g',
  status: 'active',
  createdBy: 'a',
  createdAt: '',
  updatedAt: '',
  mentor: { id: 'm', name: 'Mia *Mentor*' },
  mentee: { id: 'e', name: 'Eve [Exec](http://x)' },
} as PairDoc;
const session = (items: number, joinUrl?: string) =>
  ({
    id: 's1',
    type: 'session',
    pairId: 'p1',
    tenantId: 't',
    programId: 'g',
    status: 'scheduled',
    createdBy: 'm',
    createdAt: '',
    updatedAt: '',
    scheduledAt: '2026-07-01T12:30:00.000Z',
    durationMinutes: 45,
    ...(joinUrl ? { joinUrl } : {}),
    agenda: Array.from({ length: items }, (_, i) => ({ id: `i${i}`, title: `Item ${i}`, done: i % 2 === 1 })),
  }) as SessionDoc;
const asCard = (c: unknown) => c as Card;

describe('agenda card', () => {
  test.each([
    [0, undefined],
    [3, undefined],
    [6, undefined],
    [10, undefined],
    [5, 'https://teams.microsoft.com/l/meetup-join/x'],
    [50, 'https://teams.microsoft.com/l/meetup-join/x'],
  ])('%i items (join link %s) stay within %#: at most 6 actions, and every item is listed', (items, joinUrl) => {
    const card = asCard(
      agendaCard({ pair, viewerRole: 'mentor', session: session(items, joinUrl), timeZone: 'UTC', canTick: true }),
    );
    expectWellFormed(card);
    expect(actionsOf(card).length).toBeLessThanOrEqual(MAX_ACTIONS);
    expect(actionsOf(card).filter((a) => a.type === 'Action.Execute')).toHaveLength(
      Math.min(items, MAX_ACTIONS - (joinUrl ? 1 : 0)),
    );
    for (let i = 0; i < items; i++) expect(textsOf(card)).toContain(`${i % 2 ? 'Done' : 'To do'}: Item ${i}`);
    const overflow = textsOf(card).includes('Tick the other items in the Reverse Mentoring tab.');
    expect(overflow).toBe(items > MAX_ACTIONS - (joinUrl ? 1 : 0));
  });

  test('without permission to tick, no tick buttons; a non-https join link is not offered', () => {
    const card = asCard(
      agendaCard({
        pair,
        viewerRole: 'mentee',
        session: session(3, 'javascript:alert(1)'),
        timeZone: 'UTC',
        canTick: false,
      }),
    );
    expect(actionsOf(card)).toEqual([]);
    expect(textsOf(card)[0]).toBe('Agenda: next session with Mia \\*Mentor\\*');
  });

  test('partner names are escaped like any user text', () => {
    const card = asCard(goalsCard({ pair, viewerRole: 'mentor', goals: [] }));
    expect(textsOf(card)[0]).toBe('Goals: you and Eve \\[Exec\\]\\(http://x\\)');
    expect(textsOf(card)).toContain('Eve \\[Exec\\]\\(http://x\\)’s goals (executive)');
  });
});

test('the help card repeats the text not understood as plain text, shortened', () => {
  const card = asCard(helpCard(`[click](https://evil.example) ${'x'.repeat(300)}`));
  const line = textsOf(card).find((s) => s.startsWith('Sorry'))!;
  expect(line.startsWith('Sorry, I did not understand “\\[click\\]\\(https://evil.example\\)')).toBe(true);
  expect(line.length).toBeLessThan(150);
});

test('session times are shown in the given IANA zone', () => {
  expect(sessionTimeText('2026-07-01T12:30:00.000Z', 'America/New_York')).toBe(
    'Wednesday 1 July 2026, 08:30 (America/New_York)',
  );
  expect(sessionTimeText('2026-01-01T12:30:00.000Z', 'Europe/Berlin')).toBe(
    'Thursday 1 January 2026, 13:30 (Europe/Berlin)',
  );
});

test('a goal’s target date is written in the reader’s locale, and in English without a usable one', () => {
  expect(calendarDateText('2027-01-31', 'de-DE')).toBe('31. Jan. 2027');
  expect(calendarDateText('2027-01-31', 'en-US')).toBe('Jan 31, 2027');
  expect(calendarDateText('2027-01-31', 'en-GB')).toBe('31 Jan 2027');
  expect(calendarDateText('2027-01-31', 'not a locale!')).toBe('31 Jan 2027');
  expect(calendarDateText('2027-01-31')).toBe('31 Jan 2027');
  const pair = { id: 'p', mentor: { id: 'm', name: 'Mentor' }, mentee: { id: 'e', name: 'Executive' } } as PairDoc;
  const goal = {
    id: 'g',
    title: 'Prompt daily',
    owner: 'mentee',
    progress: 10,
    status: 'onTrack',
    targetDate: '2027-01-31',
    createdAt: '2026-01-01',
  } as never;
  const texts = textsOf(asCard(goalsCard({ pair, viewerRole: 'mentee', goals: [goal], locale: 'de-DE' })));
  // A German reader reads the whole line in German (bot/src/i18n), the date as Germans write it.
  expect(texts).toContain('Fortschritt: 10 % · Im Plan · Ziel bis 31. Jan. 2027');
  expect(JSON.stringify(texts)).not.toContain('2027-01-31');
});
