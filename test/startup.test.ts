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

test('development sign-in refuses a non-loopback address', () => {
  const run = start({ HOST: '0.0.0.0', PORT: '0' });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/HOST: development sign-in listens on a loopback address only/);
});
