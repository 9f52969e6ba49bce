// The development start page end to end: the real app in development sign-in with demo data, the built tab in
// headless Chromium. From /dev a newcomer reaches every surface for every demo user inside the Teams host
// emulation (the side panel at 320 px, the stage, the chat tab, the configuration page, the admin view), and
// switches the theme live. Not served to other machines, nor with Entra sign-in.
// Needs the built tab: `npm run build:tab` (npm test builds it first).
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEV_SURFACES } from '../../bot/src/api/devStart';
import { DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { meetingStringsEn as M } from '../../tab/src/pages/Meeting/strings';
import { launchBrowser, keepToLoopback } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/testApp';
import { ProblemCollector } from './teamsHost';

jest.setTimeout(90_000);

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');

let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
// One context for every page: the packaged single-process Chromium dies when a context closes.
let context: BrowserContext;
const problems = new ProblemCollector();

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  await seedDemoData(app.services.store);
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.stop();
});

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  await keepToLoopback(page);
  page.setDefaultTimeout(20_000);
  problems.watch(page);
  return page;
}

/** The row of the start page's table for a demo user. */
const rowOf = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });

test('every demo user has the surfaces of their role; each link opens in the host emulation', async () => {
  const page = await newPage();
  await page.goto(`${base}/dev`);
  await page.getByRole('heading', { level: 1, name: /development start page/ }).waitFor();
  const links: Array<{ user: string; label: string; href: string }> = [];
  for (const user of DEMO_USERS) {
    const row = rowOf(page, user.name);
    for (const link of await row.getByRole('link').all())
      links.push({ user: user.userId, label: (await link.textContent())!, href: (await link.getAttribute('href'))! });
  }
  // Every surface is reachable for someone, and every demo user reaches at least their personal tab.
  expect(new Set(links.map((l) => l.label))).toEqual(new Set(DEV_SURFACES.map((s) => s.label)));
  expect(new Set(links.filter((l) => l.label === 'Personal tab').map((l) => l.user))).toEqual(
    new Set(DEMO_USERS.map((u) => u.userId)),
  );

  const expectations: Record<string, (frame: ReturnType<Page['frameLocator']>) => Promise<void>> = {
    'Personal tab': (f) => f.getByRole('heading', { level: 1 }).first().waitFor(),
    'Meeting side panel (320 px)': (f) => f.getByRole('heading', { level: 1, name: /^Session with / }).waitFor(),
    'Meeting stage': (f) => f.getByRole('heading', { level: 1, name: M.stage.title }).waitFor(),
    'Meeting chat tab': (f) => f.getByText(M.chat.before).waitFor(),
    'Meeting tab configuration': (f) => f.getByRole('heading', { level: 1 }).first().waitFor(),
    'Admin view': (f) => f.getByRole('tab', { name: 'Participants' }).waitFor(),
  };
  // One link per surface (the first user who has it), followed as a newcomer would.
  for (const surface of DEV_SURFACES) {
    const link = links.find((l) => l.label === surface.label)!;
    await page.goto(`${base}${link.href}`);
    await expectations[surface.label]!(page.frameLocator('iframe#tab'));
    if (surface.width) expect((await page.locator('iframe#tab').boundingBox())!.width).toBe(surface.width);
  }
  await page.close();
});

test('the theme chosen on the start page opens the surface in it, and the bar switches it live', async () => {
  const page = await newPage();
  await page.goto(`${base}/dev`);
  await page.getByRole('combobox', { name: 'Open in the theme' }).selectOption('dark');
  await page.getByRole('button', { name: 'Apply' }).click();
  await rowOf(page, 'Priya Patel').getByRole('link', { name: 'Meeting side panel (320 px)' }).click();
  const tab = page.frameLocator('iframe#tab');
  await tab.getByRole('heading', { level: 1, name: M.panelTitle('Dana Whitfield') }).waitFor();
  await tab.locator('[data-theme="dark"]').first().waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'High contrast' }).click();
  await tab.locator('[data-theme="contrast"]').first().waitFor({ state: 'attached' });
  await page.getByRole('link', { name: 'Start page' }).click();
  await page.getByRole('heading', { level: 1, name: /development start page/ }).waitFor();
  await page.close();
});

/** A GET with headers fetch() may not set (Host). */
function statusOf(pathName: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${pathName}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('not for other machines: a forwarded request or a foreign Host is refused', async () => {
  const refused: Array<Record<string, string>> = [{ 'X-Forwarded-For': '203.0.113.9' }, { Host: 'evil.example' }];
  for (const headers of refused) {
    for (const pathName of ['/dev', '/dev/host?user=priya&surface=sidePanel', '/dev/teams-host.js']) {
      expect([pathName, headers, await statusOf(pathName, headers)]).toEqual([pathName, headers, 403]);
    }
  }
});

test('not with Entra sign-in: no start page, no host page, no tokens', async () => {
  const entra = await buildTestApp(
    {
      ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      ENTRA_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222',
    },
    app.embedded,
  );
  try {
    const s = await new Promise<Server>((resolve) => {
      const listening = entra.app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    for (const pathName of ['/dev', '/dev/host?user=priya&surface=sidePanel', '/dev/teams-host.js']) {
      expect([pathName, (await fetch(`${url}${pathName}`, { redirect: 'manual' })).status]).toEqual([pathName, 404]);
    }
    await new Promise<void>((resolve) => s.close(() => resolve()));
  } finally {
    await entra.stop();
  }
});

test('the browser reported no errors on these pages', () => {
  expect(problems.problems().filter((p) => !(p.kind === 'requestfailed' && p.text === 'net::ERR_ABORTED'))).toEqual([]);
});
