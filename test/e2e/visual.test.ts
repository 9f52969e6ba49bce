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
import { DEMO_USERS, DEMO_MEETING_ID, seedDemoData, type DemoUser } from '../../bot/src/commands/demoSeeder';
import { pairCreator } from '../../bot/src/commands/pairCreator';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { programCreator } from '../../bot/src/commands/programCreator';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { PROGRAM_ADMIN_ROLE } from '../../bot/src/domain/model';
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
  /** Another tenant than the demo's (the empty-data surfaces). */
  tenantId?: string;
  /** The meeting the surface opens, when not the demo pair's. */
  meetingId?: string;
}

// Empty data, each in a tenant of its own so the demo pictures stay as they are: a pair with no agenda and no
// goals yet (its first session booked in a meeting), and a programme just created, with nobody in it.
const EMPTY_PAIR_TENANT = '0e0e0e0e-0000-4000-8000-000000000002';
const EMPTY_PAIR_MEETING = 'MCMxOTptZWV0aW5nX2VtcHR5QHRocmVhZC52Mg==';
const NEW_PROGRAMME_TENANT = '0e0e0e0e-0000-4000-8000-000000000003';
const PEOPLE: DemoUser[] = [
  ...DEMO_USERS,
  { userId: 'riley', name: 'Riley Novak', email: 'riley@fabrikam.example', roles: [] },
  { userId: 'jordan', name: 'Jordan Reyes', email: 'jordan@fabrikam.example', roles: [] },
  { userId: 'morgan', name: 'Morgan Lee', email: 'morgan@northwind.example', roles: [PROGRAM_ADMIN_ROLE] },
];
const personOf = (userId: string) => PEOPLE.find((u) => u.userId === userId)!;
const tenantOf = (surface: Surface) => surface.tenantId ?? DEV_TENANT_ID;
const tokenKey = (surface: Surface) => `${tenantOf(surface)}/${surface.user}`;

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
  {
    name: 'personal-mentor',
    user: 'priya',
    tabPath: '/tab/personal?locale=en-GB',
    widths: [1280],
    ready: 'Goals',
  },
  {
    name: 'side-panel-empty',
    user: 'riley',
    tenantId: EMPTY_PAIR_TENANT,
    meetingId: EMPTY_PAIR_MEETING,
    tabPath: '/tab/meeting?locale=en-GB',
    frameContext: 'sidePanel',
    widths: [320],
    ready: 'Agenda',
  },
  { name: 'admin', user: 'avery', tabPath: '/tab/admin?locale=en-GB', widths: [1280, 768, 400], ready: 'Participants' },
  {
    name: 'admin-empty',
    user: 'morgan',
    tenantId: NEW_PROGRAMME_TENANT,
    tabPath: '/tab/admin?locale=en-GB',
    widths: [1280, 400],
    ready: 'Participants',
  },
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

/** The empty-data surfaces' tenants: a new pair with its first session booked, and a new programme. */
async function seedEmptyData(): Promise<void> {
  const store = app.services.store;
  const programme = (tenantId: string, name: string) =>
    programCreator(
      store,
      { ...personOf('morgan'), tenantId },
      {
        name,
        objectives: ['Digital fluency for the executive team'],
        startsOn: '2026-01-05',
        endsOn: '2030-12-20',
        cadenceDays: 14,
        sessionMinutes: 45,
        topics: [],
        programLearningsEnabled: true,
        retentionDays: 180,
      },
    );
  const pilot = await programme(EMPTY_PAIR_TENANT, 'Pilot 2027');
  for (const [id, role] of [
    ['riley', 'mentor'],
    ['jordan', 'mentee'],
  ] as const)
    await participantAdder(store, pilot, { id, name: personOf(id).name, role, skills: [], interests: [] });
  const pair = await pairCreator(store, { ...personOf('morgan'), tenantId: EMPTY_PAIR_TENANT }, pilot, {
    mentorId: 'riley',
    menteeId: 'jordan',
  });
  await sessionScheduler(store, { ...personOf('riley'), tenantId: EMPTY_PAIR_TENANT }, pair, {
    scheduledAt: '2030-01-07T15:00:00.000Z',
    durationMinutes: 45,
    meetingId: EMPTY_PAIR_MEETING,
  });
  await programme(NEW_PROGRAMME_TENANT, 'Digital Fluency 2027');
}

async function open(surface: Surface, width: number): Promise<TeamsHost> {
  const user = personOf(surface.user);
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.setDefaultTimeout(20_000);
  const problems = new ProblemCollector();
  problems.watch(page);
  collectors.set(page, problems);
  const host = await openInTeamsHost(page, base, {
    user: { userId: user.userId, name: user.name, email: user.email, tenantId: tenantOf(surface) },
    token: tokens[tokenKey(surface)]!,
    tabPath: surface.tabPath,
    meetingId: surface.meetingId ?? DEMO_MEETING_ID,
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
  // Settled first: sections that load on their own (the ledger, the delivery column) arrive after the surface's
  // first words on a busy machine; the picture waits until the height has held still for a moment (at most ~6 s).
  const heightNow = () => frame.evaluate(() => (globalThis as unknown as Doc).document.documentElement.scrollHeight);
  let last = -1;
  for (let stable = 0, tries = 0; stable < 3 && tries < 40; tries++) {
    await host.page.waitForTimeout(150);
    const now = await heightNow();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
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
  await seedEmptyData();
  for (const surface of SURFACES) {
    const { userId, name, roles } = personOf(surface.user);
    tokens[tokenKey(surface)] ??= await mintDevToken(base, { userId, name, roles, tenantId: tenantOf(surface) });
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

// Three defects of #19 the pictures showed, measured in Chromium so a change that brings one back fails here
// whatever the baselines say.
describe('layout, measured', () => {
  const admin = SURFACES.find((s) => s.name === 'admin')!;
  const stage = SURFACES.find((s) => s.name === 'stage')!;
  type Rect = { left: number; right: number; top: number; bottom: number; width: number; height: number };
  type El = {
    tagName: string;
    textContent: string | null;
    children: ArrayLike<El>;
    getBoundingClientRect(): Rect;
    querySelectorAll(s: string): ArrayLike<El>;
  };
  type G = {
    document: {
      documentElement: { scrollWidth: number; clientWidth: number };
      querySelectorAll(s: string): ArrayLike<El>;
      createRange(): { selectNodeContents(e: El): void; getBoundingClientRect(): Rect };
    };
    getComputedStyle(e: El): Record<string, string>;
  };

  /** In every table of the panel: cells of a row whose contents overlap or spill out of their cell; and the page's overflow. */
  async function tableClashes(host: TeamsHost): Promise<{ tables: number; clashes: string[]; overflow: number }> {
    return (await host.tabFrame()).evaluate(() => {
      const g = globalThis as unknown as G;
      const doc = g.document;
      const clashes: string[] = [];
      const tables = Array.from(doc.querySelectorAll('[role="tabpanel"] table'));
      for (const table of tables)
        for (const row of Array.from(table.querySelectorAll('tr'))) {
          const cells = Array.from(row.children)
            .map((cell) => {
              const range = doc.createRange();
              range.selectNodeContents(cell);
              return {
                cell: cell.getBoundingClientRect(),
                content: range.getBoundingClientRect(),
                text: cell.textContent,
              };
            })
            .filter((c) => c.cell.width > 0 && c.content.width > 0 && g.getComputedStyle(row).visibility !== 'hidden');
          cells.forEach((a, i) => {
            if (a.content.left < a.cell.left - 1 || a.content.right > a.cell.right + 1)
              clashes.push(`"${a.text}" spills out of its cell`);
            for (const b of cells.slice(i + 1))
              if (a.content.right - 1 > b.content.left && b.content.right - 1 > a.content.left)
                clashes.push(`"${a.text}" overlaps "${b.text}"`);
          });
        }
      const overflow = doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
      return { tables: tables.length, clashes, overflow };
    });
  }

  test('admin at 400 px: no two cells of a table row overlap, none spills out of its cell, the page does not scroll sideways', async () => {
    const host = await open(admin, 400);
    const found: Record<string, { tables: number; clashes: string[]; overflow: number }> = {};
    for (const tab of ['Participants', 'Pairs']) {
      await host.tab.getByRole('tab', { name: tab }).click();
      await host.tab.getByRole('table', { name: tab }).waitFor({ state: 'visible' });
      // The delivery column, once its own request is in: nobody in the demo has the app, so no one is reachable.
      if (tab === 'Pairs') await host.tab.getByText('Not reachable').first().waitFor({ state: 'visible' });
      found[tab] = await tableClashes(host);
    }
    await host.page.close();
    for (const result of Object.values(found)) expect(result.tables).toBeGreaterThan(0);
    expect(Object.values(found).flatMap((r) => r.clashes)).toEqual([]);
    expect(Object.values(found).map((r) => r.overflow)).toEqual([0, 0]);
  });

  test.each([1280, 400])(
    'admin settings at %i px: single-line inputs of one height, text areas show all their lines',
    async (width) => {
      const host = await open(admin, width);
      await host.tab.getByRole('tab', { name: 'Settings' }).click();
      await host.tab.getByRole('textbox', { name: /Objectives/ }).waitFor({ state: 'visible' });
      const measured = await (
        await host.tabFrame()
      ).evaluate(() => {
        const g = globalThis as unknown as G;
        const panel = '[role="tabpanel"]';
        const heights = Array.from(g.document.querySelectorAll(`${panel} .fui-Input`)).map(
          (e) => e.getBoundingClientRect().height,
        );
        type Area = El & { scrollHeight: number; clientHeight: number; value: string };
        const areas = (Array.from(g.document.querySelectorAll(`${panel} textarea`)) as Area[]).map((a) => ({
          lines: a.value.split('\n').length,
          cutOff: a.scrollHeight > a.clientHeight + 1,
        }));
        return { heights, areas };
      });
      await host.page.close();
      expect(measured.heights.length).toBeGreaterThanOrEqual(5);
      expect(new Set(measured.heights)).toEqual(new Set([measured.heights[0]]));
      expect(measured.areas.length).toBeGreaterThanOrEqual(2);
      // The demo programme's objectives and topics run to several lines, all in view.
      expect(Math.max(...measured.areas.map((a) => a.lines))).toBeGreaterThanOrEqual(2);
      expect(measured.areas.filter((a) => a.cutOff)).toEqual([]);
    },
  );

  test('stage: each goal’s percentage is set at least three quarters the size of its title', async () => {
    const host = await open(stage, 1280);
    const goals = await (
      await host.tabFrame()
    ).evaluate(() => {
      const g = globalThis as unknown as G;
      const size = (e: El) => parseFloat(g.getComputedStyle(e).fontSize ?? '0');
      return Array.from(g.document.querySelectorAll('section[aria-labelledby="stage-goals"] li')).map((li) => {
        const [title, percent] = Array.from(li.children);
        return { percent: percent!.textContent ?? '', ratio: size(percent!) / size(title!) };
      });
    });
    await host.page.close();
    expect(goals.length).toBeGreaterThan(0);
    for (const goal of goals) expect(goal.percent).toMatch(/\d\s*%/);
    expect(goals.filter((goal) => goal.ratio < 0.75)).toEqual([]);
  });
});
