// Tab load time in headless Chromium inside the Teams host harness (test/e2e/teamsHost.ts): navigation
// → app.notifySuccess(), median of 5 fresh pages, for the personal tab and the meeting side panel.
// Needs the built tab (`npm run build:tab`). Run alone: npx tsx scripts/bench/tabLoad.ts
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { meetingLinker } from '../../bot/src/commands/meetingLinker';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { PairDoc } from '../../bot/src/domain/model';
import { launchBrowser } from '../../test/support/browser';
import { buildTestApp } from '../../test/support/testApp';
import { mintDevToken, openInTeamsHost, type TeamsHostOptions } from '../../test/e2e/teamsHost';
import type { BenchRow } from './row';

const RUNS = 5;
const MEETING_ID = 'MCMxOTptZWV0aW5nX2JlbmNoQHRocmVhZC52Mg==';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchTabLoad(): Promise<BenchRow[]> {
  const app = await buildTestApp({ SEED_DEMO_DATA: 'true' });
  const { pairIds } = await seedDemoData(app.services.store);
  const pair = (await app.services.store.pairs.get(DEV_TENANT_ID, pairIds[0]!, pairIds[0]!, 'pair')) as PairDoc;
  const priya = DEMO_USERS.find((u) => u.userId === 'priya')!;
  await meetingLinker(
    app.services.store,
    { tenantId: DEV_TENANT_ID, userId: 'priya', name: priya.name, roles: [] },
    pair,
    { meetingId: MEETING_ID },
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const user = { userId: 'priya', name: priya.name, email: priya.email, tenantId: DEV_TENANT_ID };
  const token = await mintDevToken(base, user);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const measure = async (options: Partial<TeamsHostOptions>, viewport: { width: number; height: number }) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await context.newPage();
        await page.setViewportSize(viewport);
        const host = await openInTeamsHost(page, base, { user, token, ...options });
        times.push(await host.waitForNotifySuccess());
        await page.close();
      }
      return times;
    };
    const personal = await measure({ tabPath: '/tab/personal?locale=en-GB' }, { width: 1280, height: 900 });
    const panel = await measure(
      { frameContext: 'sidePanel', meetingId: MEETING_ID, theme: 'dark', tabPath: '/tab/meeting?locale=en-GB' },
      { width: 320, height: 900 },
    );
    const row = (figure: string, times: number[]): BenchRow => ({
      figure,
      value: `${median(times).toFixed(0)} ms`,
      baseline: `min ${Math.min(...times).toFixed(0)} / max ${Math.max(...times).toFixed(0)} ms of ${RUNS}`,
    });
    return [
      row('Personal tab: navigation → app.notifySuccess (median)', personal),
      row('Meeting side panel: navigation → app.notifySuccess (median)', panel),
    ];
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.stop();
  }
}

if (require.main === module) {
  void benchTabLoad().then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
