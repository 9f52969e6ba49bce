// Issue 14 end to end, in headless Chromium through the Teams host emulation and the real server:
// Priya writes a programme takeaway from the personal tab holding a condition, a national (UK) phone
// number and a name the programme does not know; Dana reviews exactly the anonymised copy, redacts one
// more word and approves, sees the confirmation and the item under "Shared"; the programme's learning
// (what the admin reads) holds none of it. SCREENSHOTS=<folder> saves the consent in light, dark and
// high contrast at 1280 px and in the meeting side panel at 320 px.
// Needs the built tab: `npm run build:tab` (npm test builds it first).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { ProgramDoc } from '../../bot/src/domain/model';
import { programLearnings } from '../../bot/src/store/queries';
import { consentStringsEn as C } from '../../tab/src/components/consent/strings';
import { en } from '../../tab/src/strings';
import { launchBrowser } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/testApp';
import {
  ProblemCollector,
  mintDevToken,
  openInTeamsHost,
  type HostTheme,
  type TeamsHost,
  type TeamsHostOptions,
} from './teamsHost';

jest.setTimeout(120_000);

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');
const T = en.takeaways;
const CONDITION = 'diabetes';
const PHONE = '020 7946 0958';
const UNKNOWN_NAME = 'Tomasz Nowak';
const EXTRA_WORD = 'Leeds';
const TEXT = `${UNKNOWN_NAME} from procurement has ${CONDITION}; ring him on ${PHONE} before the ${EXTRA_WORD} workshop on demos.`;

type UserId = 'priya' | 'dana' | 'avery';
let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
let programId: string;
let pairId: string;
const tokens = {} as Record<UserId, string>;
const problems = new ProblemCollector();
const pages: Page[] = [];

function hostUser(userId: UserId) {
  const user = DEMO_USERS.find((u) => u.userId === userId)!;
  return { userId, name: user.name, email: user.email, tenantId: DEV_TENANT_ID };
}

async function api<T>(method: string, urlPath: string, as: UserId): Promise<T> {
  const res = await fetch(`${base}${urlPath}`, {
    method,
    headers: { Authorization: `Bearer ${tokens[as]}`, Accept: 'application/json' },
  });
  return (await res.json()) as T;
}

async function open(
  userId: UserId,
  options: Partial<TeamsHostOptions> = {},
  viewport = { width: 1280, height: 1000 },
): Promise<TeamsHost> {
  const page = await context.newPage();
  pages.push(page);
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(20_000);
  problems.watch(page);
  return openInTeamsHost(page, base, {
    user: hostUser(userId),
    token: tokens[userId],
    tabPath: '/tab/personal?locale=en-GB',
    ...options,
  });
}

async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: 20_000 });
  return locator;
}

/** The consent as the partner sees it, in each theme; the theme goes back to the default afterwards. */
async function shoot(
  host: TeamsHost,
  what: Locator,
  name: string,
  themes: HostTheme[] = ['default', 'dark', 'contrast'],
) {
  if (!process.env.SCREENSHOTS) return;
  for (const theme of themes) {
    await host.setTheme(theme);
    await host.page.waitForTimeout(500);
    await what.screenshot({ path: `${process.env.SCREENSHOTS}/${name}-${theme}.png` });
  }
  await host.setTheme('default');
}

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  const seeded = await seedDemoData(app.services.store);
  programId = seeded.programId;
  pairId = seeded.pairIds[0]!;
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const userId of ['priya', 'dana', 'avery'] as const) {
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

interface TakeawayBody {
  id: string;
  text: string;
  status: string;
  programText?: string;
  sharedText?: string;
  requestedVisibility: string;
}

test('a programme takeaway with a condition, a national number and an unknown name leaves anonymised, with the partner’s extra redaction', async () => {
  // Priya writes it from the personal tab, outside any meeting.
  const author = await open('priya');
  const takeaways = author.tab.getByRole('region', { name: T.title });
  await (await visible(takeaways.getByRole('button', { name: T.write }))).click();
  await (await visible(takeaways.getByRole('textbox', { name: C.writer.label }))).fill(TEXT);
  await takeaways.getByRole('combobox', { name: C.writer.level }).selectOption('program');
  await takeaways.getByRole('button', { name: C.writer.share }).click();

  // The first press checks: each finding is listed with its category and reason; nothing is sent yet.
  const findings = await visible(takeaways.getByRole('list', { name: C.findingsTitle }));
  for (const [category, reason] of [
    [C.category.person, C.reason.givenName],
    [C.category.health, C.reason.condition],
    [C.category.contact, C.reason.phone],
  ] as const) {
    await visible(findings.getByRole('listitem').filter({ hasText: category! }).filter({ hasText: reason! }));
  }
  expect(
    (await api<{ awaitingYourConsent: TakeawayBody[] }>('GET', `/api/pairs/${pairId}`, 'dana')).awaitingYourConsent.map(
      (t) => t.text,
    ),
  ).not.toContain(TEXT);
  await takeaways.getByRole('button', { name: C.writer.share }).click();
  await visible(author.tab.getByRole('status').getByText(C.writer.saved));
  await visible(
    takeaways.getByText(
      T.programCopy('[name] from procurement has [health]; ring him on [phone] before the Leeds workshop on demos.'),
    ),
  );

  // Dana reviews exactly the anonymised copy, redacts one more word and approves.
  const partner = await open('dana');
  const theirs = partner.tab.getByRole('region', { name: T.title });
  const entry = await visible(theirs.getByRole('listitem').filter({ hasText: TEXT }));
  await entry.getByRole('button', { name: T.review }).click();
  const words = await visible(entry.getByRole('group', { name: C.wordsLabel }));
  expect(await words.textContent()).toBe(
    '[name] from procurement has [health]; ring him on [phone] before the Leeds workshop on demos.',
  );
  for (const leak of [UNKNOWN_NAME, CONDITION, PHONE]) expect(await words.textContent()).not.toContain(leak);
  await words.getByRole('button', { name: C.redactWord(EXTRA_WORD) }).click();
  const finalText =
    '[name] from procurement has [health]; ring him on [phone] before the [redacted] workshop on demos.';
  expect(await entry.locator('[data-final-text]').textContent()).toBe(finalText);
  await shoot(partner, entry, 'consent-personal-tab');
  expect(await axeSerious(partner.page)).toEqual([]);
  await entry.getByRole('button', { name: C.approve }).click();

  // A confirmation, and the item moves to "Shared" with the text as it left.
  await visible(theirs.getByRole('status').getByText(C.approved(C.level.program!)));
  await visible(theirs.getByRole('list', { name: T.shared }).getByText(finalText));
  const dashboard = await api<{ takeaways: TakeawayBody[]; awaitingYourConsent: TakeawayBody[] }>(
    'GET',
    `/api/pairs/${pairId}`,
    'priya',
  );
  expect(dashboard.takeaways.find((t) => t.text === TEXT)).toMatchObject({
    status: 'shared',
    sharedText: finalText,
    programText: finalText,
  });
  // The author, too, sees in the tab the text as it left, under "Shared", not her original.
  const authorAgain = await open('priya');
  const authorShared = await visible(
    authorAgain.tab.getByRole('region', { name: T.title }).getByRole('list', { name: T.shared }),
  );
  await visible(authorShared.getByText(finalText, { exact: true }));
  expect(await authorShared.textContent()).not.toContain(TEXT);

  // The programme's learning, what the admin reads, holds none of it.
  const program = (await app.services.store.programs.find(DEV_TENANT_ID, programId, programId)) as ProgramDoc;
  const learning = (await programLearnings(app.services.store, program)).find((l) =>
    l.text.includes('from procurement'),
  );
  expect(learning?.text).toBe(finalText);
  const insights = JSON.stringify(await api<unknown>('GET', `/api/programs/${programId}/insights`, 'avery'));
  for (const leak of [UNKNOWN_NAME, 'Tomasz', CONDITION, PHONE, '7946', EXTRA_WORD]) {
    expect(learning?.text).not.toContain(leak);
    expect(insights).not.toContain(leak);
  }
  expect(problems.problems()).toEqual([]);
});

async function axeSerious(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.html} ${n.failureSummary ?? ''}`) }));
}
