// The container image, built and started without Docker: the landed tree (git ls-files, less what
// .dockerignore keeps out of the build context), `npm ci`, the tab build and `npm prune --omit=dev`
// as the Dockerfile's build stage runs them; then only what its final stage copies, started as its
// CMD starts it (NODE_ENV=production, node --max-semi-space-size=64 --import tsx bot/src/index.ts). Around it, stand-ins for
// what lives outside our system, over HTTPS with a certificate made here and trusted through
// NODE_EXTRA_CA_CERTS: Azure Cosmos DB (@vercel/cosmosdb-server, as the emulator is used), Entra ID
// (sign-in keys and the bot's own token) and Bot Framework's token issuer; and the Bot Connector.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { startFakeBotFramework, type FakeBotFramework } from '../support/fakeBotFramework';
import { startFakeEntra, type FakeEntra } from '../support/fakeEntra';
import { selfSignedCertificate } from '../support/selfSignedCertificate';
import { messageFrom, type TeamsUser } from '../teams/teamsClient';
import { ROOT, dockerfileInstructions, ignoredBy, read } from './infraText';

const BOT_APP_ID = '2d4f6a8c-1111-4222-8333-0a1b2c3d4e5f';
const BOT_APP_PASSWORD = 'bot-client-secret-for-the-image-test';
const BOT_TENANT_ID = '3e5a7b9d-2222-4333-8444-1b2c3d4e5f60';
const JOBS_SECRET = 'a-jobs-secret-that-is-long-enough-for-production';
const DATABASE = 'reverse-mentoring';
/** The emulator's well-known key (any base64 key does for the stand-in). */
const COSMOS_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

const { finalStage } = dockerfileInstructions();

let work: string;
let cosmos: ReturnType<typeof createHttpsServer>;
let cosmosEndpoint: string;
let entra: FakeEntra;
let botFramework: FakeBotFramework;
let teams: FakeBotConnector;
let attacker: FakeBotConnector;
let server: ChildProcess;
let base: string;
let output = '';
let certPem: string;

/**
 * A RAM-backed folder where there is room (Linux's /dev/shm): npm ci extracts ~136,000 files, which on
 * disk take twice as long to write and a minute to delete.
 */
function scratchRoot(): string {
  try {
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize > 4 * 1024 ** 3) return '/dev/shm';
  } catch {
    // no /dev/shm here
  }
  return tmpdir();
}

/** Runs a command as the build stage does; its output is kept only for the failure message. */
function build(dir: string, command: string, args: string[]): void {
  const { NODE_ENV: _jestsTest, ...env } = process.env;
  const run = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
}

/** The landed tree as the Docker build context holds it: tracked files with their current contents. */
function copyBuildContext(to: string): void {
  const dockerignored = ignoredBy(read('.dockerignore'), 'dockerignore');
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    // A tracked file deleted in the work tree is not landed.
    if (dockerignored(file) || !existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    copyFileSync(from, path.join(to, file));
  }
}

/** Moves what the final stage's `COPY --from=build /app/<source> <dest>` lines take into the image. */
function copyFinalStage(buildDir: string, imageDir: string): void {
  for (const copy of finalStage.filter((i) => i.op === 'COPY')) {
    const args = copy.args.split(/\s+/);
    if (!args.includes('--from=build'))
      throw new Error(`the final stage copies from elsewhere than the build stage: COPY ${copy.args}`);
    const paths = args.filter((a) => !a.startsWith('--'));
    const dest = paths.pop()!;
    for (const source of paths.map((p) => p.replace(/^\/app\//, ''))) {
      const target = dest.endsWith('/') ? path.join(imageDir, dest, path.basename(source)) : path.join(imageDir, dest);
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(buildDir, source), target);
    }
  }
}

/** The production environment of the image (README, "Configuration"), pointed at the stand-ins. */
function productionEnv(): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_EXTRA_CA_CERTS: path.join(work, 'ca.pem'),
    COSMOS_ENDPOINT: cosmosEndpoint,
    COSMOS_KEY,
    ENTRA_CLIENT_ID: entra.clientId,
    ENTRA_AUTHORITY_HOST: entra.url,
    JOBS_SECRET,
    BOT_APP_ID,
    BOT_APP_PASSWORD,
    BOT_TENANT_ID,
    BOT_OPENID_METADATA_URL: botFramework.metadataUrl,
  };
  // The image's own ENV lines (NODE_ENV=production, PORT) come first; the test moves PORT to a free one.
  for (const line of finalStage.filter((i) => i.op === 'ENV'))
    for (const [, name, value] of line.args.matchAll(/(\w+)=(\S+)/g)) if (name !== 'PORT') env[name!] = value!;
  return env;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(scratchRoot(), 'rm-image-'));
  const buildDir = path.join(work, 'build');
  const imageDir = path.join(work, 'image');
  copyBuildContext(buildDir);
  // The build stage: npm ci (the npm cache of this machine serves it), the tab, then production dependencies only.
  build(buildDir, 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  build(buildDir, 'npm', ['run', 'build:tab']);
  build(buildDir, 'npm', ['prune', '--omit=dev', '--no-audit', '--no-fund']);
  copyFinalStage(buildDir, imageDir);

  const certificate = selfSignedCertificate();
  certPem = certificate.certPem;
  writeFileSync(path.join(work, 'ca.pem'), certPem);
  const tls = { certPem, keyPem: certificate.keyPem };
  cosmos = createHttpsServer({ cert: certPem, key: certificate.keyPem });
  await new Promise<void>((resolve) => cosmos.listen(0, '127.0.0.1', resolve));
  cosmosEndpoint = `https://127.0.0.1:${(cosmos.address() as AddressInfo).port}`;
  [entra, botFramework, teams, attacker] = await Promise.all([
    startFakeEntra({ tls, clients: { [BOT_APP_ID]: BOT_APP_PASSWORD } }),
    startFakeBotFramework({ tls }),
    startFakeBotConnector(),
    startFakeBotConnector(),
  ]);

  const [cmd, ...cmdArgs] = JSON.parse(finalStage.find((i) => i.op === 'CMD')!.args) as string[];
  server = spawn(cmd === 'node' ? process.execPath : cmd!, cmdArgs, { cwd: imageDir, env: productionEnv() });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 90 s:\n${output}`)), 90_000);
    server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
    server.stdout!.on('data', () => {
      const endpoint = /Bot endpoint: (http:\/\/\S+)\/api\/messages/.exec(output)?.[1];
      if (endpoint) {
        clearTimeout(timer);
        resolve(endpoint.replace('localhost', '127.0.0.1'));
      }
    });
  });
}, 900_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  cosmos?.closeAllConnections();
  await new Promise((resolve) => (cosmos ? cosmos.close(resolve) : resolve(undefined)));
  await Promise.all([entra?.stop(), botFramework?.stop(), teams?.stop(), attacker?.stop()]);
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

/** The executive's stored conversation reference, read from the Cosmos DB stand-in. */
async function storedReference(userId: string): Promise<Record<string, unknown> | undefined> {
  const client = new CosmosClient({
    endpoint: cosmosEndpoint,
    key: COSMOS_KEY,
    agent: new Agent({ ca: certPem }),
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const { resource } = await client
      .database(DATABASE)
      .container('people')
      .item(`conversation-${DEV_TENANT_ID}`, userId)
      .read<Record<string, unknown>>();
    return resource
      ? Object.fromEntries(Object.entries(resource).filter(([k]) => !k.startsWith('_') || k === '_etag'))
      : undefined;
  } finally {
    client.dispose();
  }
}

const executive = (serviceUrl: string): TeamsUser => ({ userId: 'dana', serviceUrl });

test('the image holds production dependencies only, and the server started from it answers /api/health', async () => {
  const image = path.join(work, 'image');
  expect(existsSync(path.join(image, 'node_modules/tsx'))).toBe(true);
  // Dev dependencies are gone, so an import of one would have stopped the server.
  expect(existsSync(path.join(image, 'node_modules/jest'))).toBe(false);
  expect(existsSync(path.join(image, 'tab/dist/index.html'))).toBe(true);
  const res = await fetch(`${base}/api/health`);
  expect(res.status).toBe(200);
});

test('a signed-in API call with an Entra token', async () => {
  const token = await entra.sign({ oid: 'ada', tid: DEV_TENANT_ID });
  const res = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ pairs: [] });
  // What an answer cost the store is told outside production only.
  expect(res.headers.get('x-store-round-trips')).toBeNull();
  expect(res.headers.get('x-store-request-charge')).toBeNull();
  expect((await fetch(`${base}/api/me`)).status).toBe(401);
});

test("a bot message with Bot Framework's token is answered with the bot's own Entra token, and its conversation is stored", async () => {
  const token = await botFramework.channelToken(BOT_APP_ID, teams.url);
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(messageFrom(executive(teams.url), 'help')),
  });
  expect(res.status).toBe(200);
  expect(teams.sent.map((s) => s.activity.type)).toEqual(['typing', 'message']);
  // The bot's token for the connector: issued by Entra to the bot's app for the Bot Framework audience.
  const keys = createLocalJWKSet(entra.jwks());
  for (const sent of teams.sent) {
    const { payload } = await jwtVerify(sent.authorization!.replace(/^Bearer /, ''), keys, {
      issuer: entra.issuerV2(BOT_TENANT_ID),
      audience: 'https://api.botframework.com',
    });
    expect(payload.azp).toBe(BOT_APP_ID);
  }
  expect(entra.tokenRequests).toContainEqual({
    clientId: BOT_APP_ID,
    scope: 'https://api.botframework.com/.default',
    status: 200,
  });
  expect(await storedReference('dana')).toMatchObject({
    status: 'installed',
    authenticatedBy: 'botFrameworkToken',
    reference: { serviceUrl: teams.url },
  });
});

test('forged activities are refused with 401 problem+json, reach no URL and leave the stored reference alone', async () => {
  const before = await storedReference('dana');
  expect(before).toBeDefined();
  const forged = JSON.stringify(messageFrom(executive(attacker.url), 'agenda'));
  const attacks: [string, string | undefined][] = [
    ['no token', undefined],
    ['alg: none', botFramework.unsignedToken(BOT_APP_ID, attacker.url)],
    ['another bot', await botFramework.channelToken('9f8e7d6c-5555-4666-8777-888899990000', attacker.url)],
    ["Teams' serviceUrl in the token", await botFramework.channelToken(BOT_APP_ID, teams.url)],
  ];
  const [teamsBefore, attackerBefore] = [teams.requests, attacker.requests];
  for (const [attack, token] of attacks) {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: forged,
    });
    expect({ attack, status: res.status, type: res.headers.get('content-type') }).toEqual({
      attack,
      status: 401,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
  }
  expect({ teams: teams.requests - teamsBefore, attacker: attacker.requests - attackerBefore }).toEqual({
    teams: 0,
    attacker: 0,
  });
  expect(await storedReference('dana')).toEqual(before);
});

test('the server started from the image logged no error, with one process per CPU (its WEB_CONCURRENCY=auto)', () => {
  expect(output).not.toMatch(/"level":(50|60)/);
  expect(output).toMatch(new RegExp(`Processes: +${availableParallelism()}\\b`));
});
