// The cards reminders and settings send: Adaptive Cards 1.5 written as templates and bound to data with
// adaptivecards-templating. Text only, at most MAX_ACTIONS actions, user content through plainText().
// The first element's id names the reminder, so a client (and the tests) can tell two sends apart.
import { Template } from 'adaptivecards-templating';
import { noticeText } from '../domain/activities';
import { REMINDER_KINDS, type QuietHours, type ReminderKind } from '../domain/reminders';
import type { ReminderContent } from '../jobs/reminderRun';
import { abilities } from '../policies';
import { ledgerCard } from './ledgerCards';
import { MAX_ACTIONS, agendaCard, calendarDateText, plainText, sessionTimeText, spoken, type AdaptiveCard } from './cards';

export const FEEDBACK_VERB = 'feedback.submit';
export const SNOOZE_VERB = 'reminder.snooze';
export const COMMITMENT_DONE_VERB = 'commitment.done';
export const SETTINGS_VERB = 'settings.save';
export const SNOOZE_ALL_VERB = 'settings.snooze';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

function expand(template: object, data: object): AdaptiveCard {
  const expanded = new Template(template).expand({ $root: data }) as Omit<AdaptiveCard, 'speak'> & { speak?: string };
  // Screen readers and voice read `speak`: the card's summary and its details, without markdown escapes.
  const said = [expanded.fallbackText, ...(['details', 'line'] as const).map((k) => (data as Record<string, unknown>)[k]).filter((v): v is string => typeof v === 'string' && v !== '')];
  const card: AdaptiveCard = { ...expanded, speak: spoken(said.join('. ').replace(/\.\./g, '.')) };
  const actions = JSON.stringify(card).match(/"type":"Action\./g)?.length ?? 0;
  if (actions > MAX_ACTIONS) throw new Error(`a card has at most ${MAX_ACTIONS} actions`);
  return card;
}

const heading = { type: 'TextBlock', id: '${markerId}', text: '${title}', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' };
const snoozeAction = { type: 'Action.Execute', verb: SNOOZE_VERB, title: 'Remind me in an hour', tooltip: 'Send this reminder again in an hour', data: { pairId: '${pairId}', reminderId: '${reminderId}' } };

const startingSoonTemplate = {
  type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: '${title}: ${when}',
  body: [
    heading,
    { type: 'TextBlock', text: '${when}', wrap: true, weight: 'Bolder' },
    { type: 'TextBlock', text: '${details}', wrap: true, isSubtle: true, spacing: 'Small' },
    { type: 'TextBlock', $when: '${!hasJoinUrl}', text: 'No Teams meeting is linked to this session: agree with your partner where you meet.', wrap: true },
  ],
  actions: [
    { type: 'Action.OpenUrl', $when: '${hasJoinUrl}', title: 'Join the meeting', url: '${joinUrl}', tooltip: 'Join the Teams meeting of this session' },
    { type: 'Action.Submit', title: 'Agenda', data: { msteams: { type: 'imBack', value: 'agenda' } } },
  ],
};

const captureTemplate = {
  type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: '${title}',
  body: [
    heading,
    { type: 'TextBlock', text: 'Capture your takeaways while they are fresh: open the Reverse Mentoring tab. Each takeaway stays private until you both agree to share it.', wrap: true },
    { type: 'TextBlock', text: 'How useful was this session for you?', wrap: true, weight: 'Bolder', spacing: 'Medium' },
    {
      type: 'Input.ChoiceSet', id: 'rating', style: 'expanded', label: 'Your rating, 1 (not useful) to 5 (very useful)', isRequired: true,
      errorMessage: 'Choose a rating from 1 to 5.',
      choices: [
        { title: '1 – not useful', value: '1' }, { title: '2', value: '2' }, { title: '3', value: '3' }, { title: '4', value: '4' }, { title: '5 – very useful', value: '5' },
      ],
    },
    { type: 'Input.Text', id: 'comment', label: 'Anything to add? (optional, only for the programme team, without your name)', isMultiline: true, maxLength: 1000 },
  ],
  actions: [
    { type: 'Action.Execute', verb: FEEDBACK_VERB, title: 'Send feedback', data: { pairId: '${pairId}', sessionId: '${sessionId}' } },
    snoozeAction,
  ],
};

const stalledTemplate = {
  type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: '${title}',
  body: [
    heading,
    { type: 'TextBlock', text: '${details}', wrap: true },
    { type: 'TextBlock', text: 'Pick a time with your partner and add the session in the Reverse Mentoring tab; I remind you both before it starts.', wrap: true },
  ],
  actions: [snoozeAction],
};

const commitmentTemplate = {
  type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: '${title}',
  body: [
    heading,
    { type: 'TextBlock', text: '${commitment}', wrap: true, weight: 'Bolder' },
    { type: 'TextBlock', text: '${details}', wrap: true, isSubtle: true, spacing: 'Small' },
  ],
  actions: [
    { type: 'Action.Execute', verb: COMMITMENT_DONE_VERB, title: 'Mark as kept', tooltip: 'Mark this commitment as kept', data: { pairId: '${pairId}', commitmentId: '${commitmentId}' } },
    snoozeAction,
  ],
};

const retentionTemplate = {
  type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: '${title}',
  body: [
    heading,
    { type: 'TextBlock', text: '${details}', wrap: true },
    { type: 'TextBlock', text: 'Export what you wrote (notes, takeaways, goals, commitments) under Your data in the Reverse Mentoring tab before then. Your programme admin cannot read or export it for you.', wrap: true, isSubtle: true, spacing: 'Small' },
  ],
  actions: [{ type: 'Action.OpenUrl', title: 'Export my data', url: '${myDataUrl}', tooltip: 'Open Your data in the Reverse Mentoring tab' }],
};

const noticeTemplate = {
  type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: '${title}',
  body: [heading, { type: 'TextBlock', text: '${details}', wrap: true, isSubtle: true, spacing: 'Small' }],
  actions: [{ type: 'Action.OpenUrl', title: 'Open Reverse Mentoring', url: '${url}', tooltip: 'Open this in the Reverse Mentoring tab' }],
};

export const reminderMarkerId = (reminderId: string) => `marker-${reminderId}`;

/** Where a card sends people: the personal tab's "Your data", or a place in the tab (Teams deep links where the app's id is known). */
export interface CardLinks {
  myDataUrl: string;
  /** The personal tab opened at a sub-page (a pair, or a section of it). */
  tabUrl(subPageId: string): string;
}

/** The card a reminder sends, built from what is current at send time. */
export function reminderCard(content: ReminderContent, links: CardLinks): AdaptiveCard {
  const { reminder, pair, viewerRole, session, commitment, timeZone, locale } = content;
  const partner = plainText((viewerRole === 'mentor' ? pair.mentee : pair.mentor).name);
  const base = { markerId: reminderMarkerId(reminder.id), pairId: pair.id, reminderId: reminder.id };
  switch (reminder.kind) {
    case 'prepare': {
      // The recipient's abilities, from the policy module: the card offers what they may do.
      const recipient = { tenantId: pair.tenantId, userId: reminder.recipientId, name: '', roles: [] };
      const canTick = !!session && abilities(recipient, { kind: 'session', session, pair }).updateAgendaItem === true;
      const card = agendaCard({ pair, viewerRole, session, timeZone, ...(locale ? { locale } : {}), canTick, notice: `Your session with ${partner} is coming up: here is its agenda to prepare.` });
      return { ...card, body: [{ ...card.body[0]!, id: base.markerId }, ...card.body.slice(1)] };
    }
    case 'startingSoon': {
      const hasJoinUrl = !!session?.joinUrl && /^https:\/\//i.test(session.joinUrl);
      return expand(startingSoonTemplate, {
        ...base,
        title: `Starting soon: your session with ${partner}`,
        when: sessionTimeText(session!.scheduledAt, timeZone, locale),
        details: `${session!.durationMinutes} minutes · ${session!.agenda.length} agenda items`,
        hasJoinUrl,
        joinUrl: hasJoinUrl ? session!.joinUrl : '',
      });
    }
    case 'captureTakeaways':
      return expand(captureTemplate, { ...base, sessionId: session!.id, title: `How did your session with ${partner} go?` });
    case 'stalled':
      return expand(stalledTemplate, {
        ...base,
        title: `Time to meet ${partner} again`,
        details: 'Your pair has no session planned. Regular sessions are what make reverse mentoring work.',
      });
    case 'commitmentCheckIn':
      return expand(commitmentTemplate, {
        ...base,
        commitmentId: commitment!.id,
        title: viewerRole === 'mentee' ? 'How is your commitment going?' : `How is ${partner}’s commitment going?`,
        commitment: plainText(commitment!.text),
        details: commitment!.dueDate ? `Due ${calendarDateText(commitment!.dueDate, locale)}. Mark it as kept when it is done.` : 'Mark it as kept when it is done.',
      });
    case 'retentionNotice':
      return expand(retentionTemplate, {
        ...base,
        title: `Your mentoring content with ${partner} will be deleted`,
        details: `Your pair has ended. On ${sessionTimeText(content.retentionDeletesAt!, timeZone, locale)} the programme's retention period is over and your pair's notes, takeaways, goals, sessions and commitments are deleted for good.`,
        myDataUrl: links.myDataUrl,
      });
    case 'assessment':
      return ledgerCard(content, base.markerId, { myDataUrl: links.myDataUrl, pairUrl: links.tabUrl(pair.id) });
    case 'notice':
      // What the activity feed would have said, for someone it could not reach.
      return expand(noticeTemplate, {
        ...base,
        title: plainText(noticeText(reminder.notice!)),
        details: plainText(reminder.notice!.preview),
        url: links.tabUrl(reminder.notice!.subPageId),
      });
  }
}

export const REMINDER_KIND_LABELS: Record<(typeof REMINDER_KINDS)[number], string> = {
  prepare: 'Prepare: the agenda a day before',
  startingSoon: 'Starting soon: 15 minutes before, with the join link',
  captureTakeaways: 'After a session: takeaways and feedback',
  stalled: 'When your pair has not met for a while',
  commitmentCheckIn: 'Commitment check-ins',
};

export interface SettingsCardProps {
  timeZone: string;
  /** Where the time zone comes from, said on the card. */
  timeZoneSource: 'settings' | 'teams' | 'default';
  quietHours: QuietHours | null;
  disabledKinds: ReminderKind[];
  snoozedUntil?: string;
  notice?: string;
}

const settingsTemplate = {
  type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: 'Your reminder settings',
  body: [
    { type: 'TextBlock', text: 'Your reminder settings', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' },
    { type: 'TextBlock', $when: '${notice != \'\'}', text: '${notice}', wrap: true, color: 'Good' },
    { type: 'TextBlock', text: '${snoozeLine}', wrap: true, isSubtle: true },
    { type: 'Input.Text', id: 'timeZone', label: '${timeZoneLabel}', value: '${timeZone}', placeholder: 'e.g. Europe/Berlin', maxLength: 64, isRequired: true, errorMessage: 'Enter a time zone such as Europe/Berlin.' },
    { type: 'Input.Toggle', id: 'quietEnabled', title: 'Quiet hours: no reminders during them', value: '${quietEnabled}', valueOn: 'true', valueOff: 'false' },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'quietStart', label: 'From', value: '${quietStart}' }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'quietEnd', label: 'Until', value: '${quietEnd}' }] },
      ],
    },
    { type: 'TextBlock', text: 'Which reminders you get', wrap: true, weight: 'Bolder', spacing: 'Medium' },
    { type: 'Container', items: [{ $data: '${kinds}', type: 'Input.Toggle', id: 'kind.${kind}', title: '${label}', value: '${on}', valueOn: 'true', valueOff: 'false' }] },
  ],
  actions: [
    { type: 'Action.Execute', verb: SETTINGS_VERB, title: 'Save settings', data: { action: 'save' } },
    { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: 'Pause for a day', tooltip: 'No reminders for the next 24 hours', data: { hours: 24 } },
    { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: 'Resume reminders', data: { hours: 0 } },
  ],
};

/** Time zone, quiet hours and which reminders, as inputs saved in place (Action.Execute). */
export function settingsCard(props: SettingsCardProps): AdaptiveCard {
  const quiet = props.quietHours;
  return expand(settingsTemplate, {
    notice: props.notice ?? '',
    snoozeLine: props.snoozedUntil && Date.parse(props.snoozedUntil) > Date.now()
      ? `Reminders are paused until ${sessionTimeText(props.snoozedUntil, props.timeZone)}.`
      : 'Reminders are on.',
    timeZone: props.timeZone,
    timeZoneLabel: props.timeZoneSource === 'settings'
      ? 'Time zone (IANA name)'
      : props.timeZoneSource === 'teams' ? 'Time zone (IANA name; from your Teams client)' : 'Time zone (IANA name; not known yet, UTC until you set it)',
    quietEnabled: quiet ? 'true' : 'false',
    quietStart: quiet?.start ?? '21:00',
    quietEnd: quiet?.end ?? '07:00',
    kinds: REMINDER_KINDS.map((kind) => ({ kind, label: REMINDER_KIND_LABELS[kind], on: props.disabledKinds.includes(kind) ? 'false' : 'true' })),
  });
}

/** The answer to `snooze`: pause reminders for a while, or resume them. */
export function snoozeCard(props: { snoozedUntil?: string; timeZone: string; notice?: string }): AdaptiveCard {
  const paused = props.snoozedUntil && Date.parse(props.snoozedUntil) > Date.now();
  return expand({
    type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: 'Pause reminders',
    body: [
      { type: 'TextBlock', text: 'Pause reminders', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' },
      { type: 'TextBlock', $when: '${notice != \'\'}', text: '${notice}', wrap: true, color: 'Good' },
      { type: 'TextBlock', text: '${line}', wrap: true },
    ],
    actions: [
      { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: 'For an hour', data: { hours: 1 } },
      { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: 'For a day', data: { hours: 24 } },
      { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: 'For a week', data: { hours: 168 } },
      { type: 'Action.Execute', verb: SNOOZE_ALL_VERB, title: 'Resume now', data: { hours: 0 } },
    ],
  }, {
    notice: props.notice ?? '',
    line: paused
      ? `Reminders are paused until ${sessionTimeText(props.snoozedUntil!, props.timeZone)}. Reminders due meanwhile are skipped.`
      : 'Reminders are on. Pause them while you are away; reminders due meanwhile are skipped.',
  });
}

/** A short confirmation card that replaces the one the user acted on. */
export function doneCard(title: string, line: string): AdaptiveCard {
  return expand({
    type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', fallbackText: '${title}',
    body: [
      { type: 'TextBlock', text: '${title}', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' },
      { type: 'TextBlock', text: '${line}', wrap: true },
    ],
  }, { title, line });
}
