// The bot against a real Teams-like client: Microsoft 365 Agents Playground (pinned 0.2.28, offline, no
// telemetry) sends the install event and typed text to the running server's /api/messages and plays the
// Bot Connector for replies and proactive sends. Its internal HTTP API (TESTING.md) stands in for the
// chat window; what the bot posts into the chat arrives over the playground's own WebSocket stream, read
// by a headless Chromium page on the playground's origin.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import { reminderId } from '../../bot/src/domain/reminders';
import { reminderMarkerId } from '../../bot/src/teams/reminderCards';
import { launchBrowser } from '../support/browser';
import { buildPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

const JOBS_SECRET = 'a-jobs-secret-that-is-long-enough-123456';
const ROOT = path.resolve(__dirname, '../..');

interface PlaygroundConfig {
  tenantId: string;
  currentUser: { id: string; name: string; aadObjectId: string };
  personalChat: { id: string };
}

/** What the bot posted into a chat, as the playground streams it to its chat window. */
interface ChatMessage {
  action: string;
  actionConversationId: string;
  message?: {
    text?: string;
    attachments?: { contentType: string; content: { body?: { id?: string; text?: string }[] } }[];
  };
}

let t: TestApp;
let server: Server;
let playground: ChildProcess;
let playgroundUrl: string;
let browser: Browser;
let page: Page;
let config: PlaygroundConfig;
const chat: ChatMessage[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

async function waitFor<T>(
  what: string,
  find: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; chat so far: ${JSON.stringify(chat.map(texts))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The card texts (and plain text) of one chat message. */
const texts = (m: ChatMessage): string[] => [
  ...(m.message?.text ? [m.message.text] : []),
  ...(m.message?.attachments ?? []).flatMap((a) => (a.content.body ?? []).map((b) => b.text ?? '')),
];

const botCards = () =>
  chat.filter(
    (m) =>
      m.action === 'createMessage' &&
      m.actionConversationId === config.personalChat.id &&
      m.message?.attachments?.length,
  );

/** Opens a page on the playground and collects every message of its chat stream into `into`. */
async function followChat(page: Page, playground: string, into: ChatMessage[]): Promise<void> {
  await page.exposeFunction('chatMessage', (raw: string) => into.push(JSON.parse(raw) as ChatMessage));
  await page.goto(`${playground}/_debug/ping`);
  await page.evaluate(
    (url) =>
      new Promise<void>((resolve, reject) => {
        const socket = new WebSocket(url);
        socket.onmessage = (event) =>
          void (globalThis as unknown as { chatMessage(raw: string): void }).chatMessage(String(event.data));
        socket.onopen = () => resolve();
        socket.onerror = () => reject(new Error('the chat stream did not open'));
      }),
    `${playground.replace('http', 'ws')}/_ws_conversation/v1/conversations/stream`,
  );
}

beforeAll(async () => {
  // The demo data the repository's playground user (Priya, .m365agentsplayground.yml) belongs to.
  t = await buildTestApp({ JOBS_SECRET, SEED_DEMO_DATA: 'true' });
  await seedDemoData(t.services.store);
  server = createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const botPort = (server.address() as AddressInfo).port;

  const port = await freePort();
  playgroundUrl = `http://127.0.0.1:${port}`;
  playground = spawn(
    path.join(ROOT, 'node_modules/.bin/agentsplayground'),
    [
      'start',
      '-e',
      `http://127.0.0.1:${botPort}/api/messages`,
      '-c',
      'msteams',
      '--port',
      String(port),
      '--disable-telemetry',
    ],
    {
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        // The repository's configuration, as `npm run playground` uses it.
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(ROOT, '.m365agentsplayground.yml'),
        APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: '{"disableAppInsights":true,"disableStatsbeat":true}',
      },
      stdio: 'ignore',
    },
  );
  await waitFor(
    'the playground to answer /_debug/ping',
    async () => {
      try {
        const res = await fetch(`${playgroundUrl}/_debug/ping`);
        return (await res.text()).includes('pong') ? true : undefined;
      } catch {
        return undefined;
      }
    },
    30_000,
  );
  config = ((await (await fetch(`${playgroundUrl}/_internal/v1/testConfig`)).json()) as { config: PlaygroundConfig })
    .config;

  browser = await launchBrowser();
  page = await browser.newPage();
  await followChat(page, playgroundUrl, chat);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (playground && playground.exitCode === null) {
    const exited = new Promise((resolve) => playground.once('exit', resolve));
    playground.kill('SIGTERM');
    await exited;
  }
  await new Promise((resolve) => server?.close(resolve));
  await t?.stop();
});

test('install → welcome card; help → the help card; a session 10 minutes away → the jobs run → the starting-soon card in the chat', async () => {
  const chatId = config.personalChat.id;
  const install = await fetch(`${playgroundUrl}/_debug/conversation/${chatId}/installation`, { method: 'POST' });
  expect(install.status).toBe(200);
  const welcome = await waitFor('the welcome card', () =>
    botCards().find((m) => texts(m).includes('Welcome to Reverse Mentoring')),
  );
  expect(texts(welcome).join(' ')).toMatch(/help/);

  const typed = await fetch(`${playgroundUrl}/_conversation/v1/conversations/${chatId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: { id: config.currentUser.id }, text: 'HELP', textFormat: 'plain' }),
  });
  expect(typed.status).toBe(200);
  const help = await waitFor('the help card', () =>
    botCards().find((m) =>
      texts(m)[1]?.startsWith('I help you and your partner prepare, run and follow up your sessions'),
    ),
  );
  expect(chat.indexOf(help)).toBeGreaterThan(chat.indexOf(welcome));

  // The playground's current user also mentors a second pair of the playground's tenant, whose
  // partner never installed the app.
  const tenantId = config.tenantId.toLowerCase();
  const built = await buildPair(t.services.store, { tenantId, mentorId: config.currentUser.aadObjectId });
  const session = await sessionScheduler(t.services.store, built.mentor, built.pair, {
    scheduledAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    durationMinutes: 30,
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/playground',
  });

  const run = await request(t.app).post('/api/jobs/reminders/run').set('authorization', `Bearer ${JOBS_SECRET}`);
  expect(run.status).toBe(200);
  expect(run.body.sent).toBeGreaterThanOrEqual(1);
  const marker = reminderMarkerId(
    reminderId(tenantId, built.pair.id, 'startingSoon', session.id, config.currentUser.aadObjectId),
  );
  const startingSoon = await waitFor('the starting-soon card', () =>
    botCards().find((m) => m.message!.attachments!.some((a) => a.content.body?.[0]?.id === marker)),
  );
  expect(texts(startingSoon)[0]).toBe(`Starting soon: your session with ${built.mentee.name}`);
  const join = startingSoon.message!.attachments![0]!.content as { actions?: { type: string; url?: string }[] };
  expect(join.actions).toContainEqual(
    expect.objectContaining({ type: 'Action.OpenUrl', url: 'https://teams.microsoft.com/l/meetup-join/playground' }),
  );
}, 60_000);

test('the playground signs in as the demo mentor: `agenda` answers with the demo pair’s agenda', async () => {
  expect(config.currentUser).toMatchObject({ aadObjectId: 'priya', name: 'Priya Patel' });
  const chatId = config.personalChat.id;
  const before = botCards().length;
  const typed = await fetch(`${playgroundUrl}/_conversation/v1/conversations/${chatId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: { id: config.currentUser.id }, text: 'agenda', textFormat: 'plain' }),
  });
  expect(typed.status).toBe(200);
  const agenda = await waitFor('the demo pair’s agenda card', () =>
    botCards()
      .slice(before)
      .find((m) => texts(m).some((line) => line.startsWith('Agenda: next session with Dana Whitfield'))),
  );
  // Items are rows (a column set each, with their tick button).
  const card = JSON.stringify(agenda.message!.attachments![0]!.content);
  expect(card).toContain('"text":"To do: Demo: Copilot in Excel on last quarter’s numbers (15 min)"');
  expect(card).toContain('"text":"To do: What Dana saw on TikTok this week (10 min)"');
  expect(card).not.toMatch(/not in a pair/i);
}, 60_000);

/** Health of a local server, or undefined while it is not listening. */
const answers = async (url: string, body: RegExp) => {
  try {
    const res = await fetch(url);
    return res.ok && body.test(await res.text()) ? true : undefined;
  } catch {
    return undefined;
  }
};

test('`npm start` and `npm run playground` run side by side, each on its own port: both answer, and `agenda` through the playground gets the demo agenda', async () => {
  // As a developer has them: no port or bot registration set, each started as its npm script starts it, without
  // their tab build (the built tab is there; a build here would replace it under the other e2e files). Each in a
  // process group of its own, ended as a group.
  const {
    PORT: _port,
    PLAYGROUND_BOT_PORT: _botPort,
    PLAYGROUND_PORT: _playgroundPort,
    EMBEDDED_DATA_DIR: _dataDir,
    BOT_APP_ID: _id,
    BOT_APP_PASSWORD: _password,
    ...env
  } = process.env;
  const started = [
    spawn('npm', ['start', '--ignore-scripts'], {
      cwd: ROOT,
      env: { ...env, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
      detached: true,
    }),
    spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/playground.ts'], {
      cwd: ROOT,
      env,
      stdio: 'ignore',
      detached: true,
    }),
  ];
  const other = await browser.newPage();
  try {
    // The ports the scripts name: `npm start` 3978 (config.ts), the playground's bot 3979 and the playground 56150.
    await waitFor('`npm start` on 3978', () => answers('http://127.0.0.1:3978/api/health', /ok/i), 45_000);
    await waitFor('the playground’s bot on 3979', () => answers('http://127.0.0.1:3979/api/health', /ok/i), 45_000);
    const playground2 = 'http://127.0.0.1:56150';
    await waitFor('the playground on 56150', () => answers(`${playground2}/_debug/ping`, /pong/), 45_000);
    for (const child of started) expect(child.exitCode).toBeNull();

    const replies: ChatMessage[] = [];
    await followChat(other, playground2, replies);
    const typed = await fetch(`${playground2}/_conversation/v1/conversations/${config.personalChat.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: config.currentUser.id }, text: 'agenda', textFormat: 'plain' }),
    });
    expect(typed.status).toBe(200);
    const agenda = await waitFor('the agenda card through the playground on 56150', () =>
      replies.find((m) => texts(m).some((line) => line.startsWith('Agenda: next session with Dana Whitfield'))),
    );
    expect(agenda.actionConversationId).toBe(config.personalChat.id);
    // `npm start` still answers beside it.
    expect(await answers('http://127.0.0.1:3978/api/health', /ok/i)).toBe(true);
  } finally {
    await other.close();
    await Promise.all(
      started.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            process.kill(-child.pid!, 'SIGTERM');
          }),
      ),
    );
  }
}, 90_000);
