// Builds the static site for a report-model JSON (a hand-made fixture) into a folder, the way
// `almanac build` runs Astro and indexes the pages for search.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAstroBuild } from '../../src/publish/astro-build.ts';
import { writeSearchIndex } from '../../src/publish/search-index.ts';

/**
 * A test's time limit for `builds` site builds (ingests included): one takes 4–30 s here, but on a loaded
 * 2-core CI machine, beside the other test files, a single fixture build has run past the 60 s default.
 */
export const timeForBuilds = (builds: number): number => builds * 120_000;

/** Builds the site for the report model in `reportFile` into `outDir` and returns how long it took. */
export async function buildSite(reportFile: string, outDir: string): Promise<{ ms: number }> {
  const start = performance.now();
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-astro-cache-'));
  try {
    await runAstroBuild({ reportFile, outDir, cacheDir: cache });
    await writeSearchIndex(outDir);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
  return { ms: Math.round(performance.now() - start) };
}
