// axe-core on a page, in a browser context of its own: only that context bypasses the CSP, to inject
// axe; the pages themselves are tested under it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

const AXE = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'node_modules/axe-core/axe.min.js');

/** The violations on the page at `url`, as readable lines. */
export async function axeViolations(browser: Browser, url: string, colorScheme: 'light' | 'dark'): Promise<string[]> {
  const context = await browser.newContext({ bypassCSP: true, colorScheme });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      return (await axe.run()).violations;
    });
    return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  } finally {
    await context.close();
  }
}
