// Every card the bot sends, as JSON: something for a screen reader to say (`speak`, plain text, no markdown
// escapes), alternative text on every image, and dates written the recipient's way in their time zone.
import {
  NOTICE,
  REMINDER_KINDS,
  RETENTION_NOTICE,
  type ReminderDoc,
  type ReminderKind,
} from '../../bot/src/domain/reminders';
import type { ReminderContent } from '../../bot/src/jobs/reminderRun';
import {
  agendaCard,
  calendarDateText,
  goalsCard,
  helpCard,
  nextSessionCard,
  noPairCard,
  personalChatOnlyCard,
  sessionTimeText,
  unknownUserCard,
  welcomeCard,
  type AdaptiveCard,
} from '../../bot/src/teams/cards';
import { doneCard, reminderCard, settingsCard, snoozeCard } from '../../bot/src/teams/reminderCards';
import { cardFixtures } from '../support/cardFixtures';

const { pair, session, goal, commitment, links } = cardFixtures({
  mentorName: 'Mia *Mentor*',
  agendaTitle: 'Copilot [demo]',
  commitmentStatus: 'open',
});

function reminder(kind: ReminderKind, locale?: string): AdaptiveCard {
  const doc = {
    id: `r-${kind}`,
    kind,
    recipientId: 'e',
    plannedFor: '2027-01-05T09:00:00.000Z',
    ...(kind === NOTICE
      ? {
          notice: {
            type: 'sessionBooked',
            parameters: { partner: 'Mia', when: 'Monday' },
            preview: 'Mia booked a session',
            subPageId: 'p1',
          },
        }
      : {}),
  } as unknown as ReminderDoc;
  const content: ReminderContent = {
    reminder: doc,
    pair,
    viewerRole: 'mentee',
    session,
    commitment,
    timeZone: 'Europe/Berlin',
    retentionDeletesAt: '2027-01-05T09:00:00.000Z',
    ...(locale ? { locale } : {}),
  };
  return reminderCard(content, links);
}

const view = { pair, viewerRole: 'mentee' as const };
const CARDS: Array<[string, AdaptiveCard]> = [
  ['welcome', welcomeCard()],
  ['help', helpCard()],
  ['help (not understood)', helpCard('blah')],
  ['no pair', noPairCard()],
  ['personal chat only', personalChatOnlyCard()],
  ['unknown user', unknownUserCard()],
  ['agenda', agendaCard({ ...view, session, timeZone: 'UTC', canTick: true })],
  ['agenda (none)', agendaCard({ ...view, session: undefined, timeZone: 'UTC', canTick: false })],
  ['goals', goalsCard({ ...view, goals: [goal] })],
  ['goals (none)', goalsCard({ ...view, goals: [] })],
  ['next session', nextSessionCard({ ...view, session, timeZone: 'UTC', bookUrl: 'https://example.test/book' })],
  ['next session (none)', nextSessionCard({ ...view, session: undefined, timeZone: 'UTC' })],
  ...([...REMINDER_KINDS, RETENTION_NOTICE, NOTICE] as ReminderKind[]).map((kind): [string, AdaptiveCard] => [
    `reminder ${kind}`,
    reminder(kind),
  ]),
  [
    'settings',
    settingsCard({ timeZone: 'Europe/Berlin', timeZoneSource: 'teams', quietHours: null, disabledKinds: [] }),
  ],
  ['snooze', snoozeCard({ timeZone: 'UTC' })],
  ['done', doneCard('Kept', 'Marked as kept.')],
];

/** Every element of a card, however deeply nested (columns, containers, action sets, show-card actions). */
function elementsOf(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap(elementsOf);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  return [...(typeof record.type === 'string' ? [record] : []), ...Object.values(record).flatMap(elementsOf)];
}

describe.each(CARDS)('%s card', (_, card) => {
  test('has something for a screen reader to say, in plain text', () => {
    expect(typeof card.speak).toBe('string');
    expect(card.speak.trim().length).toBeGreaterThan(10);
    expect(card.speak).not.toMatch(/\\[*_[\]()<>#!~`|{}]/);
    expect(card.speak).not.toMatch(/\$\{/);
  });

  test('every image (and image set, background image) has alternative text', () => {
    const images = elementsOf(card.body).filter((e) => e.type === 'Image');
    for (const image of images) expect(String(image.altText ?? '').trim()).not.toBe('');
    expect(JSON.stringify(card)).not.toMatch(/"backgroundImage":"/);
  });
});

describe('dates on cards', () => {
  test('a session time is written the recipient’s way, in their time zone', () => {
    expect(sessionTimeText('2026-07-01T12:30:00.000Z', 'Europe/Berlin')).toBe(
      'Wednesday 1 July 2026, 14:30 (Europe/Berlin)',
    );
    expect(sessionTimeText('2026-07-01T12:30:00.000Z', 'Europe/Berlin', 'de-DE')).toMatch(
      /^Mittwoch, 1\. Juli 2026 um 14:30 \(Europe\/Berlin\)$/,
    );
    expect(sessionTimeText('2026-07-01T12:30:00.000Z', 'America/New_York', 'en-US')).toMatch(
      /^Wednesday, July 1, 2026 at 8:30\s?AM \(America\/New_York\)$/,
    );
  });

  test('calendar dates are never printed raw (YYYY-MM-DD)', () => {
    expect(calendarDateText('2026-12-10', 'de-DE')).toBe('10. Dez. 2026');
    expect(calendarDateText('2026-12-10', 'en-US')).toBe('Dec 10, 2026');
    expect(calendarDateText('2026-12-10')).toBe('10 Dec 2026');
    for (const [name, card] of CARDS)
      expect([name, JSON.stringify(card.body)]).not.toEqual([name, expect.stringMatching(/\b\d{4}-\d{2}-\d{2}\b/)]);
  });

  test('a reminder uses the recipient’s locale from their conversation', () => {
    const german = JSON.stringify(reminder('startingSoon', 'de-DE'));
    expect(german).toContain('Mittwoch, 1. Juli 2026 um 14:30 (Europe/Berlin)');
    const due = JSON.stringify(reminder('commitmentCheckIn', 'en-US'));
    expect(due).toContain('Due Dec 10, 2026.');
  });
});
