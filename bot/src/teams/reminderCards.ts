// The cards reminders and settings send: Adaptive Cards 1.5 written as templates and bound to data with
// adaptivecards-templating. Text only, at most MAX_ACTIONS actions, user content through plainText().
// The first element's id names the reminder, so a client (and the tests) can tell two sends apart.
import { Template } from 'adaptivecards-templating';
import { noticeSubPage, type ActivityNotice } from '../domain/activities';
import { noticePreviewIn, wordsFor, type MessageKey, type Words } from '../i18n/messages';
import { REMINDER_KINDS, type QuietHours, type ReminderKind } from '../domain/reminders';
import type { ReminderContent } from '../jobs/reminderRun';
import { abilities } from '../policies';
import { ledgerCard } from './ledgerCards';
import {
  MAX_ACTIONS,
  agendaCard,
  calendarDateText,
  inDirectionOf,
  plainText,
  sessionTimeText,
  spoken,
  type AdaptiveCard,
} from './cards';

export const FEEDBACK_VERB = 'feedback.submit';
export const SNOOZE_VERB = 'reminder.snooze';
export const COMMITMENT_DONE_VERB = 'commitment.done';
export const SETTINGS_VERB = 'settings.save';
export const SNOOZE_ALL_VERB = 'settings.snooze';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * The template bound to the data and to the reader's words: `${t['key']}` in a template is the catalogue's text
 * in their language (written out in full, so the template engine never parses a translation).
 */
function expand(template: object, data: object, words: Words): AdaptiveCard {
  const keys = new Set([...JSON.stringify(template).matchAll(/\$\{t\['([\w.]+)'\]\}/g)].map((m) => m[1] as MessageKey));
  const t = Object.fromEntries([...keys].map((key) => [key, words.t(key)]));
  const expanded = new Template(template).expand({ $root: { ...data, t } }) as Omit<AdaptiveCard, 'speak'> & {
    speak?: string;
  };
  // Screen readers and voice read `speak`: the card's summary and its details, without markdown escapes.
  const said = [
    expanded.fallbackText,
    ...(['details', 'line'] as const)
      .map((k) => (data as Record<string, unknown>)[k])
      .filter((v): v is string => typeof v === 'string' && v !== ''),
  ];
  const card: AdaptiveCard = inDirectionOf(words, {
    ...expanded,
    speak: spoken(said.join('. ').replace(/\.\./g, '.')),
  });
  const actions = JSON.stringify(card).match(/"type":"Action\./g)?.length ?? 0;
  if (actions > MAX_ACTIONS) throw new Error(`a card has at most ${MAX_ACTIONS} actions`);
  return card;
}

const heading = {
  type: 'TextBlock',
  id: '${markerId}',
  text: '${title}',
  wrap: true,
  style: 'heading',
  size: 'Medium',
  weight: 'Bolder',
};
const snoozeAction = {
  type: 'Action.Execute',
  verb: SNOOZE_VERB,
  title: "${t['reminder.snooze']}",
  tooltip: "${t['reminder.snooze.tooltip']}",
  data: { pairId: '${pairId}', reminderId: '${reminderId}' },
};

const startingSoonTemplate = {
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: '1.5',
  fallbackText: '${title}: ${when}',
  body: [
    heading,
    { type: 'TextBlock', text: '${when}', wrap: true, weight: 'Bolder' },
    { type: 'TextBlock', text: '${details}', wrap: true, isSubtle: true, spacing: 'Small' },
    { type: 'TextBlock', $when: '${!hasJoinUrl}', text: "${t['startingSoon.noMeeting']}", wrap: true },
  ],
  actions: [
    {
      type: 'Action.OpenUrl',
      $when: '${hasJoinUrl}',
      title: "${t['join.title']}",
      url: '${joinUrl}',
      tooltip: "${t['join.tooltip']}",
    },
    { type: 'Action.Submit', title: "${t['button.agenda']}", data: { msteams: { type: 'imBack', value: 'agenda' } } },
  ],
};

const captureTemplate = {
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: '1.5',
  fallbackText: '${title}',
  body: [
    heading,
    { type: 'TextBlock', text: "${t['capture.text']}", wrap: true },
    { type: 'TextBlock', text: "${t['capture.question']}", wrap: true, weight: 'Bolder', spacing: 'Medium' },
    {
      type: 'Input.ChoiceSet',
      id: 'rating',
      style: 'expanded',
      label: "${t['capture.ratingLabel']}",
      isRequired: true,
      errorMessage: "${t['capture.ratingError']}",
      choices: [
        { title: "${t['capture.rating1']}", value: '1' },
        { title: '2', value: '2' },
        { title: '3', value: '3' },
        { title: '4', value: '4' },
        { title: "${t['capture.rating5']}", value: '5' },
      ],
    },
    { type: 'Input.Text', id: 'comment', label: "${t['capture.comment']}", isMultiline: true, maxLength: 1000 },
  ],
  actions: [
    {
      type: 'Action.Execute',
      verb: FEEDBACK_VERB,
      title: "${t['capture.send']}",
      data: { pairId: '${pairId}', sessionId: '${sessionId}' },
    },
    snoozeAction,
  ],
};

const stalledTemplate = {
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: '1.5',
  fallbackText: '${title}',
  body: [
    heading,
    { type: 'TextBlock', text: '${details}', wrap: true },
    { type: 'TextBlock', text: "${t['stalled.text']}", wrap: true },
  ],
  actions: [snoozeAction],
};

const commitmentTemplate = {
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: '1.5',
  fallbackText: '${title}',
  body: [
    heading,
    { type: 'TextBlock', text: '${commitment}', wrap: true, weight: 'Bolder' },
    { type: 'TextBlock', text: '${details}', wrap: true, isSubtle: true, spacing: 'Small' },
  ],
  actions: [
    {
      type: 'Action.Execute',
      verb: COMMITMENT_DONE_VERB,
      title: "${t['commitment.markKept']}",
      tooltip: "${t['commitment.markKept.tooltip']}",
      data: { pairId: '${pairId}', commitmentId: '${commitmentId}' },
    },
    snoozeAction,
  ],
};

const retentionTemplate = {
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: '1.5',
  fallbackText: '${title}',
  body: [
    heading,
    { type: 'TextBlock', text: '${details}', wrap: true },
    { type: 'TextBlock', text: "${t['retention.text']}", wrap: true, isSubtle: true, spacing: 'Small' },
  ],
  actions: [
    {
      type: 'Action.OpenUrl',
      title: "${t['retention.export']}",
      url: '${myDataUrl}',
      tooltip: "${t['retention.export.tooltip']}",
    },
  ],
};

const noticeTemplate = {
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: '1.5',
  fallbackText: '${title}',
  body: [heading, { type: 'TextBlock', text: '${details}', wrap: true, isSubtle: true, spacing: 'Small' }],
  actions: [
    { type: 'Action.OpenUrl', title: "${t['notice.open']}", url: '${url}', tooltip: "${t['notice.open.tooltip']}" },
  ],
};

export const reminderMarkerId = (reminderId: string) => `marker-${reminderId}`;

/** Where a card sends people: the personal tab's "Your data", or a place in the tab (Teams deep links where the app's id is known). */
export interface CardLinks {
  myDataUrl: string;
  /** The personal tab opened at a sub-page (a pair, or a section of it). */
  tabUrl(subPageId: string): string;
}

/** A notice's line in the reader's language: the manifest's template text with its parameters (as the feed would say it). */
export function noticeLine(words: Words, notice: ActivityNotice): string {
  const values = notice.parameters as Record<string, string>;
  const stage = values['stage'];
  const moment = stage && (['baseline', 'midpoint', 'end'] as const).find((m) => m === stage);
  return words.t(`notice.${notice.type}`, { ...values, ...(moment ? { stage: words.t(`moment.${moment}`) } : {}) });
}

/** The card a reminder sends, built from what is current at send time, in the recipient's stored language. */
export function reminderCard(content: ReminderContent, links: CardLinks): AdaptiveCard {
  const { reminder, pair, viewerRole, session, commitment, timeZone, locale } = content;
  const words = wordsFor(locale);
  const partner = plainText((viewerRole === 'mentor' ? pair.mentee : pair.mentor).name);
  const base = { markerId: reminderMarkerId(reminder.id), pairId: pair.id, reminderId: reminder.id };
  switch (reminder.kind) {
    case 'prepare': {
      // The recipient's abilities, from the policy module: the card offers what they may do.
      const recipient = { tenantId: pair.tenantId, userId: reminder.recipientId, name: '', roles: [] };
      const canTick = !!session && abilities(recipient, { kind: 'session', session, pair }).updateAgendaItem === true;
      const card = agendaCard({
        pair,
        viewerRole,
        session,
        timeZone,
        ...(locale ? { locale } : {}),
        canTick,
        notice: words.t('prepare.notice', { partner }),
      });
      return { ...card, body: [{ ...card.body[0]!, id: base.markerId }, ...card.body.slice(1)] };
    }
    case 'startingSoon': {
      const hasJoinUrl = !!session?.joinUrl && /^https:\/\//i.test(session.joinUrl);
      return expand(
        startingSoonTemplate,
        {
          ...base,
          title: words.t('startingSoon.title', { partner }),
          when: sessionTimeText(session!.scheduledAt, timeZone, locale),
          details: words.t('session.details', { minutes: session!.durationMinutes, items: session!.agenda.length }),
          hasJoinUrl,
          joinUrl: hasJoinUrl ? session!.joinUrl : '',
        },
        words,
      );
    }
    case 'captureTakeaways':
      return expand(
        captureTemplate,
        { ...base, sessionId: session!.id, title: words.t('capture.title', { partner }) },
        words,
      );
    case 'stalled':
      return expand(
        stalledTemplate,
        {
          ...base,
          title: words.t('stalled.title', { partner }),
          details: words.t('stalled.details'),
        },
        words,
      );
    case 'commitmentCheckIn':
      return expand(
        commitmentTemplate,
        {
          ...base,
          commitmentId: commitment!.id,
          title:
            viewerRole === 'mentee'
              ? words.t('commitment.title.own')
              : words.t('commitment.title.partner', { partner }),
          commitment: plainText(commitment!.text),
          details: commitment!.dueDate
            ? words.t('commitment.due', { date: calendarDateText(commitment!.dueDate, locale) })
            : words.t('commitment.noDue'),
        },
        words,
      );
    case 'retentionNotice':
      return expand(
        retentionTemplate,
        {
          ...base,
          title: words.t('retention.title', { partner }),
          details: words.t('retention.details', {
            when: sessionTimeText(content.retentionDeletesAt!, timeZone, locale),
          }),
          myDataUrl: links.myDataUrl,
        },
        words,
      );
    case 'assessment':
      // "Open the ledger" opens the tab at the pair's ledger, as the feed's "assessment due" does.
      return ledgerCard(content, base.markerId, {
        myDataUrl: links.myDataUrl,
        pairUrl: links.tabUrl(noticeSubPage(pair.id, 'ledger')),
      });
    case 'notice':
      // What the activity feed would have said, for someone it could not reach.
      return expand(
        noticeTemplate,
        {
          ...base,
          title: plainText(noticeLine(words, reminder.notice!)),
          details: plainText(noticePreviewIn(locale, reminder.notice!.preview)),
          url: links.tabUrl(reminder.notice!.subPageId),
        },
        words,
      );
  }
}

export interface SettingsCardProps {
  timeZone: string;
  /** Where the time zone comes from, said on the card. */
  timeZoneSource: 'settings' | 'teams' | 'default';
  quietHours: QuietHours | null;
  disabledKinds: ReminderKind[];
  snoozedUntil?: string;
  notice?: string;
  /** The reader's locale (BCP 47), English when absent. */
  locale?: string;
}

const settingsTemplate = {
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: '1.5',
  fallbackText: "${t['settings.title']}",
  body: [
    {
      type: 'TextBlock',
      text: "${t['settings.title']}",
      wrap: true,
      style: 'heading',
      size: 'Medium',
      weight: 'Bolder',
    },
    { type: 'TextBlock', $when: "${notice != ''}", text: '${notice}', wrap: true, color: 'Good' },
    { type: 'TextBlock', text: '${snoozeLine}', wrap: true, isSubtle: true },
    {
      type: 'Input.Text',
      id: 'timeZone',
      label: '${timeZoneLabel}',
      value: '${timeZone}',
      placeholder: "${t['settings.timeZone.placeholder']}",
      maxLength: 64,
      isRequired: true,
      errorMessage: "${t['settings.timeZone.error']}",
    },
    {
      type: 'Input.Toggle',
      id: 'quietEnabled',
      title: "${t['settings.quiet']}",
      value: '${quietEnabled}',
      valueOn: 'true',
      valueOff: 'false',
    },
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            { type: 'Input.Time', id: 'quietStart', label: "${t['settings.quiet.from']}", value: '${quietStart}' },
          ],
        },
        {
          type: 'Column',
          width: 'stretch',
          items: [{ type: 'Input.Time', id: 'quietEnd', label: "${t['settings.quiet.until']}", value: '${quietEnd}' }],
        },
      ],
    },
    { type: 'TextBlock', text: "${t['settings.kinds']}", wrap: true, weight: 'Bolder', spacing: 'Medium' },
    {
      type: 'Container',
      items: [
        {
          $data: '${kinds}',
          type: 'Input.Toggle',
          id: 'kind.${kind}',
          title: '${label}',
          value: '${on}',
          valueOn: 'true',
          valueOff: 'false',
        },
      ],
    },
  ],
  actions: [
    { type: 'Action.Execute', verb: SETTINGS_VERB, title: "${t['settings.save']}", data: { action: 'save' } },
    {
      type: 'Action.Execute',
      verb: SNOOZE_ALL_VERB,
      title: "${t['settings.pauseDay']}",
      tooltip: "${t['settings.pauseDay.tooltip']}",
      data: { hours: 24 },
    },
    { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: "${t['settings.resume']}", data: { hours: 0 } },
  ],
};

/** Time zone, quiet hours and which reminders, as inputs saved in place (Action.Execute). */
export function settingsCard(props: SettingsCardProps): AdaptiveCard {
  const words = wordsFor(props.locale);
  const quiet = props.quietHours;
  return expand(
    settingsTemplate,
    {
      notice: props.notice ?? '',
      snoozeLine:
        props.snoozedUntil && Date.parse(props.snoozedUntil) > Date.now()
          ? words.t('settings.paused', { when: sessionTimeText(props.snoozedUntil, props.timeZone, props.locale) })
          : words.t('settings.on'),
      timeZone: props.timeZone,
      timeZoneLabel: words.t(`settings.timeZone.${props.timeZoneSource}`),
      quietEnabled: quiet ? 'true' : 'false',
      quietStart: quiet?.start ?? '21:00',
      quietEnd: quiet?.end ?? '07:00',
      kinds: REMINDER_KINDS.map((kind) => ({
        kind,
        label: words.t(`kind.${kind}`),
        on: props.disabledKinds.includes(kind) ? 'false' : 'true',
      })),
    },
    words,
  );
}

/** The answer to `snooze`: pause reminders for a while, or resume them. */
export function snoozeCard(props: {
  snoozedUntil?: string;
  timeZone: string;
  notice?: string;
  locale?: string;
}): AdaptiveCard {
  const words = wordsFor(props.locale);
  const paused = props.snoozedUntil && Date.parse(props.snoozedUntil) > Date.now();
  return expand(
    {
      type: 'AdaptiveCard',
      $schema: SCHEMA,
      version: '1.5',
      fallbackText: "${t['snooze.title']}",
      body: [
        {
          type: 'TextBlock',
          text: "${t['snooze.title']}",
          wrap: true,
          style: 'heading',
          size: 'Medium',
          weight: 'Bolder',
        },
        { type: 'TextBlock', $when: "${notice != ''}", text: '${notice}', wrap: true, color: 'Good' },
        { type: 'TextBlock', text: '${line}', wrap: true },
      ],
      actions: [
        { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: "${t['snooze.hour']}", data: { hours: 1 } },
        { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: "${t['snooze.day']}", data: { hours: 24 } },
        { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: "${t['snooze.week']}", data: { hours: 168 } },
        { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: "${t['snooze.resume']}", data: { hours: 0 } },
      ],
    },
    {
      notice: props.notice ?? '',
      line: paused
        ? words.t('snooze.paused', { when: sessionTimeText(props.snoozedUntil!, props.timeZone, props.locale) })
        : words.t('snooze.on'),
    },
    words,
  );
}

/** A short confirmation card that replaces the one the user acted on. */
export function doneCard(title: string, line: string, locale?: string): AdaptiveCard {
  return expand(
    {
      type: 'AdaptiveCard',
      $schema: SCHEMA,
      version: '1.5',
      fallbackText: '${title}',
      body: [
        { type: 'TextBlock', text: '${title}', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' },
        { type: 'TextBlock', text: '${line}', wrap: true },
      ],
    },
    { title, line },
    wordsFor(locale),
  );
}
