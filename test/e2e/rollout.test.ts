// The rollout end to end: the real app (embedded Cosmos DB, demo programme) with proactive installation
// configured against fake Entra and Graph, and the built tab in headless Chromium inside the Teams host
// harness. The demo admin opens Rollout, starts it, watches the progress while one install is held back,
// then sees the totals and every failure with its fix, in the light, dark and high-contrast themes.
// Needs the built tab: `npm run build:tab` (npm test builds it first).
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import pino from 'pino';
import type { Browser, Locator } from 'playwright-core';
import { createApp, type App } from '../../bot/src/app';
import { DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { rolloutStrings as R } from '../../tab/src/pages/Admin/rolloutStrings';
import { strings as S } from '../../tab/src/pages/Admin/strings';
import { launchBrowser } from '../support/browser';
import { startFakeGraphInstall, type FakeGraphInstall } from '../support/fakeGraphInstall';
import { ProblemCollector, mintDevToken, openInTeamsHost } from './teamsHost';

jest.setTimeout(120_000);

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');
const CLIENT_ID = randomUUID();
const CATALOG_ID = randomUUID();
const SCREENSHOTS = process.env.ROLLOUT_SCREENSHOTS;

let embedded: EmbeddedCosmos;
let graph: FakeGraphInstall;
let app: App;
let server: Server;
let base: string;
let browser: Browser;
const problems = new ProblemCollector();

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  embedded = await startEmbeddedCosmos();
  graph = await startFakeGraphInstall({
    clientId: CLIENT_ID,
    clientSecret: 'entra-app-secret',
    teamsAppCatalogId: CATALOG_ID,
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    COSMOS_DATABASE: `e2e-${randomUUID()}`,
    RATE_LIMIT_PER_MINUTE: '100000',
    GRAPH_BASE_URL: graph.url,
  });
  config.reminders.proactiveInstall = {
    teamsAppCatalogId: CATALOG_ID,
    graphBaseUrl: graph.url,
    credential: { clientId: CLIENT_ID, kind: 'secret', clientSecret: 'entra-app-secret' },
  };
  app = await createApp(config, {
    embedded,
    logger: pino({ level: 'silent' }),
    identityHttpClient: graph.httpClient,
    appRollout: { installsPerSecond: 50, flushEveryMs: 0 },
  });
  await seedDemoData(app.services.store);
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.close();
  await graph?.stop();
  await embedded?.stop();
});

async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: 20_000 });
  return locator;
}

test('the admin makes the app available to all participants: progress while it runs, then the failures with their fixes', async () => {
  // Marcus is not allowed the app by Teams policy; Helen has left the directory; Noah's install is held back.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  graph.answerFor = (userId) =>
    userId === 'marcus'
      ? { status: 403, code: 'Forbidden', message: 'The app is blocked for this user by the organisation.' }
      : userId === 'helen'
        ? { status: 404, code: 'Request_ResourceNotFound', message: "Resource 'helen' does not exist." }
        : undefined;
  graph.onInstalled = (_tenant, userId) => (userId === 'noah' ? held : undefined);

  const avery = DEMO_USERS.find((u) => u.userId === 'avery')!;
  const token = await mintDevToken(base, { userId: 'avery', name: avery.name, roles: avery.roles });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.setDefaultTimeout(20_000);
  problems.watch(page);
  const host = await openInTeamsHost(page, base, {
    user: { userId: 'avery', name: avery.name, email: avery.email, tenantId: DEV_TENANT_ID },
    token,
    tabPath: '/tab/admin?locale=en-GB',
    theme: 'default',
  });
  const { tab } = host;
  await host.waitForNotifySuccess();
  await tab.getByRole('tab', { name: S.tabs.rollout }).click();
  const panel = await visible(tab.getByRole('region', { name: R.title }));
  await visible(panel.getByText(R.withoutApp(8)));

  await panel.getByRole('button', { name: R.start }).click();
  // Held at Noah: Dana, Helen, Lena and Marcus are done, the button waits for the run.
  const status = await visible(panel.getByRole('status'));
  await visible(status.getByText(new RegExp(`^${R.progress(4, 8)}`)));
  expect(await panel.getByRole('button', { name: R.start }).isDisabled()).toBe(true);
  expect(await status.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0.5');
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/rollout-running.png` });
  release();

  await visible(panel.getByText(R.finished));
  await visible(panel.getByText(new RegExp(R.counts(6, 0, 2))));
  const failures = await visible(panel.getByRole('table', { name: R.failures }));
  const marcus = failures.getByRole('row', { name: /Marcus Chen/ });
  await visible(marcus.getByText(R.reasons.AppNotAvailableToUser));
  await visible(marcus.getByText(/Manage apps/));
  await visible(failures.getByRole('row', { name: /Helen Ortiz/ }).getByText(R.reasons.UserNotFound));
  expect(await failures.getByRole('row').count()).toBe(1 + 2);
  await visible(panel.getByRole('button', { name: R.startAgain }));

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    if (theme !== 'default') await host.setTheme(theme);
    await visible(failures);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/rollout-${theme}.png`, fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    const violations = results.violations
      .map((v) => ({
        id: v.id,
        nodes: v.nodes.filter((n) => !(v.id === 'aria-hidden-focus' && n.html.includes('data-tabster-dummy'))).length,
      }))
      .filter((v) => v.nodes > 0);
    expect({ theme, violations }).toEqual({ theme, violations: [] });
  }
  expect(problems.problems()).toEqual([]);
  await context.close();
});
