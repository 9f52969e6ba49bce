// The only code that imports botbuilder. POST /api/messages goes through CloudAdapter, which rejects
// unauthenticated calls whenever a bot identity (BOT_APP_ID) is configured.
import {
  ActivityTypes, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsActivityHandler, TurnContext,
  type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { conversationRecorder, uninstallRecorder, welcomeClaimer, welcomeReleaser } from '../commands/conversationRecorder';
import type { Config } from '../config';
import type { Store } from '../store/database';
import { callerOfActivity, isPersonalChat, storedReferenceOf, timeZoneOf } from './activityCaller';
import { agendaTicker, invokeError } from './agendaTick';
import { commandOf } from './botCommands';
import {
  AGENDA_TICK_VERB, helpCard, personalChatOnlyCard, unknownUserCard, welcomeCard, type AdaptiveCard,
} from './cards';
import { agendaReply, goalsReply, nextReply, type ReplyContext } from './pairReplies';
import { REMINDER_VERBS, reminderAction, settingsReply, snoozeReply } from './reminderActions';
import { meetingEventRecorder } from '../commands/meetingEventRecorder';
import { replanUser } from '../commands/reminderSettingsWriter';
import { tenantOf } from './activityCaller';

export { BOT_COMMANDS, BOT_NAME } from './botCommands';

const PAIR_COMMANDS = { agenda: agendaReply, goals: goalsReply, next: nextReply } as const;

async function sendCards(context: TurnContext, cards: AdaptiveCard[]): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.Message,
    attachments: cards.map((c) => CardFactory.adaptiveCard(c)),
    ...(cards.length > 1 ? { attachmentLayout: 'list' } : {}),
  });
}

/** Commands in the personal chat, the welcome on install (once per user), and the agenda card's tick action. */
class MentoringBot extends TeamsActivityHandler {
  constructor(private readonly store: Store, private readonly log: Logger) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (isPersonalChat(context.activity)) await this.installedInPersonalChat(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const caller = callerOfActivity(context.activity);
      if (isPersonalChat(context.activity) && caller) await uninstallRecorder(this.store, caller.tenantId, caller.userId);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const { activity } = context;
      if (isPersonalChat(activity)) await this.installedInPersonalChat(context);
      // In a group chat, introduce the bot once, when the bot itself is added (not at every new member).
      else if (activity.membersAdded?.some((m) => m.id === activity.recipient.id)) await sendCards(context, [helpCard()]);
      await next();
    });
    // Meetings linked to a session: the session is recorded as held with its real times; the
    // after-session nudge is planned from the real end.
    this.onTeamsMeetingStartEvent(async (meeting, context, next) => {
      await this.meetingEvent(context, 'start', meeting.startTime);
      await next();
    });
    this.onTeamsMeetingEndEvent(async (meeting, context, next) => {
      await this.meetingEvent(context, 'end', meeting.endTime);
      await next();
    });
  }

  private async meetingEvent(context: TurnContext, kind: 'start' | 'end', reported: Date | string | undefined): Promise<void> {
    const tenantId = tenantOf(context.activity);
    const meetingId = (context.activity.channelData as { meeting?: { id?: unknown } } | undefined)?.meeting?.id;
    if (!tenantId || typeof meetingId !== 'string' || meetingId.length === 0 || meetingId.length > 1024) return;
    const time = reported ? new Date(reported) : new Date();
    const at = Number.isNaN(time.getTime()) ? new Date().toISOString() : time.toISOString();
    await meetingEventRecorder(this.store, { tenantId, meetingId, kind, at });
  }

  /** Stores the reference, then sends the welcome only if this turn wins the claim on the stored document. */
  private async installedInPersonalChat(context: TurnContext): Promise<void> {
    const caller = callerOfActivity(context.activity);
    if (!caller) {
      await sendCards(context, [welcomeCard()]);
      return;
    }
    await this.record(context);
    // The install tells us the person's time zone: reminders planned before it move into it.
    await replanUser(this.store, caller).catch((error: unknown) => this.log.warn({ err: error }, 'could not re-plan reminders after install'));
    if (!(await welcomeClaimer(this.store, caller.tenantId, caller.userId))) return;
    try {
      await sendCards(context, [welcomeCard()]);
    } catch (error) {
      await welcomeReleaser(this.store, caller.tenantId, caller.userId).catch(() => undefined);
      throw error;
    }
  }

  private async record(context: TurnContext): Promise<void> {
    const caller = callerOfActivity(context.activity);
    if (!caller || !isPersonalChat(context.activity)) return;
    await conversationRecorder(this.store, {
      tenantId: caller.tenantId,
      userId: caller.userId,
      reference: storedReferenceOf(context.activity),
      ...(context.activity.localTimezone ? { timeZone: timeZoneOf(context.activity) } : {}),
    });
  }

  /** Every message gets an answer: a command's card, or the help card naming the commands. */
  private async answer(context: TurnContext): Promise<void> {
    const { activity } = context;
    const typed = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const command = commandOf(typed);
    const personal = isPersonalChat(activity);
    const caller = callerOfActivity(activity);
    if (personal && caller) {
      await context.sendActivity({ type: ActivityTypes.Typing });
      try {
        await this.record(context);
      } catch (error) {
        // Keeping the reference current must not cost the user their answer.
        this.log.warn({ err: error }, 'could not record the conversation reference');
      }
    }
    if (command === undefined) return sendCards(context, [helpCard(typed.trim())]);
    if (command === 'help') return sendCards(context, [helpCard()]);
    if (!personal) return sendCards(context, [personalChatOnlyCard()]);
    if (!caller) return sendCards(context, [unknownUserCard()]);
    if (command === 'settings') return sendCards(context, [await settingsReply(this.store, caller, activity.localTimezone ? timeZoneOf(activity) : undefined)]);
    if (command === 'snooze') return sendCards(context, [await snoozeReply(this.store, caller, timeZoneOf(activity))]);
    const ctx: ReplyContext = { store: this.store, caller, timeZone: timeZoneOf(activity), now: new Date() };
    return sendCards(context, await PAIR_COMMANDS[command](ctx));
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const known = verb === AGENDA_TICK_VERB || (REMINDER_VERBS as readonly string[]).includes(verb);
    if (!known) return invokeError(400, 'NotSupported', 'This button is not supported any more.');
    const caller = callerOfActivity(context.activity);
    if (!caller) return invokeError(403, 'Forbidden', 'This card is not available to you.');
    if (verb === AGENDA_TICK_VERB) return agendaTicker(this.store, caller, data, timeZoneOf(context.activity));
    return reminderAction(this.store, caller, verb, data, timeZoneOf(context.activity));
  }
}

export interface Bot {
  /** POST /api/messages. */
  endpoint: (req: Request, res: Response) => Promise<void>;
  /** The same adapter sends proactive messages (reminders). */
  adapter: CloudAdapter;
  botAppId: string;
}

export function createBotEndpoint(bot: Config['bot'], log: Logger, store: Store): (req: Request, res: Response) => Promise<void> {
  return createBot(bot, log, store).endpoint;
}

export function createBot(bot: Config['bot'], log: Logger, store: Store): Bot {
  // Without a bot identity the adapter accepts unauthenticated calls (local clients such as the Agents Playground).
  const auth = new ConfigurationBotFrameworkAuthentication(
    bot.appId
      ? { MicrosoftAppId: bot.appId, MicrosoftAppPassword: bot.appPassword, MicrosoftAppType: bot.appType, MicrosoftAppTenantId: bot.tenantId }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, 'bot turn failed');
    // An invoke answers in its HTTP response; a message there would be a second, unrelated reply.
    if (context.activity.type === ActivityTypes.Invoke) return;
    await context.sendActivity('Sorry, something went wrong on our side. Please try again in a minute.').catch(() => undefined);
  };
  const handler = new MentoringBot(store, log);
  return { endpoint: (req, res) => adapter.process(req, res, (context) => handler.run(context)), adapter, botAppId: bot.appId ?? '' };
}
