// The bot's name and the commands it answers. The app manifest's command list must equal BOT_COMMANDS
// (test/appPackage); `hi` and `hello` are aliases of `help`, answered but not listed.
export const BOT_NAME = 'Reverse Mentoring';

/** The commands the bot answers; the app manifest's command list must equal this list. */
export const BOT_COMMANDS = [
  { command: 'help', description: 'What I can do for you and your partner' },
  { command: 'agenda', description: 'The agenda of your next session; tick items off as you go' },
  { command: 'goals', description: 'Your goals and your partner’s, with progress' },
  { command: 'next', description: 'When your next session is, in your time zone, and how to join it' },
  { command: 'settings', description: 'Your time zone, quiet hours and which reminders you get' },
  { command: 'snooze', description: 'Pause reminders for an hour, a day or a week, or resume them' },
] as const;

export type BotCommand = (typeof BOT_COMMANDS)[number]['command'];

const ALIASES: Record<string, BotCommand> = { hi: 'help', hello: 'help' };

/** The command a message asks for (case and surrounding spaces or punctuation ignored), or undefined. */
export function commandOf(text: string | undefined): BotCommand | undefined {
  const word = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/^[\s/]+|[\s.!?]+$/g, '');
  if (word === '') return 'help';
  if (word in ALIASES) return ALIASES[word];
  return BOT_COMMANDS.find((c) => c.command === word)?.command;
}
