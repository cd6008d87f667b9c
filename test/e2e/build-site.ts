// Builds the static site for a report-model JSON (a hand-made fixture) into a folder, the way
// `almanac build` runs Astro and indexes the pages for search.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAstroBuild } from '../../src/publish/astro-build.ts';
import { writeSearchIndex } from '../../src/publish/search-index.ts';

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
