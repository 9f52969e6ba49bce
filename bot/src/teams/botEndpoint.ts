// The only code that imports botbuilder. POST /api/messages: every activity is authenticated before
// any of it is read. With a bot registration (BOT_APP_ID) it must carry a Bot Framework channel token,
// checked by botbuilder against the configured cloud; without one, only this machine may call (the
// Agents Playground, tests). Every refusal is 401 problem+json.
import type { IncomingHttpHeaders } from 'node:http';
import {
  ClientSecretCredential,
  ManagedIdentityCredential,
  type DefaultAzureCredential,
  type TokenCredential,
} from '@azure/identity';
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
} from 'botbuilder';
import {
  AuthenticationConstants,
  ManagedIdentityServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
} from 'botframework-connector';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import {
  conversationRecorder,
  uninstallRecorder,
  welcomeClaimer,
  welcomeReleaser,
} from '../commands/conversationRecorder';
import type { Config } from '../config';
import { AppError, badRequest, unauthorized } from '../domain/errors';
import type { Store } from '../store/database';
import { callerOfActivity, isPersonalChat, storedReferenceOf, timeZoneOf } from './activityCaller';
import { agendaTicker, invokeError } from './agendaTick';
import { commandOf } from './botCommands';
import { message } from '../i18n/messages';
import { findConversationReference } from '../store/conversations';
import {
  AGENDA_TICK_VERB,
  helpCard,
  personalChatOnlyCard,
  unknownUserCard,
  welcomeCard,
  type AdaptiveCard,
} from './cards';
import { agendaReply, goalsReply, nextReply, type ReplyContext } from './pairReplies';
import type { CardLinks } from './reminderCards';
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
  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly links?: Pick<CardLinks, 'tabUrl'>,
  ) {
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
      if (isPersonalChat(context.activity) && caller)
        await uninstallRecorder(this.store, caller.tenantId, caller.userId);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const { activity } = context;
      if (isPersonalChat(activity)) await this.installedInPersonalChat(context);
      // In a group chat, introduce the bot once, when the bot itself is added (not at every new member).
      else if (activity.membersAdded?.some((m) => m.id === activity.recipient.id))
        await sendCards(context, [helpCard(undefined, activity.locale)]);
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

  private async meetingEvent(
    context: TurnContext,
    kind: 'start' | 'end',
    reported: Date | string | undefined,
  ): Promise<void> {
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
      await sendCards(context, [welcomeCard(context.activity.locale)]);
      return;
    }
    await this.record(context);
    // The install tells us the person's time zone: reminders planned before it move into it.
    await replanUser(this.store, caller).catch((error: unknown) =>
      this.log.warn({ err: error }, 'could not re-plan reminders after install'),
    );
    if (!(await welcomeClaimer(this.store, caller.tenantId, caller.userId))) return;
    // The install event's locale; an install the rollout asked for may come without one: then the stored one.
    const locale =
      context.activity.locale ??
      (await findConversationReference(this.store, caller.tenantId, caller.userId))?.reference.locale;
    try {
      await sendCards(context, [welcomeCard(locale)]);
    } catch (error) {
      await welcomeReleaser(this.store, caller.tenantId, caller.userId).catch(() => undefined);
      throw error;
    }
  }

  private async record(context: TurnContext): Promise<void> {
    const caller = callerOfActivity(context.activity);
    if (!caller || !isPersonalChat(context.activity)) return;
    // The serviceUrl counts as authenticated only when the turn's Bot Framework token named it.
    const identity = context.turnState.get(context.adapter.BotIdentityKey) as ClaimsIdentity | undefined;
    const named = identity?.getClaimValue(AuthenticationConstants.ServiceUrlClaim);
    await conversationRecorder(this.store, {
      tenantId: caller.tenantId,
      userId: caller.userId,
      reference: storedReferenceOf(context.activity),
      ...(named && named === context.activity.serviceUrl ? { authenticatedBy: 'botFrameworkToken' as const } : {}),
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
    // Every answer in the language the person's Teams client says (the activity's locale), English without one.
    const { locale } = activity;
    if (command === undefined) return sendCards(context, [helpCard(typed.trim(), locale)]);
    if (command === 'help') return sendCards(context, [helpCard(undefined, locale)]);
    if (!personal) return sendCards(context, [personalChatOnlyCard(locale)]);
    if (!caller) return sendCards(context, [unknownUserCard(locale)]);
    if (command === 'settings')
      return sendCards(context, [
        await settingsReply(
          this.store,
          caller,
          activity.localTimezone ? timeZoneOf(activity) : undefined,
          undefined,
          locale,
        ),
      ]);
    if (command === 'snooze')
      return sendCards(context, [await snoozeReply(this.store, caller, timeZoneOf(activity), undefined, locale)]);
    const ctx: ReplyContext = {
      store: this.store,
      caller,
      timeZone: timeZoneOf(activity),
      now: new Date(),
      ...(activity.locale ? { locale: activity.locale } : {}),
      ...(this.links ? { links: this.links } : {}),
    };
    return sendCards(context, await PAIR_COMMANDS[command](ctx));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const known = verb === AGENDA_TICK_VERB || (REMINDER_VERBS as readonly string[]).includes(verb);
    const { locale } = context.activity;
    if (!known) return invokeError(400, 'NotSupported', message(locale, 'action.unsupported'));
    const caller = callerOfActivity(context.activity);
    if (!caller) return invokeError(403, 'Forbidden', message(locale, 'action.notYours'));
    if (verb === AGENDA_TICK_VERB) return agendaTicker(this.store, caller, data, timeZoneOf(context.activity), locale);
    return reminderAction(this.store, caller, verb, data, timeZoneOf(context.activity), locale);
  }
}

export interface Bot {
  /** POST /api/messages. */
  endpoint: (req: Request, res: Response) => Promise<void>;
  /** The same adapter sends proactive messages (reminders). */
  adapter: CloudAdapter;
  botAppId: string;
}

/** Runs activities the endpoint has already authenticated (processActivity is protected). */
class AuthenticatedAdapter extends CloudAdapter {
  run(
    result: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(result, activity, logic);
  }
}

const LOOPBACK_IPV4 = /^127(\.\d{1,3}){3}$/;

/**
 * True for a request from this machine that no proxy or tunnel relayed (a dev tunnel connects from
 * loopback but adds forwarding headers): the only callers a bot without registration serves.
 */
export function isLocalRequest(remoteAddress: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (headers['x-forwarded-for'] || headers['x-forwarded-host'] || headers.forwarded) return false;
  const address = remoteAddress?.replace(/^::ffff:/i, '') ?? '';
  return address === '::1' || LOOPBACK_IPV4.test(address);
}

/** The unverified `iss` of a bearer token, to turn away tokens botbuilder would look up elsewhere. */
function issuerOf(authorization: string): string | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  try {
    return token ? decodeJwt(token).iss : undefined;
  } catch {
    return undefined;
  }
}

/** Turns botbuilder's string timestamps into Dates, as CloudAdapter.process does before a turn. */
function activityOf(body: unknown): Activity {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The body must be a Bot Framework activity (a JSON object).');
  const activity = body as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') Object.assign(activity, { [raw]: value, [field]: new Date(value) });
  }
  return activity;
}

/**
 * The bot's own token for the Bot Connector, from the configured authority: a client secret, or the
 * user-assigned managed identity. botbuilder's managed-identity factory takes any TokenCredential.
 */
function botCredential(bot: Config['bot']): TokenCredential {
  if (bot.appType === 'UserAssignedMSI') return new ManagedIdentityCredential({ clientId: bot.appId! });
  // A MultiTenant bot's token comes from the Bot Framework tenant; a SingleTenant bot's from its own.
  const tenant = bot.appType === 'MultiTenant' ? AuthenticationConstants.DefaultChannelAuthTenant : bot.tenantId!;
  // No instance discovery: the authority is the one configured, also outside the public cloud.
  return new ClientSecretCredential(tenant, bot.appId!, bot.appPassword!, {
    authorityHost: bot.authorityHost,
    disableInstanceDiscovery: true,
  });
}

export function createBot(bot: Config['bot'], log: Logger, store: Store, links?: Pick<CardLinks, 'tabUrl'>): Bot {
  const registered = Boolean(bot.appId);
  const credential = registered ? botCredential(bot) : undefined;
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: bot.tokenIssuer,
      ToChannelFromBotOAuthScope: bot.oAuthScope,
      // Never used: tokens with the Emulator's issuers are refused before botbuilder sees them.
      ToBotFromEmulatorOpenIdMetadataUrl: bot.openIdMetadataUrl,
    },
    // Typed as DefaultAzureCredential, but botbuilder only calls getToken.
    registered
      ? new ManagedIdentityServiceClientCredentialsFactory(bot.appId!, {
          createAzureServiceTokenProvider: () => credential as DefaultAzureCredential,
        })
      : undefined,
  );
  const adapter = new AuthenticatedAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, 'bot turn failed');
    // An invoke answers in its HTTP response; a message there would be a second, unrelated reply.
    if (context.activity.type === ActivityTypes.Invoke) return;
    await context.sendActivity(message(context.activity.locale, 'turn.error')).catch(() => undefined);
  };
  const handler = new MentoringBot(store, log, links);

  const authenticate = async (req: Request, activity: Activity): Promise<AuthenticateRequestResult> => {
    if (!registered) {
      if (!isLocalRequest(req.socket.remoteAddress, req.headers))
        throw unauthorized(
          'This server has no bot registration (BOT_APP_ID): it takes activities only from this machine.',
        );
      return auth.authenticateRequest(activity, '');
    }
    const authorization = req.headers.authorization ?? '';
    // Teams sends channel tokens only; botbuilder would look Emulator and skill tokens up elsewhere.
    if (issuerOf(authorization) !== bot.tokenIssuer) throw unauthorized('Send a Bot Framework channel token.');
    // botbuilder checks the key's endorsement and the serviceurl claim only for values the activity has.
    if (!activity.channelId || !activity.serviceUrl)
      throw unauthorized('The activity must name its channelId and serviceUrl.');
    let result: AuthenticateRequestResult;
    try {
      result = await auth.authenticateRequest(activity, authorization);
    } catch (error) {
      // botbuilder lets jsonwebtoken's own errors (alg none, a bad signature) and fetch failures through
      // as plain errors, which CloudAdapter.process would answer with 500.
      const e = error as { name?: string; message?: string; statusCode?: number };
      log.warn({ reason: e.message, name: e.name }, 'bot activity refused');
      if (e.name === 'FetchError' || (e.statusCode ?? 0) >= 500) throw botKeysUnavailable();
      throw unauthorized('The Bot Framework token is not valid for this bot and activity.');
    }
    // What the connector spec requires, whichever of botbuilder's paths (channel, skill, ASE) ran.
    const claim = (type: string) => result.claimsIdentity.getClaimValue(type);
    if (
      claim(AuthenticationConstants.IssuerClaim) !== bot.tokenIssuer ||
      claim(AuthenticationConstants.AudienceClaim) !== bot.appId ||
      claim(AuthenticationConstants.ServiceUrlClaim) !== activity.serviceUrl
    )
      throw unauthorized('The Bot Framework token is not valid for this bot and activity.');
    return result;
  };

  return {
    endpoint: async (req, res) => {
      const activity = activityOf(req.body);
      const result = await authenticate(req, activity);
      if (typeof activity.type !== 'string')
        throw badRequest('The activity has no type.', [{ field: 'type', message: 'required' }]);
      const invoke = await adapter.run(result, activity, (context) => handler.run(context));
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.send(invoke.body);
      else res.end();
    },
    adapter,
    botAppId: bot.appId ?? '',
  };
}

/** Bot Framework's signing keys could not be fetched: nothing about the caller is known yet. */
const botKeysUnavailable = () =>
  new AppError(
    503,
    'bot-keys-unavailable',
    'Bot Framework keys unavailable',
    'The Bot Framework signing keys cannot be fetched right now. Retry in 30 s.',
    { retryAfterSeconds: 30 },
  );
