// The one reader of process.env: every variable is documented in README.md and validated here at boot.
import os from 'node:os';
import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** A flag: `true`/`1` or `false`/`0`; unset gives `fallback` (undefined: the default depends on other settings). */
const bool = <F extends boolean | undefined>(fallback: F) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));
const optionalText = z.string().trim().min(1).optional();
const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]{1,253}$/, 'a host name or IP address')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  WEB_CONCURRENCY: z
    .string()
    .regex(/^(auto|[1-9]|[1-5][0-9]|6[0-4])$/, "'auto' (one per CPU) or a number of server processes, 1 to 64")
    .default('1'),
  /** Set by a multi-process server's first process for each process it starts (0, 1, ...). */
  SERVER_PROCESS_INDEX: z.coerce.number().int().min(0).max(63).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COSMOS_ENDPOINT: z.url().optional(),
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9-_]{1,255}$/, 'letters, digits, - and _ only')
    .default('reverse-mentoring'),
  COSMOS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  EMBEDDED_DATA_DIR: z.string().min(1).optional(),
  ENTRA_CLIENT_ID: z.uuid().optional(),
  ENTRA_APP_ID_URI: z.string().startsWith('api://').optional(),
  ENTRA_AUTHORITY_HOST: z.url().default('https://login.microsoftonline.com'),
  ENTRA_ALLOWED_TENANTS: csv.pipe(z.array(z.uuid())),
  ENTRA_CLIENT_SECRET: optionalText,
  ENTRA_MANAGED_IDENTITY_CLIENT_ID: z.uuid().optional(),
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com'),
  BOT_APP_ID: optionalText,
  BOT_APP_PASSWORD: optionalText,
  BOT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  BOT_TENANT_ID: z.uuid().optional(),
  BOT_OPENID_METADATA_URL: z.url().default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  BOT_TOKEN_ISSUER: z.url().default('https://api.botframework.com'),
  BOT_OAUTH_SCOPE: z.url().default('https://api.botframework.com'),
  JOBS_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  REMINDER_SCHEDULER: bool(undefined),
  BOT_TENANT_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(50).default(30),
  TEAMS_APP_CATALOG_ID: optionalText,
  TEAMS_APP_ID: z.uuid().optional(),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .regex(/InstrumentationKey=/, 'an Application Insights connection string')
    .optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(600),
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(10000000).optional(),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10240).default(256),
  SEED_DEMO_DATA: bool(true),
  STORE_METRICS_HEADERS: bool(undefined),
});

type Raw = Record<string, string | undefined>;

/**
 * Rules across variables, read from the raw values so that they are reported together with any
 * field errors (a refinement on the schema would be skipped once a field fails).
 */
function crossVariableProblems(raw: Raw): string[] {
  const problems: string[] = [];
  const production = raw.NODE_ENV === 'production';
  const devSignIn = !raw.ENTRA_CLIENT_ID;
  const host = raw.HOST ?? (devSignIn ? '127.0.0.1' : '0.0.0.0');
  const botType = raw.BOT_APP_TYPE ?? 'SingleTenant';
  if (production && devSignIn) problems.push('ENTRA_CLIENT_ID: required in production: development sign-in is refused');
  if (production && !raw.COSMOS_ENDPOINT)
    problems.push('COSMOS_ENDPOINT: required in production: the embedded store is refused');
  if (production && !raw.JOBS_SECRET)
    problems.push('JOBS_SECRET: required in production to protect POST /api/jobs/reminders/run');
  if (production && !raw.BOT_APP_ID)
    problems.push(
      'BOT_APP_ID: required in production: without a bot registration /api/messages could only take unauthenticated activities',
    );
  if ((raw.WEB_CONCURRENCY ?? '1') !== '1') {
    if (!raw.COSMOS_ENDPOINT)
      problems.push(
        "WEB_CONCURRENCY: more than one server process needs COSMOS_ENDPOINT (an embedded store is one process's)",
      );
    if (devSignIn)
      problems.push(
        "WEB_CONCURRENCY: more than one server process needs ENTRA_CLIENT_ID (a development sign-in key is one process's)",
      );
  }
  if (devSignIn && !LOOPBACK_HOSTS.has(host))
    problems.push(
      'HOST: development sign-in listens on a loopback address only; set ENTRA_CLIENT_ID to listen elsewhere',
    );
  if (raw.BOT_APP_ID && botType !== 'UserAssignedMSI' && !raw.BOT_APP_PASSWORD)
    problems.push('BOT_APP_PASSWORD: required with BOT_APP_ID unless BOT_APP_TYPE is UserAssignedMSI');
  if (raw.ENTRA_MANAGED_IDENTITY_CLIENT_ID && devSignIn)
    problems.push('ENTRA_MANAGED_IDENTITY_CLIENT_ID: signs in as the Entra app, so it needs ENTRA_CLIENT_ID');
  const installVariable = raw.TEAMS_APP_CATALOG_ID
    ? 'TEAMS_APP_CATALOG_ID'
    : raw.TEAMS_APP_ID
      ? 'TEAMS_APP_ID'
      : undefined;
  if (installVariable && !appCredential(raw, true))
    problems.push(
      `${installVariable}: proactive installation needs credentials for Microsoft Graph: ENTRA_CLIENT_ID with ENTRA_MANAGED_IDENTITY_CLIENT_ID (or a UserAssignedMSI bot: no secret), ENTRA_CLIENT_ID with ENTRA_CLIENT_SECRET, or BOT_APP_ID with BOT_APP_PASSWORD`,
    );
  if (raw.BOT_APP_ID && botType !== 'MultiTenant' && !raw.BOT_TENANT_ID)
    problems.push(`BOT_TENANT_ID: required with BOT_APP_TYPE ${botType}`);
  return problems;
}

/**
 * How the server signs in to Entra ID as an app registration (for Microsoft Graph). Preferred: the Entra app
 * with a federated credential trusted from the user-assigned managed identity (no secret anywhere); a
 * UserAssignedMSI bot's identity is that identity unless ENTRA_MANAGED_IDENTITY_CLIENT_ID names another.
 * Then the Entra app's secret; for application permissions only, the bot's own password as a last resort.
 */
function appCredential(raw: Raw, forApplicationPermissions: boolean): AppCredential | undefined {
  const entraClientId = raw.ENTRA_CLIENT_ID;
  const managedIdentity =
    raw.ENTRA_MANAGED_IDENTITY_CLIENT_ID ?? (raw.BOT_APP_TYPE === 'UserAssignedMSI' ? raw.BOT_APP_ID : undefined);
  if (entraClientId && managedIdentity)
    return { clientId: entraClientId, kind: 'managedIdentity', managedIdentityClientId: managedIdentity };
  if (entraClientId && raw.ENTRA_CLIENT_SECRET)
    return { clientId: entraClientId, kind: 'secret', clientSecret: raw.ENTRA_CLIENT_SECRET };
  if (forApplicationPermissions && raw.BOT_APP_ID && raw.BOT_APP_PASSWORD)
    return { clientId: raw.BOT_APP_ID, kind: 'secret', clientSecret: raw.BOT_APP_PASSWORD };
  return undefined;
}

export type Env = z.input<typeof envSchema>;

/** An app registration's client credential: a federated credential from a managed identity, or a secret. */
export type AppCredential =
  | { clientId: string; kind: 'managedIdentity'; managedIdentityClientId: string }
  | { clientId: string; kind: 'secret'; clientSecret: string };

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  publicUrl: string;
  logLevel: string;
  store:
    | { kind: 'embedded'; database: string; timeoutMs: number; dataDir?: string }
    | { kind: 'cosmos'; endpoint: string; key?: string; database: string; timeoutMs: number };
  auth:
    | { mode: 'development' }
    | {
        mode: 'entra';
        clientId: string;
        /** The one Application ID URI tokens may carry as audience (besides the client id). */
        appIdUri: string;
        authorityHost: string;
        allowedTenants: string[];
      };
  /**
   * The Azure Bot registration (none: /api/messages serves unauthenticated calls from this machine only) and
   * the Bot Framework cloud: where channel tokens' keys are published, their issuer, and the audience and
   * authority of the bot's own token.
   */
  bot: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
    openIdMetadataUrl: string;
    tokenIssuer: string;
    oAuthScope: string;
    authorityHost: string;
  };
  jobsSecret?: string;
  /**
   * Server processes on this machine (WEB_CONCURRENCY): the first process starts `count` of them, which share the
   * port; `index` is this one's (0 runs the scheduler).
   */
  processes: { count: number; index: number };
  /** Reminders: the in-process scheduler (every minute), Teams' per-tenant send limit, proactive install through Graph. */
  reminders: { schedulerEnabled: boolean; tenantMessagesPerSecond: number; proactiveInstall?: ProactiveInstallConfig };
  /** Microsoft Graph through on-behalf-of (the admin's people picker and CSV import); unset → seeded directory in development. */
  graph?: { credential: AppCredential; baseUrl: string };
  /** Application Insights: OpenTelemetry traces and metrics go to Azure Monitor when set. */
  telemetryConnectionString?: string;
  /** Per signed-in user, after authentication. */
  rateLimitPerMinute: number;
  /** Per client address, before authentication (bad tokens and the bot endpoint included). */
  rateLimitPerIpPerMinute: number;
  bodyLimitKb: number;
  seedDemoData: boolean;
  /**
   * X-Store-Round-Trips and X-Store-Request-Charge on API answers (benchmarks and tests read them). Off in
   * production: store internals are nobody's business, and counting per request needs AsyncLocalStorage, whose
   * hook on every promise costs Node 20 several per cent of the API's CPU.
   */
  storeMetricsHeaders: boolean;
}

/**
 * Installing the app for people through Microsoft Graph (application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All). The catalogue id is given, or found from the manifest id
 * (TEAMS_APP_ID) in the installation of someone who has the app.
 */
export interface ProactiveInstallConfig {
  teamsAppCatalogId?: string;
  teamsAppId?: string;
  graphBaseUrl: string;
  credential: AppCredential;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment and returns typed configuration; throws ConfigError listing every problem. */
export function loadConfig(source: Raw = process.env): Config {
  // An empty variable means "not set", as most hosting platforms write it.
  const raw: Raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`)),
    ...crossVariableProblems(raw),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const host = e.HOST ?? (e.ENTRA_CLIENT_ID ? '0.0.0.0' : '127.0.0.1');
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const graphBaseUrl = e.GRAPH_BASE_URL.replace(/\/$/, '');
  const directoryCredential = appCredential(raw, false);
  const installCredential = appCredential(raw, true);
  const publicUrl = (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    store: e.COSMOS_ENDPOINT
      ? {
          kind: 'cosmos',
          endpoint: e.COSMOS_ENDPOINT,
          key: e.COSMOS_KEY,
          database: e.COSMOS_DATABASE,
          timeoutMs: e.COSMOS_TIMEOUT_MS,
        }
      : {
          kind: 'embedded',
          database: e.COSMOS_DATABASE,
          timeoutMs: e.COSMOS_TIMEOUT_MS,
          ...(e.EMBEDDED_DATA_DIR ? { dataDir: e.EMBEDDED_DATA_DIR } : {}),
        },
    auth: e.ENTRA_CLIENT_ID
      ? {
          mode: 'entra',
          clientId: e.ENTRA_CLIENT_ID,
          // As Teams tab SSO registers it: api://<the host the tab is served from>/<client id>.
          appIdUri: e.ENTRA_APP_ID_URI ?? `api://${new URL(publicUrl).host}/${e.ENTRA_CLIENT_ID}`,
          authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/$/, ''),
          allowedTenants: e.ENTRA_ALLOWED_TENANTS,
        }
      : { mode: 'development' },
    bot: {
      appId: e.BOT_APP_ID,
      appPassword: e.BOT_APP_PASSWORD,
      appType: e.BOT_APP_TYPE,
      tenantId: e.BOT_TENANT_ID,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      // Compared verbatim with the token's iss claim, which has no trailing slash.
      tokenIssuer: e.BOT_TOKEN_ISSUER,
      oAuthScope: e.BOT_OAUTH_SCOPE.replace(/\/$/, ''),
      authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/$/, ''),
    },
    jobsSecret: e.JOBS_SECRET,
    processes: {
      count: e.WEB_CONCURRENCY === 'auto' ? os.availableParallelism() : Number(e.WEB_CONCURRENCY),
      index: e.SERVER_PROCESS_INDEX,
    },
    reminders: {
      // Tests trigger runs themselves; everywhere else the scheduler runs unless turned off, in the first process.
      schedulerEnabled: e.SERVER_PROCESS_INDEX === 0 && (e.REMINDER_SCHEDULER ?? e.NODE_ENV !== 'test'),
      tenantMessagesPerSecond: e.BOT_TENANT_MESSAGES_PER_SECOND,
      ...(installCredential && (e.TEAMS_APP_CATALOG_ID || e.TEAMS_APP_ID)
        ? {
            proactiveInstall: {
              ...(e.TEAMS_APP_CATALOG_ID ? { teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID } : {}),
              ...(e.TEAMS_APP_ID ? { teamsAppId: e.TEAMS_APP_ID } : {}),
              graphBaseUrl,
              credential: installCredential,
            },
          }
        : {}),
    },
    ...(directoryCredential ? { graph: { credential: directoryCredential, baseUrl: graphBaseUrl } } : {}),
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? { telemetryConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING }
      : {}),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    // Many people share an office's address: by default ten users' worth.
    rateLimitPerIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE ?? 10 * e.RATE_LIMIT_PER_MINUTE,
    bodyLimitKb: e.BODY_LIMIT_KB,
    seedDemoData: e.SEED_DEMO_DATA && e.NODE_ENV !== 'production' && e.SERVER_PROCESS_INDEX === 0,
    storeMetricsHeaders: e.STORE_METRICS_HEADERS ?? e.NODE_ENV !== 'production',
  };
}
