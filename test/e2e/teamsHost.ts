// A stand-in for the Teams client in end-to-end tests: a parent page on the tab's own origin that
// hosts the tab in an iframe and answers teams-js v2 postMessage calls (see shared/spec/TESTING.md).
// Also helpers to mint development tokens and to collect what the browser reports as errors.
import type { ConsoleMessage, Frame, FrameLocator, Page } from 'playwright-core';
import { keepToLoopback } from '../support/browser';

// The host page's globals, as seen from page.evaluate callbacks (the project's tsconfig has no DOM lib).
declare const window: { __teamsHost: HostState & { send(func: string, args: unknown[]): void } };

export const HOST_PATH = '/__teams-host';
export const TEAMS_SDK_VERSION = '2.58.0';

export type HostTheme = 'default' | 'dark' | 'contrast';
export type FrameContext = 'content' | 'sidePanel' | 'meetingStage' | 'settings';

export interface HostUser {
  userId: string;
  name: string;
  email?: string;
  tenantId: string;
}

export interface TeamsHostOptions {
  user: HostUser;
  /** What authentication.getAuthToken answers: a development token for the user (see mintDevToken). */
  token: string;
  theme?: HostTheme;
  /** Becomes context.page.subPageId in teams-js v2 (a deep link). */
  subEntityId?: string;
  frameContext?: FrameContext;
  locale?: string;
  /** The tab URL the iframe loads, relative to the origin. */
  tabPath?: string;
  /** In a meeting: context.meeting.id (and the meeting chat's context.chat.id). */
  meetingId?: string;
  chatId?: string;
  /** context.page.id: a configured tab's entityId. */
  entityId?: string;
  /** What meeting.getMeetingDetails answers; without it the call fails as without the RSC permission. */
  meetingDetails?: { scheduledStartTime: string; scheduledEndTime: string; title?: string };
}

/** One message between the host page and the tab, as the host page saw it. */
export interface HostMessage {
  dir: 'in' | 'out';
  at: number;
  data: { id?: number; uuidAsString?: string; func?: string; args?: unknown[]; [key: string]: unknown };
}

export interface HostState {
  /** Every message in and out, in order. */
  messages: HostMessage[];
  /** The func of every call the tab made, in order. */
  calls: string[];
  /** Calls the host has no specific answer for (answered with an empty args list). */
  unknown: string[];
  /** performance.now() in the host page when the tab called app.notifySuccess(): ms since navigation start. */
  notifySuccessMs: number | null;
  /** performance.now() in the host page when initialize arrived. */
  initializeMs: number | null;
  /** The configuration page's last pages.config.setValidityState. */
  configValid: boolean | null;
  /** What pages.config.setConfig handed over (the configured tab). */
  config: Record<string, unknown> | null;
  /** How the last settings.save ended: 'success' or the failure reason. */
  saveOutcome: string | null;
  /** Every URL the tab asked to share to the meeting stage. */
  stageShares: string[];
}

export const runtimeConfig = {
  apiVersion: 4,
  supports: {
    app: {},
    appInitialization: {},
    authentication: {},
    meeting: {},
    pages: { config: {}, tabs: {}, appButton: {}, backStack: {} },
    dialog: {},
    teamsCore: {},
  },
};

/** The v1 ("flat") context teams-js maps to app.Context. */
export function legacyContext(options: TeamsHostOptions): Record<string, unknown> {
  const email = options.user.email ?? `${options.user.userId}@contoso.example`;
  return {
    frameContext: options.frameContext ?? 'content',
    hostClientType: 'web',
    hostName: 'Teams',
    locale: options.locale ?? 'en-GB',
    theme: options.theme ?? 'default',
    entityId: options.entityId ?? 'personal',
    tid: options.user.tenantId,
    userObjectId: options.user.userId,
    userPrincipalName: email,
    loginHint: email,
    userDisplayName: options.user.name,
    appSessionId: 'e2e-app-session',
    sessionId: 'e2e-host-session',
    ...(options.subEntityId ? { subEntityId: options.subEntityId } : {}),
    ...(options.meetingId ? { meetingId: options.meetingId } : {}),
    ...(options.chatId ? { chatId: options.chatId } : {}),
  };
}

/**
 * The host page's script (plain JavaScript, run before the iframe loads). `config` is inlined JSON:
 * { frameContext, context, meetingDetails, token, runtime (a JSON string), sdkVersion }.
 */
const HOST_SCRIPT = String.raw`
(function (config) {
  var state = {
    messages: [],
    calls: [],
    unknown: [],
    notifySuccessMs: null,
    initializeMs: null,
    configValid: null,
    config: null,
    saveOutcome: null,
    stageShares: [],
    // Sends a host event (themeChange ...) to the tab.
    send: function (func, args) {
      var frame = document.getElementById('tab');
      var data = { func: func, args: args };
      state.messages.push({ dir: 'out', at: performance.now(), data: data });
      if (frame && frame.contentWindow) frame.contentWindow.postMessage(data, window.location.origin);
    },
  };
  window.__teamsHost = state;
  // One-way by nature; answering them anyway is harmless (teams-js finds no callback).
  var oneWay = ['registerHandler', 'appInitialization.success', 'appInitialization.appLoaded'];
  window.addEventListener('message', function (event) {
    var frame = document.getElementById('tab');
    if (!frame || event.source !== frame.contentWindow) return;
    var msg = event.data;
    state.messages.push({ dir: 'in', at: performance.now(), data: msg });
    if (!msg || typeof msg.func !== 'string') return;
    state.calls.push(msg.func);
    var args;
    switch (msg.func) {
      case 'initialize':
        state.initializeMs = performance.now();
        args = [config.frameContext, 'web', config.runtime, config.sdkVersion];
        break;
      case 'getContext':
        args = [config.context];
        break;
      case 'authentication.getAuthToken':
        args = [true, config.token];
        break;
      case 'appInitialization.success':
        if (state.notifySuccessMs === null) state.notifySuccessMs = performance.now();
        args = [];
        break;
      // The configurable tab's setup page (pages.config).
      case 'settings.setValidityState':
        state.configValid = msg.args[0] === true;
        args = [];
        break;
      case 'settings.setSettings':
        state.config = msg.args[0];
        args = [true];
        break;
      case 'settings.save.success':
        state.saveOutcome = 'success';
        args = [];
        break;
      case 'settings.save.failure':
        state.saveOutcome = String(msg.args[0]);
        args = [];
        break;
      // Meetings: callback APIs answer [error, result].
      case 'meeting.shareAppContentToStage':
        state.stageShares.push(msg.args[0]);
        args = [null, true];
        break;
      case 'meeting.getMeetingDetails':
        args = config.meetingDetails
          ? [null, { details: Object.assign({ id: config.context.meetingId, type: 'Scheduled', joinUrl: 'https://teams.microsoft.com/l/meetup-join/e2e' }, config.meetingDetails), conversation: { id: config.context.chatId || 'e2e-chat' }, organizer: { id: config.context.userObjectId } }]
          : [{ errorCode: 1000, message: 'Not allowed' }, null];
        break;
      default:
        if (oneWay.indexOf(msg.func) < 0) state.unknown.push(msg.func);
        args = [];
    }
    var reply = { id: msg.id, uuidAsString: msg.uuidAsString, args: args };
    state.messages.push({ dir: 'out', at: performance.now(), data: reply });
    event.source.postMessage(reply, event.origin);
  });
})`;

/** The host page: same origin as the tab, the tab in a full-size iframe. */
export function teamsHostPage(options: TeamsHostOptions): string {
  const config = {
    frameContext: options.frameContext ?? 'content',
    context: legacyContext(options),
    meetingDetails: options.meetingDetails ?? null,
    token: options.token,
    runtime: JSON.stringify(runtimeConfig),
    sdkVersion: TEAMS_SDK_VERSION,
  };
  const inline = JSON.stringify(config).replace(/</g, '\\u003c');
  const tabPath = options.tabPath ?? '/tab/personal';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Microsoft Teams (test host)</title>
<style>html, body { margin: 0; height: 100%; overflow: hidden; } iframe { display: block; border: 0; width: 100%; height: 100%; }</style>
<script>${HOST_SCRIPT}(${inline});</script>
</head>
<body>
<iframe id="tab" title="Reverse Mentoring" src="${tabPath.replace(/"/g, '&quot;')}"></iframe>
</body>
</html>`;
}

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
    state: () => page.evaluate(() => {
      const s = window.__teamsHost;
      return JSON.parse(JSON.stringify({
        messages: s.messages, calls: s.calls, unknown: s.unknown, notifySuccessMs: s.notifySuccessMs, initializeMs: s.initializeMs,
        configValid: s.configValid, config: s.config, saveOutcome: s.saveOutcome, stageShares: s.stageShares,
      })) as HostState;
    }),
    sendEvent: (func, args) => page.evaluate(({ f, a }) => window.__teamsHost.send(f, a), { f: func, a: args }),
    async setTheme(theme) {
      await page.evaluate(({ f, a }) => window.__teamsHost.send(f, a), { f: 'themeChange', a: [theme] });
      const frame = page.frameLocator('iframe#tab');
      await frame.locator(`[data-theme="${theme}"]`).first().waitFor({ state: 'attached', timeout: 10_000 });
      // Fluent animates colours and dialogs; axe reads computed colours, so wait until nothing moves.
      const tab = await page.$('iframe#tab').then((el) => el!.contentFrame());
      type Animated = { document: { getAnimations(): { playState: string }[] } };
      await tab!.waitForFunction(() => (globalThis as unknown as Animated).document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 10_000 });
    },
    async waitForNotifySuccess(timeoutMs = 20_000) {
      const handle = await page.waitForFunction(
        () => window.__teamsHost.notifySuccessMs,
        undefined,
        { timeout: timeoutMs },
      );
      return (await handle.jsonValue()) as number;
    },
    async waitForHandler(name, timeoutMs = 20_000) {
      await page.waitForFunction(
        (n) => window.__teamsHost.messages.some(
          (m) => m.dir === 'in' && m.data.func === 'registerHandler' && Array.isArray(m.data.args) && m.data.args[0] === n,
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
      const handle = await page.waitForFunction(() => window.__teamsHost.saveOutcome, undefined, { timeout: timeoutMs });
      return (await handle.jsonValue()) as string;
    },
  };
  return host;
}

/** A development token from the running server (POST /api/dev/token), checked like an Entra token. */
export async function mintDevToken(base: string, user: { userId: string; name: string; tenantId?: string; roles?: string[] }): Promise<string> {
  const res = await fetch(`${base}/api/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: user.userId, name: user.name, roles: user.roles ?? [], ...(user.tenantId ? { tenantId: user.tenantId } : {}) }),
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
      this.others.push({ kind: 'requestfailed', text: request.failure()?.errorText ?? 'failed', url: request.url(), pageUrl: page.url() });
    });
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error') this.consoleErrors.push({ text: msg.text(), url: msg.location().url, pageUrl: page.url() });
    });
    page.on('pageerror', (error) => {
      this.others.push({ kind: 'pageerror', text: `${error.name}: ${error.message}`, url: '', pageUrl: page.url() });
    });
  }

  /** Problems so far; console messages are classified now, since they and requestfailed arrive in either order. */
  problems(): BrowserProblem[] {
    const unexpectedConsole = this.consoleErrors
      .filter((m) => !(m.text.startsWith('Failed to load resource') && !isLoopback(m.url) && this.abortedExternal.has(m.url)))
      .map((m): BrowserProblem => ({ kind: 'console', ...m }));
    return [...this.others, ...unexpectedConsole];
  }
}
