// `almanac sample`: writes the exports of a fictional enterprise, the same bytes for the same seed.
import { DEFAULT_SEED, generateSample } from '../sample/generate.ts';
import { SCALES, type ScaleName } from '../sample/build-world.ts';
import { REFERENCE_DATE } from '../sample/world.ts';
import type { Command } from './commands.ts';
import { DEFAULTS } from './defaults.ts';
import { UsageError } from './options.ts';

const scales = Object.keys(SCALES) as ScaleName[];

export const sampleCommand: Command = {
  name: 'sample',
  usage: 'sample [--scale small|enterprise] [--seed N] [--out DIR]',
  summary: 'write sample exports of a fictional enterprise (Jira, ServiceNow, canonical CSV)',
  details: `The sample's "today" is ${REFERENCE_DATE}: ~24 months of history before it, plans after it.\n`
    + '"small" is the bundled sample; "enterprise" is about a million work items (for the benchmark).\n'
    + 'Files the sample writes are overwritten; other files in the folder are left alone.',
  positionals: false,
  options: {
    scale: { type: 'string', arg: 'SCALE', help: `${scales.join(' or ')} (default small)` },
    seed: { type: 'string', arg: 'N', help: `random seed, a whole number (default ${DEFAULT_SEED})` },
    out: { type: 'string', arg: 'DIR', help: `output folder (default ${DEFAULTS.exports})` },
  },
  async run(v) {
    const scale = (v.scale ?? 'small') as string;
    if (!scales.includes(scale as ScaleName)) throw new UsageError(`--scale ${JSON.stringify(scale)}: expected ${scales.join(' or ')}`);
    const seedText = typeof v.seed === 'string' ? v.seed : String(DEFAULT_SEED);
    if (!/^\d{1,15}$/.test(seedText)) throw new UsageError(`--seed ${JSON.stringify(seedText)}: expected a whole number from 0 to 999999999999999`);
    const out = typeof v.out === 'string' ? v.out : DEFAULTS.exports;
    const started = performance.now();
    const result = generateSample({ scale: scale as ScaleName, seed: Number(seedText), out });
    const width = Math.max(...result.files.map((f) => f.file.length));
    for (const f of result.files) console.log(`${f.file.padEnd(width)}  ${String(f.rows).padStart(9)} records  ${(f.bytes / 1024).toFixed(0).padStart(8)} KiB`);
    const total = result.files.reduce((n, f) => n + f.bytes, 0);
    console.log(`\n${result.files.length} files, ${(total / 1048576).toFixed(1)} MiB in ${out} (${((performance.now() - started) / 1000).toFixed(1)} s; scale ${scale}, seed ${seedText}, today ${REFERENCE_DATE}).`);
    if (result.foreign.length) console.log(`Note: ${out} also holds ${result.foreign.join(', ')}, which ingest reads too.`);
    return 0;
  },
};
