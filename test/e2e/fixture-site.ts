// The site built from the fixture report model, served over HTTP and opened in Chromium: one set-up for
// every end-to-end test file that reads it (each file gets its own build, so files can run in parallel).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import type { ReportModel } from '../../src/report/model.ts';
import { buildSite } from './build-site.ts';
import { launchBrowser, openPage, type WatchedPage } from './browser.ts';
import { serveFolder, type StaticServer } from './serve.ts';

export const FIXTURE = fileURLToPath(new URL('../fixtures/report/model.json', import.meta.url));
export const fixtureModel = (): ReportModel => JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as ReportModel;

export interface FixtureSite {
  /** The built site's folder. */
  readonly out: string;
  readonly url: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Opens a page of the site (path relative to its root), watching for console errors and failed requests. */
  open(page: string, ctx?: BrowserContext): Promise<WatchedPage>;
}

/** Registers the hooks that build, serve and open the site before the file's tests, and tear it down after. */
export function useFixtureSite(name: string, contextOptions: BrowserContextOptions = {}): FixtureSite {
  let out = '';
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), `almanac-${name}-`));
    const { ms } = await buildSite(FIXTURE, out);
    console.info(`${name}: site built from the fixture in ${ms} ms`);
    server = await serveFolder(out);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });
  return {
    get out() { return out; },
    get url() { return server!.url; },
    get browser() { return browser!; },
    get context() { return context!; },
    open: (page, ctx) => openPage(ctx ?? context!, server!.url + page, server!.url),
  };
}

/** The page folders directly under `dir` (each holds an index.html); CSV downloads beside them are files. */
export function pageFolders(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'index.html'))).map((e) => e.name).sort();
}
