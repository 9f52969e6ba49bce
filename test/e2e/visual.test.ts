// The look of every surface, kept: the real app (embedded Cosmos DB, demo data) and the built tab in the
// Teams host harness, each surface × theme (default, dark, contrast) × width photographed and compared with
// the committed baselines in test/e2e/__screenshots__ within a tolerance (fonts and dates may move a few
// pixels). Update the baselines on purpose: UPDATE_SCREENSHOTS=1 npx jest test/e2e/visual.test.ts.
// SCREENSHOTS=<folder> also saves every picture there to look at. axe finds no violations on any surface in
// any theme, and a keyboard-only walk reaches every control with a visible focus and no trap.
// Needs the built tab: `npm run build:tab` (npm test builds it first).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { DEMO_USERS, DEMO_MEETING_ID, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { compileCatalogue } from '../../scripts/i18n/catalogue';
import { launchBrowser } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/testApp';
import {
  ProblemCollector,
  mintDevToken,
  openInTeamsHost,
  type FrameContext,
  type HostTheme,
  type TeamsHost,
} from './teamsHost';

jest.setTimeout(120_000);

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');
const BASELINES = path.resolve(__dirname, '__screenshots__');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const SAVE_TO = process.env.SCREENSHOTS;
const THEMES: HostTheme[] = ['default', 'dark', 'contrast'];
/** A pixel differs when a channel moves by more than this; a picture fails when more than TOLERANCE of its pixels differ. */
const CHANNEL_DELTA = 40;
const TOLERANCE = 0.02;

interface Surface {
  name: string;
  user: string;
  tabPath: string;
  frameContext?: FrameContext;
  widths: number[];
  /** Text that shows once the surface has its data. */
  ready: string | RegExp;
  /** A tab of the surface to open first (the admin view's). */
  tab?: string;
  /** Teams' locale (the context's), when not English. */
  locale?: string;
}

// Arabic, right to left: its texts from the catalogues the tab is built from.
const arabic = {
  meeting: compileCatalogue('ar', 'meeting') as { agenda: { title: string } },
  personal: compileCatalogue('ar', 'personal') as { goals: { title: string } },
};

const SURFACES: Surface[] = [
  { name: 'personal-executive', user: 'dana', tabPath: '/tab/personal?locale=en-GB', widths: [1280], ready: 'Goals' },
  {
    name: 'personal-mentor-new',
    user: 'sam',
    tabPath: '/tab/personal?locale=en-GB',
    widths: [1280],
    ready: 'Get started',
  },
  {
    name: 'side-panel',
    user: 'priya',
    tabPath: '/tab/meeting?locale=en-GB',
    frameContext: 'sidePanel',
    widths: [320],
    ready: 'Agenda',
  },
  {
    name: 'stage',
    user: 'dana',
    tabPath: '/tab/meeting?locale=en-GB',
    frameContext: 'meetingStage',
    widths: [1280],
    ready: /Goals/,
  },
  {
    name: 'chat-tab',
    user: 'priya',
    tabPath: '/tab/meeting?locale=en-GB',
    frameContext: 'content',
    widths: [1280],
    ready: /Agenda/,
  },
  {
    name: 'config',
    user: 'priya',
    tabPath: '/tab/config?locale=en-GB',
    frameContext: 'settings',
    widths: [1280],
    ready: /Dana Whitfield/,
  },
  { name: 'admin', user: 'avery', tabPath: '/tab/admin?locale=en-GB', widths: [1280, 768, 400], ready: 'Participants' },
  {
    name: 'admin-pairs',
    user: 'avery',
    tabPath: '/tab/admin?locale=en-GB',
    widths: [400],
    ready: 'Participants',
    tab: 'Pairs',
  },
  {
    name: 'side-panel-ar',
    user: 'priya',
    tabPath: '/tab/meeting?locale=ar-SA',
    locale: 'ar-SA',
    frameContext: 'sidePanel',
    widths: [320],
    ready: arabic.meeting.agenda.title,
  },
  {
    name: 'personal-executive-ar',
    user: 'dana',
    tabPath: '/tab/personal?locale=ar-SA',
    locale: 'ar-SA',
    widths: [1280],
    ready: arabic.personal.goals.title,
  },
];

let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
/** Each page's own collector: closing a page aborts its polling, which must not count against the next one. */
const collectors = new Map<Page, ProblemCollector>();
// As in meetingPanel.test.ts: a poll Chromium drops (net::ERR_ABORTED) is retried by the next one and shows nothing.
const problemsOf = (host: TeamsHost) =>
  collectors
    .get(host.page)!
    .problems()
    .filter(
      (p) => !(p.kind === 'requestfailed' && p.text === 'net::ERR_ABORTED' && /\/api\/(pairs|meetings)\//.test(p.url)),
    );
const tokens: Record<string, string> = {};

/**
 * The seeder dates everything from today; the pictures show dates, so the demo pair's sessions, commitments and
 * goal target dates are pinned to fixed days (the next session stays in the future, the held one in the past).
 */
async function pinDates(pairId: string): Promise<void> {
  type Doc = { id: string; type: string; status?: string; targetDate?: string; _etag?: string };
  const docs = await app.services.store.pairs.query<Doc>(
    DEV_TENANT_ID,
    { where: "c.type IN ('session', 'commitment', 'goal')", parameters: [] },
    pairId,
  );
  for (const doc of docs) {
    const pinned =
      doc.type === 'session'
        ? { scheduledAt: doc.status === 'held' ? '2026-01-05T15:00:00.000Z' : '2030-01-07T15:00:00.000Z' }
        : doc.type === 'commitment'
          ? { dueDate: '2030-01-14' }
          : doc.targetDate
            ? { targetDate: '2030-03-01' }
            : {};
    await app.services.store.pairs.replace({ ...doc, ...pinned } as never, doc._etag!);
  }
}

async function open(surface: Surface, width: number): Promise<TeamsHost> {
  const user = DEMO_USERS.find((u) => u.userId === surface.user)!;
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.setDefaultTimeout(20_000);
  const problems = new ProblemCollector();
  problems.watch(page);
  collectors.set(page, problems);
  const host = await openInTeamsHost(page, base, {
    user: { userId: user.userId, name: user.name, email: user.email, tenantId: DEV_TENANT_ID },
    token: tokens[surface.user]!,
    tabPath: surface.tabPath,
    meetingId: DEMO_MEETING_ID,
    ...(surface.frameContext ? { frameContext: surface.frameContext } : {}),
    ...(surface.locale ? { locale: surface.locale } : {}),
  });
  await host.tab.getByText(surface.ready).first().waitFor({ state: 'visible' });
  await host.waitForNotifySuccess();
  if (surface.tab) {
    await host.tab.getByRole('tab', { name: surface.tab }).click();
    await host.tab.getByRole('table', { name: surface.tab }).waitFor({ state: 'visible' });
    // The delivery column fills in from its own request.
    await host.tab
      .getByText(/Not reachable|Reachable|Not reported/)
      .first()
      .waitFor({ state: 'visible' });
  }
  return host;
}

/** The whole tab, however long: the viewport grows to the content's height for the picture. */
async function photograph(host: TeamsHost, width: number): Promise<Buffer> {
  const frame = await host.tabFrame();
  type Doc = { document: { documentElement: { scrollHeight: number } } };
  const height = await frame.evaluate(() => (globalThis as unknown as Doc).document.documentElement.scrollHeight);
  const wanted = Math.min(Math.max(height, 600), 4000);
  if (host.page.viewportSize()?.height !== wanted) await host.page.setViewportSize({ width, height: wanted });
  return host.page.screenshot({ animations: 'disabled', caret: 'hide' });
}

/** Share of pixels that differ (1 when the sizes differ). */
function difference(a: PNG, b: PNG): number {
  if (a.width !== b.width || Math.abs(a.height - b.height) > 0) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const delta = Math.max(
      Math.abs(a.data[i]! - b.data[i]!),
      Math.abs(a.data[i + 1]! - b.data[i + 1]!),
      Math.abs(a.data[i + 2]! - b.data[i + 2]!),
    );
    if (delta > CHANNEL_DELTA) differing++;
  }
  return differing / (a.width * a.height);
}

function compareWithBaseline(name: string, shot: Buffer): { name: string; difference: number } {
  const file = path.join(BASELINES, `${name}.png`);
  if (SAVE_TO) writeFileSync(path.join(SAVE_TO, `${name}.png`), shot);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE)
      throw new Error(`no baseline for ${name}: run with UPDATE_SCREENSHOTS=1 and commit test/e2e/__screenshots__`);
    writeFileSync(file, shot);
    return { name, difference: 0 };
  }
  return { name, difference: difference(PNG.sync.read(readFileSync(file)), PNG.sync.read(shot)) };
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      // Fluent's focus sentinels (tabster's aria-hidden dummies that hand focus on at once): microsoft/tabster#288.
      nodes: v.nodes
        .filter((n) => !(v.id === 'aria-hidden-focus' && n.html.includes('data-tabster-dummy')))
        .map((n) => n.target.map(String).join(' >>> ')),
    }))
    .filter((v) => v.nodes.length > 0);
}

interface Focused {
  key: string;
  visible: boolean;
  indicator: boolean;
  inTab: boolean;
}

/** Where keyboard focus is: a key naming the element, whether it is on screen and draws a focus indicator. */
async function focused(host: TeamsHost): Promise<Focused> {
  const frame = await host.tabFrame();
  type El = {
    tagName: string;
    id: string;
    textContent: string | null;
    getAttribute(n: string): string | null;
    matches(s: string): boolean;
    getBoundingClientRect(): { width: number; height: number };
    parentElement: El | null;
  };
  type G = {
    document: { activeElement: El | null; body: El; hasFocus(): boolean };
    getComputedStyle(e: El, pseudo?: string): Record<string, string>;
  };
  return frame.evaluate(() => {
    const g = globalThis as unknown as G;
    const el = g.document.activeElement;
    if (!el || el === g.document.body || !g.document.hasFocus())
      return { key: 'outside', visible: false, indicator: false, inTab: false };
    const box = el.getBoundingClientRect();
    // Fluent draws focus as an outline or a box shadow on the element, or on its ::after (buttons, inputs, tabs),
    // marked by data-fui-focus-visible on the element or data-fui-focus-within on its field.
    const drawn = (e: El, pseudo?: string) => {
      const s = g.getComputedStyle(e, pseudo);
      return (
        (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth ?? '0') > 0) ||
        (s.boxShadow !== 'none' && s.boxShadow !== '') ||
        (pseudo !== undefined &&
          s.content !== 'none' &&
          s.borderStyle !== 'none' &&
          parseFloat(s.borderTopWidth ?? '0') > 0)
      );
    };
    let indicator = drawn(el) || drawn(el, '::after') || el.matches('[data-fui-focus-visible]');
    for (let p = el.parentElement; !indicator && p; p = p.parentElement)
      indicator = p.matches('[data-fui-focus-within]') && (drawn(p) || drawn(p, '::after'));
    const label = el.getAttribute('aria-label') ?? el.textContent ?? '';
    return {
      key: `${el.tagName}#${el.id}:${label.slice(0, 40)}`,
      visible: box.width > 0 && box.height > 0,
      indicator,
      inTab: true,
    };
  });
}

/** Tabs through the surface: every stop visible with a focus indicator; focus gets round (no trap) and Shift+Tab goes back. */
async function keyboardWalk(host: TeamsHost): Promise<{ stops: number; problems: string[] }> {
  const found: string[] = [];
  const seen: Focused[] = [];
  await host.tab.locator('body').click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < 80; i++) {
    await host.page.keyboard.press('Tab');
    const now = await focused(host);
    if (!now.inTab) {
      if (seen.length > 0) break;
      continue;
    }
    if (seen.length > 0 && now.key === seen[0]!.key) break;
    if (!now.visible) found.push(`${now.key} is focused but not visible`);
    if (!now.indicator) found.push(`${now.key} shows no focus indicator`);
    seen.push(now);
  }
  const distinct = new Set(seen.map((s) => s.key)).size;
  // A trap keeps focus cycling through a few controls of many.
  if (seen.length >= 80)
    found.push(`focus never left the surface or got back to its first control after ${seen.length} presses`);
  if (distinct < Math.min(seen.length, 2)) found.push('focus does not move');
  if (seen.length >= 2) {
    // Shift+Tab from the second stop returns to the first.
    await host.tab.locator('body').click({ position: { x: 1, y: 1 } });
    await host.page.keyboard.press('Tab');
    await host.page.keyboard.press('Tab');
    await host.page.keyboard.press('Shift+Tab');
    const back = await focused(host);
    if (back.key !== seen[0]!.key) found.push(`Shift+Tab went to ${back.key}, not ${seen[0]!.key}`);
  }
  return { stops: seen.length, problems: found };
}

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  if (UPDATE) mkdirSync(BASELINES, { recursive: true });
  if (SAVE_TO) mkdirSync(SAVE_TO, { recursive: true });
  app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  const { pairIds } = await seedDemoData(app.services.store);
  await pinDates(pairIds[0]!);
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const userId of new Set(SURFACES.map((s) => s.user))) {
    const user = DEMO_USERS.find((u) => u.userId === userId)!;
    tokens[userId] = await mintDevToken(base, { userId, name: user.name, roles: user.roles });
  }
  browser = await launchBrowser();
  context = await browser.newContext({ reducedMotion: 'reduce' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.stop();
});

describe.each(SURFACES)('$name', (surface) => {
  test.each(surface.widths)(
    'at %i px: looks as committed in every theme, no axe violations; keyboard alone reaches every control (first width)',
    async (width) => {
      const host = await open(surface, width);
      const results = [];
      const violations = [];
      for (const theme of THEMES) {
        await host.setTheme(theme);
        results.push(compareWithBaseline(`${surface.name}-${width}-${theme}`, await photograph(host, width)));
        violations.push(...(await axeViolations(host.page)).map((v) => ({ theme, ...v })));
      }
      // The keyboard walk after the pictures (focus rings would show in them), on the same page.
      let walk: { stops: number; problems: string[]; tabbable: number } | undefined;
      if (width === surface.widths[0]) {
        type Doc = { document: { querySelectorAll(s: string): { length: number } } };
        const tabbable = await (
          await host.tabFrame()
        ).evaluate(
          () =>
            (globalThis as unknown as Doc).document.querySelectorAll(
              'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
            ).length,
        );
        walk = { ...(await keyboardWalk(host)), tabbable };
      }
      // Checked before closing: closing aborts the surface's polling, which is no fault of the tab.
      expect(problemsOf(host)).toEqual([]);
      await host.page.close();
      expect(violations).toEqual([]);
      expect(results.filter((r) => r.difference > TOLERANCE)).toEqual([]);
      if (walk) {
        expect(walk.problems).toEqual([]);
        // A read-only surface (the stage) has nothing to reach; any other is reached by Tab.
        expect(walk.stops > 0).toBe(walk.tabbable > 0);
      }
    },
  );
});
