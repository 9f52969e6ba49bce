// Every card the bot sends, in each of its eleven other languages: Arabic and Hebrew laid out right to
// left (`rtl: true`, Adaptive Cards 1.5), the others not; something for a screen reader to say in that
// language; and not one of the catalogue's English texts left behind where the language has its own.
import { CATALOGUES, LANGUAGES, type Language, type MessageKey } from '../../bot/src/i18n/messages';
import type { ProgramDoc } from '../../bot/src/domain/model';
import {
  ASSESSMENT,
  NOTICE,
  REMINDER_KINDS,
  RETENTION_NOTICE,
  type ReminderDoc,
  type ReminderKind,
} from '../../bot/src/domain/reminders';
import type { ReminderContent } from '../../bot/src/jobs/reminderRun';
import {
  agendaCard,
  goalsCard,
  helpCard,
  nextSessionCard,
  noPairCard,
  personalChatOnlyCard,
  unknownUserCard,
  welcomeCard,
  type AdaptiveCard,
} from '../../bot/src/teams/cards';
import { doneCard, reminderCard, settingsCard, snoozeCard } from '../../bot/src/teams/reminderCards';
import { cardFixtures } from '../support/cardFixtures';

const { pair, session, goal, commitment, links } = cardFixtures({
  mentorName: 'Mia Mentor',
  agendaTitle: 'Copilot demo',
  commitmentStatus: 'kept',
});

function reminder(kind: ReminderKind, locale: string): AdaptiveCard {
  const doc = {
    id: `r-${kind}`,
    kind,
    recipientId: 'e',
    plannedFor: '2027-01-05T09:00:00.000Z',
    ...(kind === NOTICE
      ? {
          notice: {
            type: 'takeawayAwaitingApproval',
            parameters: { partner: 'Mia' },
            preview: CATALOGUES.en['notice.preview.review'],
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
    locale,
    ...(kind === ASSESSMENT
      ? {
          ledger: {
            moment: 'end',
            program: { endsOn: '2027-01-31' } as ProgramDoc,
            goals: [goal],
            assessments: [],
            commitments: [commitment],
            takeaways: [],
            locale,
          },
        }
      : {}),
  };
  return reminderCard(content, links);
}

function cardsIn(locale: string): Array<[string, AdaptiveCard]> {
  const view = { pair, viewerRole: 'mentee' as const, locale };
  return [
    ['welcome', welcomeCard(locale)],
    ['help', helpCard('blah', locale)],
    ['no pair', noPairCard(locale)],
    ['personal chat only', personalChatOnlyCard(locale)],
    ['unknown user', unknownUserCard(locale)],
    ['agenda', agendaCard({ ...view, session, timeZone: 'UTC', canTick: true })],
    ['agenda (none)', agendaCard({ ...view, session: undefined, timeZone: 'UTC', canTick: false })],
    ['goals', goalsCard({ ...view, goals: [goal] })],
    ['goals (none)', goalsCard({ ...view, goals: [] })],
    ['next session', nextSessionCard({ ...view, session, timeZone: 'UTC', bookUrl: 'https://example.test/book' })],
    ['next session (none)', nextSessionCard({ ...view, session: undefined, timeZone: 'UTC' })],
    ...([...REMINDER_KINDS, RETENTION_NOTICE, NOTICE, ASSESSMENT] as ReminderKind[]).map(
      (kind): [string, AdaptiveCard] => [`reminder ${kind}`, reminder(kind, locale)],
    ),
    [
      'settings',
      settingsCard({
        timeZone: 'Europe/Berlin',
        timeZoneSource: 'teams',
        quietHours: null,
        disabledKinds: [],
        snoozedUntil: '2999-01-01T00:00:00.000Z',
        locale,
      }),
    ],
    ['snooze', snoozeCard({ timeZone: 'UTC', locale })],
    ['done', doneCard('x', 'y', locale)],
  ];
}

/** The words of a card people read or hear: texts, titles (choices included), labels, tooltips, placeholders, errors, fallback and speak. */
const READ = new Set([
  'text',
  'title',
  'label',
  'placeholder',
  'tooltip',
  'errorMessage',
  'fallbackText',
  'speak',
  'altText',
]);
const stringsOf = (node: unknown): string[] =>
  Array.isArray(node)
    ? node.flatMap(stringsOf)
    : node && typeof node === 'object'
      ? Object.entries(node).flatMap(([key, value]) =>
          typeof value === 'string' ? (READ.has(key) ? [value] : []) : stringsOf(value),
        )
      : [];

const TAGS: Record<Exclude<Language, 'en'>, string> = {
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  'pt-BR': 'pt-BR',
  it: 'it-IT',
  nl: 'nl-NL',
  ja: 'ja-JP',
  'zh-CN': 'zh-CN',
  ko: 'ko-KR',
  ar: 'ar-SA',
  he: 'he-IL',
};

describe.each(LANGUAGES.filter((l): l is Exclude<Language, 'en'> => l !== 'en'))('%s', (language) => {
  const cards = cardsIn(TAGS[language]);
  const catalogue = CATALOGUES[language] as Record<MessageKey, string>;
  // The English texts with no argument that this language says otherwise: none may appear on its cards.
  const english = new Set(
    (Object.keys(CATALOGUES.en) as MessageKey[])
      .filter((k) => !CATALOGUES.en[k].includes('{') && catalogue[k] !== CATALOGUES.en[k])
      .map((k) => CATALOGUES.en[k]),
  );

  test.each(cards)('%s card: laid out for the script, spoken in the language, no English left', (_, card) => {
    expect(card.rtl).toBe(language === 'ar' || language === 'he' ? true : undefined);
    expect(card.version).toBe('1.5');
    expect(card.speak.trim().length).toBeGreaterThan(3);
    expect(card.speak).not.toMatch(/\\[*_[\]()<>#!~`|{}]/);
    expect(card.speak).not.toMatch(/\$\{/);
    expect(stringsOf(card).filter((s) => english.has(s))).toEqual([]);
  });
});
