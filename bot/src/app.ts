// createApp(config): the Express app with the API, the bot endpoint and the tab. Start-up and tests build the same app.
import { existsSync, readFileSync } from 'node:fs';
import { Marked } from 'marked';
import { gfmHeadingId } from 'marked-gfm-heading-id';
import path from 'node:path';
import express, { type Request, type Response, type NextFunction } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import pino, { type Logger } from 'pino';
import { openApiDocument } from './api/openapi';
import { authenticate } from './api/middleware/authenticate';
import {
  createDevSignIn,
  entraTrust,
  type DevSignIn,
  type DevSigningKey,
  type TokenTrust,
} from './api/middleware/tokenVerifier';
import { precompressedFolder, sendPrecompressed } from './api/precompressed';
import { problemHandler } from './api/problem';
import { mountRoutes } from './api/routeRunner';
import { routes } from './api/routes';
import { securityHeaders } from './api/securityHeaders';
import { mountDevStart } from './api/devStart';
import type { Services } from './api/services';
import type { Config } from './config';
import { notFound, tooManyRequests } from './domain/errors';
import { openStore, type OpenStoreOptions, type Store } from './store/database';
import { createBot } from './teams/botEndpoint';
import { createReminderDelivery } from './teams/proactiveSender';
import type { CardLinks } from './teams/reminderCards';
import { authenticateJobs } from './api/middleware/authenticateJobs';
import { createTeamsAppInstaller, reminderInstaller } from './teams/proactiveInstall';
import { createAppRollouts, type AppRolloutOptions } from './jobs/appRollout';
import { appCredentialFor, type AppCredentialOptions, type GraphCredentialFor } from './graph/appCredential';
import { someoneWithTheApp } from './store/appRollouts';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import { SendThrottle, TEAMS_CONVERSATION_WINDOWS, tenantWindows } from './teams/sendThrottle';
import { timedWork } from './jobs/timedJobs';
import { configuredCalendar } from './calendar';
import type { Calendar } from './calendar/calendar';
import { personalTabDeepLink } from './activityFeed/activityFeed';
import { graphActivityFeed } from './activityFeed/graphActivityFeed';

export { routes };

export interface AppOptions {
  logger?: Logger;
  /** Share a running embedded Cosmos server (tests stop it to simulate an outage; `npm run load` runs one in its own process). */
  embedded?: OpenStoreOptions['embedded'];
  /** Microsoft Graph credentials for proactive installation; by default the app credential the configuration names. */
  graphCredentialFor?: GraphCredentialFor;
  /** The Azure SDK HTTP client for Entra ID sign-ins (tests carry https://login.microsoftonline.com to a local fake). */
  identityHttpClient?: AppCredentialOptions['httpClient'];
  /** Pace of app rollouts (tests run them faster). */
  appRollout?: AppRolloutOptions;
  /** The calendar bookings use; by default the one the configuration names (tests bring one against a fake Graph, or null for none). */
  calendar?: Calendar | null;
  /** Development sign-in: the key of this server's first process, so that its other processes accept its tokens. */
  devSigningKey?: DevSigningKey;
}

export interface App {
  app: express.Express;
  services: Services;
  close(): Promise<void>;
}

const TAB_DIST = path.resolve(__dirname, '../../tab/dist');
const ADMIN_GUIDE = path.resolve(__dirname, '../../docs/admin-guide.md');

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.logger ?? pino({ level: config.logLevel, redact: ['req.headers.authorization'] });
  const store: Store = await openStore(config.store, { embedded: options.embedded });
  const devSignIn: DevSignIn | undefined =
    config.auth.mode === 'development' ? await createDevSignIn(options.devSigningKey) : undefined;
  const trust: TokenTrust = config.auth.mode === 'entra' ? entraTrust(config.auth) : devSignIn!.trust;
  const { installer, catalogAppId, bot, delivery } = teamsParts(config, options, store, log);
  const calendar = options.calendar === null ? undefined : (options.calendar ?? configuredCalendar(config));
  const work = timedWork(store, delivery, log, config.reminders.tenantMessagesPerSecond);
  const appRollouts = createAppRollouts(store, installer, log, options.appRollout);
  const booking = { store, ...(calendar ? { calendar } : {}), catalogAppId, publicUrl: config.publicUrl };
  const services: Services = {
    config,
    store,
    log,
    timedWork: work,
    appRollouts,
    booking,
    ...(devSignIn ? { devSignIn } : {}),
  };

  const app = express();
  app.disable('x-powered-by');
  // ETags are the store's, set per route; no weak body hashes.
  app.set('etag', false);
  app.set('trust proxy', config.env === 'production' ? 1 : false);
  app.use(securityHeaders());
  app.use(requestLog(log));

  // Per client address, before any work: bad tokens, the bot endpoint and unknown paths count too.
  app.use(
    '/api',
    rateLimitBy(config.rateLimitPerIpPerMinute, (req) => `ip:${clientAddress(req)}`),
  );

  app.post('/api/messages', express.json({ limit: '1mb' }), bot.endpoint);

  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', express.json({ limit: `${config.bodyLimitKb}kb`, type: ['application/json', 'application/*+json'] }));

  // Per signed-in user, after authentication (timed-work calls with the jobs secret count per address).
  const limiter = rateLimitBy(config.rateLimitPerMinute, (req) =>
    req.caller ? `user:${req.caller.tenantId}:${req.caller.userId}` : `ip:${clientAddress(req)}`,
  );
  const requireUser = authenticate(trust, { localOnly: config.auth.mode === 'development' });
  const requireJobs = authenticateJobs(config.jobsSecret, devSignIn?.trust);

  mountRoutes(app, routes, services, { user: [requireUser, limiter], jobs: [requireJobs, limiter] });

  const document = openApiDocument(routes, config.publicUrl);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/api', (_req: Request, _res: Response, next: NextFunction) => next(notFound('route')));

  if (devSignIn) mountDevStart(app, devSignIn);
  mountTab(app);
  mountAdminGuide(app);
  app.get('/', (_req, res) => res.redirect('/tab/personal'));
  app.use(problemHandler(log));
  const scheduler: Scheduler | undefined = config.reminders.schedulerEnabled
    ? startScheduler(work.jobs, log)
    : undefined;

  return {
    app,
    services,
    close: async () => {
      await scheduler?.stop();
      await store.close();
    },
  };
}

/**
 * The Teams side: the bot, proactive sends (within Teams' limits, installing the app through Graph where it is
 * configured), activity-feed notices, and the app's catalogue id for bookings.
 */
function teamsParts(config: Config, options: AppOptions, store: Store, log: Logger) {
  const install = config.reminders.proactiveInstall;
  const authorityHost = config.auth.mode === 'entra' ? config.auth.authorityHost : 'https://login.microsoftonline.com';
  const graphCredentialFor =
    options.graphCredentialFor ??
    (install
      ? appCredentialFor(install.credential, { authorityHost, httpClient: options.identityHttpClient })
      : undefined);
  const installer =
    install && graphCredentialFor ? createTeamsAppInstaller(install, graphCredentialFor, log) : undefined;
  // The app's id in a tenant's catalogue: configured, or found through someone who has the app (the booker).
  const catalogAppId = async (tenantId: string, holderUserId?: string) => {
    if (!installer) return config.auth.mode === 'development' ? DEVELOPMENT_CATALOG_ID : undefined;
    const found = await installer.catalogId(tenantId, holderUserId ?? (await someoneWithTheApp(store, tenantId)));
    return 'catalogId' in found ? found.catalogId : undefined;
  };
  const links = cardLinks(config);
  const bot = createBot(config.bot, log, store, links);
  const feed =
    installer && graphCredentialFor && install
      ? graphActivityFeed({
          graphBaseUrl: install.graphBaseUrl,
          credentialFor: graphCredentialFor,
          catalogAppId: (tenantId) => catalogAppId(tenantId),
          topic: 'Reverse Mentoring',
          log,
        })
      : undefined;
  const delivery = {
    ...createReminderDelivery({
      adapter: bot.adapter,
      botAppId: bot.botAppId,
      throttle: new SendThrottle(TEAMS_CONVERSATION_WINDOWS, tenantWindows(config.reminders.tenantMessagesPerSecond)),
      log,
      ...(installer
        ? { installForUser: reminderInstaller(installer, (tenantId) => someoneWithTheApp(store, tenantId)) }
        : {}),
      links,
    }),
    ...(feed ? { notify: feed.notify } : {}),
  };
  return { installer, catalogAppId, bot, delivery };
}

/** One log line per request: method, path, status and how long it took. */
function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () =>
      log.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      ),
    );
    next();
  };
}

/** docs/admin-guide.md at /docs/admin-guide, and its key pages in the other languages at /docs/admin-guide/<lang>, rendered once. */
function mountAdminGuide(app: express.Express): void {
  const adminGuide = renderAdminGuide();
  app.get('/docs/admin-guide', (_req, res, next) => (adminGuide ? res.type('html').send(adminGuide) : next()));
  const translatedGuides = new Map(
    GUIDE_LANGUAGES.flatMap((lang) => {
      const page = renderAdminGuide(lang);
      return page ? [[lang.toLowerCase(), page] as const] : [];
    }),
  );
  app.get('/docs/admin-guide/:lang', (req, res, next) => {
    const page = translatedGuides.get(String(req.params.lang).toLowerCase());
    return page ? res.type('html').send(page) : next();
  });
}

/** The client's address as `trust proxy` yields it (behind App Service: the one its front end saw); IPv6 by /56. */
const clientAddress = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');

/** A per-minute limit per key; past it 429 problem+json with Retry-After. */
function rateLimitBy(perMinute: number, keyGenerator: (req: Request) => string) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: false,
    keyGenerator,
    handler: (req, _res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      next(tooManyRequests(reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60));
    },
  });
}

/** The catalogue id the seeded calendar installs "the app" with in development. */
const DEVELOPMENT_CATALOG_ID = 'development';

/** Places in the personal tab ("Your data", a pair, a section): Teams deep links with the app's catalogue id, else the tab's own address. */
function cardLinks(config: Config): CardLinks {
  const appId = config.reminders.proactiveInstall?.teamsAppCatalogId;
  return {
    myDataUrl: appId ? personalTabDeepLink(appId, 'my-data') : `${config.publicUrl}/tab/personal?view=my-data`,
    tabUrl: (subPageId) =>
      appId
        ? personalTabDeepLink(appId, subPageId)
        : `${config.publicUrl}/tab/personal?subPage=${encodeURIComponent(subPageId)}`,
  };
}

/** The languages docs/admin-guide.<lang>.md is written in (its key pages); Arabic and Hebrew read right to left. */
const GUIDE_LANGUAGES = ['de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'ja', 'zh-CN', 'ko', 'ar', 'he'] as const;

/**
 * docs/admin-guide.md (or a translation, docs/admin-guide.<lang>.md) as a page with heading anchors (the manifest
 * links to #privacy, #terms-of-use, #support). Links between the guides' files become links between their pages.
 */
function renderAdminGuide(lang?: (typeof GUIDE_LANGUAGES)[number]): string | undefined {
  const file = lang ? ADMIN_GUIDE.replace(/\.md$/, `.${lang}.md`) : ADMIN_GUIDE;
  if (!existsSync(file)) return undefined;
  const markdown = new Marked(gfmHeadingId());
  const source = readFileSync(file, 'utf8').replace(
    /\]\(admin-guide(?:\.([\w-]+))?\.md(#[^)]*)?\)/g,
    (_m, other?: string, anchor?: string) => `](/docs/admin-guide${other ? `/${other}` : ''}${anchor ?? ''})`,
  );
  const body = markdown.parse(source, { async: false });
  const dir = lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${lang ?? 'en'}" dir="${dir}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Reverse Mentoring: admin guide</title><body>${body}</body></html>`;
}

/**
 * Serves the built tab, brotli or gzip as the build compressed it: the hashed assets cached for a year
 * (a new build has new names), the page revalidated on every load; until it is built, a page that says how.
 */
function mountTab(app: express.Express): void {
  const page = path.join(TAB_DIST, 'index.html');
  if (existsSync(page)) {
    app.use(
      '/tab/assets',
      precompressedFolder(path.join(TAB_DIST, 'assets'), { cacheControl: 'public, max-age=31536000, immutable' }),
    );
    // A file of another build is gone: say so, rather than answer a script request with the page.
    app.use('/tab/assets', (_req: Request, _res: Response, next: NextFunction) => next(notFound('file')));
    app.get(/^\/tab(\/.*)?$/, (req, res, next) =>
      sendPrecompressed(req, res, next, page, { cacheControl: 'no-cache' }),
    );
    return;
  }
  app.get(/^\/tab(\/.*)?$/, (_req, res) => {
    res
      .status(503)
      .type('html')
      .send(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Reverse Mentoring</title><body><h1>The tab is not built yet</h1><p>The API is running: see <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>',
      );
  });
}
