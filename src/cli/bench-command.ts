// `almanac bench`: speed and memory of ingest and build on the enterprise sample, against budgets.
import os from 'node:os';
import { budgetRows, runBench } from '../bench/run-bench.ts';
import { DEFAULT_SEED } from '../sample/generate.ts';
import type { Command } from './commands.ts';
import { UsageError } from './options.ts';

export const benchCommand: Command = {
  name: 'bench',
  usage: 'bench [--scale 1|0.5|0.25] [--repeat N] [--work DIR] [--json]',
  summary: 'measure ingest and build on the enterprise sample (generated once, then reused) against the budgets',
  details: 'The reference is DuckDB reading the same files itself. Peak memory is sampled from /proc (Linux).',
  positionals: false,
  options: {
    scale: { type: 'string', arg: 'F', help: 'share of the enterprise scale, 0 < F ≤ 1 (default 1)' },
    repeat: { type: 'string', arg: 'N', help: 'run the raw read, ingest and build N times (1-9) and report their medians (default 1)' },
    work: { type: 'string', arg: 'DIR', help: 'folder for the sample, databases and site (default data/bench)' },
    json: { type: 'boolean', help: 'print one JSON object instead of tables' },
  },
  async run(v) {
    const fraction = v.scale === undefined ? 1 : Number(v.scale);
    if (!(fraction > 0 && fraction <= 1)) throw new UsageError(`--scale ${JSON.stringify(v.scale)}: expected a number above 0 and at most 1`);
    const repeat = v.repeat === undefined ? 1 : Number(v.repeat);
    if (!(Number.isInteger(repeat) && repeat >= 1 && repeat <= 9)) throw new UsageError(`--repeat ${JSON.stringify(v.repeat)}: expected a whole number from 1 to 9`);
    const json = v.json === true;
    const r = await runBench({ fraction, repeat, work: typeof v.work === 'string' ? v.work : 'data/bench', seed: DEFAULT_SEED, log: json ? undefined : (l) => console.log(l) });
    if (json) {
      console.log(JSON.stringify(r));
      return 0;
    }
    console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
    console.log(`sample: ${r.scale.fraction} scale, ${r.scale.regions} regions, ${r.scale.files} files, ${r.scale.mb} MB`);
    if (r.runs.length > 1) {
      for (const [i, run] of r.runs.entries()) console.log(`run ${i + 1}: raw read ${run.raw_seconds} s, ingest ${run.ingest_seconds} s, build ${run.build_seconds} s`);
      console.log(`medians of ${r.runs.length} runs:`);
    }
    console.log(`ingest: ${r.ingest.rows} rows in ${r.ingest.seconds} s (DuckDB raw read ${r.ingest.raw_seconds} s: ${r.ingest.ratio}×), peak ${r.ingest.peak_rss_mb} MB`);
    console.log(`build:  ${r.build.pages} pages in ${r.build.seconds} s (${r.build.pages_per_s} pages/s), peak ${r.build.peak_rss_mb} MB`);
    console.log(`pages:  max ${r.pages.max_gzip_kb} kB, median ${r.pages.median_gzip_kb} kB gzipped; JS at most ${r.pages.max_js_gzip_kb} kB`);
    for (const h of r.pages.heaviest) console.log(`        ${h.gzip_kb.toString().padStart(7)} kB  ${h.page}`);
    console.log('\nbudgets:');
    for (const b of budgetRows(r)) console.log(`  ${b.ok ? 'ok  ' : 'MISS'} ${b.budget.padEnd(40)} ${b.measured}`);
    return 0;
  },
};
