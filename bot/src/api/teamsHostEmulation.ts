// The Teams host emulation: a page on the tab's own origin that hosts the tab in an iframe and answers
// teams-js v2 postMessage calls. The end-to-end tests open it (test/e2e/teamsHost.ts) and, in development
// sign-in only, the start page at /dev does (devStart.ts), so a newcomer sees the side panel, stage and
// configuration page in a browser exactly as the tests do.

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

/** The host script as a file (/dev/teams-host.js): it reads its config from the page's JSON block. */
export const TEAMS_HOST_SCRIPT_FILE = `${HOST_SCRIPT}(JSON.parse(document.getElementById('host-config').textContent));
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-theme-switch]').forEach(function (button) {
    button.addEventListener('click', function () {
      window.__teamsHost.send('themeChange', [button.getAttribute('data-theme-switch')]);
      document.documentElement.setAttribute('data-host-theme', button.getAttribute('data-theme-switch'));
    });
  });
});
`;

/** Options of the development host page (the start page's links). */
export interface DevHostPageOptions {
  /** The script's path (served by the app: no inline script under its Content-Security-Policy). */
  scriptPath: string;
  /** The frame's width in px, as Teams gives it (320 for the side panel); full width without. */
  width?: number;
  /** Where the bar's "start page" link goes. */
  startPath: string;
}

/** The host page: same origin as the tab, the tab in a full-size iframe. */
export function teamsHostPage(options: TeamsHostOptions, dev?: DevHostPageOptions): string {
  const config = {
    frameContext: options.frameContext ?? 'content',
    context: legacyContext(options),
    meetingDetails: options.meetingDetails ?? null,
    token: options.token,
    runtime: JSON.stringify(runtimeConfig),
    sdkVersion: TEAMS_SDK_VERSION,
  };
  const inline = JSON.stringify(config).replace(/</g, '\\u003c');
  const tabPath = (options.tabPath ?? '/tab/personal').replace(/"/g, '&quot;');
  if (dev) return devHostPage(inline, tabPath, options, dev);
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
<iframe id="tab" title="Reverse Mentoring" src="${tabPath}"></iframe>
</body>
</html>`;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The development variant: a bar to switch the Teams theme live, the frame at its Teams width, the script as a file. */
function devHostPage(inline: string, tabPath: string, options: TeamsHostOptions, dev: DevHostPageOptions): string {
  const theme = options.theme ?? 'default';
  const what = `${options.user.name} · ${options.frameContext ?? 'content'}`;
  const button = (name: string, label: string) => `<button type="button" data-theme-switch="${name}">${label}</button>`;
  return `<!doctype html>
<html lang="en" data-host-theme="${theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(what)} (Teams host emulation)</title>
<style>
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; }
body { display: flex; flex-direction: column; background: #ebebeb; }
html[data-host-theme="dark"] body { background: #1f1f1f; color: #fff; }
html[data-host-theme="contrast"] body { background: #000; color: #fff; }
header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 6px 12px; }
header a { color: inherit; }
button { font: inherit; padding: 2px 10px; }
main { flex: 1; min-height: 0; display: flex; justify-content: center; }
iframe { display: block; border: 0; width: ${dev.width ? `${dev.width}px` : '100%'}; height: 100%; background: transparent; }
</style>
<script type="application/json" id="host-config">${inline}</script>
<script src="${escapeHtml(dev.scriptPath)}"></script>
</head>
<body>
<header>
<a href="${escapeHtml(dev.startPath)}">Start page</a>
<strong>${escapeHtml(what)}</strong>
<span>Theme:</span>${button('default', 'Default')}${button('dark', 'Dark')}${button('contrast', 'High contrast')}
</header>
<main><iframe id="tab" title="Reverse Mentoring" src="${tabPath}"></iframe></main>
</body>
</html>`;
}
