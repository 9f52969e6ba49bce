// A stand-in for the Teams client in end-to-end tests: a parent page on the tab's own origin that
// hosts the tab in an iframe and answers teams-js v2 postMessage calls (see shared/spec/TESTING.md).
// Also helpers to mint development tokens and to collect what the browser reports as errors.
import type { ConsoleMessage, Frame, FrameLocator, Page } from 'playwright-core';
import { keepToLoopback } from '../support/browser';

// The host page's globals, as seen from page.evaluate callbacks (the project's tsconfig has no DOM lib).
declare const window: { __teamsHost: HostState & { send(func: string, args: unknown[]): void } };

export const HOST_PATH = '/__teams-host';
export {
  TEAMS_SDK_VERSION,
  legacyContext,
  runtimeConfig,
  teamsHostPage,
  type FrameContext,
  type HostMessage,
  type HostState,
  type HostTheme,
  type HostUser,
  type TeamsHostOptions,
} from '../../bot/src/api/teamsHostEmulation';
import { teamsHostPage, type HostState, type TeamsHostOptions } from '../../bot/src/api/teamsHostEmulation';

export interface TeamsHost {
  page: Page;
  url: string;
  /** Locators inside the tab. */
  tab: FrameLocator;
  /** The tab's frame (changes on reload). */
  tabFrame(): Promise<Frame>;
  state(): Promise<HostState>;
  /** Posts a host event to the tab, e.g. sendEvent('themeChange', ['dark']). */
  sendEvent(func: string, args: unknown[]): Promise<void>;
  /** Switches the Teams theme and resolves once the tab shows it and its transitions have ended (for axe and screenshots). */
  setTheme(theme: 'default' | 'dark' | 'contrast'): Promise<void>;
  /** Resolves with ms from navigation start to app.notifySuccess(). */
  waitForNotifySuccess(timeoutMs?: number): Promise<number>;
  /** Resolves once the tab has registered a handler for this host event. */
  waitForHandler(name: string, timeoutMs?: number): Promise<void>;
  /** Presses Teams' Save on a configuration page: sends settings.save and resolves with the outcome. */
  saveConfig(timeoutMs?: number): Promise<string>;
}

/**
 * Opens the tab as Teams would: keeps the page on loopback, serves the host page at base + HOST_PATH
 * (registered after keepToLoopback, so it takes precedence) and navigates there.
 */
export async function openInTeamsHost(page: Page, base: string, options: TeamsHostOptions): Promise<TeamsHost> {
  await keepToLoopback(page);
  const url = `${base}${HOST_PATH}`;
  const body = teamsHostPage(options);
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  await page.goto(url);
  const host: TeamsHost = {
    page,
    url,
    tab: page.frameLocator('iframe#tab'),
    async tabFrame() {
      const handle = await page.waitForSelector('iframe#tab', { state: 'attached' });
      const frame = await handle.contentFrame();
      if (!frame) throw new Error('the tab iframe has no frame');
      return frame;
    },
    state: () =>
      page.evaluate(() => {
        const s = window.__teamsHost;
        return JSON.parse(
          JSON.stringify({
            messages: s.messages,
            calls: s.calls,
            unknown: s.unknown,
            notifySuccessMs: s.notifySuccessMs,
            initializeMs: s.initializeMs,
            configValid: s.configValid,
            config: s.config,
            saveOutcome: s.saveOutcome,
            stageShares: s.stageShares,
          }),
        ) as HostState;
      }),
    sendEvent: (func, args) => page.evaluate(({ f, a }) => window.__teamsHost.send(f, a), { f: func, a: args }),
    async setTheme(theme) {
      await page.evaluate(({ f, a }) => window.__teamsHost.send(f, a), { f: 'themeChange', a: [theme] });
      const frame = page.frameLocator('iframe#tab');
      await frame.locator(`[data-theme="${theme}"]`).first().waitFor({ state: 'attached', timeout: 10_000 });
      // Fluent animates colours and dialogs; axe reads computed colours, so wait until nothing moves.
      const tab = await page.$('iframe#tab').then((el) => el!.contentFrame());
      type Animated = { document: { getAnimations(): { playState: string }[] } };
      await tab!.waitForFunction(
        () => (globalThis as unknown as Animated).document.getAnimations().every((a) => a.playState !== 'running'),
        undefined,
        { timeout: 10_000 },
      );
    },
    async waitForNotifySuccess(timeoutMs = 20_000) {
      const handle = await page.waitForFunction(() => window.__teamsHost.notifySuccessMs, undefined, {
        timeout: timeoutMs,
      });
      return (await handle.jsonValue()) as number;
    },
    async waitForHandler(name, timeoutMs = 20_000) {
      await page.waitForFunction(
        (n) =>
          window.__teamsHost.messages.some(
            (m) =>
              m.dir === 'in' && m.data.func === 'registerHandler' && Array.isArray(m.data.args) && m.data.args[0] === n,
          ),
        name,
        { timeout: timeoutMs },
      );
    },
    async saveConfig(timeoutMs = 20_000) {
      await host.waitForHandler('save', timeoutMs);
      await page.evaluate(() => {
        window.__teamsHost.saveOutcome = null;
        window.__teamsHost.send('settings.save', [{}]);
      });
      const handle = await page.waitForFunction(() => window.__teamsHost.saveOutcome, undefined, {
        timeout: timeoutMs,
      });
      return (await handle.jsonValue()) as string;
    },
  };
  return host;
}

/** A development token from the running server (POST /api/dev/token), checked like an Entra token. */
export async function mintDevToken(
  base: string,
  user: { userId: string; name: string; tenantId?: string; roles?: string[] },
): Promise<string> {
  const res = await fetch(`${base}/api/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      userId: user.userId,
      name: user.name,
      roles: user.roles ?? [],
      ...(user.tenantId ? { tenantId: user.tenantId } : {}),
    }),
  });
  if (res.status !== 200) throw new Error(`dev token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

const isLoopback = (url: string) => {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost';
  } catch {
    return false;
  }
};

export interface BrowserProblem {
  kind: 'console' | 'pageerror' | 'requestfailed';
  text: string;
  url: string;
  pageUrl: string;
}

/**
 * Collects console errors, uncaught exceptions and failed loopback requests from every frame of the
 * pages it watches. Requests to non-loopback hosts that keepToLoopback aborts are expected (teams-js
 * fetches its list of valid domains from a CDN and falls back to its built-in list): exactly those
 * requests, and the "Failed to load resource" console errors Chromium prints for them, are left out.
 */
export class ProblemCollector {
  private readonly abortedExternal = new Set<string>();
  private readonly consoleErrors: Array<{ text: string; url: string; pageUrl: string }> = [];
  private readonly others: BrowserProblem[] = [];
  /** Every aborted non-loopback request, for the record. */
  readonly ignoredRequests: string[] = [];

  watch(page: Page): void {
    page.on('requestfailed', (request) => {
      if (!isLoopback(request.url())) {
        this.abortedExternal.add(request.url());
        this.ignoredRequests.push(request.url());
        return;
      }
      this.others.push({
        kind: 'requestfailed',
        text: request.failure()?.errorText ?? 'failed',
        url: request.url(),
        pageUrl: page.url(),
      });
    });
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error')
        this.consoleErrors.push({ text: msg.text(), url: msg.location().url, pageUrl: page.url() });
    });
    page.on('pageerror', (error) => {
      this.others.push({ kind: 'pageerror', text: `${error.name}: ${error.message}`, url: '', pageUrl: page.url() });
    });
  }

  /** Problems so far; console messages are classified now, since they and requestfailed arrive in either order. */
  problems(): BrowserProblem[] {
    const unexpectedConsole = this.consoleErrors
      .filter(
        (m) => !(m.text.startsWith('Failed to load resource') && !isLoopback(m.url) && this.abortedExternal.has(m.url)),
      )
      .map((m): BrowserProblem => ({ kind: 'console', ...m }));
    return [...this.others, ...unexpectedConsole];
  }
}
