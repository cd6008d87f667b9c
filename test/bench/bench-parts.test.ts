// The benchmark's parts on small inputs: page weights, the budget verdicts, the measured child run.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runMeasured, treeRssKb } from '../../src/bench/measure.ts';
import { pageWeights } from '../../src/bench/page-weights.ts';
import { budgetRows, summarizeRuns, type BenchResult } from '../../src/bench/run-bench.ts';
import { rawRead } from '../../src/bench/raw-read.ts';
import { tempDir, writeFixture } from '../helpers/ingest.ts';

describe('page weights', () => {
  it('counts each page with the CSS and JS it loads, gzipped', () => {
    const css = 'body { color: red; }\n'.repeat(50);
    const js = 'console.log(1);\n'.repeat(80);
    const big = `<html><head><link rel="stylesheet" href="../assets/a.css"><script src="../assets/a.js"></script></head><body>${'<p>row</p>'.repeat(2000)}</body></html>`;
    const small = '<html><head><link rel="stylesheet" href="assets/a.css"></head><body>hi</body></html>';
    const site = writeFixture({ 'index.html': small, 'x/index.html': big, 'assets/a.css': css, 'assets/a.js': js });
    const gz = (s: string) => zlib.gzipSync(s, { level: 9 }).length;
    const w = pageWeights(site);
    expect(w.count).toBe(2);
    expect(w.heaviest.map((h) => h.page)).toEqual(['x/index.html', 'index.html']);
    expect(w.max_gzip_kb).toBe(Math.round(((gz(big) + gz(css) + gz(js)) / 1024) * 10) / 10);
    expect(w.max_js_gzip_kb).toBe(Math.round((gz(js) / 1024) * 10) / 10);
  });
});

describe('budgets', () => {
  it('says which hold', () => {
    const r: BenchResult = {
      scale: { fraction: 1, regions: 10, files: 27, mb: 500 },
      runs: [{ raw_seconds: 10, ingest_seconds: 30, build_seconds: 50 }],
      ingest: { rows: 1, seconds: 30, raw_seconds: 10, ratio: 3, peak_rss_mb: 900 },
      build: { pages: 6000, seconds: 50, pages_per_s: 120, peak_rss_mb: 2500 },
      pages: { count: 6000, max_gzip_kb: 70, median_gzip_kb: 10, max_js_gzip_kb: 4, heaviest: [] },
    };
    expect(budgetRows(r).map((b) => [b.budget, b.ok])).toEqual([
      ['ingest ≤ 1.5 × DuckDB raw read', false], ['ingest peak RSS ≤ 1536 MB', true], ['build ≤ 60 s', true], ['build ≥ 80 pages/s', true],
      ['build peak RSS ≤ 2048 MB', false], ['every page ≤ 60 kB gzipped', false], ['JavaScript ≤ 15 kB gzipped per page', true],
    ]);
  });
});

describe('repeated runs', () => {
  const run = (raw: number, ingest: number, build: number, ingestMb: number, buildMb: number, rows = 1000, pages = 200) => ({
    raw,
    ingest: { seconds: ingest, peakRssMb: ingestMb, stdout: `db replaced: ${rows} rows from 3 files` },
    build: { seconds: build, peakRssMb: buildMb, stdout: `built dist/: ${pages} pages, 9 metric rows` },
  });

  it('takes the median of each time, the ratio of the medians and the highest peak memory', () => {
    // Hand-checked: raw 10, 12, 30 → 12; ingest 20, 40, 18 → 20; build 50, 100, 40 → 50.
    const s = summarizeRuns([run(10, 20, 50, 700, 1500), run(12, 40, 100, 900, 1400), run(30, 18, 40, 800, 1600, 1001, 201)]);
    expect(s.ingest).toEqual({ rows: 1001, seconds: 20, raw_seconds: 12, ratio: 1.67, peak_rss_mb: 900 });
    expect(s.build).toEqual({ pages: 201, seconds: 50, pages_per_s: 4, peak_rss_mb: 1600 });
    expect(s.runs).toEqual([
      { raw_seconds: 10, ingest_seconds: 20, build_seconds: 50 },
      { raw_seconds: 12, ingest_seconds: 40, build_seconds: 100 },
      { raw_seconds: 30, ingest_seconds: 18, build_seconds: 40 },
    ]);
  });

  it('reports a single run as measured', () => {
    const s = summarizeRuns([run(16.84, 32.61, 78.66, 1259.4, 1833.2, 1725144, 1973)]);
    expect(s.ingest).toEqual({ rows: 1725144, seconds: 32.6, raw_seconds: 16.8, ratio: 1.94, peak_rss_mb: 1259 });
    expect(s.build).toEqual({ pages: 1973, seconds: 78.7, pages_per_s: 25.1, peak_rss_mb: 1833 });
  });
});

describe('measuring', () => {
  it('runs an almanac command in a child and reports its time and memory', async () => {
    const m = await runMeasured(['--version']);
    expect(m.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.peakRssMb).toBeGreaterThan(10);
    expect(treeRssKb(process.pid)).toBeGreaterThan(1000);
    await expect(runMeasured(['ingest', '/nonexistent-folder'])).rejects.toThrow(/failed \(exit 1\)/);
  });

  it('reads the reference with DuckDB itself', async () => {
    const dir = writeFixture({ 'a.csv': 'x,y\n1,2\n3,4\n', 'b.json': '[{"k":1},{"k":2},{"k":3}]', 'notes.md': '# no' });
    const r = await rawRead(dir, path.join(tempDir(), 'raw.duckdb'));
    expect(r).toMatchObject({ files: 2, rows: 5 });
    expect(fs.existsSync(path.join(dir, 'notes.md'))).toBe(true);
  });
});
