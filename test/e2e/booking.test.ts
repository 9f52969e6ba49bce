// Booking a session from the tab, end to end: the real app in development (embedded store, demo data, the
// seeded calendar), the built tab in headless Chromium hosted as Teams hosts it. Priya opens the bot's "Book"
// deep link, picks a time that suits her and Dana, books it; the dashboard shows it with its join link, and the
// seeded calendar has the Teams meeting with the Mentoring tab in its chat. Needs the built tab.
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import type { SeededCalendar } from '../../bot/src/calendar/seededCalendar';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { launchBrowser } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/testApp';
import { ProblemCollector, mintDevToken, openInTeamsHost, type TeamsHost } from './teamsHost';

jest.setTimeout(90_000);

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');
const SHOTS = path.resolve(__dirname, '../../reports/screenshots');

let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
let danaPairId: string;
const tokens = { priya: '', dana: '' };
const problems = new ProblemCollector();

async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: 30_000 });
  return locator;
}

async function call<T>(
  method: string,
  urlPath: string,
  as: keyof typeof tokens,
  body?: unknown,
  ifMatch?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${urlPath}`, {
    method,
    headers: {
      Authorization: `Bearer ${tokens[as]}`,
      'Content-Type': 'application/json',
      ...(ifMatch ? { 'If-Match': ifMatch } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  danaPairId = (await seedDemoData(app.services.store)).pairIds[0]!;
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokens.priya = await mintDevToken(base, { userId: 'priya', name: 'Priya Patel' });
  tokens.dana = await mintDevToken(base, { userId: 'dana', name: 'Dana Whitfield' });
  browser = await launchBrowser();
  // Pages, not contexts, are closed: the packaged Chromium runs single-process.
  context = await browser.newContext();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.stop();
});

async function open(
  userId: keyof typeof tokens,
  subEntityId?: string,
  theme: 'default' | 'dark' | 'contrast' = 'default',
): Promise<TeamsHost> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
  problems.watch(page);
  const name = userId === 'priya' ? 'Priya Patel' : 'Dana Whitfield';
  return openInTeamsHost(page, base, {
    user: { userId, name, email: `${userId}@contoso.example`, tenantId: DEV_TENANT_ID },
    token: tokens[userId],
    theme,
    ...(subEntityId ? { subEntityId } : {}),
  });
}

test('Priya books a session from the tab; the dashboard shows it with its join link, the meeting has the Mentoring tab', async () => {
  // The demo's next session goes first, so the booked one is the next.
  const before = await call<{ nextSession: { id: string; etag: string } }>('GET', `/api/pairs/${danaPairId}`, 'priya');
  expect(
    (
      await call(
        'POST',
        `/api/pairs/${danaPairId}/sessions/${before.body.nextSession.id}/cancel`,
        'priya',
        {},
        before.body.nextSession.etag,
      )
    ).status,
  ).toBe(200);

  // The bot's "Book" action opens the tab here (subPageId "<pair>:book").
  const host = await open('priya', `${danaPairId}:book`);
  const panel = await visible(host.tab.getByRole('region', { name: 'Book a session' }));
  const times = panel.getByRole('radio');
  await visible(times.first());
  expect(await times.count()).toBeGreaterThanOrEqual(4);
  const label = (await times.first().getAttribute('value'))!;
  await times.first().check();
  mkdirSync(SHOTS, { recursive: true });
  await host.page.screenshot({ path: path.join(SHOTS, 'booking-times-light.png'), fullPage: true });
  await panel.getByRole('button', { name: 'Book this time' }).click();

  await visible(host.tab.getByText('The Teams meeting is in both calendars.', { exact: false }));
  await visible(host.tab.getByText(/The Mentoring tab is in the meeting/));
  await host.page.screenshot({ path: path.join(SHOTS, 'booking-booked-light.png'), fullPage: true });

  // The dashboard now shows the booked session as the next one, with its join link.
  const next = host.tab.getByRole('region', { name: 'Next session' });
  const join = await visible(next.getByRole('link', { name: 'Join meeting' }));
  const meeting = (app.services.booking.calendar as SeededCalendar)
    .meetings(DEV_TENANT_ID)
    .find((m) => m.start === Date.parse(label))!;
  expect(await join.getAttribute('href')).toBe(meeting.joinUrl);
  await visible(next.getByText(/In both calendars · Booked by Priya Patel/));
  expect(meeting.tabs).toEqual([
    expect.objectContaining({ displayName: 'Mentoring', entityId: `meeting-${danaPairId}` }),
  ]);
  const after = await call<{ nextSession: { scheduledAt: string; joinUrl: string } }>(
    'GET',
    `/api/pairs/${danaPairId}`,
    'dana',
  );
  expect(after.body.nextSession).toMatchObject({
    scheduledAt: new Date(label).toISOString(),
    joinUrl: meeting.joinUrl,
  });

  const violations = (await new AxeBuilder({ page: host.page }).analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(violations.map((v) => v.id)).toEqual([]);
  for (const theme of ['dark', 'contrast'] as const) {
    await host.setTheme(theme);
    await host.page.screenshot({ path: path.join(SHOTS, `booking-booked-${theme}.png`), fullPage: true });
  }
  await host.page.close();

  // Dana, the partner, sees who booked it and may not move it in Priya's calendar: no Move or Cancel for her.
  const dana = await open('dana', undefined, 'dark');
  const danaNext = dana.tab.getByRole('region', { name: 'Next session' });
  await visible(danaNext.getByText(/Booked by Priya Patel/));
  expect(await danaNext.getByRole('button', { name: 'Move' }).count()).toBe(0);
  await visible(danaNext.getByRole('button', { name: 'Book in both calendars' }));
  await dana.page.screenshot({ path: path.join(SHOTS, 'booking-partner-dark.png'), fullPage: true });
  await dana.page.close();
  expect(problems.problems()).toEqual([]);
});

test('without a calendar the tab says so and books the time Dana types, as before calendars were connected', async () => {
  const bare = await buildTestApp({ SEED_DEMO_DATA: 'true' }, app.embedded, { options: { calendar: null } });
  const pairId = (await seedDemoData(bare.services.store)).pairIds[0]!;
  const bareServer = await new Promise<Server>((resolve) => {
    const s = bare.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const bareBase = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;
  try {
    const token = await mintDevToken(bareBase, { userId: 'dana', name: 'Dana Whitfield' });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 1000 });
    problems.watch(page);
    const host = await openInTeamsHost(page, bareBase, {
      user: { userId: 'dana', name: 'Dana Whitfield', tenantId: DEV_TENANT_ID },
      token,
      subEntityId: `${pairId}:book`,
    });
    const panel = await visible(host.tab.getByRole('region', { name: 'Book a session' }));
    await visible(panel.getByText('Calendars are not available'));
    await visible(panel.getByText(/Calendars are not connected for this organisation/));
    expect(await panel.getByRole('radio').count()).toBe(0);
    // A time in ten days, typed in the viewer's time zone (the browser's: UTC here).
    const when = new Date(Date.now() + 10 * 86_400_000);
    when.setUTCHours(14, 0, 0, 0);
    await panel.getByLabel('Date and time (your time)').fill(when.toISOString().slice(0, 16));
    await panel.getByRole('button', { name: 'Book at this time' }).click();
    await visible(host.tab.getByText('Saved here, not in your calendars'));
    await host.page.screenshot({ path: path.join(SHOTS, 'booking-no-calendar-light.png'), fullPage: true });
    const sessions = await bare.services.store.pairs.query<{ type: string; scheduledAt: string; booking?: unknown }>(
      DEV_TENANT_ID,
      { where: "c.type = 'session'", parameters: [] },
      pairId,
    );
    expect(sessions.filter((x) => x.type === 'session' && x.scheduledAt === when.toISOString())).toEqual([
      expect.objectContaining({ scheduledAt: when.toISOString() }),
    ]);
    expect(sessions.find((x) => x.scheduledAt === when.toISOString())!.booking).toBeUndefined();
    await page.close();
  } finally {
    await new Promise<void>((resolve) => bareServer.close(() => resolve()));
    await bare.close();
  }
  expect(problems.problems()).toEqual([]);
});
