// The admin view end to end: the real app (embedded Cosmos DB, demo data) and the built tab in headless
// Chromium inside the Teams host harness. The demo admin imports the sample CSV, accepts suggestions, sees
// the pairs and the insights' charts; a non-admin gets no admin view; axe finds no violations.
// Needs the built tab: `npm run build:tab` (npm test builds it first).
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { launchBrowser } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/testApp';
import { ProblemCollector, mintDevToken, openInTeamsHost, type HostTheme, type TeamsHost } from './teamsHost';
import { strings as S } from '../../tab/src/pages/Admin/strings';

jest.setTimeout(120_000);

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');
const SAMPLE_CSV = readFileSync(path.resolve(__dirname, '../../docs/samples/participants.csv'), 'utf8');

let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
const problems = new ProblemCollector();
const tokens: Record<string, string> = {};
const pages: Page[] = [];

async function openAs(userId: 'avery' | 'dana', theme: HostTheme = 'default'): Promise<TeamsHost> {
  const user = DEMO_USERS.find((u) => u.userId === userId)!;
  const page = await context.newPage();
  pages.push(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  page.setDefaultTimeout(20_000);
  problems.watch(page);
  return openInTeamsHost(page, base, {
    user: { userId, name: user.name, email: user.email, tenantId: DEV_TENANT_ID },
    token: tokens[userId]!,
    tabPath: '/tab/admin?locale=en-GB',
    theme,
  });
}

async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: 20_000 });
  return locator;
}

/**
 * axe's violations. Fluent's focus sentinels (tabster's `<i data-tabster-dummy aria-hidden tabindex=0>`, which
 * hand focus on at once) are a known aria-hidden-focus false positive (microsoft/tabster#288): only those nodes are left out.
 */
async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.filter((n) => !(v.id === 'aria-hidden-focus' && n.html.includes('data-tabster-dummy'))).map((n) => n.target.map(String).join(' >>> ')),
    }))
    .filter((v) => v.nodes.length > 0);
}

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  await seedDemoData(app.services.store);
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const userId of ['avery', 'dana']) {
    const user = DEMO_USERS.find((u) => u.userId === userId)!;
    tokens[userId] = await mintDevToken(base, { userId, name: user.name, roles: user.roles });
  }
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

test('an executive opening the admin view is told it needs the ProgramAdmin role', async () => {
  const host = await openAs('dana');
  await visible(host.tab.getByText(S.notAdmin.title));
  expect(await host.tab.getByRole('tab').count()).toBe(0);
  await host.waitForNotifySuccess();
  expect(await axeViolations(host.page)).toEqual([]);
});

test('the demo admin imports the sample CSV, accepts suggestions, sees the pairs and the insights with charts', async () => {
  const host = await openAs('avery');
  const { tab } = host;
  await visible(tab.getByRole('heading', { level: 1, name: `${S.title}: Digital Fluency 2026` }));
  await host.waitForNotifySuccess();

  // Participants: preview the sample file, then import it.
  await tab.getByRole('tab', { name: S.tabs.participants }).click();
  await tab.getByLabel(S.participants.csvText).fill(SAMPLE_CSV);
  await tab.getByRole('button', { name: S.participants.preview }).click();
  await visible(tab.getByText(S.participants.previewOk(12)));
  expect(await axeViolations(host.page)).toEqual([]);
  await tab.getByRole('button', { name: S.participants.import(12) }).click();
  await visible(tab.getByText(S.participants.imported(12)));
  await visible(tab.getByRole('table', { name: S.participants.title }).getByRole('row', { name: /Henrik Berg/ }));

  // Matching: accept suggestions until the programme has enough pairs for insights.
  await tab.getByRole('tab', { name: S.tabs.matching }).click();
  await tab.getByRole('button', { name: S.matching.suggest }).click();
  const firstAccept = tab.getByRole('button', { name: /^Accept / }).first();
  await visible(firstAccept);
  expect(await axeViolations(host.page)).toEqual([]);
  for (let accepted = 0; accepted < 4; accepted++) {
    const button = tab.getByRole('button', { name: /^Accept / }).first();
    const label = (await button.getAttribute('aria-label'))!;
    const [, mentor, mentee] = /^Accept (.+) with (.+)$/.exec(label)!;
    await button.click();
    await visible(tab.getByText(S.matching.accepted(mentor!, mentee!)));
  }

  // Pairs: every accepted pair is listed with its health.
  await tab.getByRole('tab', { name: S.tabs.pairs }).click();
  const pairsTable = await visible(tab.getByRole('table', { name: S.tabs.pairs }));
  await visible(pairsTable.getByRole('row', { name: /Priya Patel/ }));
  expect(await pairsTable.getByRole('row').count()).toBe(1 + 3 + 4);
  expect(await axeViolations(host.page)).toEqual([]);

  // Insights: 6 active pairs and one ended, so the figures show, as charts and as tables.
  await tab.getByRole('tab', { name: S.tabs.insights }).click();
  const sessions = await visible(tab.getByRole('region', { name: S.insights.sessions, exact: true }));
  await visible(sessions.getByRole('table', { name: S.insights.tableOf(S.insights.sessions) }));
  expect(await tab.locator('svg rect').count()).toBeGreaterThan(0);
  await visible(tab.getByText(/Executives adopt AI tools faster/));
  for (const theme of ['default', 'dark', 'contrast'] as const) {
    if (theme !== 'default') await host.sendEvent('themeChange', [theme]);
    await visible(tab.getByRole('region', { name: S.insights.goals, exact: true }));
    expect({ theme, violations: await axeViolations(host.page) }).toEqual({ theme, violations: [] });
  }
  expect(problems.problems()).toEqual([]);
});
