import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/duckdb.ts';
import { schemaDdl } from '../../src/db/schema.ts';
import { createStaging, finalize } from '../../src/ingest/finalize.ts';

/** A database with release rows staged as (id, file order, record order), in the order given. */
async function staged(rows: Array<[string, number, number]>, after?: string): Promise<Db> {
  const db = await openDb(':memory:');
  for (const ddl of schemaDdl()) await db.run(ddl);
  await createStaging(db);
  for (const [id, file, seq] of rows) {
    await db.run(`INSERT INTO stg_release (id, source, source_file, source_line, _file_order, _seq) VALUES (?, 'canonical-csv', ?, ?, ?, ?)`, [id, `f${file}.csv`, seq + 2, file, seq]);
  }
  if (after) await db.run(after);
  await finalize(db, []);
  return db;
}

const stored = async (db: Db) => (await db.all<{ id: string }>('SELECT id FROM release ORDER BY rowid')).map((r) => r.id);

describe('finalize stores rows in read order', () => {
  it('copies rows staged in read order as they are', async () => {
    const db = await staged([['R9', 0, 0], ['R1', 0, 1], ['R5', 1, 0], ['R0', 1, 1]]);
    expect(await stored(db)).toEqual(['R9', 'R1', 'R5', 'R0']);
    db.close();
  });

  it('sorts rows staged out of read order, though no key repeats', async () => {
    const db = await staged([['R5', 1, 0], ['R9', 0, 0], ['R0', 1, 1], ['R1', 0, 1]]);
    expect(await stored(db)).toEqual(['R9', 'R1', 'R5', 'R0']);
    db.close();
  });

  it('sorts rows whose staged row ids have a gap (a row deleted between two in order)', async () => {
    const db = await staged([['R9', 0, 0], ['R7', 0, 3], ['R1', 0, 1], ['R5', 1, 0]], `DELETE FROM stg_release WHERE id = 'R7'`);
    expect(await stored(db)).toEqual(['R9', 'R1', 'R5']);
    db.close();
  });
});
