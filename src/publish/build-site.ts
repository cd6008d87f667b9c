// `almanac build`: database → report model → Astro pages in a work folder → swapped in for the site.
// The previous site keeps being served until the new one is complete.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../db/duckdb.ts';
import { acquireLock } from '../db/lock.ts';
import { buildModel } from '../report/build-model.ts';
import { writeMetrics } from './metrics-export.ts';
import { runAstroBuild } from './astro-build.ts';
import { writeSearchIndex } from './search-index.ts';
import { recoverSwap, swapIn, workDir } from './swap.ts';
import { describeCycle } from '../ingest/derive/dependency-cycles.ts';
import { defaultStatusDir, statusSnapshot, writeStatusSnapshot } from '../report/status-history.ts';
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
    const db = await openDb(opts.db, { readOnly: true });
    const statusDir = opts.statusDir ?? defaultStatusDir(opts.db);
    const monthlyDir = opts.monthlyDir ?? defaultMonthlyDir(opts.db);
    const model = await buildModel(db, { asOf: opts.asOf, statusDir, monthlyDir, refreeze: opts.refreeze }).finally(() => db.close());
    const reportFile = path.join(tmp, 'report.json');
    fs.writeFileSync(reportFile, JSON.stringify(model));
    work = workDir(opts.out);
    // Its own cache folder: builds running side by side (tests, a schedule) never share one.
    await runAstroBuild({ reportFile, outDir: work, cacheDir: path.join(tmp, 'astro-cache') });
    writeMetrics(path.join(work, 'data'), model.metrics);
    // Before counting and swapping: a site whose index failed stays unpublished.
    await writeSearchIndex(work);
    const pages = countPages(work);
    swapIn(work, opts.out);
    work = null;
    writeStatusSnapshot(statusDir, statusSnapshot(model.portfolio, model.meta.asOf));
    // Frozen only once the site showing them is in place: a failed build freezes nothing.
    for (const page of model.monthly.months) if (model.monthly.toFreeze.includes(page.month)) writeMonthlySnapshot(monthlyDir, page);
    const warnings = model.dependencies.cycles.map((c) => `dependency cycle between releases ${describeCycle(c.map((r) => r.id))} (listed on the dependencies page)`);
    return { out: opts.out, pages, metrics: model.metrics.length, asOf: model.meta.asOf, warnings };
  } finally {
    if (work) fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
    release();
  }
}
