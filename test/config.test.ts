// loadConfig(env): defaults, validation that reports every problem at once, and the rules that keep
// development conveniences out of production.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig, type Env } from '../bot/src/config';

type EnvInput = Partial<Record<keyof Env, string>>;

const CLIENT_ID = randomUUID();
const TENANT_ID = randomUUID();
const JOBS_SECRET = 'j'.repeat(32);
const PRODUCTION: EnvInput = {
  NODE_ENV: 'production',
  ENTRA_CLIENT_ID: CLIENT_ID,
  COSMOS_ENDPOINT: 'https://mentoring.documents.azure.com:443/',
  JOBS_SECRET,
  BOT_APP_ID: CLIENT_ID,
  BOT_APP_TYPE: 'UserAssignedMSI',
  BOT_TENANT_ID: TENANT_ID,
};

/** The ConfigError's problems; fails the test if the configuration loads or another error is thrown. */
function problemsOf(env: EnvInput): string[] {
  let thrown: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  const error = thrown as ConfigError;
  expect(error.name).toBe('ConfigError');
  for (const problem of error.problems) expect(error.message).toContain(problem);
  return error.problems;
}

/** The variables the problems name ("PORT: …", "ENTRA_ALLOWED_TENANTS.1: …" → PORT, ENTRA_ALLOWED_TENANTS). */
const variablesIn = (problems: string[]) =>
  [...new Set(problems.map((p) => p.slice(0, p.indexOf(':')).split('.')[0]))].sort();

describe('defaults', () => {
  test('an empty environment: port 3978, loopback host, embedded store, development sign-in', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      port: 3978,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:3978',
      logLevel: 'info',
      store: { kind: 'embedded', database: 'reverse-mentoring', timeoutMs: 5000 },
      auth: { mode: 'development' },
      bot: {
        appId: undefined,
        appPassword: undefined,
        appType: 'SingleTenant',
        tenantId: undefined,
        openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
        tokenIssuer: 'https://api.botframework.com',
        oAuthScope: 'https://api.botframework.com',
        authorityHost: 'https://login.microsoftonline.com',
      },
      jobsSecret: undefined,
      processes: { count: 1, index: 0 },
      reminders: { schedulerEnabled: true, tenantMessagesPerSecond: 30 },
      rateLimitPerMinute: 600,
      rateLimitPerIpPerMinute: 6000,
      bodyLimitKb: 256,
      seedDemoData: true,
      storeMetricsHeaders: true,
    });
  });

  test('Entra mode: listens on all interfaces, authority login.microsoftonline.com, no tenant restriction', () => {
    const config = loadConfig({ ENTRA_CLIENT_ID: CLIENT_ID });
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl).toBe('http://localhost:3978');
    expect(config.auth).toEqual({
      mode: 'entra',
      clientId: CLIENT_ID,
      appIdUri: `api://localhost:3978/${CLIENT_ID}`,
      authorityHost: 'https://login.microsoftonline.com',
      allowedTenants: [],
    });
  });

  test('the Application ID URI: api://<PUBLIC_URL host>/<client id>, or ENTRA_APP_ID_URI exactly', () => {
    expect(
      loadConfig({ ENTRA_CLIENT_ID: CLIENT_ID, PUBLIC_URL: 'https://mentoring.contoso.example/' }).auth,
    ).toMatchObject({ appIdUri: `api://mentoring.contoso.example/${CLIENT_ID}` });
    // Agents Toolkit's local debugging serves the tab on a port; the URI keeps it.
    expect(loadConfig({ ENTRA_CLIENT_ID: CLIENT_ID, PUBLIC_URL: 'https://localhost:53000' }).auth).toMatchObject({
      appIdUri: `api://localhost:53000/${CLIENT_ID}`,
    });
    expect(
      loadConfig({
        ENTRA_CLIENT_ID: CLIENT_ID,
        PUBLIC_URL: 'https://mentoring.contoso.example',
        ENTRA_APP_ID_URI: 'api://mentoring.contoso.example/botid-42',
      }).auth,
    ).toMatchObject({ appIdUri: 'api://mentoring.contoso.example/botid-42' });
  });

  test('values are taken from the given env and coerced', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: 'localhost',
      PUBLIC_URL: 'https://mentoring.contoso.example/',
      LOG_LEVEL: 'debug',
      COSMOS_ENDPOINT: 'https://127.0.0.1:8081',
      COSMOS_KEY: 'key',
      COSMOS_DATABASE: 'rm_test-1',
      COSMOS_TIMEOUT_MS: '2500',
      RATE_LIMIT_PER_MINUTE: '60',
      BODY_LIMIT_KB: '64',
      SEED_DEMO_DATA: '0',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: 'localhost',
      publicUrl: 'https://mentoring.contoso.example',
      logLevel: 'debug',
      store: { kind: 'cosmos', endpoint: 'https://127.0.0.1:8081', key: 'key', database: 'rm_test-1', timeoutMs: 2500 },
      rateLimitPerMinute: 60,
      rateLimitPerIpPerMinute: 600,
      bodyLimitKb: 64,
      seedDemoData: false,
    });
  });

  test('ENTRA_AUTHORITY_HOST may be an http URL (a local authority); a trailing slash is dropped', () => {
    const config = loadConfig({ ENTRA_CLIENT_ID: CLIENT_ID, ENTRA_AUTHORITY_HOST: 'http://127.0.0.1:4567/' });
    expect(config.auth).toMatchObject({ mode: 'entra', authorityHost: 'http://127.0.0.1:4567' });
  });
});

test('an empty variable means unset, as hosting platforms write it', () => {
  const config = loadConfig({ PORT: '', HOST: ' ', COSMOS_ENDPOINT: '', ENTRA_CLIENT_ID: '' });
  expect(config).toMatchObject({
    port: 3978,
    host: '127.0.0.1',
    store: { kind: 'embedded' },
    auth: { mode: 'development' },
  });
});

describe('invalid values: a ConfigError that names every bad variable at once', () => {
  test('PORT=abc, LOG_LEVEL=loud, ENTRA_CLIENT_ID=not-a-guid, COSMOS_ENDPOINT=nope → all four listed', () => {
    const problems = problemsOf({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      ENTRA_CLIENT_ID: 'not-a-guid',
      COSMOS_ENDPOINT: 'nope',
    });
    expect(variablesIn(problems)).toEqual(['COSMOS_ENDPOINT', 'ENTRA_CLIENT_ID', 'LOG_LEVEL', 'PORT']);
  });

  test.each<[string, EnvInput]>([
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['PORT', { PORT: '65536' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['HOST', { HOST: 'not a host' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'mentoring.contoso.example' }],
    ['COSMOS_DATABASE', { COSMOS_DATABASE: 'a/b' }],
    ['COSMOS_TIMEOUT_MS', { COSMOS_TIMEOUT_MS: '10' }],
    ['ENTRA_APP_ID_URI', { ENTRA_APP_ID_URI: 'https://mentoring.contoso.example' }],
    ['ENTRA_AUTHORITY_HOST', { ENTRA_AUTHORITY_HOST: 'login microsoftonline com' }],
    ['BOT_APP_TYPE', { BOT_APP_TYPE: 'Personal' }],
    ['BOT_TENANT_ID', { BOT_TENANT_ID: 'contoso.onmicrosoft.com' }],
    ['JOBS_SECRET', { JOBS_SECRET: 'too-short' }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '0' }],
    ['RATE_LIMIT_PER_IP_PER_MINUTE', { RATE_LIMIT_PER_IP_PER_MINUTE: '0' }],
    ['BODY_LIMIT_KB', { BODY_LIMIT_KB: 'lots' }],
    ['SEED_DEMO_DATA', { SEED_DEMO_DATA: 'yes' }],
  ])('%s (%j) is named', (variable, env) => {
    expect(variablesIn(problemsOf(env))).toEqual([variable]);
  });

  test('a bad value and a broken cross-variable rule are reported together', () => {
    // loadConfig promises "every problem": fixing PORT must not reveal, one deploy later, that production
    // also refuses development sign-in and the embedded store.
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc', JOBS_SECRET });
    expect(variablesIn(problems)).toEqual(['BOT_APP_ID', 'COSMOS_ENDPOINT', 'ENTRA_CLIENT_ID', 'PORT']);
  });
});

describe('production', () => {
  test('refuses development sign-in, the embedded store and a bot without registration, all problems listed', () => {
    const problems = problemsOf({ NODE_ENV: 'production', JOBS_SECRET });
    expect(variablesIn(problems)).toEqual(['BOT_APP_ID', 'COSMOS_ENDPOINT', 'ENTRA_CLIENT_ID']);
    expect(problems.find((p) => p.startsWith('BOT_APP_ID:'))).toMatch(/unauthenticated/);
    expect(problems.find((p) => p.startsWith('ENTRA_CLIENT_ID:'))).toMatch(/development sign-in/);
    expect(problems.find((p) => p.startsWith('COSMOS_ENDPOINT:'))).toMatch(/embedded store/);
  });

  test('each refusal on its own', () => {
    expect(variablesIn(problemsOf({ ...PRODUCTION, ENTRA_CLIENT_ID: undefined }))).toEqual(['ENTRA_CLIENT_ID']);
    expect(variablesIn(problemsOf({ ...PRODUCTION, COSMOS_ENDPOINT: undefined }))).toEqual(['COSMOS_ENDPOINT']);
    expect(variablesIn(problemsOf({ ...PRODUCTION, JOBS_SECRET: undefined }))).toEqual(['JOBS_SECRET']);
    // The issue's configuration: Entra, Cosmos DB and the jobs secret, but no bot registration.
    expect(
      variablesIn(
        problemsOf({ ...PRODUCTION, BOT_APP_ID: undefined, BOT_APP_TYPE: undefined, BOT_TENANT_ID: undefined }),
      ),
    ).toEqual(['BOT_APP_ID']);
  });

  test('a complete production configuration loads: Entra, Cosmos DB, no demo data', () => {
    const config = loadConfig({ ...PRODUCTION, SEED_DEMO_DATA: 'true' });
    expect(config).toMatchObject({
      env: 'production',
      host: '0.0.0.0',
      store: { kind: 'cosmos', endpoint: PRODUCTION.COSMOS_ENDPOINT },
      auth: { mode: 'entra', clientId: CLIENT_ID },
      jobsSecret: JOBS_SECRET,
      seedDemoData: false,
      storeMetricsHeaders: false,
    });
  });

  test('what an answer cost the store (X-Store-* headers): off in production unless asked for, on elsewhere unless turned off', () => {
    expect(loadConfig({ ...PRODUCTION, STORE_METRICS_HEADERS: 'true' }).storeMetricsHeaders).toBe(true);
    expect(loadConfig({ STORE_METRICS_HEADERS: 'false' }).storeMetricsHeaders).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).storeMetricsHeaders).toBe(true);
  });
});

describe('development sign-in listens on loopback only', () => {
  test.each(['0.0.0.0', '::', '192.168.1.20'])('HOST=%s without ENTRA_CLIENT_ID is refused', (host) => {
    const problems = problemsOf({ HOST: host });
    expect(variablesIn(problems)).toEqual(['HOST']);
    expect(problems[0]).toMatch(/loopback/);
  });

  test.each(['127.0.0.1', 'localhost', '::1'])('HOST=%s is accepted', (host) => {
    expect(loadConfig({ HOST: host })).toMatchObject({ host, auth: { mode: 'development' } });
  });

  test('HOST=0.0.0.0 is fine with Entra sign-in', () => {
    expect(loadConfig({ HOST: '0.0.0.0', ENTRA_CLIENT_ID: CLIENT_ID })).toMatchObject({
      host: '0.0.0.0',
      auth: { mode: 'entra' },
    });
  });
});

describe('server processes (WEB_CONCURRENCY)', () => {
  const shared = { ENTRA_CLIENT_ID: CLIENT_ID, COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' };

  test('auto is one per CPU; a number is that many; the scheduler and demo data belong to the first process', () => {
    expect(loadConfig({ ...shared, WEB_CONCURRENCY: 'auto' }).processes).toEqual({
      count: os.availableParallelism(),
      index: 0,
    });
    const second = loadConfig({ ...shared, WEB_CONCURRENCY: '3', SERVER_PROCESS_INDEX: '1', SEED_DEMO_DATA: 'true' });
    expect(second.processes).toEqual({ count: 3, index: 1 });
    expect(second.reminders.schedulerEnabled).toBe(false);
    expect(second.seedDemoData).toBe(false);
    const first = loadConfig({ ...shared, WEB_CONCURRENCY: '3', SERVER_PROCESS_INDEX: '0', SEED_DEMO_DATA: 'true' });
    expect([first.reminders.schedulerEnabled, first.seedDemoData]).toEqual([true, true]);
  });

  test('more than one needs a store and a sign-in that every process shares', () => {
    expect(() => loadConfig({ WEB_CONCURRENCY: 'auto' })).toThrow(
      /WEB_CONCURRENCY: more than one server process needs COSMOS_ENDPOINT[\s\S]*WEB_CONCURRENCY: more than one server process needs ENTRA_CLIENT_ID/,
    );
    expect(() => loadConfig({ ENTRA_CLIENT_ID: CLIENT_ID, WEB_CONCURRENCY: '2' })).toThrow(/needs COSMOS_ENDPOINT/);
    expect(loadConfig({ WEB_CONCURRENCY: '1' }).processes.count).toBe(1);
  });

  test.each(['0', '65', 'many', '-1', '2.5'])('WEB_CONCURRENCY=%s is refused', (value) => {
    expect(() => loadConfig({ ...shared, WEB_CONCURRENCY: value })).toThrow(/WEB_CONCURRENCY/);
  });
});

describe('bot registration', () => {
  test('BOT_APP_ID without BOT_APP_PASSWORD is refused', () => {
    expect(variablesIn(problemsOf({ BOT_APP_ID: CLIENT_ID, BOT_TENANT_ID: TENANT_ID }))).toEqual(['BOT_APP_PASSWORD']);
  });

  test('SingleTenant (the default) also needs BOT_TENANT_ID; both problems are listed', () => {
    expect(variablesIn(problemsOf({ BOT_APP_ID: CLIENT_ID }))).toEqual(['BOT_APP_PASSWORD', 'BOT_TENANT_ID']);
  });

  test('complete registrations load; a user-assigned managed identity needs no password', () => {
    expect(
      loadConfig({ BOT_APP_ID: CLIENT_ID, BOT_APP_PASSWORD: 'secret', BOT_TENANT_ID: TENANT_ID }).bot,
    ).toMatchObject({
      appId: CLIENT_ID,
      appPassword: 'secret',
      appType: 'SingleTenant',
      tenantId: TENANT_ID,
    });
    expect(
      loadConfig({ BOT_APP_ID: CLIENT_ID, BOT_APP_PASSWORD: 'secret', BOT_APP_TYPE: 'MultiTenant' }).bot,
    ).toMatchObject({ appType: 'MultiTenant' });
    expect(
      loadConfig({ BOT_APP_ID: CLIENT_ID, BOT_APP_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT_ID }).bot,
    ).toMatchObject({
      appType: 'UserAssignedMSI',
      appPassword: undefined,
    });
  });

  test('another Bot Framework cloud (US Government): keys, issuer, token audience and authority are configuration', () => {
    const bot = loadConfig({
      BOT_OPENID_METADATA_URL: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      BOT_TOKEN_ISSUER: 'https://api.botframework.us',
      BOT_OAUTH_SCOPE: 'https://api.botframework.us/',
      ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
    }).bot;
    expect(bot).toMatchObject({
      openIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      tokenIssuer: 'https://api.botframework.us',
      oAuthScope: 'https://api.botframework.us',
      authorityHost: 'https://login.microsoftonline.us',
    });
    expect(
      variablesIn(
        problemsOf({
          BOT_OPENID_METADATA_URL: 'login.botframework.com',
          BOT_TOKEN_ISSUER: 'api',
          BOT_OAUTH_SCOPE: 'x',
        }),
      ),
    ).toEqual(['BOT_OAUTH_SCOPE', 'BOT_OPENID_METADATA_URL', 'BOT_TOKEN_ISSUER']);
  });
});

describe('ENTRA_ALLOWED_TENANTS', () => {
  const allowed = (value: string | undefined) => {
    const { auth } = loadConfig({ ENTRA_CLIENT_ID: CLIENT_ID, ENTRA_ALLOWED_TENANTS: value });
    if (auth.mode !== 'entra') throw new Error('expected Entra mode');
    return auth.allowedTenants;
  };

  test('unset or empty means every tenant', () => {
    expect(allowed(undefined)).toEqual([]);
    expect(allowed('')).toEqual([]);
  });

  test('comma-separated GUIDs; spaces and empty entries are ignored', () => {
    const other = randomUUID();
    expect(allowed(TENANT_ID)).toEqual([TENANT_ID]);
    expect(allowed(` ${TENANT_ID} ,, ${other} ,`)).toEqual([TENANT_ID, other]);
  });

  test('an entry that is not a GUID (e.g. a domain name) is refused, naming the variable', () => {
    const problems = problemsOf({
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_ALLOWED_TENANTS: `${TENANT_ID},contoso.onmicrosoft.com`,
    });
    expect(variablesIn(problems)).toEqual(['ENTRA_ALLOWED_TENANTS']);
  });
});

describe('Microsoft Graph credentials and proactive installation', () => {
  const IDENTITY_ID = randomUUID();
  const CATALOG_ID = randomUUID();
  const MSI_BOT = {
    ENTRA_CLIENT_ID: CLIENT_ID,
    BOT_APP_ID: IDENTITY_ID,
    BOT_APP_TYPE: 'UserAssignedMSI',
    BOT_TENANT_ID: TENANT_ID,
  } as const;

  test('TEAMS_APP_CATALOG_ID with a managed-identity bot: the Entra app signs in with the identity (federated credential), no password', () => {
    const config = loadConfig({ ...MSI_BOT, TEAMS_APP_CATALOG_ID: CATALOG_ID });
    const federated = { clientId: CLIENT_ID, kind: 'managedIdentity', managedIdentityClientId: IDENTITY_ID };
    expect(config.reminders.proactiveInstall).toEqual({
      teamsAppCatalogId: CATALOG_ID,
      graphBaseUrl: 'https://graph.microsoft.com',
      credential: federated,
    });
    // The directory's on-behalf-of exchange uses the same credential.
    expect(config.graph).toEqual({ credential: federated, baseUrl: 'https://graph.microsoft.com' });
    expect(config.bot.appPassword).toBeUndefined();
  });

  test('the manifest id alone (TEAMS_APP_ID) turns proactive installation on: the catalogue id is found at run time', () => {
    const teamsAppId = randomUUID();
    expect(loadConfig({ ...MSI_BOT, TEAMS_APP_ID: teamsAppId }).reminders.proactiveInstall).toMatchObject({
      teamsAppId,
    });
    expect(variablesIn(problemsOf({ ...MSI_BOT, TEAMS_APP_ID: 'not-a-guid' }))).toEqual(['TEAMS_APP_ID']);
  });

  test('ENTRA_MANAGED_IDENTITY_CLIENT_ID names the identity explicitly, whatever the bot is', () => {
    const config = loadConfig({
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_MANAGED_IDENTITY_CLIENT_ID: IDENTITY_ID,
      TEAMS_APP_CATALOG_ID: CATALOG_ID,
    });
    expect(config.reminders.proactiveInstall?.credential).toEqual({
      clientId: CLIENT_ID,
      kind: 'managedIdentity',
      managedIdentityClientId: IDENTITY_ID,
    });
    expect(variablesIn(problemsOf({ ENTRA_MANAGED_IDENTITY_CLIENT_ID: IDENTITY_ID }))).toEqual([
      'ENTRA_MANAGED_IDENTITY_CLIENT_ID',
    ]);
  });

  test('a secret still works: the Entra app secret for both, the bot password for installs only', () => {
    expect(
      loadConfig({ ENTRA_CLIENT_ID: CLIENT_ID, ENTRA_CLIENT_SECRET: 's', TEAMS_APP_CATALOG_ID: CATALOG_ID }).reminders
        .proactiveInstall?.credential,
    ).toEqual({ clientId: CLIENT_ID, kind: 'secret', clientSecret: 's' });
    const bot = loadConfig({
      BOT_APP_ID: CLIENT_ID,
      BOT_APP_PASSWORD: 'p',
      BOT_TENANT_ID: TENANT_ID,
      TEAMS_APP_CATALOG_ID: CATALOG_ID,
    });
    expect(bot.reminders.proactiveInstall?.credential).toEqual({
      clientId: CLIENT_ID,
      kind: 'secret',
      clientSecret: 'p',
    });
    expect(bot.graph).toBeUndefined();
  });

  test('proactive installation without any credential for Graph is refused, naming the ways to give one', () => {
    const problems = problemsOf({ ENTRA_CLIENT_ID: CLIENT_ID, TEAMS_APP_CATALOG_ID: CATALOG_ID });
    expect(variablesIn(problems)).toEqual(['TEAMS_APP_CATALOG_ID']);
    expect(problems[0]).toMatch(/ENTRA_MANAGED_IDENTITY_CLIENT_ID/);
  });
});
