// Adaptive Cards (schema 1.5) the bot sends. Text only (no images), headings marked as headings for
// screen readers, at most MAX_ACTIONS actions per card, and every piece of user content passed through
// plainText(): TextBlocks render markdown, so a title must never turn into a link or emphasis.
import type { AgendaItem, GoalDoc, PairDoc, PairRole, SessionDoc } from '../domain/model';
import { isKnownLocale, wordsFor, type MessageKey, type Words } from '../i18n/messages';
import { BOT_COMMANDS, BOT_NAME } from './botCommands';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MAX_ACTIONS = 6;
export const AGENDA_TICK_VERB = 'agenda.tick';

export type CardElement = { type: string } & Record<string, unknown>;
export type CardAction = { type: 'Action.Execute' | 'Action.OpenUrl' | 'Action.Submit'; title: string } & Record<
  string,
  unknown
>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  /** Shown by clients that cannot render the card, and in notifications. */
  fallbackText: string;
  /** What a screen reader or voice assistant says for the card (plain text, no markdown). */
  speak: string;
  /** Right-to-left layout (Adaptive Cards 1.5) for readers of Arabic and Hebrew. */
  rtl?: true;
}

/** The card laid out for the reader's script: `rtl: true` for Arabic and Hebrew, nothing added otherwise. */
export const inDirectionOf = <C extends object>(words: Words, card: C): C =>
  words.rtl ? { ...card, rtl: true } : card;

/** Markdown-escaped card text as plain spoken text: the backslashes plainText() adds are not read out. */
export const spoken = (value: string) => value.replace(/\\(.)/g, '$1');

export interface AgendaTickData {
  pairId: string;
  sessionId: string;
  itemId: string;
  /** The state the item is set to. */
  done: boolean;
}

/**
 * User text as literal text in a markdown TextBlock: one line, markdown punctuation backslash-escaped
 * (CommonMark), `{{` broken up so Teams' {{DATE()}} substitution cannot fire, list/heading starts neutralised.
 */
export function plainText(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()<>~|#!]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

const text = (value: string, extra: Record<string, unknown> = {}): CardElement => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
const heading = (value: string): CardElement => text(value, { style: 'heading', size: 'Medium', weight: 'Bolder' });
const subtle = (value: string): CardElement => text(value, { isSubtle: true, spacing: 'Small' });

function card(words: Words, fallbackText: string, body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  if (actions.length > MAX_ACTIONS) throw new Error(`a card has at most ${MAX_ACTIONS} actions`);
  return inDirectionOf(words, {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    fallbackText,
    speak: spoken(fallbackText),
  });
}

/** A button that sends the command as if the user had typed it. */
const commandButton = (title: string, command: string): CardAction => ({
  type: 'Action.Submit',
  title,
  data: { msteams: { type: 'imBack', value: command } },
});

const commandButtons = (words: Words): CardAction[] => [
  commandButton(words.t('button.agenda'), 'agenda'),
  commandButton(words.t('button.goals'), 'goals'),
  commandButton(words.t('button.next'), 'next'),
];

/** The commands stay English words (what the bot understands); what they do is said in the reader's language. */
const commandFacts = (words: Words): CardElement => ({
  type: 'FactSet',
  facts: BOT_COMMANDS.map((c) => ({ title: c.command, value: words.t(`command.${c.command}`) })),
});

export const joinButton = (words: Words, session: SessionDoc): CardAction | undefined =>
  session.joinUrl && /^https:\/\//i.test(session.joinUrl)
    ? { type: 'Action.OpenUrl', title: words.t('join.title'), url: session.joinUrl, tooltip: words.t('join.tooltip') }
    : undefined;

/** The first card a user gets, once; `locale`: the reader's (BCP 47, from Teams), English when absent. */
export function welcomeCard(locale?: string): AdaptiveCard {
  const words = wordsFor(locale);
  const title = words.t('welcome.title', { botName: BOT_NAME });
  return card(
    words,
    title,
    [
      heading(title),
      text(words.t('welcome.intro')),
      text(words.t('welcome.next')),
      text(words.t('welcome.youCanType')),
      commandFacts(words),
    ],
    commandButtons(words),
  );
}

/** The answer to help, hi, hello, and anything not understood (with what was not understood). */
export function helpCard(notUnderstood?: string, locale?: string): AdaptiveCard {
  const words = wordsFor(locale);
  const intro =
    notUnderstood === undefined
      ? []
      : [text(words.t('help.notUnderstood', { typed: plainText(notUnderstood.slice(0, 100)) }))];
  return card(
    words,
    words.t('help.fallback', { botName: BOT_NAME, commands: BOT_COMMANDS.map((c) => c.command).join(', ') }),
    [heading(BOT_NAME), ...intro, text(words.t('help.intro')), commandFacts(words), subtle(words.t('help.tab'))],
    commandButtons(words),
  );
}

/** A card with a heading and a few lines, all from the catalogue. */
const simpleCard = (locale: string | undefined, titleKey: MessageKey, lines: MessageKey[]): AdaptiveCard => {
  const words = wordsFor(locale);
  const title = words.t(titleKey);
  return card(words, title, [heading(title), ...lines.map((key) => text(words.t(key, { botName: BOT_NAME })))]);
};

/** For a user who is in no active pair yet: what happens next. */
export const noPairCard = (locale?: string): AdaptiveCard =>
  simpleCard(locale, 'noPair.title', ['noPair.next', 'noPair.ask']);

/** Pair content is confidential: it is shown only in the user's personal chat with the bot. */
export const personalChatOnlyCard = (locale?: string): AdaptiveCard =>
  simpleCard(locale, 'personalOnly.title', ['personalOnly.text']);

/** When the activity does not say which Microsoft Entra user and tenant it comes from. */
export const unknownUserCard = (locale?: string): AdaptiveCard =>
  simpleCard(locale, 'unknownUser.title', ['unknownUser.text']);

/** The pair as the viewer sees it: their role, and the partner's name. */
export interface PairView {
  pair: PairDoc;
  viewerRole: PairRole;
  /** The recipient's locale (BCP 47, from Teams), for dates; en-GB when unknown. */
  locale?: string;
}

const partnerOf = ({ pair, viewerRole }: PairView) => (viewerRole === 'mentor' ? pair.mentee : pair.mentor);

/**
 * "Monday 2 March 2026, 00:00 (Asia/Tokyo)": a UTC instant in the viewer's IANA time zone, the same on every ICU
 * version. With the recipient's locale (Teams says it), their own way of writing dates: "Montag, 2. März 2026 um 00:00".
 */
export function sessionTimeText(scheduledAt: string, timeZone: string, locale?: string): string {
  if (locale && locale !== 'en-GB' && isKnownLocale(locale)) {
    const when = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(
      new Date(scheduledAt),
    );
    return `${when} (${timeZone})`;
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(scheduledAt));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} (${timeZone})`;
}

/** A calendar date (YYYY-MM-DD, no time zone) as the recipient writes dates: "10 Dec 2026", "Dec 10, 2026", "10. Dez. 2026". */
export function calendarDateText(date: string, locale = 'en-GB'): string {
  // Day, short month name and year: never ambiguous between 01/02 and 02/01 readers.
  const options = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } as const;
  const day = new Date(`${date}T00:00:00Z`);
  try {
    return new Intl.DateTimeFormat(locale || 'en-GB', options).format(day);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(day); // a tag Intl rejects
  }
}

const sessionLine = (words: Words, session: SessionDoc, timeZone: string) =>
  words.t('session.line', {
    when: sessionTimeText(session.scheduledAt, timeZone, words.locale),
    minutes: session.durationMinutes,
  });

export interface AgendaCardProps extends PairView {
  session: SessionDoc | undefined;
  timeZone: string;
  /** Whether the viewer may tick items (pair members of an active pair). */
  canTick: boolean;
  /** A line shown above the agenda, e.g. why a tick did not apply. */
  notice?: string;
}

/** The next session's agenda; each item (within the action budget) has a tick button that updates it in place. */
export function agendaCard(props: AgendaCardProps): AdaptiveCard {
  const words = wordsFor(props.locale);
  const partner = plainText(partnerOf(props).name);
  const title = words.t('agenda.title', { partner });
  const notice = props.notice ? [text(props.notice, { color: 'Attention' })] : [];
  const { session } = props;
  if (!session) {
    return card(words, title, [heading(title), ...notice, text(words.t('agenda.noSession'))]);
  }
  const join = joinButton(words, session);
  const tickBudget = props.canTick ? MAX_ACTIONS - (join ? 1 : 0) : 0;
  const items = session.agenda.map((item, index) =>
    agendaItemRow(words, props.pair, session, item, index < tickBudget),
  );
  const body: CardElement[] = [heading(title), subtle(sessionLine(words, session, props.timeZone)), ...notice];
  if (items.length === 0) body.push(text(words.t('agenda.empty')));
  else body.push(...items);
  if (props.canTick && session.agenda.length > tickBudget) body.push(subtle(words.t('agenda.tickInTab')));
  const done = session.agenda.filter((i) => i.done).length;
  return card(
    words,
    words.t('agenda.fallback', { title, done, total: session.agenda.length }),
    body,
    join ? [join] : [],
  );
}

function agendaItemRow(
  words: Words,
  pair: PairDoc,
  session: SessionDoc,
  item: AgendaItem,
  tickable: boolean,
): CardElement {
  const state = words.t(item.done ? 'agenda.item.done' : 'agenda.item.todo', { title: plainText(item.title) });
  const label = item.minutes ? words.t('agenda.item.minutes', { label: state, minutes: item.minutes }) : state;
  const columns: CardElement[] = [
    { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [text(label)] },
  ];
  if (tickable) {
    const data: AgendaTickData = { pairId: pair.id, sessionId: session.id, itemId: item.id, done: !item.done };
    columns.push({
      type: 'Column',
      width: 'auto',
      items: [
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.Execute',
              verb: AGENDA_TICK_VERB,
              title: words.t(item.done ? 'agenda.reopen' : 'agenda.markDone'),
              // Read by screen readers: says which item the button changes (tooltips are plain text, no markdown).
              tooltip: words.t(item.done ? 'agenda.reopen.tooltip' : 'agenda.markDone.tooltip', {
                title: item.title.replace(/\s+/g, ' ').trim(),
              }),
              data,
            },
          ],
        },
      ],
    });
  }
  return { type: 'ColumnSet', id: `agenda-item-${item.id}`, separator: true, columns };
}

const MAX_GOALS_PER_SIDE = 15;

export interface GoalsCardProps extends PairView {
  goals: GoalDoc[];
  /** The reader's locale (Teams sends it with every message): target dates in their format. */
  locale?: string;
}

/** Both sides of the two-way ledger: the executive's goals and the mentor's, with progress. */
export function goalsCard(props: GoalsCardProps): AdaptiveCard {
  const words = wordsFor(props.locale);
  const partner = plainText(partnerOf(props).name);
  const title = words.t('goals.title', { partner });
  const side = (role: PairRole) => {
    const goals = props.goals.filter((g) => g.owner === role);
    const whose =
      role === props.viewerRole
        ? words.t(`goals.side.own.${role}`)
        : words.t(`goals.side.partner.${role}`, { partner });
    const rows = goals.slice(0, MAX_GOALS_PER_SIDE).flatMap((g) => {
      const values = { progress: g.progress, status: words.t(`goal.status.${g.status}`) };
      return [
        text(plainText(g.title), { weight: 'Bolder', spacing: 'Medium' }),
        subtle(
          g.targetDate
            ? words.t('goals.progressTarget', { ...values, date: calendarDateText(g.targetDate, props.locale) })
            : words.t('goals.progress', values),
        ),
      ];
    });
    const more =
      goals.length > MAX_GOALS_PER_SIDE
        ? [subtle(words.t('goals.more', { count: goals.length - MAX_GOALS_PER_SIDE }))]
        : [];
    return [
      text(whose, { weight: 'Bolder', size: 'Medium', spacing: 'Large' }),
      ...(goals.length ? rows : [subtle(words.t('goals.none'))]),
      ...more,
    ];
  };
  const order: PairRole[] = props.viewerRole === 'mentee' ? ['mentee', 'mentor'] : ['mentor', 'mentee'];
  return card(words, words.t('goals.fallback', { title, count: props.goals.length }), [
    heading(title),
    ...order.flatMap(side),
  ]);
}

export interface NextSessionCardProps extends PairView {
  session: SessionDoc | undefined;
  timeZone: string;
  /** Where the tab books a session in both calendars (absent: the viewer may not book). */
  bookUrl?: string;
}

/** When the next session is, in the viewer's time zone, and the join link. */
export function nextSessionCard(props: NextSessionCardProps): AdaptiveCard {
  const words = wordsFor(props.locale);
  const title = words.t('next.title', { partner: plainText(partnerOf(props).name) });
  const { session } = props;
  const book: CardAction | undefined = props.bookUrl
    ? {
        type: 'Action.OpenUrl',
        title: words.t(session ? 'next.bookAnother' : 'next.book'),
        url: props.bookUrl,
        tooltip: words.t('next.book.tooltip'),
      }
    : undefined;
  if (!session) {
    return card(
      words,
      title,
      [heading(title), text(words.t(book ? 'next.noSession.book' : 'next.noSession'))],
      book ? [book] : [],
    );
  }
  const join = joinButton(words, session);
  const when = sessionTimeText(session.scheduledAt, props.timeZone, props.locale);
  return card(
    words,
    words.t('titleWhen', { title, when }),
    [
      heading(title),
      text(when, { weight: 'Bolder' }),
      subtle(words.t('session.details', { minutes: session.durationMinutes, items: session.agenda.length })),
      ...(join ? [] : [text(words.t('next.noMeeting'))]),
    ],
    [...(join ? [join] : []), ...(book ? [book] : [])],
  );
}
