// npm run playground: the server (development sign-in, embedded store, demo data) and Microsoft 365
// Agents Playground (pinned 0.2.28) pointed at /api/messages, fully offline: no browser is opened,
// no telemetry is sent. Open the playground's URL in a browser to chat with the bot as Priya Patel, the
// demo mentor (.m365agentsplayground.yml). Its own port (3979), so it runs beside `npm start` (3978).
import { spawn } from 'node:child_process';
import path from 'node:path';

const PORT = process.env.PLAYGROUND_BOT_PORT ?? '3979';
const PLAYGROUND_PORT = process.env.PLAYGROUND_PORT ?? '56150';
const root = path.resolve(__dirname, '..');
const offline = {
  TEAMSAPPTESTER_BROWSER: 'none',
  APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: '{"disableAppInsights":true,"disableStatsbeat":true}',
};

// The playground sends no Bot Framework token: the server runs without a bot registration, which
// serves unauthenticated activities from this machine only.
// Nor does it share `npm start`'s port, address or data folder.
const {
  BOT_APP_ID: _id,
  BOT_APP_PASSWORD: _password,
  BOT_APP_TYPE: _type,
  BOT_TENANT_ID: _tenant,
  PORT: _port,
  PUBLIC_URL: _publicUrl,
  EMBEDDED_DATA_DIR: _dataDir,
  ...serverEnv
} = process.env;
const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'bot/src/index.ts')],
  {
    stdio: 'inherit',
    // The demo data the playground's user (Priya) belongs to; an embedded store of its own, beside `npm start`'s.
    env: { ...serverEnv, PORT, SEED_DEMO_DATA: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
);

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not start within 60 s');
}

void waitForServer().then(
  () => {
    const playground = spawn(
      path.join(root, 'node_modules/.bin/agentsplayground'),
      [
        'start',
        '-e',
        `http://127.0.0.1:${PORT}/api/messages`,
        '-c',
        'msteams',
        '--port',
        PLAYGROUND_PORT,
        '--disable-telemetry',
      ],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          ...offline,
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, '.m365agentsplayground.yml'),
        },
      },
    );
    console.log(
      `Agents Playground: http://127.0.0.1:${PLAYGROUND_PORT} (bot endpoint http://127.0.0.1:${PORT}/api/messages)`,
    );
    const stop = () => {
      playground.kill('SIGTERM');
      server.kill('SIGTERM');
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    playground.on('exit', () => server.kill('SIGTERM'));
  },
  (error: unknown) => {
    console.error(error);
    server.kill('SIGTERM');
    process.exit(1);
  },
);
