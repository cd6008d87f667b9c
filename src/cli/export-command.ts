// `almanac export`: the canonical tables for other engines (Parquet, Hive-partitioned by month).
import { exportParquet } from '../export/parquet.ts';
import type { Command } from './commands.ts';
import { DEFAULTS } from './defaults.ts';
import { UsageError } from './options.ts';

export const exportCommand: Command = {
  name: 'export',
  usage: 'export --format parquet --out DIR [--db FILE]',
  summary: 'write the canonical tables as Hive-partitioned Parquet (by year and month of their main date)',
  positionals: false,
  options: {
    format: { type: 'string', arg: 'FORMAT', help: 'parquet (the only format)' },
    out: { type: 'string', arg: 'DIR', help: 'folder to write (new, empty, or an earlier export, which is replaced)' },
    db: { type: 'string', arg: 'FILE', help: `database file (default ${DEFAULTS.db})` },
  },
  async run(v) {
    if (v.format !== 'parquet') throw new UsageError(`--format ${JSON.stringify(v.format ?? '')}: expected parquet`);
    if (typeof v.out !== 'string') throw new UsageError('--out DIR is required');
    const t0 = performance.now();
    const tables = await exportParquet(typeof v.db === 'string' ? v.db : DEFAULTS.db, v.out);
    for (const t of tables) console.log(`${t.table.padEnd(20)} ${String(t.rows).padStart(9)} rows${t.partitionedBy ? `  by month of ${t.partitionedBy}` : ''}`);
    console.log(`exported ${tables.length} tables to ${v.out}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return 0;
  },
};
