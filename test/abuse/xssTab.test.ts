// XSS payloads in names, goal titles and measures, agenda items, commitments and takeaways, rendered by
// the built personal tab in headless Chromium inside the Teams host harness: each appears as text, no
// element or script of the payload runs, no dialog opens. Needs the built tab (`npm run build:tab`).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { agendaItemAdder } from '../../bot/src/commands/agendaEditor';
import { commitmentCreator } from '../../bot/src/commands/commitmentWriter';
import { consentGranter } from '../../bot/src/commands/consentGranter';
import { goalCreator } from '../../bot/src/commands/goalWriter';
import { launchBrowser } from '../support/browser';
import { buildPair, buildTakeaway, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';
import { SLOW_MACHINE_TIMEOUT_MS } from '../support/slowProxy';
import { mintDevToken, openInTeamsHost } from '../e2e/teamsHost';

jest.setTimeout(60_000);

// Browser globals inside page.evaluate (the project's tsconfig has no DOM lib).
declare const window: { __xss?: string[]; top: { __xss?: string[] } | null; parent: { __xss?: string[] } };
interface BrowserElement {
  getAttribute(name: string): string | null;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<BrowserElement> };

const TAB_INDEX = path.resolve(__dirname, '../../tab/dist/index.html');

/** Each payload, if it ever became markup, would record itself in the host page's __xss list. */
const payload = (where: string) => ({
  img: `<img src=x onerror="top.__xss=(top.__xss||[]).concat('${where} img')">`,
  script: `<script>top.__xss=(top.__xss||[]).concat('${where} script')</script>`,
  svg: `<svg onload="top.__xss=(top.__xss||[]).concat('${where} svg')"></svg>`,
  link: `[${where}](javascript:top.__xss=['${where} link'])`,
  iframe: `<iframe srcdoc="<script>top.__xss=['${where} iframe']</script>"></iframe>`,
});

let app: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
let built: BuiltPair;
const shown: string[] = [];

beforeAll(async () => {
  if (!existsSync(TAB_INDEX)) throw new Error('The tab is not built: run `npm run build:tab` first.');
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS });
  const { store } = app.services;
  const mentorName = payload('name').img;
  built = await buildPair(store);
  // The mentor's display name is hostile too: rename through the pair document the dashboard reads.
  const renamed = { ...built.pair, mentor: { ...built.pair.mentor, name: mentorName } };
  built = { ...built, pair: (await store.pairs.replace(renamed, built.pair._etag!)) as typeof built.pair };
  shown.push(mentorName);

  const goal = payload('goal');
  await goalCreator(store, built.mentee, built.pair, { title: goal.script, successMeasure: goal.svg, owner: 'mentee' });
  shown.push(goal.script, goal.svg);
  const agenda = payload('agenda');
  await agendaItemAdder(store, built.session, { title: agenda.iframe });
  shown.push(agenda.iframe);
  const commitment = payload('commitment');
  await commitmentCreator(store, built.mentee, built.pair, { text: commitment.link });
  shown.push(commitment.link);
  const takeaway = payload('takeaway');
  // One shared at pair level (approved by the executive), one waiting for the executive's approval.
  await consentGranter(
    store,
    built.mentee,
    await buildTakeaway(store, built, built.mentor, 'pair', takeaway.img),
    true,
  );
  await buildTakeaway(store, built, built.mentor, 'pair', takeaway.svg);
  shown.push(takeaway.img, takeaway.svg);

  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.stop();
});

test('every payload on the executive’s dashboard is text; none becomes an element, a link or a script', async () => {
  const context = await browser.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const token = await mintDevToken(base, { userId: built.mentee.userId, name: built.mentee.name });
  const host = await openInTeamsHost(page, base, {
    user: { userId: built.mentee.userId, name: built.mentee.name, tenantId: built.pair.tenantId },
    token,
    subEntityId: built.pair.id,
  });
  // Names and measures appear inside longer lines ("With …", "Measure: …"): the payload is a substring of the text.
  for (const text of shown) await host.tab.getByText(text).first().waitFor({ state: 'visible' });
  // Whatever the payloads could have triggered has had its chance; interact with the link-shaped one too.
  await host.tab.getByText(payload('commitment').link, { exact: true }).click();

  const frame = await host.tabFrame();
  const injected = await frame.evaluate(() => ({
    images: Array.from(document.querySelectorAll('img')).map((e) => e.getAttribute('src')),
    scripts: Array.from(document.querySelectorAll('script:not([src])')).length,
    svgWithHandlers: Array.from(document.querySelectorAll('svg[onload]')).length,
    iframes: Array.from(document.querySelectorAll('iframe')).length,
    javascriptLinks: Array.from(document.querySelectorAll('a[href^="javascript:" i]')).length,
  }));
  expect(injected).toEqual({ images: [], scripts: 0, svgWithHandlers: 0, iframes: 0, javascriptLinks: 0 });
  expect(await page.evaluate(() => window.__xss ?? [])).toEqual([]);
  expect(dialogs).toEqual([]);
  await page.close();
  await context.close();
});
