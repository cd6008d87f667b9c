// `almanac export --format parquet`: the canonical tables as Hive-partitioned Parquet, for engines that
// read data lakes (Spark, Trino, Athena) or a warehouse load. DuckDB writes the files itself (its COPY …
// PARTITION_BY), so the export streams table by table and never passes rows through JavaScript.
// A table with a date is partitioned by the year and month of its first required date (or its first
// date), `<table>/part_year=2026/part_month=3/…parquet` (prefixed: `cost` has a `month` column of its own);
// rows without that date land in `part_year=NULL/part_month=NULL`.
// The folder is written beside the target and renamed into place: a failed export leaves the last one.
import fs from 'node:fs';
import path from 'node:path';
import { openDb, lit } from '../db/duckdb.ts';
import { ENTITIES, ENTITY_NAMES, entityColumns, type EntityName } from '../model/catalog.ts';

/** Marks a folder as an export this command may replace. */
export const MARKER = '_almanac_export.json';

export interface TableExport {
  table: string;
  rows: number;
  /** The column whose year and month partition the table; null: one unpartitioned file. */
  partitionedBy: string | null;
}

/** The date column a table is partitioned by: its first required date or instant, else its first one. */
export function partitionColumn(name: EntityName): string | null {
  const dated = entityColumns(name).filter((c) => c.kind === 'date' || c.kind === 'instant');
  return (dated.find((c) => c.required) ?? dated[0])?.name ?? null;
}

function prepareTarget(out: string): string {
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0 && !fs.existsSync(path.join(out, MARKER))) {
    throw new Error(`${out} is not empty and not an earlier export (no ${MARKER}): choose an empty or new folder`);
  }
  const tmp = `${path.resolve(out)}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  return tmp;
}

function swapInto(tmp: string, out: string): void {
  const old = `${path.resolve(out)}.old-${process.pid}`;
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(tmp, out);
  fs.rmSync(old, { recursive: true, force: true });
}

export async function exportParquet(dbFile: string, out: string): Promise<TableExport[]> {
  if (!fs.existsSync(dbFile)) throw new Error(`no database at ${dbFile}: run 'almanac ingest' first`);
  const tmp = prepareTarget(out);
  const db = await openDb(dbFile, { readOnly: true });
  const done: TableExport[] = [];
  try {
    for (const name of ENTITY_NAMES) {
      const table = ENTITIES[name].table;
      const [{ n }] = await db.all<{ n: string }>(`SELECT count(*)::VARCHAR AS n FROM "${table}"`) as [{ n: string }];
      const by = partitionColumn(name);
      const dir = path.join(tmp, table);
      fs.mkdirSync(dir);
      // An empty table still gets a file (with its columns), so readers find every table.
      if (by === null || n === '0') {
        await db.run(`COPY "${table}" TO ${lit(path.join(dir, 'data.parquet'))} (FORMAT parquet)`);
      } else {
        await db.run(
          `COPY (SELECT *, year("${by}") AS part_year, month("${by}") AS part_month FROM "${table}") TO ${lit(dir)} ` +
            `(FORMAT parquet, PARTITION_BY (part_year, part_month), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'data_{i}')`,
        );
      }
      done.push({ table, rows: Number(n), partitionedBy: n === '0' ? null : by });
    }
  } finally {
    db.close();
  }
  fs.writeFileSync(path.join(tmp, MARKER), `${JSON.stringify({ format: 'parquet', tables: done }, null, 1)}\n`);
  swapInto(tmp, out);
  return done;
}
