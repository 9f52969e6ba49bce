// The personal tab under API faults, in headless Chromium inside the Teams host harness: storms of 503
// (store unavailable) and 401 (token refused) answers injected with page.route. The tab says what went
// wrong and offers a retry; text typed into the goal form survives the failed save, and the retry after
// the storm saves the goal once. Needs the built tab (`npm run build:tab`).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import { DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { launchBrowser } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/testApp';
import { SLOW_MACHINE_TIMEOUT_MS } from '../support/slowProxy';
import { mintDevToken, openInTeamsHost, type TeamsHost } from './teamsHost';

jest.setTimeout(60_000);

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');
// tab/src/strings.ts
const S = {
  dashboardTitle: 'With Priya Patel',
  errorTitle: 'Something went wrong',
  retry: 'Try again',
  goals: 'Goals',
  addGoal: 'Add a goal',
  goalTitle: 'Goal',
  measure: 'Success measure',
  save: 'Save',
};
const STORE_DOWN = 'The data store cannot be reached right now; nothing was saved. Retry in 5 s.';
const TOKEN_REFUSED = 'Sign in again: the access token is missing, expired or not valid.';

let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
let danaPairId: string;
let danaToken: string;
const pages: Page[] = [];

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  app = await buildTestApp({
    SEED_DEMO_DATA: 'true',
    RATE_LIMIT_PER_MINUTE: '100000',
    COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS,
  });
  danaPairId = (await seedDemoData(app.services.store)).pairIds[0]!;
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dana = DEMO_USERS.find((u) => u.userId === 'dana')!;
  danaToken = await mintDevToken(base, { userId: 'dana', name: dana.name, roles: dana.roles });
  browser = await launchBrowser();
  context = await browser.newContext();
}, 90_000);

afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.stop();
});

async function openAsDana(): Promise<TeamsHost> {
  const page = await context.newPage();
  pages.push(page);
  page.setDefaultTimeout(20_000);
  return openInTeamsHost(page, base, {
    user: { userId: 'dana', name: 'Dana Whitfield', tenantId: DEV_TENANT_ID },
    token: danaToken,
  });
}

interface Storm {
  status: 401 | 503;
  /** Requests the storm answered. */
  hits: string[];
  on: boolean;
}

/** Answers every matching API request with the status, as the real API does (problem+json), while `on`. */
async function storm(page: Page, status: 401 | 503, matches: (method: string, url: URL) => boolean): Promise<Storm> {
  const state: Storm = { status, hits: [], on: true };
  await page.route(`${base}/api/**`, (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (!state.on || !matches(request.method(), url)) return route.fallback();
    state.hits.push(`${request.method()} ${url.pathname}`);
    const problem =
      status === 503
        ? {
            type: 'urn:reverse-mentoring:problem:store-unavailable',
            title: 'Storage unavailable',
            status,
            detail: STORE_DOWN,
          }
        : {
            type: 'urn:reverse-mentoring:problem:unauthorized',
            title: 'Authentication required',
            status,
            detail: TOKEN_REFUSED,
          };
    return route.fulfill({
      status,
      contentType: 'application/problem+json',
      headers: status === 503 ? { 'Retry-After': '5' } : { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      body: JSON.stringify(problem),
    });
  });
  return state;
}

async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(condition()).toBe(true);
}

const isDashboard = (method: string, url: URL) => method === 'GET' && url.pathname === `/api/pairs/${danaPairId}`;
const isGoalCreate = (method: string, url: URL) =>
  method === 'POST' && url.pathname === `/api/pairs/${danaPairId}/goals`;

async function goalTitlesStored(): Promise<string[]> {
  const res = await fetch(`${base}/api/pairs/${danaPairId}`, { headers: { Authorization: `Bearer ${danaToken}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { goals: Array<{ title: string }> }).goals.map((g) => g.title);
}

describe.each([
  [503, STORE_DOWN],
  [401, TOKEN_REFUSED],
] as const)('a storm of %i answers', (status, detail) => {
  test('the dashboard shows what went wrong with a retry, and the retry after the storm loads it', async () => {
    const host = await openAsDana();
    await visible(host.tab.getByRole('heading', { level: 1, name: S.dashboardTitle }));
    // The harness's own routes are registered as the page opens; the storm is added now and the page
    // reloaded, so that the tab starts again into the storm (routes outlive reloads).
    const weather = await storm(
      host.page,
      status,
      (method, url) => isDashboard(method, url) || (method === 'GET' && url.pathname === '/api/me'),
    );
    await host.page.reload();
    const problem = await visible(host.tab.getByText(S.errorTitle));
    await visible(host.tab.getByText(detail));
    const retry = await visible(host.tab.getByRole('button', { name: S.retry }));
    expect(weather.hits.length).toBeGreaterThan(0);
    if (status === 401) {
      // The client asks the host for a fresh token and tries once more before giving up.
      const { calls } = await host.state();
      expect(calls.filter((c) => c === 'authentication.getAuthToken').length).toBeGreaterThanOrEqual(2);
    }

    // Still stormy: retrying fails again, and says so again.
    const before = weather.hits.length;
    await retry.click();
    await until(() => weather.hits.length > before);
    await visible(host.tab.getByRole('button', { name: S.retry }));

    weather.on = false;
    await host.tab.getByRole('button', { name: S.retry }).click();
    await visible(host.tab.getByRole('heading', { level: 1, name: S.dashboardTitle }));
    expect(await problem.count()).toBe(0);
  });

  test('a goal save that fails keeps the typed text; saving again after the storm stores the goal once', async () => {
    const title = `Storm ${status} goal ${Date.now()}`;
    const host = await openAsDana();
    await visible(host.tab.getByRole('heading', { level: 1, name: S.dashboardTitle }));
    const goals = host.tab.getByRole('region', { name: S.goals });
    await goals.getByRole('button', { name: S.addGoal }).click();
    await (await visible(goals.getByRole('textbox', { name: S.goalTitle }))).fill(title);
    await goals.getByRole('textbox', { name: S.measure }).fill('Survives a failed save');

    const weather = await storm(host.page, status, isGoalCreate);
    await goals.getByRole('button', { name: S.save, exact: true }).click();
    await visible(goals.getByText(detail));
    expect(weather.hits.length).toBeGreaterThan(0);
    expect(await goals.getByRole('textbox', { name: S.goalTitle }).inputValue()).toBe(title);
    expect(await goals.getByRole('textbox', { name: S.measure }).inputValue()).toBe('Survives a failed save');
    expect(await goalTitlesStored()).not.toContain(title);

    weather.on = false;
    await goals.getByRole('button', { name: S.save, exact: true }).click();
    await visible(goals.getByText(title, { exact: true }));
    expect((await goalTitlesStored()).filter((t) => t === title)).toHaveLength(1);
  });
});

// The Teams theme is a chunk of its own, loaded once Teams has said which (tab/src/theme.ts).
test('a theme that cannot be loaded shows what went wrong with a retry, not a blank tab; the retry loads it', async () => {
  const host = await openAsDana();
  await visible(host.tab.getByRole('heading', { level: 1, name: S.dashboardTitle }));
  let refused = 0;
  const refuse = async (route: Route) => {
    refused++;
    await route.abort('connectionreset');
  };
  await host.page.route(/\/tab\/assets\/light-[\w-]+\.js$/, refuse);
  await host.page.reload();
  await visible(host.tab.getByText(S.errorTitle));
  const retry = await visible(host.tab.getByRole('button', { name: S.retry }));
  expect(refused).toBeGreaterThan(0);

  await host.page.unroute(/\/tab\/assets\/light-[\w-]+\.js$/, refuse);
  await retry.click();
  await visible(host.tab.getByRole('heading', { level: 1, name: S.dashboardTitle }));
});
