// The Debian Chromium, headless, cut off from every network but the test's own server, and a page
// opener that records what a reader should never see: console errors (CSP violations are reported
// there), uncaught exceptions, dialogs, and requests leaving the site.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../setup/chromium.ts';


export async function launchBrowser(): Promise<Browser> {
  // playwright-core's launch() gives the browser a fresh temporary profile of its own and removes it
  // on close; a persistent context would not allow the second (CSP-bypassing) context axe needs.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--disable-extensions',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
      '--disable-dev-shm-usage',
      '--metrics-recording-only',
      '--mute-audio',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  /** Everything that went wrong on the page so far, as readable lines. */
  problems: string[];
}

/** Opens `url` in a new page of `context`, recording problems; `siteUrl` is where requests may go. */
export async function openPage(context: BrowserContext, url: string, siteUrl: string): Promise<WatchedPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('request', (req) => {
    if (!req.url().startsWith(siteUrl) && !req.url().startsWith('data:')) problems.push(`request outside the site: ${req.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** Clicks a link and waits for the page it leads to (asserting on the old page would race the navigation). */
export async function follow(page: Page, link: { click(): Promise<void> }): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), link.click()]);
}
