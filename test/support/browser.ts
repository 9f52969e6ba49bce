// Headless Chromium for end-to-end tests: CHROME_PATH, else Debian's /usr/bin/chromium, else the
// Chromium shipped inside the @sparticuz/chromium npm package. Never downloads a browser.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const QUIET_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  const configured = process.env.CHROME_PATH;
  if (configured || existsSync('/usr/bin/chromium')) {
    return chromium.launch({ executablePath: configured || '/usr/bin/chromium', args: QUIET_FLAGS });
  }
  const packaged = (await import('@sparticuz/chromium')).default;
  return chromium.launch({ executablePath: await packaged.executablePath(), args: [...packaged.args, ...QUIET_FLAGS] });
}

/** The closed network here: only loopback requests leave the page (teams-js falls back to its built-in list). */
export async function keepToLoopback(page: Page): Promise<void> {
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
}
