// `almanac bench`: the enterprise sample (generated once per scale, then reused), DuckDB's raw read of
// it as the reference, then `almanac ingest` and `almanac build` measured in child processes, and the
// page weights of the built site. Budgets are in BUDGETS (README, Performance).
import fs from 'node:fs';
import { median } from 'd3-array';
import path from 'node:path';
import { generateSample } from '../sample/generate.ts';
import { SCALES } from '../sample/build-world.ts';
import { runMeasured, type Measured } from './measure.ts';
import { pageWeights, type PageWeights } from './page-weights.ts';
import { rawRead } from './raw-read.ts';
import { removalsPending } from '../publish/swap.ts';

export interface BenchOptions {
  /** Share of the enterprise scale: 1, 0.5, 0.25 … (regions of the sample scale with it). */
  fraction: number;
  /** Folder for the sample, the databases and the site (reused between runs). */
  work: string;
  seed: number;
  /** Times the raw read, ingest and build are run, one after the other; the result takes their medians. */
  repeat?: number;
  log?: (line: string) => void;
}

export interface BenchResult {
  scale: { fraction: number; regions: number; files: number; mb: number };
  /** Each run's seconds (raw read, ingest, build), in the order run. */
  runs: Array<{ raw_seconds: number; ingest_seconds: number; build_seconds: number }>;
  ingest: { rows: number; seconds: number; raw_seconds: number; ratio: number; peak_rss_mb: number };
  build: { pages: number; seconds: number; pages_per_s: number; peak_rss_mb: number };
  pages: PageWeights;
}

export const BUDGETS = {
  ingestRatio: 1.5,
  ingestRssMb: 1536,
  buildSeconds: 60,
  buildPagesPerS: 80,
  buildRssMb: 2048,
  pageGzipKb: 60,
  jsGzipKb: 15,
} as const;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const DONE = '.bench-complete';

function sampleFor(opts: BenchOptions): { dir: string; regions: number } {
  const regions = Math.max(1, Math.round(SCALES.enterprise.regions * opts.fraction));
  const dir = path.join(opts.work, `exports-r${regions}-s${opts.seed}`);
  const spec = { ...SCALES.enterprise, regions };
  // The marker holds the scale it was generated for: a sample of an older scale is generated again.
  const done = path.join(dir, DONE);
  if (!fs.existsSync(done) || fs.readFileSync(done, 'utf8') !== JSON.stringify(spec)) {
    opts.log?.(`generating the enterprise sample at ${opts.fraction} scale (${regions} regions) in ${dir} …`);
    fs.rmSync(dir, { recursive: true, force: true });
    generateSample({ scale: 'enterprise', spec, seed: opts.seed, out: dir });
    fs.writeFileSync(done, JSON.stringify(spec));
  }
  return { dir, regions };
}

/** One run of the three, measured. */
export interface BenchRun {
  raw: number;
  ingest: Measured;
  build: Measured;
}

/**
 * Medians of the runs' times (this kind of machine varies by a fifth or more from one run to the next:
 * one run decides no budget), the ratio of the medians, and the highest peak memory of any run.
 */
export function summarizeRuns(runs: readonly BenchRun[]): Pick<BenchResult, 'ingest' | 'build' | 'runs'> {
  const mid = (f: (r: BenchRun) => number) => median(runs, f)!;
  const last = runs[runs.length - 1]!;
  const rows = Number(/replaced: (\d+) rows/.exec(last.ingest.stdout)?.[1] ?? NaN);
  const pages = Number(/(\d+) pages/.exec(last.build.stdout)?.[1] ?? NaN);
  const raw = mid((r) => r.raw);
  const ingest = mid((r) => r.ingest.seconds);
  const build = mid((r) => r.build.seconds);
  const peak = (f: (r: BenchRun) => Measured) => Math.round(Math.max(...runs.map((r) => f(r).peakRssMb)));
  return {
    runs: runs.map((r) => ({ raw_seconds: round(r.raw), ingest_seconds: round(r.ingest.seconds), build_seconds: round(r.build.seconds) })),
    ingest: { rows, seconds: round(ingest), raw_seconds: round(raw), ratio: round(ingest / raw, 2), peak_rss_mb: peak((r) => r.ingest) },
    build: { pages, seconds: round(build), pages_per_s: round(pages / build), peak_rss_mb: peak((r) => r.build) },
  };
}

/**
 * The site a build replaced is removed in the background once it returns (swap.ts): waited for, so its
 * disk work never slows the next measurement.
 */
async function replacedSiteRemoved(site: string): Promise<void> {
  // Bounded: a removal that died leaves its folder to the next build (recoverSwap), not to this wait.
  for (const end = Date.now() + 60_000; Date.now() < end && removalsPending(site).length > 0;) {
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  fs.mkdirSync(opts.work, { recursive: true });
  const { dir, regions } = sampleFor(opts);
  const files = fs.readdirSync(dir).filter((f) => !f.startsWith('.'));
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  const db = path.join(opts.work, 'bench.duckdb');
  const site = path.join(opts.work, 'site');
  const repeat = opts.repeat ?? 1;
  const runs: BenchRun[] = [];
  // The first build starts without a site: the one an earlier bench left may be of another scale, and
  // removing it (48,000 files at full scale) took 6–10 s on this project's machine. Each repeat then
  // replaces the site the run before built, as a nightly rebuild does.
  fs.rmSync(site, { recursive: true, force: true });
  for (let i = 1; i <= repeat; i++) {
    const of = repeat > 1 ? ` (run ${i} of ${repeat})` : '';
    log(`reference: DuckDB reads the ${files.length} files itself${of} …`);
    const raw = await rawRead(dir, path.join(opts.work, 'raw.duckdb'));
    log(`almanac ingest (${(bytes / 1048576).toFixed(0)} MB)${of} …`);
    const ingest = await runMeasured(['ingest', dir, '--db', db]);
    log(`almanac build${of} …`);
    runs.push({ raw: raw.seconds, ingest, build: await runMeasured(['build', '--db', db, '--out', site]) });
    await replacedSiteRemoved(site);
  }
  return {
    scale: { fraction: opts.fraction, regions, files: files.length, mb: round(bytes / 1048576) },
    ...summarizeRuns(runs),
    pages: pageWeights(site),
  };
}

/** Each budget with the measured value and whether it holds. */
export function budgetRows(r: BenchResult): Array<{ budget: string; measured: string; ok: boolean }> {
  const row = (budget: string, value: number, limit: number, unit: string, atLeast = false) => ({
    budget, measured: `${value} ${unit}`, ok: atLeast ? value >= limit : value <= limit,
  });
  const b = BUDGETS;
  return [
    row(`ingest ≤ ${b.ingestRatio} × DuckDB raw read`, r.ingest.ratio, b.ingestRatio, '×'),
    row(`ingest peak RSS ≤ ${b.ingestRssMb} MB`, r.ingest.peak_rss_mb, b.ingestRssMb, 'MB'),
    row(`build ≤ ${b.buildSeconds} s`, r.build.seconds, b.buildSeconds, 's'),
    row(`build ≥ ${b.buildPagesPerS} pages/s`, r.build.pages_per_s, b.buildPagesPerS, 'pages/s', true),
    row(`build peak RSS ≤ ${b.buildRssMb} MB`, r.build.peak_rss_mb, b.buildRssMb, 'MB'),
    row(`every page ≤ ${b.pageGzipKb} kB gzipped`, r.pages.max_gzip_kb, b.pageGzipKb, 'kB'),
    row(`JavaScript ≤ ${b.jsGzipKb} kB gzipped per page`, r.pages.max_js_gzip_kb, b.jsGzipKb, 'kB'),
  ];
}
