// The bot's reminder features: the `settings` and `snooze` commands, and the in-place card actions
// (Action.Execute) of reminder and settings cards: feedback, snooze, commitment kept, settings saved.
// Every action: validate with zod → load → authorize with the policy module → command → refreshed card.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { assessmentAnswer } from '../commands/assessmentWriter';
import { isMomentOpen } from '../domain/assessments';
import { commitmentUpdater } from '../commands/commitmentWriter';
import { feedbackGiver } from '../commands/feedbackGiver';
import { reminderSettingsWriter, reminderSnoozer } from '../commands/reminderSettingsWriter';
import { LIMITS } from '../domain/limits';
import { ASSESSMENT_MOMENTS, type Caller } from '../domain/model';
import { DEFAULT_QUIET_HOURS, REMINDER_KINDS, isTimeZone, type ReminderKind } from '../domain/reminders';
import { authorize, loadPair, loadPairAndItem, loadPairItem, loadProgram } from '../policies';
import { findConversationReference } from '../store/conversations';
import type { Store } from '../store/database';
import { findReminderSettings } from '../store/reminders';
import { invokeError, withAccess } from './agendaTick';
import { ADAPTIVE_CARD_CONTENT_TYPE, plainText, type AdaptiveCard } from './cards';
import {
  COMMITMENT_DONE_VERB,
  FEEDBACK_VERB,
  SETTINGS_VERB,
  SNOOZE_ALL_VERB,
  SNOOZE_VERB,
  doneCard,
  settingsCard,
  snoozeCard,
} from './reminderCards';
import { ASSESSMENT_VERB, MAX_GOALS_ON_CARD, momentLabel } from './ledgerCards';
import { wordsFor, type MessageKey } from '../i18n/messages';

export const REMINDER_VERBS = [
  FEEDBACK_VERB,
  SNOOZE_VERB,
  COMMITMENT_DONE_VERB,
  SETTINGS_VERB,
  SNOOZE_ALL_VERB,
  ASSESSMENT_VERB,
] as const;

const id = z.string().min(1).max(LIMITS.idLength);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const feedbackData = z.object({
  pairId: id,
  sessionId: id,
  rating: z.enum(['1', '2', '3', '4', '5']),
  comment: z.string().trim().max(1000).optional(),
});
const snoozeData = z.object({ pairId: id, reminderId: id });
const commitmentData = z.object({ pairId: id, commitmentId: id });
const assessmentData = z.object({ pairId: id, moment: z.enum(ASSESSMENT_MOMENTS) }).passthrough();
const scoreValue = z.enum(['1', '2', '3', '4', '5']);
const noteValue = z.string().trim().max(LIMITS.assessmentNoteLength);
const snoozeAllData = z.object({ hours: z.coerce.number().int().min(0).max(168) });
const settingsData = z
  .object({
    timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
    quietEnabled: z.enum(['true', 'false']).default('true'),
    quietStart: hhmm.default(DEFAULT_QUIET_HOURS.start),
    quietEnd: hhmm.default(DEFAULT_QUIET_HOURS.end),
  })
  .passthrough();

const cardResponse = (card: AdaptiveCard): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: ADAPTIVE_CARD_CONTENT_TYPE,
  value: card as unknown as Record<string, unknown>,
});

/** The user's current settings as the settings card shows them. */
export async function settingsReply(
  store: Store,
  caller: Caller,
  clientTimeZone: string | undefined,
  notice?: string,
  locale?: string,
): Promise<AdaptiveCard> {
  const [settings, reference] = await Promise.all([
    findReminderSettings(store, caller.tenantId, caller.userId),
    findConversationReference(store, caller.tenantId, caller.userId),
  ]);
  const teamsZone = reference?.timeZone ?? clientTimeZone;
  return settingsCard({
    timeZone: settings?.timeZone ?? teamsZone ?? 'UTC',
    timeZoneSource: settings?.timeZone ? 'settings' : teamsZone ? 'teams' : 'default',
    quietHours: settings?.quietHours === null ? null : (settings?.quietHours ?? DEFAULT_QUIET_HOURS),
    disabledKinds: settings?.disabledKinds ?? [],
    ...(settings?.snoozedUntil ? { snoozedUntil: settings.snoozedUntil } : {}),
    ...(notice ? { notice } : {}),
    ...(locale ? { locale } : {}),
  });
}

export async function snoozeReply(
  store: Store,
  caller: Caller,
  timeZone: string,
  notice?: string,
  locale?: string,
): Promise<AdaptiveCard> {
  const settings = await findReminderSettings(store, caller.tenantId, caller.userId);
  return snoozeCard({
    timeZone: settings?.timeZone ?? timeZone,
    ...(settings?.snoozedUntil ? { snoozedUntil: settings.snoozedUntil } : {}),
    ...(notice ? { notice } : {}),
    ...(locale ? { locale } : {}),
  });
}

/** Which words a settings field is called by and what it must be, for the card's error message. */
const SETTINGS_FIELDS: Record<string, { name: MessageKey; problem: MessageKey }> = {
  timeZone: { name: 'settings.field.timeZone', problem: 'settings.problem.timeZone' },
  quietEnabled: { name: 'settings.field.quietEnabled', problem: 'settings.problem.other' },
  quietStart: { name: 'settings.field.quietStart', problem: 'settings.problem.time' },
  quietEnd: { name: 'settings.field.quietEnd', problem: 'settings.problem.time' },
};

/** A card action, answered in the language of the person who pressed it (`locale`: the activity's). */
export async function reminderAction(
  store: Store,
  caller: Caller,
  verb: string,
  data: unknown,
  timeZone: string,
  locale?: string,
): Promise<AdaptiveCardInvokeResponse> {
  const words = wordsFor(locale);
  const { t } = words;
  const outOfDate = () => invokeError(400, 'BadRequest', t('action.outOfDate'));
  const done = (title: string, line: string) => cardResponse(doneCard(title, line, locale));
  switch (verb) {
    case FEEDBACK_VERB: {
      const parsed = feedbackData.safeParse(data);
      if (!parsed.success) return invokeError(400, 'BadRequest', t('feedback.invalid'));
      const { pairId, sessionId, rating, comment } = parsed.data;
      return withAccess({ notFound: t('feedback.notFound'), forbidden: t('feedback.forbidden') }, async () => {
        const { pair, item: session } = await loadPairAndItem(store, caller, pairId, 'session', sessionId);
        authorize(caller, 'giveFeedback', { kind: 'session', session, pair });
        await feedbackGiver(store, caller, pair, session, {
          rating: Number(rating) as 1 | 2 | 3 | 4 | 5,
          ...(comment ? { comment } : {}),
        });
        return done(t('feedback.done.title'), t('feedback.done.line', { rating }));
      });
    }
    case ASSESSMENT_VERB: {
      const parsed = assessmentData.safeParse(data);
      if (!parsed.success) return outOfDate();
      const raw = data as Record<string, unknown>;
      const answers = Object.keys(raw)
        .filter((k) => k.startsWith('score.') && raw[k] !== '')
        .slice(0, MAX_GOALS_ON_CARD)
        .map((k) => ({
          goalId: k.slice('score.'.length),
          score: scoreValue.safeParse(raw[k]),
          note: noteValue.safeParse(raw[`note.${k.slice('score.'.length)}`] ?? ''),
        }));
      if (answers.length === 0) return invokeError(400, 'BadRequest', t('assessment.none'));
      if (answers.some((a) => !a.score.success || !a.note.success))
        return invokeError(400, 'BadRequest', t('assessment.invalid'));
      const { pairId, moment } = parsed.data;
      return withAccess({ notFound: t('assessment.notFound'), forbidden: t('assessment.forbidden') }, async () => {
        const pair = await loadPair(store, caller, pairId);
        const { program } = await loadProgram(store, caller, pair.programId);
        if (!isMomentOpen(program, moment, Date.now()))
          return invokeError(400, 'BadRequest', t('assessment.notOpen', { moment: momentLabel(words, moment) }));
        const lines: string[] = [];
        for (const answer of answers) {
          const goal = await loadPairItem(store, pair, 'goal', answer.goalId);
          authorize(caller, 'assess', { kind: 'goal', goal, pair });
          const note = answer.note.data;
          const saved = await assessmentAnswer(store, caller, pair, program, goal, {
            moment,
            score: Number(answer.score.data),
            ...(note ? { note } : {}),
          });
          lines.push(t('assessment.line', { title: plainText(goal.title), score: saved.score }));
        }
        return done(
          t('assessment.done.title', { moment: momentLabel(words, moment) }),
          t('assessment.done.line', { lines: lines.join(' · ') }),
        );
      });
    }
    case SNOOZE_VERB: {
      const parsed = snoozeData.safeParse(data);
      if (!parsed.success) return outOfDate();
      const result = await reminderSnoozer(store, caller, parsed.data.pairId, parsed.data.reminderId);
      if (result === 'notFound') return invokeError(404, 'NotFound', t('reminder.gone'));
      return done(t('reminder.snoozed.title'), t('reminder.snoozed.line'));
    }
    case COMMITMENT_DONE_VERB: {
      const parsed = commitmentData.safeParse(data);
      if (!parsed.success) return outOfDate();
      return withAccess({ notFound: t('commitment.notFound'), forbidden: t('commitment.forbidden') }, async () => {
        const { pair, item: commitment } = await loadPairAndItem(
          store,
          caller,
          parsed.data.pairId,
          'commitment',
          parsed.data.commitmentId,
        );
        authorize(caller, 'update', { kind: 'commitment', commitment, pair });
        if (commitment.status === 'open')
          await commitmentUpdater(store, commitment, { status: 'kept' }, commitment._etag);
        return done(t('commitment.kept.title'), t('commitment.kept.line'));
      });
    }
    case SNOOZE_ALL_VERB: {
      const parsed = snoozeAllData.safeParse(data);
      if (!parsed.success) return outOfDate();
      await reminderSettingsWriter(store, caller, { pauseHours: parsed.data.hours });
      return cardResponse(
        await snoozeReply(
          store,
          caller,
          timeZone,
          t(parsed.data.hours > 0 ? 'snooze.pausedNotice' : 'snooze.resumedNotice'),
          locale,
        ),
      );
    }
    case SETTINGS_VERB: {
      const parsed = settingsData.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue?.path[0] ?? 'settings');
        const known = SETTINGS_FIELDS[field];
        // English keeps the validator's own words; other languages say what the field must be.
        const problem =
          words.language === 'en'
            ? (issue?.message ?? t('settings.problem.other'))
            : t(known?.problem ?? 'settings.problem.other');
        return invokeError(400, 'BadRequest', t('settings.invalid', { field: known ? t(known.name) : field, problem }));
      }
      const raw = data as Record<string, unknown>;
      const disabledKinds = REMINDER_KINDS.filter((k) => raw[`kind.${k}`] === 'false') as ReminderKind[];
      const { timeZone: zone, quietEnabled, quietStart, quietEnd } = parsed.data;
      await reminderSettingsWriter(store, caller, {
        timeZone: zone,
        quietHours: quietEnabled === 'true' ? { start: quietStart, end: quietEnd } : null,
        disabledKinds,
      });
      return cardResponse(await settingsReply(store, caller, timeZone, t('settings.saved'), locale));
    }
    default:
      return invokeError(400, 'NotSupported', t('action.unsupported'));
  }
}
