// The only code that imports botbuilder. POST /api/messages goes through CloudAdapter, which rejects
// unauthenticated calls whenever a bot identity (BOT_APP_ID) is configured.
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsActivityHandler, type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';

export const BOT_NAME = 'Reverse Mentoring';

/** The commands the bot answers; the app manifest's command list must equal this list. */
export const BOT_COMMANDS = [{ command: 'help', description: 'What I can do for you and your partner' }] as const;

const HELP = [
  `**${BOT_NAME}** helps you and your partner prepare, run and follow up your sessions.`,
  'Open the **Reverse Mentoring** tab to see your goals, the next session and its agenda.',
  `Commands: ${BOT_COMMANDS.map((c) => `\`${c.command}\``).join(', ')}.`,
].join('\n\n');

/** Answers every message (never silence) and greets on install; the bot issue adds commands and reminders. */
class MentoringBot extends TeamsActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(HELP);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id !== botId)) await context.sendActivity(HELP);
      await next();
    });
  }
}

export function createBotEndpoint(bot: Config['bot'], log: Logger): (req: Request, res: Response) => Promise<void> {
  // Without a bot identity the adapter accepts unauthenticated calls (local clients such as the Agents Playground).
  const auth = new ConfigurationBotFrameworkAuthentication(
    bot.appId
      ? { MicrosoftAppId: bot.appId, MicrosoftAppPassword: bot.appPassword, MicrosoftAppType: bot.appType, MicrosoftAppTenantId: bot.tenantId }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, 'bot turn failed');
    await context.sendActivity('Sorry, something went wrong on our side. Please try again in a minute.').catch(() => undefined);
  };
  const handler = new MentoringBot();
  return (req, res) => adapter.process(req, res, (context) => handler.run(context));
}
