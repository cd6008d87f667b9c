// The reference the ingest is measured against: DuckDB's own readers loading the same export files,
// as they are, into tables of a scratch database file (no validation, no mapping, no dedup).
import fs from 'node:fs';
import path from 'node:path';
import { lit, openDb } from '../db/duckdb.ts';

export interface RawRead {
  files: number;
  rows: number;
  seconds: number;
}

/** Files DuckDB reads natively; others (workbooks, notes) are left out of both sides of the comparison. */
export const rawReadable = (file: string): boolean => /\.(csv|json)$/i.test(file);

export async function rawRead(dir: string, scratchDb: string): Promise<RawRead> {
  fs.rmSync(scratchDb, { force: true });
  const files = fs.readdirSync(dir).filter(rawReadable).sort();
  // DuckDB as it comes: the reference is its own speed, not the tool's settings.
  const db = await openDb(scratchDb, { memoryLimit: null });
  let rows = 0;
  const started = performance.now();
  try {
    for (const [i, file] of files.entries()) {
      const source = lit(path.join(dir, file));
      const reader = file.toLowerCase().endsWith('.csv') ? `read_csv(${source})` : `read_json(${source}, maximum_object_size = 536870912)`;
      await db.run(`CREATE TABLE t${i} AS SELECT * FROM ${reader}`);
      const [r] = await db.all<{ n: string }>(`SELECT count(*)::VARCHAR AS n FROM t${i}`);
      rows += Number(r!.n);
    }
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
  return { files: files.length, rows, seconds: (performance.now() - started) / 1000 };
}
