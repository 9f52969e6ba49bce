// The personal tab end to end: the real app (embedded Cosmos DB, demo data), the built tab in headless
// Chromium, hosted by a stand-in Teams client (teamsHost.ts) or opened outside Teams.
// Needs the built tab: `npm run build:tab` (npm test builds it first).
import { existsSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { compileCatalogue } from '../../scripts/i18n/catalogue';
import { keepToLoopback, launchBrowser } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/testApp';
import {
  ProblemCollector,
  mintDevToken,
  openInTeamsHost,
  type HostTheme,
  type HostUser,
  type TeamsHost,
  type TeamsHostOptions,
} from './teamsHost';
import { layoutProblems } from './layoutCheck';

jest.setTimeout(60_000);

// Browser globals used inside page.evaluate callbacks (the project's tsconfig has no DOM lib).
interface BrowserElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): BrowserElement | null;
}
declare const document: {
  querySelector(selector: string): BrowserElement | null;
  activeElement: BrowserElement | null;
  body: BrowserElement;
  documentElement: { scrollWidth: number };
};
declare const window: { innerWidth: number };
declare function getComputedStyle(element: BrowserElement): {
  backgroundColor: string;
  color: string;
  textDecorationLine: string;
};

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');
const LAST_RUN = path.join(__dirname, '.last-run.json');

// Seed data (bot/src/commands/demoSeeder.ts) and tab strings (tab/src/strings.ts).
const SEED_GOAL = 'Use generative AI to draft board briefings';
const SEED_AGENDA = [
  'Demo: Copilot in Excel on last quarter’s numbers',
  'What Dana saw on TikTok this week',
  'Priya: preparing for a first leadership review',
];
const AWAITING_TAKEAWAY = 'Dana is worried about the layoffs rumour in Finance';
const API_GOAL = 'E2E goal from the API';
const S = {
  dashboardTitle: (partner: string) => `With ${partner}`,
  signInTitle: 'Development sign-in',
  signInPick: 'Sign in as',
  signInButton: 'Sign in',
  signOut: 'Sign out',
  signedInAs: (name: string) => `Signed in as ${name} (development)`,
  myPairs: 'My pairs',
  openPair: (partner: string) => `Open pair with ${partner}`,
  checklist: 'Get started',
  checklistItems: [
    'Schedule your first session',
    'Set a goal each: what will the mentor teach, what will the executive share back?',
    'Add agenda items for your first session',
  ],
  goals: 'Goals',
  addGoal: 'Add a goal',
  goalTitleLabel: 'Goal',
  progressInput: 'Progress (%)',
  saveProgress: 'Save progress',
  takeaways: 'Takeaways',
  awaitingYou: 'Waiting for your approval',
  review: 'Review and decide',
  approve: 'Approve and share',
};

type UserId = 'dana' | 'priya' | 'helen' | 'avery';

let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
let programId: string;
let danaPairId: string;
const tokens = {} as Record<UserId, string>;
const problems = new ProblemCollector();
const pages: Page[] = [];

function demoUser(userId: UserId) {
  const user = DEMO_USERS.find((u) => u.userId === userId);
  if (!user) throw new Error(`no demo user ${userId}`);
  return user;
}

function hostUser(userId: UserId): HostUser {
  const user = demoUser(userId);
  return { userId, name: user.name, email: user.email, tenantId: DEV_TENANT_ID };
}

async function api<T = Record<string, unknown>>(
  method: string,
  urlPath: string,
  as: UserId,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${urlPath}`, {
    method,
    headers: {
      Authorization: `Bearer ${tokens[as]}`,
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

interface DashboardBody {
  goals: Array<{ id: string; title: string; progress: number }>;
  takeaways: Array<{ id: string; text: string; status: string }>;
  awaitingYourConsent: Array<{ id: string; text: string }>;
}

/**
 * A new tab in the one browser context (its own sessionStorage). The packaged Chromium runs with
 * --single-process, where closing a browser context takes the whole browser down, so tests close pages.
 */
async function newPage(viewport: PageViewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  pages.push(page);
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(20_000);
  problems.watch(page);
  return page;
}

interface PageViewport {
  width: number;
  height: number;
}

async function openHost(
  userId: UserId,
  extra: Partial<TeamsHostOptions> = {},
  viewport?: PageViewport,
): Promise<TeamsHost> {
  const page = await newPage(viewport);
  return openInTeamsHost(page, base, { user: hostUser(userId), token: tokens[userId], ...extra });
}

/** Waits for the locator to be visible and returns it. */
async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: 20_000 });
  return locator;
}

async function gone(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'detached', timeout: 20_000 });
  expect(await locator.count()).toBe(0);
}

/** Relative luminance (WCAG) of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const m = css.match(/rgba?\(\s*(\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)/);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function providerColours(frame: Frame): Promise<{ background: string; color: string }> {
  return frame.evaluate(() => {
    const root = document.querySelector('.fui-FluentProvider');
    if (!root) throw new Error('no FluentProvider');
    const style = getComputedStyle(root);
    return { background: style.backgroundColor, color: style.color };
  });
}

async function waitForTheme(
  frame: Frame,
  check: (background: string) => boolean,
  label: string,
): Promise<{ background: string; color: string }> {
  const deadline = Date.now() + 10_000;
  let last = await providerColours(frame);
  while (!check(last.background)) {
    if (Date.now() > deadline) throw new Error(`theme did not become ${label}: background is ${last.background}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await providerColours(frame);
  }
  return last;
}

async function dashboardShown(host: TeamsHost | Page, partner: string): Promise<void> {
  const root = 'tab' in host ? host.tab : host;
  await visible(root.getByRole('heading', { level: 1, name: S.dashboardTitle(partner) }));
}

interface AxeViolationSummary {
  page: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

async function axe(page: Page, label: string): Promise<AxeViolationSummary[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => ({
    page: label,
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.map(String).join(' >>> ')),
  }));
}

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  // SEED_DEMO_DATA makes the development sign-in page offer the demo users; the data itself comes from seedDemoData.
  app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  const seeded = await seedDemoData(app.services.store);
  programId = seeded.programId;
  danaPairId = seeded.pairIds[0]!;
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const userId of ['dana', 'priya', 'helen', 'avery'] as const) {
    const user = demoUser(userId);
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

describe('personal tab in a Teams host', () => {
  test('shows the executive’s dashboard with data created through the API, and notifies success', async () => {
    const created = await api<{ id: string; title: string }>('POST', `/api/pairs/${danaPairId}/goals`, 'dana', {
      title: API_GOAL,
      successMeasure: 'Visible on the dashboard in Teams',
      owner: 'mentee',
    });
    expect(created.status).toBe(201);

    const host = await openHost('dana');
    const notifySuccessMs = await host.waitForNotifySuccess();
    await dashboardShown(host, 'Priya Patel');
    const goals = host.tab.getByRole('region', { name: S.goals });
    await visible(goals.getByText(SEED_GOAL, { exact: true }));
    await visible(goals.getByText(API_GOAL, { exact: true }));
    for (const item of SEED_AGENDA) await visible(host.tab.getByRole('checkbox', { name: item }));

    const state = await host.state();
    expect(state.calls).toEqual(
      expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken', 'appInitialization.success']),
    );
    expect(state.calls.filter((c) => c === 'appInitialization.success')).toHaveLength(1);
    expect(state.calls.indexOf('initialize')).toBe(0);
    expect(state.unknown).toEqual([]);
    expect(notifySuccessMs).toBeGreaterThan(0);

    console.log(
      `navigation → app.notifySuccess(): ${notifySuccessMs.toFixed(0)} ms (initialize at ${state.initializeMs?.toFixed(0)} ms)`,
    );
    writeFileSync(
      LAST_RUN,
      `${JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          navigationToNotifySuccessMs: Math.round(notifySuccessMs),
          navigationToInitializeMs: state.initializeMs === null ? null : Math.round(state.initializeMs),
          hostCalls: state.calls,
        },
        null,
        2,
      )}\n`,
    );
  });

  test('German pages load the German strings (a catalogue file of their own) before the first render; English pages never ask for it, nor German pages for English', async () => {
    // The catalogue files a page fetched (tab/src/i18n/load.ts: assets/i18n-<hash>/<language>/<file>.js): language/file.
    const catalogues = async (host: TeamsHost) =>
      (
        await (
          await host.tabFrame()
        ).evaluate(() => (performance.getEntriesByType('resource') as { name: string }[]).map((entry) => entry.name))
      )
        .map((url) => /\/assets\/i18n-[^/]+\/([^/]+\/[^/]+)\.js$/.exec(url)?.[1])
        .filter((file) => file !== undefined);
    const german = await openHost('dana', { tabPath: '/tab/personal?locale=de-DE' });
    await visible(german.tab.getByRole('region', { name: 'Ziele' }));
    expect(await german.tab.getByRole('region', { name: S.goals }).count()).toBe(0);
    const germanFiles = await catalogues(german);
    expect(germanFiles).toContain('de/personal');
    expect(germanFiles.filter((file) => !file.startsWith('de/'))).toEqual([]);

    const english = await openHost('dana', { tabPath: '/tab/personal?locale=en-GB' });
    await visible(english.tab.getByRole('region', { name: S.goals }));
    const englishFiles = await catalogues(english);
    expect(englishFiles).toContain('en/personal');
    expect(englishFiles.filter((file) => !file.startsWith('en/'))).toEqual([]);
  });

  test('a goal progress edit persists across a reload', async () => {
    const host = await openHost('dana');
    await dashboardShown(host, 'Priya Patel');
    const goal = host.tab.getByRole('region', { name: S.goals }).getByRole('listitem').filter({ hasText: SEED_GOAL });
    await visible(goal.getByText('40%', { exact: true }));
    await goal.getByRole('spinbutton', { name: S.progressInput }).fill('65');
    await goal.getByRole('button', { name: S.saveProgress }).click();
    await visible(goal.getByText('65%', { exact: true }));
    expect(await goal.getByRole('button', { name: S.saveProgress }).isDisabled()).toBe(true);

    await host.page.reload();
    await dashboardShown(host, 'Priya Patel');
    await visible(goal.getByText('65%', { exact: true }));
    expect(await goal.getByText('40%', { exact: true }).count()).toBe(0);
    expect(await goal.getByRole('spinbutton', { name: S.progressInput }).inputValue()).toBe('65');

    const dashboard = await api<DashboardBody>('GET', `/api/pairs/${danaPairId}`, 'dana');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.goals.find((g) => g.title === SEED_GOAL)?.progress).toBe(65);
  });

  test('agenda: an open item reads in full contrast, a ticked one recedes (greyed and struck through)', async () => {
    const dashboard = await api<{ nextSession: { id: string; etag: string; agenda: { id: string; title: string }[] } }>(
      'GET',
      `/api/pairs/${danaPairId}`,
      'priya',
    );
    const session = dashboard.body.nextSession;
    const ticked = session.agenda.find((i) => i.title === SEED_AGENDA[1])!;
    const res = await fetch(`${base}/api/pairs/${danaPairId}/sessions/${session.id}/agenda/${ticked.id}`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${tokens.priya}`,
        'Content-Type': 'application/json',
        'If-Match': session.etag,
      },
      body: JSON.stringify({ done: true }),
    });
    expect(res.status).toBe(200);
    const host = await openHost('priya', { theme: 'default' });
    await dashboardShown(host, 'Dana Whitfield');
    const agenda = host.tab.getByRole('region', { name: 'Next session' });
    const look = async (title: string) => {
      const label = agenda.getByText(title, { exact: true });
      await visible(label);
      return label.evaluate((el) => ({
        color: getComputedStyle(el).color,
        line: getComputedStyle(el).textDecorationLine,
      }));
    };
    const open = await look(SEED_AGENDA[0]!);
    const done = await look(SEED_AGENDA[1]!);
    const background = luminance((await providerColours(await host.tabFrame())).background);
    const contrast = (css: string) =>
      (Math.max(background, luminance(css)) + 0.05) / (Math.min(background, luminance(css)) + 0.05);
    expect(contrast(open.color)).toBeGreaterThan(contrast(done.color));
    expect(contrast(open.color)).toBeGreaterThanOrEqual(12);
    expect(done.line).toBe('line-through');
    expect(open.line).toBe('none');
  });

  test('next session: Move and Cancel session line up with the card’s content (their words start where the date does), light, dark and contrast, 1280 and 320 px', async () => {
    const seen: Record<string, unknown> = {};
    const wanted: Record<string, unknown> = {};
    for (const theme of ['default', 'dark', 'contrast'] as const)
      for (const width of [1280, 320]) {
        const host = await openHost('priya', { theme }, { width, height: 900 });
        await dashboardShown(host, 'Dana Whitfield');
        const card = host.tab.getByRole('region', { name: 'Next session' });
        const move = await visible(card.getByRole('button', { name: 'Move', exact: true }));
        const cancel = card.getByRole('button', { name: 'Cancel session', exact: true });
        // Where a text starts: the left of its words (their range), not of the padded box around them.
        type RangeDoc = {
          createRange(): { selectNodeContents(n: unknown): void; getBoundingClientRect(): { left: number } };
        };
        const textLeft = (l: Locator) =>
          l.evaluate((el) => {
            const range = (globalThis as unknown as { document: RangeDoc }).document.createRange();
            range.selectNodeContents(el);
            return Math.round(range.getBoundingClientRect().left);
          });
        const content = await textLeft(card.getByRole('heading', { name: 'Agenda', exact: true }));
        if (process.env.SCREENSHOTS)
          await card.screenshot({ path: path.join(process.env.SCREENSHOTS, `next-session-${theme}-${width}.png`) });
        // Cancel session starts a line of its own where the card is narrow; beside Move it follows it.
        const top = (l: Locator) => l.evaluate((el) => Math.round(el.getBoundingClientRect().top));
        const besideMove = (await top(cancel)) === (await top(move));
        seen[`${theme} ${width}`] = {
          move: await textLeft(move),
          cancel: besideMove ? 'beside Move' : await textLeft(cancel),
        };
        wanted[`${theme} ${width}`] = { move: content, cancel: besideMove ? 'beside Move' : content };
        await host.page.close();
      }
    expect(seen).toEqual(wanted);
  });

  test('next session’s agenda form at 320 px in English, German and Arabic, details open: nothing reaches outside it, nothing is cut off, no text or control overlaps another; at 1280 px the title and Add item stay on one line', async () => {
    const seen: Record<string, unknown> = {};
    const wanted: Record<string, unknown> = {};
    /** Opens Dana's dashboard and starts an item, so the details (minutes, who leads it, goal) are on screen too. */
    const openForm = async (language: string, locale: string, width: number) => {
      const section = (compileCatalogue(language, 'personal') as { session: { title: string } }).session.title;
      const form = compileCatalogue(language, 'shared') as {
        agendaForm: { title: string; minutes: string; add: string };
      };
      const host = await openHost(
        'dana',
        { locale, tabPath: `/tab/personal?locale=${locale}` },
        { width, height: 900 },
      );
      const card = await visible(host.tab.getByRole('region', { name: section }));
      await card.getByRole('textbox', { name: form.agendaForm.title }).fill('Copilot in Outlook');
      await visible(card.getByRole('spinbutton', { name: form.agendaForm.minutes }));
      const root = `section[aria-label="${section}"] form`;
      return { host, card, root, add: card.getByRole('button', { name: form.agendaForm.add }) };
    };
    for (const [language, locale] of [
      ['en', 'en-GB'],
      ['de', 'de-DE'],
      ['ar', 'ar-SA'],
    ] as const) {
      const { host, root } = await openForm(language, locale, 320);
      const frame = await host.tabFrame();
      for (const theme of ['default', 'dark', 'contrast'] as const) {
        await host.setTheme(theme);
        const name = `agenda-form-320-${language}-${theme === 'default' ? 'light' : theme}`;
        seen[name] = await layoutProblems(frame, root);
        wanted[name] = { outside: [], spilling: [], overlapping: [] };
        if (process.env.SCREENSHOTS)
          await frame.locator(root).screenshot({ path: path.join(process.env.SCREENSHOTS, `${name}.png`) });
      }
      await host.page.close();
    }
    // Wide (the card is a column of the dashboard): the title fills the line up to Add item, as before.
    const wide = await openForm('en', 'en-GB', 1280);
    const title = (await wide.card.getByRole('textbox', { name: 'New agenda item' }).boundingBox())!;
    const add = (await wide.add.boundingBox())!;
    const form = (await (await wide.host.tabFrame()).locator(wide.root).boundingBox())!;
    seen.wide = {
      layout: await layoutProblems(await wide.host.tabFrame(), wide.root),
      oneLine: Math.abs(title.y + title.height / 2 - (add.y + add.height / 2)) <= 2,
      addAfterTitle: add.x >= title.x + title.width,
      titleFromStart: Math.abs(title.x - form.x) <= 1,
      addAtEnd: Math.abs(add.x + add.width - (form.x + form.width)) <= 1,
    };
    wanted.wide = {
      layout: { outside: [], spilling: [], overlapping: [] },
      oneLine: true,
      addAfterTitle: true,
      titleFromStart: true,
      addAtEnd: true,
    };
    if (process.env.SCREENSHOTS)
      await (
        await wide.host.tabFrame()
      )
        .locator(wide.root)
        .screenshot({ path: path.join(process.env.SCREENSHOTS, 'agenda-form-1280-en-light.png') });
    expect(seen).toEqual(wanted);
  });

  test('follows the Teams theme: dark at start, then default and high contrast on themeChange', async () => {
    const host = await openHost('dana', { theme: 'dark' });
    await dashboardShown(host, 'Priya Patel');
    const frame = await host.tabFrame();
    const dark = await providerColours(frame);
    expect(luminance(dark.background)).toBeLessThan(0.2);
    expect(luminance(dark.color)).toBeGreaterThan(0.5);

    await host.waitForHandler('themeChange');
    await host.sendEvent('themeChange', ['default' satisfies HostTheme]);
    const light = await waitForTheme(frame, (bg) => luminance(bg) > 0.8, 'light');
    expect(luminance(light.color)).toBeLessThan(0.2);

    await host.sendEvent('themeChange', ['contrast' satisfies HostTheme]);
    const contrast = await waitForTheme(frame, (bg) => luminance(bg) < 0.01, 'high contrast');
    expect(contrast.background).toMatch(/^rgba?\(0, 0, 0(, 1)?\)$/);
    expect(luminance(contrast.color)).toBeGreaterThan(0.9);
  });

  test('a deep link (subEntityId) opens that pair directly', async () => {
    // Priya gets a second pair, so without a deep link she lands on her list of pairs.
    const paired = await api<{ id: string }>('POST', `/api/programs/${programId}/pairs`, 'avery', {
      mentorId: 'priya',
      menteeId: 'ruth',
    });
    expect(paired.status).toBe(201);
    const ruthPairId = paired.body.id;

    const list = await openHost('priya');
    await visible(list.tab.getByRole('heading', { level: 1, name: S.myPairs }));
    await visible(list.tab.getByRole('button', { name: S.openPair('Ruth Adeyemi') }));
    await visible(list.tab.getByRole('button', { name: S.openPair('Dana Whitfield') }));

    const linked = await openHost('priya', { subEntityId: ruthPairId });
    await dashboardShown(linked, 'Ruth Adeyemi');
    await visible(linked.tab.getByRole('button', { name: S.myPairs }));
    expect(await linked.tab.getByRole('heading', { level: 1, name: S.myPairs }).count()).toBe(0);
    await visible(linked.tab.getByRole('region', { name: S.checklist }));
  });
});

describe('personal tab outside Teams', () => {
  test('development sign-in as Helen shows the empty pair; sign out returns to sign-in', async () => {
    const page = await newPage();
    await keepToLoopback(page);
    await page.goto(`${base}/tab/personal`);
    await visible(page.getByRole('heading', { level: 1, name: S.signInTitle }));
    await page.getByRole('combobox', { name: S.signInPick }).selectOption({ label: 'Helen Ortiz' });
    await page.getByRole('button', { name: S.signInButton }).click();

    await dashboardShown(page, 'Sam Okafor');
    await visible(page.getByText(S.signedInAs('Helen Ortiz'), { exact: true }));
    const checklist = await visible(page.getByRole('region', { name: S.checklist }));
    for (const item of S.checklistItems) {
      const step = await visible(checklist.getByRole('listitem').filter({ hasText: item }));
      await visible(step.getByRole('img', { name: 'To do' }));
    }
    expect(await checklist.getByRole('checkbox').count()).toBe(0);

    await page.getByRole('button', { name: S.signOut }).click();
    await visible(page.getByRole('heading', { level: 1, name: S.signInTitle }));
    expect(await page.getByRole('heading', { name: S.dashboardTitle('Sam Okafor') }).count()).toBe(0);
  });

  test('sign out lasts: a reload after signing out stays on the sign-in page', async () => {
    const page = await newPage();
    await keepToLoopback(page);
    await page.goto(`${base}/tab/personal`);
    await page.getByRole('combobox', { name: S.signInPick }).selectOption({ label: 'Helen Ortiz' });
    await page.getByRole('button', { name: S.signInButton }).click();
    await dashboardShown(page, 'Sam Okafor');
    await page.getByRole('button', { name: S.signOut }).click();
    await visible(page.getByRole('heading', { level: 1, name: S.signInTitle }));

    await page.reload();
    // Either page may render first after a reload: wait until one of them is there.
    await visible(
      page
        .getByRole('heading', { level: 1 })
        .filter({ hasText: new RegExp(`^(${S.signInTitle}|${S.dashboardTitle('Sam Okafor')})$`) }),
    );
    expect({
      signInPage: await page.getByRole('heading', { level: 1, name: S.signInTitle }).count(),
      stillSignedInAsHelen: await page.getByText(S.signedInAs('Helen Ortiz'), { exact: true }).count(),
    }).toEqual({ signInPage: 1, stillSignedInAsHelen: 0 });
  });
});

describe('accessibility and robustness', () => {
  test('at 320 px the dashboard does not scroll sideways and every control has an accessible name', async () => {
    const host = await openHost('dana', {}, { width: 320, height: 800 });
    await dashboardShown(host, 'Priya Patel');
    await host.tab.getByRole('button', { name: S.addGoal }).click();
    await visible(host.tab.getByRole('textbox', { name: S.goalTitleLabel }));
    await visible(host.tab.getByRole('checkbox', { name: SEED_AGENDA[0] }));

    const frame = await host.tabFrame();
    const size = await frame.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(size.innerWidth).toBe(320);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);

    const unnamed: string[] = [];
    for (const role of ['button', 'checkbox', 'textbox', 'spinbutton', 'combobox', 'link'] as const) {
      const all = await host.tab.getByRole(role).count();
      const named = await host.tab.getByRole(role, { name: /\S/ }).count();
      if (all !== named) unnamed.push(`${all - named} of ${all} ${role}`);
      if (role === 'button' || role === 'checkbox' || role === 'spinbutton') expect(all).toBeGreaterThan(0);
    }
    expect(unnamed).toEqual([]);

    const names = await new AxeBuilder({ page: host.page })
      .withRules([
        'button-name',
        'input-button-name',
        'label',
        'select-name',
        'link-name',
        'aria-input-field-name',
        'aria-toggle-field-name',
      ])
      .analyze();
    expect(names.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('axe: sign-in page and dashboard (light and dark) have no serious or critical violations', async () => {
    const found: AxeViolationSummary[] = [];

    const signIn = await newPage();
    await keepToLoopback(signIn);
    await signIn.goto(`${base}/tab/personal`);
    await visible(signIn.getByRole('button', { name: S.signInButton }));
    found.push(...(await axe(signIn, 'sign-in')));

    for (const theme of ['default', 'dark'] as const) {
      const host = await openHost('dana', { theme });
      await dashboardShown(host, 'Priya Patel');
      await visible(host.tab.getByRole('region', { name: S.takeaways }));
      found.push(...(await axe(host.page, `dashboard (${theme})`)));
    }

    console.log(
      found.length
        ? `axe violations (all impacts):\n${found.map((v) => `- [${v.page}] ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n')}`
        : 'axe violations (all impacts): none',
    );
    expect(found.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  test('no console errors or failed requests from the tab during these flows', async () => {
    // Its own flow, so the test means something when run alone; the collector also holds the earlier tests'.
    const host = await openHost('dana');
    await dashboardShown(host, 'Priya Patel');
    await host.waitForNotifySuccess();
    await host.waitForHandler('themeChange');
    await host.sendEvent('themeChange', ['dark']);
    await waitForTheme(await host.tabFrame(), (bg) => luminance(bg) < 0.2, 'dark');
    await host.tab.getByRole('button', { name: S.addGoal }).click();
    await visible(host.tab.getByRole('textbox', { name: S.goalTitleLabel }));

    const outside = await newPage();
    await keepToLoopback(outside);
    await outside.goto(`${base}/tab/personal`);
    await visible(outside.getByRole('heading', { level: 1, name: S.signInTitle }));

    // teams-js did try its CDN list of valid domains (aborted on this closed network): that is the one exception.
    expect(problems.ignoredRequests.some((url) => new URL(url).hostname.endsWith('cdn.office.net'))).toBe(true);
    expect(problems.problems()).toEqual([]);
  });

  test('keyboard: Tab reaches Review on the awaiting takeaway, Enter opens the consent, Tab reaches Approve and Enter approves it', async () => {
    const host = await openHost('dana');
    await dashboardShown(host, 'Priya Patel');
    const takeaways = host.tab.getByRole('region', { name: S.takeaways });
    await visible(takeaways.getByRole('heading', { name: S.awaitingYou }));
    await visible(takeaways.getByText(AWAITING_TAKEAWAY, { exact: false }));
    const frame = await host.tabFrame();

    /** Tabs forward until the focused button reads `label` inside the awaiting takeaway's list item. */
    const tabTo = async (label: string) => {
      const stops: string[] = [];
      let reached = false;
      for (let i = 0; i < 80 && !reached; i += 1) {
        await host.page.keyboard.press('Tab');
        const active = await frame.evaluate(
          ([buttonText, takeawayText]) => {
            const el = document.activeElement;
            if (!el || el === document.body) return { label: '(none)', hit: false };
            const role = el.getAttribute('role');
            const label = `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
            const hit =
              el.tagName === 'BUTTON' &&
              el.textContent?.trim() === buttonText &&
              !!el.closest('li')?.textContent?.includes(takeawayText);
            return { label, hit };
          },
          [label, AWAITING_TAKEAWAY] as const,
        );
        stops.push(active.label);
        reached = active.hit;
      }
      expect({ reached, stops }).toEqual(expect.objectContaining({ reached: true }));
    };
    await tabTo(S.review);
    await host.page.keyboard.press('Enter');
    await tabTo(S.approve);

    await host.page.keyboard.press('Enter');
    await gone(takeaways.getByRole('heading', { name: S.awaitingYou }));
    expect(await takeaways.getByRole('button', { name: S.approve }).count()).toBe(0);
    // Now shared with the pair, Dana reads it among the takeaways.
    await visible(takeaways.getByText(AWAITING_TAKEAWAY, { exact: false }));

    const dashboard = await api<DashboardBody>('GET', `/api/pairs/${danaPairId}`, 'dana');
    expect(dashboard.body.awaitingYourConsent).toEqual([]);
    expect(dashboard.body.takeaways.find((t) => t.text.startsWith(AWAITING_TAKEAWAY))?.status).toBe('shared');
    expect(problems.problems()).toEqual([]);
  });
});
