// What each surface of the tab costs on the wire, measured, not estimated: the real server (embedded
// store, demo data) sends the built tab to headless Chromium inside the stand-in Teams client, and we add
// up the encoded body sizes of the script responses each page loads before it is interactive (before it
// calls app.notifySuccess()), with the encoding each came in. Used by `npm run sizes`, `npm run bench`
// (scripts/bench/bundles.ts) and the budget test (test/scripts/bundleSize.test.ts). Needs the built tab.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { DEMO_USERS, seedDemoData } from '../bot/src/commands/demoSeeder';
import { meetingLinker } from '../bot/src/commands/meetingLinker';
import { DEV_TENANT_ID } from '../bot/src/domain/limits';
import type { PairDoc } from '../bot/src/domain/model';
import { mintDevToken, openInTeamsHost, type TeamsHostOptions } from '../test/e2e/teamsHost';
import { launchBrowser } from '../test/support/browser';
import { buildTestApp, type TestApp } from '../test/support/testApp';

export const TAB_DIST = path.resolve(__dirname, '../tab/dist');

/** Budgets for the scripts a surface loads before it is interactive, in encoded bytes on the wire. */
export const WIRE_BUDGETS = { personal: 120 * 1024, sidePanel: 130 * 1024 } as const;

export interface ScriptLoad {
  /** Path under /tab/, e.g. assets/index-abc123.js. */
  file: string;
  /** Content-Encoding of the response ('identity' when none). */
  encoding: string;
  /** Encoded body bytes, as received. */
  wireBytes: number;
  /** Body bytes after decoding. */
  bytes: number;
}

export interface SurfaceLoad {
  surface: 'personal' | 'sidePanel' | 'config' | 'admin';
  /** What was opened, for the report. */
  description: string;
  scripts: ScriptLoad[];
  wireBytes: number;
  bytes: number;
}

const MEETING_ID = 'MCMxOTptZWV0aW5nX3NpemVzQHRocmVhZC52Mg==';

/** Opens each surface once in a fresh browser context (an empty cache) and records its script responses. */
export async function measureTabLoads(): Promise<SurfaceLoad[]> {
  if (!existsSync(path.join(TAB_DIST, 'index.html'))) throw new Error('Build the tab first: npm run build:tab');
  const app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  // A failure before the browser is up (a store timeout while seeding on a loaded machine) still stops the app:
  // its embedded server left listening kept jest from exiting after a whole run.
  try {
    return await measureWithApp(app);
  } finally {
    await app.stop();
  }
}

async function measureWithApp(app: TestApp): Promise<SurfaceLoad[]> {
  const { pairIds } = await seedDemoData(app.services.store);
  const pair = (await app.services.store.pairs.get(DEV_TENANT_ID, pairIds[0]!, pairIds[0]!, 'pair')) as PairDoc;
  const hostUser = (userId: string) => {
    const user = DEMO_USERS.find((u) => u.userId === userId)!;
    return { userId, name: user.name, email: user.email, tenantId: DEV_TENANT_ID, roles: user.roles };
  };
  const priya = hostUser('priya');
  await meetingLinker(app.services.store, { ...priya, roles: [] }, pair, { meetingId: MEETING_ID });
  const server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  try {
    const open = async (
      surface: SurfaceLoad['surface'],
      description: string,
      userId: string,
      options: Partial<TeamsHostOptions>,
      width = 1280,
    ): Promise<SurfaceLoad> => {
      const user = hostUser(userId);
      const token = await mintDevToken(base, user);
      // A context of its own, so nothing comes from another surface's cache. (Contexts stay open until the
      // browser closes: the packaged single-process Chromium dies when one is closed.)
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      try {
        const requested: Request[] = [];
        page.on('request', (request) => {
          if (request.resourceType() === 'script' && new URL(request.url()).pathname.startsWith('/tab/'))
            requested.push(request);
        });
        const host = await openInTeamsHost(page, base, { user, token, ...options });
        await host.waitForNotifySuccess(60_000);
        // Every script asked for before the page said it was ready, each once it has arrived.
        const scripts = await Promise.all(
          [...requested].map(async (request): Promise<ScriptLoad> => {
            const response = await request.response();
            if (!response || response.status() !== 200)
              throw new Error(`${request.url()} answered ${response?.status() ?? 'nothing'}`);
            const [body, sizes] = await Promise.all([response.body(), request.sizes()]);
            return {
              file: new URL(request.url()).pathname.replace(/^\/tab\//, ''),
              encoding: (await response.headerValue('content-encoding')) ?? 'identity',
              wireBytes: sizes.responseBodySize,
              bytes: body.length,
            };
          }),
        );
        const sum = (key: 'wireBytes' | 'bytes') => scripts.reduce((total, s) => total + s[key], 0);
        return { surface, description, scripts, wireBytes: sum('wireBytes'), bytes: sum('bytes') };
      } finally {
        await page.close();
      }
    };
    return [
      await open('personal', 'personal tab (Dana, light theme)', 'dana', { tabPath: '/tab/personal?locale=en-GB' }),
      await open(
        'sidePanel',
        'meeting side panel (Priya, dark theme, 320 px)',
        'priya',
        {
          frameContext: 'sidePanel',
          meetingId: MEETING_ID,
          theme: 'dark',
          tabPath: '/tab/meeting?locale=en-GB',
        },
        320,
      ),
      await open('config', 'meeting tab configuration page (Priya)', 'priya', {
        frameContext: 'settings',
        meetingId: MEETING_ID,
        tabPath: '/tab/config?locale=en-GB',
      }),
      await open('admin', 'admin view (Avery, high contrast)', 'avery', {
        theme: 'contrast',
        tabPath: '/tab/admin?locale=en-GB',
      }),
    ];
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** "br" or "br, gzip": the encodings a surface's scripts came in. */
export const encodingsOf = (load: SurfaceLoad) => [...new Set(load.scripts.map((s) => s.encoding))].join(', ');

if (require.main === module) {
  void measureTabLoads().then(
    (loads) => {
      for (const load of loads) {
        const budget = WIRE_BUDGETS[load.surface as keyof typeof WIRE_BUDGETS];
        console.log(
          `${load.description}: ${kb(load.wireBytes)} on the wire (${encodingsOf(load)}), ${kb(load.bytes)} decoded${budget ? `; budget ${kb(budget)}` : ''}`,
        );
        for (const s of load.scripts) console.log(`  ${s.file}: ${kb(s.wireBytes)} ${s.encoding} (${kb(s.bytes)})`);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
