// The development start page (/dev), in development sign-in only and only for requests made on this machine:
// every surface for every demo user, each opened in the Teams host emulation the end-to-end tests use
// (teamsHostEmulation.ts), in the theme picked here and switchable live. A newcomer sees all of the app in
// one minute without Teams: personal tab, side panel at 320 px, stage, meeting chat tab, configuration page
// and admin view.
import type { Express, NextFunction, Request, Response } from 'express';
import { DEMO_MEETING_ID, DEMO_USERS, type DemoUser } from '../commands/demoSeeder';
import { DEV_TENANT_ID } from '../domain/limits';
import { notFound } from '../domain/errors';
import { assertLocalRequest } from './middleware/localRequest';
import type { DevSignIn } from './middleware/tokenVerifier';
import { TEAMS_HOST_SCRIPT_FILE, teamsHostPage, type FrameContext, type HostTheme } from './teamsHostEmulation';

export const DEV_START_PATH = '/dev';
const HOST_PAGE = '/dev/host';
const HOST_SCRIPT = '/dev/teams-host.js';

interface Surface {
  key: string;
  label: string;
  tabPath: string;
  frameContext: FrameContext;
  /** The width Teams gives the frame. */
  width?: number;
  /** Who this surface is for in the demo data. */
  for(user: DemoUser): boolean;
}

const isAdmin = (user: DemoUser) => user.roles.includes('ProgramAdmin');
// The demo pair whose next session has the demo meeting (demoSeeder.ts).
const inDemoMeeting = (user: DemoUser) => user.userId === 'priya' || user.userId === 'dana';

export const DEV_SURFACES: Surface[] = [
  { key: 'personal', label: 'Personal tab', tabPath: '/tab/personal', frameContext: 'content', for: () => true },
  {
    key: 'sidePanel',
    label: 'Meeting side panel (320 px)',
    tabPath: '/tab/meeting',
    frameContext: 'sidePanel',
    width: 320,
    for: inDemoMeeting,
  },
  { key: 'stage', label: 'Meeting stage', tabPath: '/tab/meeting', frameContext: 'meetingStage', for: inDemoMeeting },
  { key: 'chat', label: 'Meeting chat tab', tabPath: '/tab/meeting', frameContext: 'content', for: inDemoMeeting },
  {
    key: 'config',
    label: 'Meeting tab configuration',
    tabPath: '/tab/config',
    frameContext: 'settings',
    for: (u) => !isAdmin(u),
  },
  { key: 'admin', label: 'Admin view', tabPath: '/tab/admin', frameContext: 'content', for: isAdmin },
];

const THEMES: Array<[HostTheme, string]> = [
  ['default', 'Default'],
  ['dark', 'Dark'],
  ['contrast', 'High contrast'],
];
const themeOf = (value: unknown): HostTheme => (value === 'dark' || value === 'contrast' ? value : 'default');
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function hostLink(userId: string, surface: string, theme: HostTheme): string {
  return `${HOST_PAGE}?${new URLSearchParams({ user: userId, surface, theme }).toString()}`;
}

function startPage(theme: HostTheme): string {
  const rows = DEMO_USERS.map((user) => {
    const links = DEV_SURFACES.filter((s) => s.for(user))
      .map((s) => `<li><a href="${escapeHtml(hostLink(user.userId, s.key, theme))}">${escapeHtml(s.label)}</a></li>`)
      .join('');
    return `<tr><th scope="row">${escapeHtml(user.name)}${isAdmin(user) ? ' (programme admin)' : ''}</th><td><ul>${links}</ul></td></tr>`;
  }).join('\n');
  const options = THEMES.map(
    ([value, label]) => `<option value="${value}"${value === theme ? ' selected' : ''}>${label}</option>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reverse Mentoring: development start page</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #242424; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .5rem; border-top: 1px solid #d1d1d1; }
ul { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
a { color: #5b5fc7; } form { margin: 1rem 0; }
</style>
</head>
<body>
<h1>Reverse Mentoring: development start page</h1>
<p>Development sign-in is on. Each link opens a surface as a demo user inside the Teams host emulation the end-to-end
tests use (same origin, teams-js answered by the page), with a bar to switch the Teams theme. The side panel, stage and
chat tab belong to the demo meeting of Priya and Dana's next session. Outside the emulation:
<a href="/tab/personal">the personal tab with development sign-in</a>, <a href="/api/openapi.json">the API</a>.</p>
<form method="get" action="${DEV_START_PATH}">
<label for="theme">Open in the theme</label> <select id="theme" name="theme">${options}</select> <button type="submit">Apply</button>
</form>
<table><thead><tr><th scope="col">Demo user</th><th scope="col">Surfaces</th></tr></thead><tbody>
${rows}
</tbody></table>
</body>
</html>`;
}

/** Mounts /dev, /dev/host and /dev/teams-host.js; only called in development sign-in. */
export function mountDevStart(app: Express, devSignIn: DevSignIn): void {
  const local = (req: Request, _res: Response, next: NextFunction) => {
    try {
      assertLocalRequest(req);
      next();
    } catch (error) {
      next(error);
    }
  };
  app.get(DEV_START_PATH, local, (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(startPage(themeOf(req.query.theme)));
  });
  app.get(HOST_SCRIPT, local, (_req, res) => {
    res.set('Cache-Control', 'no-store').type('text/javascript').send(TEAMS_HOST_SCRIPT_FILE);
  });
  app.get(HOST_PAGE, local, async (req, res, next) => {
    try {
      const user = DEMO_USERS.find((u) => u.userId === req.query.user);
      const surface = DEV_SURFACES.find((s) => s.key === req.query.surface);
      if (!user || !surface) throw notFound('route');
      const theme = themeOf(req.query.theme);
      const token = await devSignIn.mint({
        userId: user.userId,
        name: user.name,
        email: user.email,
        tenantId: DEV_TENANT_ID,
        roles: user.roles,
      });
      const view =
        surface.frameContext === 'sidePanel' || surface.frameContext === 'meetingStage'
          ? `&view=${surface.frameContext}`
          : '';
      const page = teamsHostPage(
        {
          user: { userId: user.userId, name: user.name, email: user.email, tenantId: DEV_TENANT_ID },
          token,
          theme,
          frameContext: surface.frameContext,
          tabPath: `${surface.tabPath}?locale=en-GB${view}`,
          ...(surface.tabPath === '/tab/meeting' || surface.tabPath === '/tab/config'
            ? { meetingId: DEMO_MEETING_ID }
            : {}),
        },
        {
          scriptPath: HOST_SCRIPT,
          startPath: `${DEV_START_PATH}?theme=${theme}`,
          ...(surface.width ? { width: surface.width } : {}),
        },
      );
      res.set('Cache-Control', 'no-store').type('html').send(page);
    } catch (error) {
      next(error);
    }
  });
}
