// Adaptive Cards (schema 1.5) the bot sends. Text only (no images), headings marked as headings for
// screen readers, at most MAX_ACTIONS actions per card, and every piece of user content passed through
// plainText(): TextBlocks render markdown, so a title must never turn into a link or emphasis.
import type { AgendaItem, GoalDoc, GoalStatus, PairDoc, PairRole, SessionDoc } from '../domain/model';
import { BOT_COMMANDS, BOT_NAME } from './botCommands';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MAX_ACTIONS = 6;
export const AGENDA_TICK_VERB = 'agenda.tick';

export type CardElement = { type: string } & Record<string, unknown>;
export type CardAction = { type: 'Action.Execute' | 'Action.OpenUrl' | 'Action.Submit'; title: string } & Record<string, unknown>;

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
}

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

const text = (value: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const heading = (value: string): CardElement => text(value, { style: 'heading', size: 'Medium', weight: 'Bolder' });
const subtle = (value: string): CardElement => text(value, { isSubtle: true, spacing: 'Small' });

function card(fallbackText: string, body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  if (actions.length > MAX_ACTIONS) throw new Error(`a card has at most ${MAX_ACTIONS} actions`);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    fallbackText,
    speak: spoken(fallbackText),
  };
}

/** A button that sends the command as if the user had typed it. */
const commandButton = (title: string, command: string): CardAction => ({
  type: 'Action.Submit',
  title,
  data: { msteams: { type: 'imBack', value: command } },
});

const COMMAND_BUTTONS: CardAction[] = [
  commandButton('Agenda', 'agenda'),
  commandButton('Goals', 'goals'),
  commandButton('Next session', 'next'),
];

const commandFacts = (): CardElement => ({
  type: 'FactSet',
  facts: BOT_COMMANDS.map((c) => ({ title: c.command, value: c.description })),
});

const joinButton = (session: SessionDoc): CardAction | undefined =>
  session.joinUrl && /^https:\/\//i.test(session.joinUrl)
    ? { type: 'Action.OpenUrl', title: 'Join the meeting', url: session.joinUrl, tooltip: 'Join the Teams meeting of this session' }
    : undefined;

/** The first card a user gets, once. */
export function welcomeCard(): AdaptiveCard {
  return card(`Welcome to ${BOT_NAME}`, [
    heading(`Welcome to ${BOT_NAME}`),
    text('I help you and your partner prepare, run and follow up your reverse mentoring sessions. What you say in a session stays between the two of you unless you both agree to share it.'),
    text('What happens next: your programme admin pairs you with a partner. Then ask me for your agenda, your goals or your next session here, or open the Reverse Mentoring tab.'),
    text('You can type:'),
    commandFacts(),
  ], COMMAND_BUTTONS);
}

/** The answer to help, hi, hello, and anything not understood (with what was not understood). */
export function helpCard(notUnderstood?: string): AdaptiveCard {
  const intro = notUnderstood === undefined
    ? []
    : [text(`Sorry, I did not understand “${plainText(notUnderstood.slice(0, 100))}”.`)];
  return card(`${BOT_NAME}: commands are ${BOT_COMMANDS.map((c) => c.command).join(', ')}`, [
    heading(BOT_NAME),
    ...intro,
    text('I help you and your partner prepare, run and follow up your sessions. You can type:'),
    commandFacts(),
    subtle('The Reverse Mentoring tab shows your goals, the next session and its agenda.'),
  ], COMMAND_BUTTONS);
}

/** For a user who is in no active pair yet: what happens next. */
export function noPairCard(): AdaptiveCard {
  return card('You are not in a pair yet', [
    heading('You are not in a pair yet'),
    text('What happens next: your programme admin matches you with a partner. As soon as your pair is created, I can show your agenda, goals and next session here, and so does the Reverse Mentoring tab.'),
    text('If you expected to be in a pair already, ask your programme admin.'),
  ]);
}

/** Pair content is confidential: it is shown only in the user's personal chat with the bot. */
export function personalChatOnlyCard(): AdaptiveCard {
  return card('Ask me in our personal chat', [
    heading('Ask me in our personal chat'),
    text(`What you and your partner plan is confidential, so I show agendas, goals and sessions only in your personal chat with ${BOT_NAME}.`),
  ]);
}

/** When the activity does not say which Microsoft Entra user and tenant it comes from. */
export function unknownUserCard(): AdaptiveCard {
  return card('I could not tell who you are', [
    heading('I could not tell who you are'),
    text('Your message did not say which organisation account it came from. Open the Reverse Mentoring tab in Microsoft Teams instead.'),
  ]);
}

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
  if (locale && locale !== 'en-GB' && Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0) {
    const when = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(scheduledAt));
    return `${when} (${timeZone})`;
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
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

const sessionLine = (session: SessionDoc, timeZone: string, locale?: string) =>
  `${sessionTimeText(session.scheduledAt, timeZone, locale)}, ${session.durationMinutes} minutes`;

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
  const partner = plainText(partnerOf(props).name);
  const title = `Agenda: next session with ${partner}`;
  const notice = props.notice ? [text(props.notice, { color: 'Attention' })] : [];
  const { session } = props;
  if (!session) {
    return card(title, [
      heading(title), ...notice,
      text('No session is scheduled yet. Schedule one in the Reverse Mentoring tab; I will show its agenda here.'),
    ]);
  }
  const join = joinButton(session);
  const tickBudget = props.canTick ? MAX_ACTIONS - (join ? 1 : 0) : 0;
  const items = session.agenda.map((item, index) => agendaItemRow(props.pair, session, item, index < tickBudget));
  const body: CardElement[] = [heading(title), subtle(sessionLine(session, props.timeZone, props.locale)), ...notice];
  if (items.length === 0) body.push(text('The agenda is empty. Add items in the Reverse Mentoring tab.'));
  else body.push(...items);
  if (props.canTick && session.agenda.length > tickBudget)
    body.push(subtle('Tick the other items in the Reverse Mentoring tab.'));
  const done = session.agenda.filter((i) => i.done).length;
  return card(`${title}: ${done} of ${session.agenda.length} items done`, body, join ? [join] : []);
}

function agendaItemRow(pair: PairDoc, session: SessionDoc, item: AgendaItem, tickable: boolean): CardElement {
  const label = `${item.done ? 'Done' : 'To do'}: ${plainText(item.title)}${item.minutes ? ` (${item.minutes} min)` : ''}`;
  const columns: CardElement[] = [{ type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [text(label)] }];
  if (tickable) {
    const data: AgendaTickData = { pairId: pair.id, sessionId: session.id, itemId: item.id, done: !item.done };
    columns.push({
      type: 'Column',
      width: 'auto',
      items: [{
        type: 'ActionSet',
        actions: [{
          type: 'Action.Execute',
          verb: AGENDA_TICK_VERB,
          title: item.done ? 'Reopen' : 'Mark done',
          // Read by screen readers: says which item the button changes (tooltips are plain text, no markdown).
          tooltip: `${item.done ? 'Reopen' : 'Mark done'}: ${item.title.replace(/\s+/g, ' ').trim()}`,
          data,
        }],
      }],
    });
  }
  return { type: 'ColumnSet', id: `agenda-item-${item.id}`, separator: true, columns };
}

const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  notStarted: 'Not started', onTrack: 'On track', atRisk: 'At risk', achieved: 'Achieved', dropped: 'Dropped',
};
const MAX_GOALS_PER_SIDE = 15;

export interface GoalsCardProps extends PairView {
  goals: GoalDoc[];
  /** The reader's locale (Teams sends it with every message): target dates in their format. */
  locale?: string;
}

/** Both sides of the two-way ledger: the executive's goals and the mentor's, with progress. */
export function goalsCard(props: GoalsCardProps): AdaptiveCard {
  const partner = partnerOf(props);
  const title = `Goals: you and ${plainText(partner.name)}`;
  const side = (role: PairRole) => {
    const goals = props.goals.filter((g) => g.owner === role);
    const whose = role === props.viewerRole ? 'Your goals' : `${plainText(partner.name)}’s goals`;
    const rows = goals.slice(0, MAX_GOALS_PER_SIDE).flatMap((g) => [
      text(plainText(g.title), { weight: 'Bolder', spacing: 'Medium' }),
      subtle(`Progress: ${g.progress}% · ${GOAL_STATUS_LABELS[g.status]}${g.targetDate ? ` · target ${calendarDateText(g.targetDate, props.locale)}` : ''}`),
    ]);
    const more = goals.length > MAX_GOALS_PER_SIDE ? [subtle(`And ${goals.length - MAX_GOALS_PER_SIDE} more in the Reverse Mentoring tab.`)] : [];
    return [
      text(`${whose} (${role === 'mentee' ? 'executive' : 'mentor'})`, { weight: 'Bolder', size: 'Medium', spacing: 'Large' }),
      ...(goals.length ? rows : [subtle('No goals yet.')]),
      ...more,
    ];
  };
  const order: PairRole[] = props.viewerRole === 'mentee' ? ['mentee', 'mentor'] : ['mentor', 'mentee'];
  return card(`${title}: ${props.goals.length} goals`, [heading(title), ...order.flatMap(side)]);
}

export interface NextSessionCardProps extends PairView {
  session: SessionDoc | undefined;
  timeZone: string;
  /** Where the tab books a session in both calendars (absent: the viewer may not book). */
  bookUrl?: string;
}

/** When the next session is, in the viewer's time zone, and the join link. */
export function nextSessionCard(props: NextSessionCardProps): AdaptiveCard {
  const title = `Next session with ${plainText(partnerOf(props).name)}`;
  const { session } = props;
  const book: CardAction | undefined = props.bookUrl
    ? { type: 'Action.OpenUrl', title: session ? 'Book another' : 'Book', url: props.bookUrl, tooltip: 'Find a time that suits you both and book it in both calendars' }
    : undefined;
  if (!session) {
    return card(title, [heading(title), text(book ? 'No session is scheduled yet. Book one: the tab finds times that suit you both.' : 'No session is scheduled yet. Schedule one in the Reverse Mentoring tab.')], book ? [book] : []);
  }
  const join = joinButton(session);
  const when = sessionTimeText(session.scheduledAt, props.timeZone, props.locale);
  return card(`${title}: ${when}`, [
    heading(title),
    text(when, { weight: 'Bolder' }),
    subtle(`${session.durationMinutes} minutes · ${session.agenda.length} agenda items`),
    ...(join ? [] : [text('No Teams meeting is linked to this session yet.')]),
  ], [...(join ? [join] : []), ...(book ? [book] : [])]);
}
