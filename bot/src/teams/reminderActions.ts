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
import { authorize, loadPair, loadPairItem, loadProgram } from '../policies';
import { findConversationReference } from '../store/conversations';
import type { Store } from '../store/database';
import { findReminderSettings } from '../store/reminders';
import { invokeError, withAccess } from './agendaTick';
import { ADAPTIVE_CARD_CONTENT_TYPE, plainText, type AdaptiveCard } from './cards';
import {
  COMMITMENT_DONE_VERB, FEEDBACK_VERB, SETTINGS_VERB, SNOOZE_ALL_VERB, SNOOZE_VERB, doneCard, settingsCard, snoozeCard,
} from './reminderCards';
import { ASSESSMENT_VERB, MAX_GOALS_ON_CARD, MOMENT_LABELS } from './ledgerCards';

export const REMINDER_VERBS = [FEEDBACK_VERB, SNOOZE_VERB, COMMITMENT_DONE_VERB, SETTINGS_VERB, SNOOZE_ALL_VERB, ASSESSMENT_VERB] as const;

const id = z.string().min(1).max(LIMITS.idLength);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const feedbackData = z.object({ pairId: id, sessionId: id, rating: z.enum(['1', '2', '3', '4', '5']), comment: z.string().trim().max(1000).optional() });
const snoozeData = z.object({ pairId: id, reminderId: id });
const commitmentData = z.object({ pairId: id, commitmentId: id });
const assessmentData = z.object({ pairId: id, moment: z.enum(ASSESSMENT_MOMENTS) }).passthrough();
const scoreValue = z.enum(['1', '2', '3', '4', '5']);
const noteValue = z.string().trim().max(LIMITS.assessmentNoteLength);
const snoozeAllData = z.object({ hours: z.coerce.number().int().min(0).max(168) });
const settingsData = z.object({
  timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
  quietEnabled: z.enum(['true', 'false']).default('true'),
  quietStart: hhmm.default(DEFAULT_QUIET_HOURS.start),
  quietEnd: hhmm.default(DEFAULT_QUIET_HOURS.end),
}).passthrough();

const cardResponse = (card: AdaptiveCard): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> });
const outOfDate = () => invokeError(400, 'BadRequest', 'This card is out of date. Type help to see what I can do.');

/** The user's current settings as the settings card shows them. */
export async function settingsReply(store: Store, caller: Caller, clientTimeZone: string | undefined, notice?: string): Promise<AdaptiveCard> {
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
  });
}

export async function snoozeReply(store: Store, caller: Caller, timeZone: string, notice?: string): Promise<AdaptiveCard> {
  const settings = await findReminderSettings(store, caller.tenantId, caller.userId);
  return snoozeCard({ timeZone: settings?.timeZone ?? timeZone, ...(settings?.snoozedUntil ? { snoozedUntil: settings.snoozedUntil } : {}), ...(notice ? { notice } : {}) });
}

export async function reminderAction(store: Store, caller: Caller, verb: string, data: unknown, timeZone: string): Promise<AdaptiveCardInvokeResponse> {
  switch (verb) {
    case FEEDBACK_VERB: {
      const parsed = feedbackData.safeParse(data);
      if (!parsed.success) return invokeError(400, 'BadRequest', 'Choose a rating from 1 to 5, then send.');
      const { pairId, sessionId, rating, comment } = parsed.data;
      return withAccess({ notFound: 'This session is not available to you.', forbidden: 'This pair has ended: feedback is closed.' }, async () => {
        const pair = await loadPair(store, caller, pairId);
        const session = await loadPairItem(store, pair, 'session', sessionId);
        authorize(caller, 'giveFeedback', { kind: 'session', session, pair });
        await feedbackGiver(store, caller, pair, session, { rating: Number(rating) as 1 | 2 | 3 | 4 | 5, ...(comment ? { comment } : {}) });
        return cardResponse(doneCard('Thank you for your feedback', `You rated this session ${rating} out of 5. You can change it by answering again from a new card.`));
      });
    }
    case ASSESSMENT_VERB: {
      const parsed = assessmentData.safeParse(data);
      if (!parsed.success) return outOfDate();
      const raw = data as Record<string, unknown>;
      const answers = Object.keys(raw)
        .filter((k) => k.startsWith('score.') && raw[k] !== '')
        .slice(0, MAX_GOALS_ON_CARD)
        .map((k) => ({ goalId: k.slice('score.'.length), score: scoreValue.safeParse(raw[k]), note: noteValue.safeParse(raw[`note.${k.slice('score.'.length)}`] ?? '') }));
      if (answers.length === 0) return invokeError(400, 'BadRequest', 'Choose a score from 1 to 5 for at least one goal, then save.');
      if (answers.some((a) => !a.score.success || !a.note.success)) return invokeError(400, 'BadRequest', 'Scores go from 1 to 5 and notes are at most 280 characters.');
      const { pairId, moment } = parsed.data;
      return withAccess({ notFound: 'This goal is not available to you.', forbidden: 'This pair has ended: its ledger can no longer be changed.' }, async () => {
        const pair = await loadPair(store, caller, pairId);
        const { program } = await loadProgram(store, caller, pair.programId);
        if (!isMomentOpen(program, moment, Date.now())) return invokeError(400, 'BadRequest', `The ${MOMENT_LABELS[moment]} assessment is not open yet.`);
        const lines: string[] = [];
        for (const answer of answers) {
          const goal = await loadPairItem(store, pair, 'goal', answer.goalId);
          authorize(caller, 'assess', { kind: 'goal', goal, pair });
          const note = answer.note.data;
          const saved = await assessmentAnswer(store, caller, pair, program, goal, { moment, score: Number(answer.score.data), ...(note ? { note } : {}) });
          lines.push(`${plainText(goal.title)}: ${saved.score} of 5`);
        }
        return cardResponse(doneCard(`Your ${MOMENT_LABELS[moment]} ratings are saved`, `${lines.join(' · ')}. Your partner sees them next to theirs in the Reverse Mentoring tab.`));
      });
    }
    case SNOOZE_VERB: {
      const parsed = snoozeData.safeParse(data);
      if (!parsed.success) return outOfDate();
      const result = await reminderSnoozer(store, caller, parsed.data.pairId, parsed.data.reminderId);
      if (result === 'notFound') return invokeError(404, 'NotFound', 'This reminder no longer exists.');
      return cardResponse(doneCard('I will remind you again in an hour', 'Type snooze to pause all reminders for longer.'));
    }
    case COMMITMENT_DONE_VERB: {
      const parsed = commitmentData.safeParse(data);
      if (!parsed.success) return outOfDate();
      return withAccess({ notFound: 'This commitment is not available to you.', forbidden: 'This pair has ended: its commitments can no longer be changed.' }, async () => {
        const pair = await loadPair(store, caller, parsed.data.pairId);
        const commitment = await loadPairItem(store, pair, 'commitment', parsed.data.commitmentId);
        authorize(caller, 'update', { kind: 'commitment', commitment, pair });
        if (commitment.status === 'open') await commitmentUpdater(store, commitment, { status: 'kept' }, commitment._etag);
        return cardResponse(doneCard('Commitment kept', `Marked as kept. Well done. Add evidence in the Reverse Mentoring tab if you like.`));
      });
    }
    case SNOOZE_ALL_VERB: {
      const parsed = snoozeAllData.safeParse(data);
      if (!parsed.success) return outOfDate();
      await reminderSettingsWriter(store, caller, { pauseHours: parsed.data.hours });
      return cardResponse(await snoozeReply(store, caller, timeZone, parsed.data.hours > 0 ? 'Reminders paused.' : 'Reminders are on again.'));
    }
    case SETTINGS_VERB: {
      const parsed = settingsData.safeParse(data);
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? 'settings');
        return invokeError(400, 'BadRequest', `Check ${field}: ${parsed.error.issues[0]?.message ?? 'not valid'}.`);
      }
      const raw = data as Record<string, unknown>;
      const disabledKinds = REMINDER_KINDS.filter((k) => raw[`kind.${k}`] === 'false') as ReminderKind[];
      const { timeZone: zone, quietEnabled, quietStart, quietEnd } = parsed.data;
      await reminderSettingsWriter(store, caller, {
        timeZone: zone,
        quietHours: quietEnabled === 'true' ? { start: quietStart, end: quietEnd } : null,
        disabledKinds,
      });
      return cardResponse(await settingsReply(store, caller, timeZone, 'Saved. Your reminders follow these settings from now on.'));
    }
    default:
      return invokeError(400, 'NotSupported', 'This button is not supported any more.');
  }
}
