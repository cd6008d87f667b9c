// The Parquet export reads back, through DuckDB's own Hive-partitioned reader, to the same rows as the
// canonical tables, and replaces only an earlier export.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, lit } from '../../src/db/duckdb.ts';
import { exportParquet, MARKER, partitionColumn } from '../../src/export/parquet.ts';
import { ENTITIES, ENTITY_NAMES } from '../../src/model/catalog.ts';
import { FIXTURES, ingestFiles, tempDir, writeFixture } from '../helpers/ingest.ts';

let dbFile: string;
beforeAll(async () => {
  const run = await ingestFiles([path.join(FIXTURES, 'metrics/status')], { asOf: '2026-03-31' });
  expect(run.summary.errors).toEqual([]);
  dbFile = run.db;
});

describe('almanac export --format parquet', () => {
  it('writes every table, partitioned by the month of its main date, and reads back to the same rows', async () => {
    const out = path.join(tempDir(), 'lake');
    const tables = await exportParquet(dbFile, out);
    expect(tables.map((t) => t.table)).toEqual(ENTITY_NAMES.map((n) => ENTITIES[n].table));
    const releases = tables.find((t) => t.table === 'release')!;
    expect(releases.partitionedBy).toBe(partitionColumn('release'));
    expect(fs.readdirSync(path.join(out, 'release')).some((d) => /^part_year=\d{4}$/.test(d))).toBe(true);
    const db = await openDb(':memory:');
    try {
      await db.run(`ATTACH ${lit(dbFile)} AS src (READ_ONLY)`);
      for (const t of tables) {
        const files = lit(path.join(out, t.table, '**', '*.parquet'));
        const lake = t.partitionedBy ? `(SELECT * EXCLUDE (part_year, part_month) FROM read_parquet(${files}, hive_partitioning = true))` : `read_parquet(${files})`;
        const [counts] = await db.all<{ a: string; b: string; n: string }>(
          `SELECT (SELECT count(*) FROM (SELECT * FROM src."${t.table}" EXCEPT ALL SELECT * FROM ${lake}))::VARCHAR AS a,
                  (SELECT count(*) FROM (SELECT * FROM ${lake} EXCEPT ALL SELECT * FROM src."${t.table}"))::VARCHAR AS b,
                  (SELECT count(*) FROM ${lake})::VARCHAR AS n`,
        );
        expect({ table: t.table, ...counts }).toEqual({ table: t.table, a: '0', b: '0', n: String(t.rows) });
      }
      // The partition values are the year and month of the date.
      const [p] = await db.all<{ bad: string }>(
        `SELECT count(*)::VARCHAR AS bad FROM read_parquet(${lit(path.join(out, 'work_item', '**', '*.parquet'))}, hive_partitioning = true) WHERE part_year <> year(created) OR part_month <> month(created)`,
      );
      expect(p!.bad).toBe('0');
    } finally {
      db.close();
    }
  });

  it('keeps rows without the partition date, in the NULL partition', async () => {
    const dir = writeFixture({ 'releases.csv': 'id,name,planned_start,planned_release\nR1,One,2026-01-05,2026-02-01\nR2,Two,,2026-03-01\n' });
    const run = await ingestFiles([dir]);
    expect(run.summary.errors).toEqual([]);
    const out = path.join(tempDir(), 'lake');
    await exportParquet(run.db, out);
    const db = await openDb(':memory:');
    try {
      const rows = await db.all<{ id: string; part_year: string | null }>(
        `SELECT id, part_year::VARCHAR AS part_year FROM read_parquet(${lit(path.join(out, 'release', '**', '*.parquet'))}, hive_partitioning = true) ORDER BY id`,
      );
      expect(rows).toEqual([{ id: 'R1', part_year: '2026' }, { id: 'R2', part_year: null }]);
    } finally {
      db.close();
    }
  });

  it('replaces an earlier export, and refuses a folder that holds anything else', async () => {
    const out = path.join(tempDir(), 'lake');
    await exportParquet(dbFile, out);
    fs.writeFileSync(path.join(out, 'stale.txt'), 'left from before');
    await exportParquet(dbFile, out);
    expect(fs.existsSync(path.join(out, 'stale.txt'))).toBe(false);
    expect(fs.existsSync(path.join(out, MARKER))).toBe(true);
    const other = tempDir();
    fs.writeFileSync(path.join(other, 'notes.txt'), 'mine');
    await expect(exportParquet(dbFile, other)).rejects.toThrow(/is not empty and not an earlier export/);
    expect(fs.readdirSync(other)).toEqual(['notes.txt']);
  });
});
