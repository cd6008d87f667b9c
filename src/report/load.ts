// Reads canonical rows back from DuckDB as plain, schema-checked objects: dates as `YYYY-MM-DD`,
// instants as `YYYY-MM-DDTHH:MM:SSZ`. Big tables are aggregated in SQL instead (see overview.ts).
import { ENTITIES, entityColumns, type EntityName, type Row } from '../model/catalog.ts';
import { quoteIdent as q } from '../db/schema.ts';
import type { Db } from '../db/duckdb.ts';

function selectList(name: EntityName): string {
  return entityColumns(name)
    .map((c) => {
      const col = q(c.name);
      switch (c.kind) {
        case 'date':
          return `strftime(${col}, '%Y-%m-%d') AS ${col}`;
        case 'instant':
          return `strftime(${col}, '%Y-%m-%dT%H:%M:%SZ') AS ${col}`;
        case 'int':
        case 'num':
          return `${col}::DOUBLE AS ${col}`;
        default:
          return col;
      }
    })
    .join(', ');
}

/** Every row of an entity's table, ordered by its key, validated against the model. */
export async function loadRows<N extends EntityName>(db: Db, name: N, where = ''): Promise<Row<N>[]> {
  const { table, key, schema } = ENTITIES[name];
  const rows = await db.all(`SELECT ${selectList(name)} FROM ${q(table)} ${where} ORDER BY ${key.map(q).join(', ')}`);
  return rows.map((r, i) => {
    const parsed = schema.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`table ${table}, row ${i + 1}: ${issue.path.join('.')}: ${issue.message} — the database does not match the model; re-run ingest`);
    }
    return parsed.data as Row<N>;
  });
}
