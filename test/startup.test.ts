// Start-up itself: a production configuration that would run development sign-in or the embedded
// store stops the process with every problem listed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

function start(env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
    cwd: root,
    env: { PATH: PATH ?? '', HOME: HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('production without Entra or Cosmos DB refuses to start and says what to set', () => {
  const run = start({ NODE_ENV: 'production', PORT: '0' });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/Configuration is not valid/);
  expect(run.stderr).toMatch(/ENTRA_CLIENT_ID: required in production: development sign-in is refused/);
  expect(run.stderr).toMatch(/COSMOS_ENDPOINT: required in production: the embedded store is refused/);
  expect(run.stderr).toMatch(/JOBS_SECRET/);
  expect(run.stdout).not.toMatch(/running/);
});

test("production with Entra, Cosmos DB and a jobs secret but no bot registration refuses to start: /api/messages would take anyone's activities", () => {
  const run = start({
    NODE_ENV: 'production',
    PORT: '0',
    ENTRA_CLIENT_ID: '0a1b2c3d-1111-4222-8333-444455556666',
    COSMOS_ENDPOINT: 'https://mentoring.documents.azure.com:443/',
    JOBS_SECRET: 'a-jobs-secret-that-is-long-enough-123456',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/BOT_APP_ID: required in production/);
  expect(run.stdout).not.toMatch(/running/);
});

test('development sign-in refuses a non-loopback address', () => {
  const run = start({ HOST: '0.0.0.0', PORT: '0' });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/HOST: development sign-in listens on a loopback address only/);
});
