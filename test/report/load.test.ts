import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/duckdb.ts';
import { schemaDdl } from '../../src/db/schema.ts';
import { ENTITIES } from '../../src/model/catalog.ts';
import { loadRows } from '../../src/report/load.ts';

async function withRows(inserts: string[]): Promise<Db> {
  const db = await openDb(':memory:');
  for (const ddl of schemaDdl()) await db.run(ddl);
  for (const sql of inserts) await db.run(sql);
  return db;
}

const deployment = (id: string, status: string | null, startedAt = "TIMESTAMP '2026-03-01 10:00:00'") =>
  `INSERT INTO deployment (id, started_at, status, source) VALUES ('${id}', ${startedAt}, ${status === null ? 'NULL' : `'${status}'`}, 'canonical-csv')`;
const item = (key: string, labels: string) =>
  `INSERT INTO work_item (key, created, labels, story_points, source) VALUES ('${key}', TIMESTAMP '2026-03-01 09:30:00', ${labels}, 3, 'canonical-csv')`;

describe('loadRows', () => {
  it('reads rows in key order, as the model describes them', async () => {
    const db = await withRows([deployment('D2', 'failure'), deployment('D1', 'success'), item('W-1', "['a', 'b']"), item('W-2', 'NULL')]);
    const deployments = await loadRows(db, 'deployment');
    expect(deployments.map((d) => [d.id, d.status, d.started_at])).toEqual([['D1', 'success', '2026-03-01T10:00:00Z'], ['D2', 'failure', '2026-03-01T10:00:00Z']]);
    const items = await loadRows(db, 'work_item');
    expect(items.map((w) => [w.key, w.labels, w.story_points, w.created])).toEqual([['W-1', ['a', 'b'], 3, '2026-03-01T09:30:00Z'], ['W-2', null, 3, '2026-03-01T09:30:00Z']]);
    // Every row read is one the model's own schema accepts, unchanged.
    for (const row of deployments) expect(ENTITIES.deployment.schema.parse(row)).toEqual(row);
    for (const row of items) expect(ENTITIES.work_item.schema.parse(row)).toEqual(row);
    db.close();
  });

  it.each([
    ['a value outside an enum', [deployment('D1', 'success'), deployment('D7', 'exploded')], /table deployment, row D7: status: expected one of success, failure, rolled_back, cancelled — the database does not match the model; re-run ingest/],
    ['a required value missing', [deployment('D3', null)], /table deployment, row D3: status: expected a value/],
    ['an empty id', [deployment('', 'success')], /table deployment, row : id: expected a non-empty id/],
    ['a list holding a NULL', [item('W-9', "['a', NULL]")], /table work_item, row W-9: labels: expected a list of texts/],
  ])('refuses a database with %s, naming the table, row and field', async (_what, inserts, message) => {
    const db = await withRows(inserts);
    const entity = inserts[0]!.includes('work_item') ? 'work_item' : 'deployment';
    await expect(loadRows(db, entity)).rejects.toThrow(message);
    db.close();
  });

  it('checks only the rows asked for', async () => {
    const db = await withRows([deployment('D1', 'success'), deployment('D7', 'exploded')]);
    expect((await loadRows(db, 'deployment', "WHERE id = 'D1'")).map((d) => d.id)).toEqual(['D1']);
    db.close();
  });
});
