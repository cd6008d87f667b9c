// `almanac build`: database → report model (model-step.ts) → Astro pages in a work folder → swapped in
// for the site.
// The previous site keeps being served until the new one is complete.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireLock } from '../db/lock.ts';
import { modelFiles, runModelStep } from './model-step.ts';
import { runAstroBuild } from './astro-build.ts';
import { moveOrCopy } from './move.ts';
import { writeSearchIndex } from './search-index.ts';
import { recoverSwap, swapIn, workDir } from './swap.ts';
import { defaultStatusDir, writeStatusSnapshot } from '../report/status-history.ts';
import { defaultMonthlyDir, writeMonthlySnapshot } from '../report/monthly-snapshots.ts';


export interface BuildOptions {
  db: string;
  out: string;
  asOf?: string;
  /** Folder of the status snapshots "what changed" compares with (default: snapshots/status/ beside the database). */
  statusDir?: string;
  /** Folder of the frozen monthly pages (default: snapshots/ beside the database). */
  monthlyDir?: string;
  /** A closed month (`YYYY-MM`) to recompute and freeze again. */
  refreeze?: string;
}

export interface BuildResult {
  out: string;
  pages: number;
  metrics: number;
  asOf: string;
  /** Data errors the site shows, for the command line too. */
  warnings: string[];
  /** Seconds each step took: where a slow build spends its time. */
  seconds: { model: number; pages: number; search: number };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Seconds since it was made, each time it is called. */
function stopwatch(): () => number {
  const t0 = performance.now();
  return () => round1((performance.now() - t0) / 1000);
}

function countPages(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
}

export async function buildSite(opts: BuildOptions): Promise<BuildResult> {
  if (!fs.existsSync(opts.db)) throw new Error(`no database at ${opts.db}: run 'almanac ingest' first`);
  const release = acquireLock(opts.out, 'build');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-build-'));
  let work: string | null = null;
  try {
    recoverSwap(opts.out);
    const statusDir = opts.statusDir ?? defaultStatusDir(opts.db);
    const monthlyDir = opts.monthlyDir ?? defaultMonthlyDir(opts.db);
    const clock = stopwatch();
    const made = await runModelStep({ db: opts.db, dir: tmp, options: { asOf: opts.asOf, statusDir, monthlyDir, refreeze: opts.refreeze } });
    const modelDone = clock();
    const files = modelFiles(tmp);
    work = workDir(opts.out);
    // Its own cache folder: builds running side by side (tests, a schedule) never share one.
    await runAstroBuild({ reportFile: files.report, outDir: work, cacheDir: path.join(tmp, 'astro-cache') });
    // Moved, not copied: the enterprise sample's metric files are ~135 MB.
    fs.mkdirSync(path.join(work, 'data'), { recursive: true });
    for (const file of fs.readdirSync(files.data)) moveOrCopy(path.join(files.data, file), path.join(work, 'data', file));
    const pagesDone = clock();
    // Before counting and swapping: a site whose index failed stays unpublished.
    await writeSearchIndex(work);
    const pages = countPages(work);
    const searchDone = clock();
    swapIn(work, opts.out);
    work = null;
    writeStatusSnapshot(statusDir, made.status);
    // Frozen only once the site showing them is in place: a failed build freezes nothing.
    for (const page of made.freeze) writeMonthlySnapshot(monthlyDir, page);
    return { out: opts.out, pages, metrics: made.metrics, asOf: made.asOf, warnings: made.warnings, seconds: { model: modelDone, pages: round1(pagesDone - modelDone), search: round1(searchDone - pagesDone) } };
  } finally {
    if (work) fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
    release();
  }
}
