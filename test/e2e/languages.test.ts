// The tab in every language it speaks (tab/src/i18n/messages), in one Chromium against the real app: the
// meeting side panel and the personal tab at 320 px show the language's texts with nothing wider than the
// panel (long German and Dutch words included), Arabic and Hebrew right to left; the language follows Teams'
// context when the URL has none, and the person's choice in the language menu overrides it. SCREENSHOTS=<folder>
// saves each picture to look at. Needs the built tab (`npm run build:tab`).
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Frame } from 'playwright-core';
import { DEMO_MEETING_ID, DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import {
  argumentsOf,
  compileCatalogue,
  languagesOnDisk,
  leaves,
  namespacesOnDisk,
  readCatalogue,
} from '../../scripts/i18n/catalogue';
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

jest.setTimeout(180_000);

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');
const SAVE_TO = process.env.SCREENSHOTS;
/** A Teams locale for each language (what Teams puts in ?locale= and the context). */
const LOCALES: Record<string, string> = {
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  'pt-BR': 'pt-BR',
  it: 'it-IT',
  nl: 'nl-NL',
  ja: 'ja-JP',
  'zh-CN': 'zh-CN',
  ko: 'ko-KR',
  ar: 'ar-SA',
  he: 'he-IL',
};
const RIGHT_TO_LEFT = new Set(['ar', 'he']);
const languages = languagesOnDisk();

type Texts = {
  meeting: { agenda: { title: string } };
  personal: { goals: { title: string }; myData: { language: string } };
  panels: { languagePanel: { label: string } };
};
const textsOf = (language: string): Texts => ({
  meeting: compileCatalogue(language, 'meeting') as Texts['meeting'],
  personal: compileCatalogue(language, 'personal') as Texts['personal'],
  panels: compileCatalogue(language, 'panels') as Texts['panels'],
});

let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
const tokens: Record<string, string> = {};
let programId: string;

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  if (SAVE_TO) mkdirSync(SAVE_TO, { recursive: true });
  app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  ({ programId } = await seedDemoData(app.services.store));
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const userId of ['priya', 'dana', 'avery']) {
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

interface Opened {
  host: TeamsHost;
  frame: Frame;
  problems: ProblemCollector;
}

// As in visual.test.ts: a poll Chromium drops when the page closes (net::ERR_ABORTED) is no fault of the tab.
const problemsOf = (opened: Opened) =>
  opened.problems
    .problems()
    .filter(
      (p) => !(p.kind === 'requestfailed' && p.text === 'net::ERR_ABORTED' && /\/api\/(pairs|meetings)\//.test(p.url)),
    );

async function open(
  userId: string,
  tabPath: string,
  options: { locale?: string; frameContext?: FrameContext; width?: number; theme?: HostTheme } = {},
): Promise<Opened> {
  const user = DEMO_USERS.find((u) => u.userId === userId)!;
  const page = await context.newPage();
  await page.setViewportSize({ width: options.width ?? 320, height: 900 });
  page.setDefaultTimeout(20_000);
  const problems = new ProblemCollector();
  problems.watch(page);
  const host = await openInTeamsHost(page, base, {
    user: { userId, name: user.name, email: user.email, tenantId: DEV_TENANT_ID },
    token: tokens[userId]!,
    tabPath,
    meetingId: DEMO_MEETING_ID,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.frameContext ? { frameContext: options.frameContext } : {}),
    ...(options.theme ? { theme: options.theme } : {}),
  });
  await host.waitForNotifySuccess();
  return { host, frame: await host.tabFrame(), problems };
}

type Doc = {
  document: {
    documentElement: { lang: string; dir: string; scrollWidth: number; clientWidth: number };
    querySelectorAll(s: string): ArrayLike<{
      getBoundingClientRect(): { left: number; right: number; width: number };
      tagName: string;
      textContent: string | null;
    }>;
  };
  innerWidth: number;
};

/** The page's language and direction, and every element that reaches outside the viewport sideways. */
const layout = (frame: Frame) =>
  frame.evaluate(() => {
    const g = globalThis as unknown as Doc;
    const root = g.document.documentElement;
    const outside = Array.from(g.document.querySelectorAll('body *'))
      .filter((e) => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && (box.right > g.innerWidth + 1 || box.left < -1);
      })
      .map((e) => `${e.tagName}: ${(e.textContent ?? '').slice(0, 40)}`);
    return {
      lang: root.lang,
      dir: root.dir,
      overflow: root.scrollWidth - root.clientWidth,
      outside: outside.slice(0, 5),
    };
  });

async function save(host: TeamsHost, name: string): Promise<void> {
  if (SAVE_TO)
    await host.page.screenshot({ path: path.join(SAVE_TO, `${name}.png`), fullPage: true, animations: 'disabled' });
}

test('every language: the side panel and the personal tab at 320 px speak it, right to left for Arabic and Hebrew, nothing wider than the panel', async () => {
  expect(languages).toHaveLength(12);
  const seen: Record<string, unknown> = {};
  const wanted: Record<string, unknown> = {};
  for (const language of languages) {
    const texts = textsOf(language);
    const locale = LOCALES[language]!;
    const panel = await open('priya', `/tab/meeting?locale=${locale}`, {
      locale,
      frameContext: 'sidePanel',
      theme: 'dark',
    });
    await panel.host.tab.getByText(texts.meeting.agenda.title, { exact: true }).first().waitFor({ state: 'visible' });
    await save(panel.host, `side-panel-${language}`);
    const personal = await open('dana', `/tab/personal?locale=${locale}`, { locale });
    await personal.host.tab
      .getByText(texts.personal.goals.title, { exact: true })
      .first()
      .waitFor({ state: 'visible' });
    await save(personal.host, `personal-320-${language}`);
    seen[language] = {
      panel: await layout(panel.frame),
      personal: await layout(personal.frame),
      problems: [...problemsOf(panel), ...problemsOf(personal)],
    };
    // <html lang> is Teams' full locale (its digits in the texts' numbers, as in its dates).
    const page = { lang: locale, dir: RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr', overflow: 0, outside: [] };
    wanted[language] = { panel: page, personal: page, problems: [] };
    await panel.host.page.close();
    await personal.host.page.close();
  }
  expect(seen).toEqual(wanted);
});

test("the language follows Teams' context when the URL has none, and the language menu's choice overrides it until Teams' is picked again", async () => {
  const japanese = textsOf('ja');
  const opened = await open('dana', '/tab/personal', { locale: 'ja-JP', width: 1000 });
  const { host, frame } = opened;
  await host.tab.getByText(japanese.personal.goals.title, { exact: true }).first().waitFor({ state: 'visible' });
  expect((await layout(frame)).lang).toBe('ja-JP');

  const arabic = textsOf('ar');
  await host.tab.getByRole('button', { name: japanese.personal.myData.language }).click();
  const menu = host.tab.getByRole('combobox', { name: japanese.panels.languagePanel.label });
  await menu.selectOption('ar');
  // The page reloads in the chosen language, right to left, although Teams still says Japanese.
  await host.tab.getByText(arabic.personal.goals.title, { exact: true }).first().waitFor({ state: 'visible' });
  const chosen = await layout(await host.tabFrame());
  expect([chosen.lang, chosen.dir]).toEqual(['ar', 'rtl']);

  await host.tab.getByRole('button', { name: arabic.personal.myData.language }).click();
  await host.tab.getByRole('combobox', { name: arabic.panels.languagePanel.label }).selectOption('teams');
  await host.tab.getByText(japanese.personal.goals.title, { exact: true }).first().waitFor({ state: 'visible' });
  const back = await layout(await host.tabFrame());
  expect([back.lang, back.dir]).toEqual(['ja-JP', 'ltr']);
  expect(problemsOf(opened)).toEqual([]);
  await host.page.close();
});

/**
 * English texts a page in `language` must not show: every English message without arguments (so its text is
 * what shows) that the language words differently, from every namespace a participant's surfaces load.
 */
function englishLeftIn(language: string, admin = false): Set<string> {
  const found = new Set<string>();
  for (const ns of namespacesOnDisk().filter((n) => (admin || n !== 'admin') && n !== 'signIn')) {
    const theirs = new Map(leaves(readCatalogue(language, ns)).map((l) => [l.path, l.message]));
    for (const { path: at, message } of leaves(readCatalogue('en', ns)))
      if (argumentsOf(message).length === 0 && theirs.get(at) !== message) found.add(message.trim());
  }
  return found;
}

type TextDoc = {
  document: {
    body: { innerText: string };
    querySelectorAll(
      s: string,
    ): ArrayLike<{ childElementCount: number; textContent: string | null; getAttribute(n: string): string | null }>;
  };
};

/** Every text the page shows or says: leaf elements' texts, accessible names, titles and placeholders, and the whole text. */
const textsOn = (frame: Frame) =>
  frame.evaluate(() => {
    const g = globalThis as unknown as TextDoc;
    const texts: string[] = [];
    for (const e of Array.from(g.document.querySelectorAll('body *'))) {
      if (e.childElementCount === 0 && e.textContent) texts.push(e.textContent.trim());
      for (const name of ['aria-label', 'title', 'placeholder', 'alt'])
        if (e.getAttribute(name)) texts.push(e.getAttribute(name)!.trim());
    }
    return { texts, whole: g.document.body.innerText };
  });

test('a Japanese executive and an Arabic-speaking mentor see every surface of theirs in their language: personal tab, side panel, stage, meeting chat tab and configuration page, no English left, laid out in their direction', async () => {
  const people = [
    { userId: 'dana', language: 'ja', locale: 'ja-JP', dir: 'ltr' },
    { userId: 'priya', language: 'ar', locale: 'ar-SA', dir: 'rtl' },
  ];
  const seen: Record<string, unknown> = {};
  const wanted: Record<string, unknown> = {};
  for (const { userId, language, locale, dir } of people) {
    const english = englishLeftIn(language);
    const t = {
      personal: compileCatalogue(language, 'personal') as { goals: { title: string } },
      meeting: compileCatalogue(language, 'meeting') as {
        agenda: { title: string };
        stage: { title: string };
        chat: { goals: string };
      },
      config: compileCatalogue(language, 'config') as { title: string },
    };
    const surfaces: { name: string; path: string; frameContext?: FrameContext; width: number; ready: string }[] = [
      { name: 'personal', path: '/tab/personal', width: 1000, ready: t.personal.goals.title },
      {
        name: 'side panel',
        path: '/tab/meeting',
        frameContext: 'sidePanel',
        width: 320,
        ready: t.meeting.agenda.title,
      },
      { name: 'stage', path: '/tab/meeting', frameContext: 'meetingStage', width: 1280, ready: t.meeting.stage.title },
      { name: 'chat tab', path: '/tab/meeting', frameContext: 'content', width: 1280, ready: t.meeting.chat.goals },
      { name: 'configuration', path: '/tab/config', frameContext: 'settings', width: 1000, ready: t.config.title },
    ];
    for (const surface of surfaces) {
      const opened = await open(userId, `${surface.path}?locale=${locale}`, {
        locale,
        width: surface.width,
        ...(surface.frameContext ? { frameContext: surface.frameContext } : {}),
      });
      await opened.host.tab.getByText(surface.ready, { exact: true }).first().waitFor({ state: 'visible' });
      await save(opened.host, `${language}-${surface.name.replace(' ', '-')}`);
      const { texts, whole } = await textsOn(opened.frame);
      const key = `${language} ${surface.name}`;
      seen[key] = {
        layout: await layout(opened.frame),
        english: [...english].filter((m) => texts.includes(m) || (m.includes(' ') && whole.includes(m))),
        // One text, one kind of digits: ar-SA's numbers are Arabic-Indic, so a timer or count beside them is too.
        mixedDigits: texts.filter((text) => /[0-9]/.test(text) && /[\u0660-\u0669]/.test(text)),
        problems: problemsOf(opened),
      };
      wanted[key] = {
        layout: { lang: locale, dir, overflow: 0, outside: [] },
        english: [],
        mixedDigits: [],
        problems: [],
      };
      await opened.host.page.close();
    }
  }
  expect(seen).toEqual(wanted);
});

test('an Arabic-speaking programme admin sees the insights, settings and participants in Arabic: one kind of digits, the 1–5 scale and the settings’ hints in Arabic-Indic digits too, no English control names, nothing wider than the page', async () => {
  const english = englishLeftIn('ar', true);
  const t = compileCatalogue('ar', 'admin') as {
    tabs: { insights: string; settings: string; participants: string };
    insights: { ledger: string };
    settings: { reminders: string };
    participants: { search: string };
  };
  // The programme's name is the admin's own text (its digits as typed): the only Latin digits allowed.
  const program = (await (
    await fetch(`${base}/api/programs/${programId}`, { headers: { Authorization: `Bearer ${tokens.avery}` } })
  ).json()) as { name: string };
  const opened = await open('avery', '/tab/admin?locale=ar-SA', { locale: 'ar-SA', width: 1280 });
  await opened.host.tab.getByRole('tab', { name: t.tabs.insights }).click();
  await opened.host.tab.getByText(t.insights.ledger, { exact: true }).first().waitFor({ state: 'visible' });
  await save(opened.host, 'ar-admin-insights');
  // What an Arabic admin page must be: laid out right to left, no English left, the programme's numbers in one
  // kind of digits (the programme's own texts are the admin's, as typed).
  const arabicPage = async () => {
    const { texts, whole } = await textsOn(opened.frame);
    return {
      layout: await layout(opened.frame),
      english: [...english].filter((m) => texts.includes(m) || (m.includes(' ') && whole.includes(m))),
      mixedDigits: texts.filter((text) => /[0-9]/.test(text) && /[\u0660-\u0669]/.test(text)),
      latinDigits: texts.filter((text) => /[0-9]/.test(text) && !text.includes(program.name)),
      problems: problemsOf(opened),
    };
  };
  const arabicAsItShouldBe = {
    layout: { lang: 'ar-SA', dir: 'rtl', overflow: 0, outside: [] },
    english: [],
    mixedDigits: [],
    latinDigits: [],
    problems: [],
  };
  expect(await arabicPage()).toEqual(arabicAsItShouldBe);

  // The Settings tab too: its labels, hints and controls in Arabic, its numbers in Arabic-Indic digits. The
  // programme's own texts (name, objectives, topics) and the form's values are the admin's, as typed.
  await opened.host.tab.getByRole('tab', { name: t.tabs.settings }).click();
  await opened.host.tab.getByText(t.settings.reminders, { exact: true }).first().waitFor({ state: 'visible' });
  await save(opened.host, 'ar-admin-settings');
  expect(await arabicPage()).toEqual(arabicAsItShouldBe);

  // Fluent's own words (a combobox's expand button is "Open" unless named) are English: the Participants tab
  // names them in Arabic.
  await opened.host.tab.getByRole('tab', { name: t.tabs.participants }).click();
  await opened.host.tab.getByText(t.participants.search, { exact: true }).first().waitFor({ state: 'visible' });
  const participants = await textsOn(opened.frame);
  expect([...english].filter((m) => participants.texts.includes(m))).toEqual([]);
  await opened.host.page.close();
});
