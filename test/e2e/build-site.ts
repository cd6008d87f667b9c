// Builds the static site into a folder. Today from a report-model JSON through Astro directly; once
// `almanac build` exists, the browser tests can build through it instead without changing.
import { fileURLToPath } from 'node:url';
import { build } from 'astro';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the site for the report model in `reportFile` into `outDir` and returns how long it took. */
export async function buildSite(reportFile: string, outDir: string): Promise<{ ms: number }> {
  const previous = process.env.ALMANAC_REPORT;
  process.env.ALMANAC_REPORT = reportFile;
  // Astro would otherwise try to send usage data from the test run.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const start = performance.now();
  try {
    await build({ root: ROOT, outDir, logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.ALMANAC_REPORT;
    else process.env.ALMANAC_REPORT = previous;
  }
  return { ms: Math.round(performance.now() - start) };
}
