// Reads canonical rows back from DuckDB as plain, schema-checked objects: dates as `YYYY-MM-DD`,
// instants as `YYYY-MM-DDTHH:MM:SSZ`. Big tables are aggregated in SQL instead (see overview.ts).
import { ENTITIES, entityColumns, type EntityName, type Row } from '../model/catalog.ts';
import { quoteIdent as q } from '../db/schema.ts';
import type { Db } from '../db/duckdb.ts';

/** The row as one JSON object: dates as `YYYY-MM-DD`, instants as `YYYY-MM-DDTHH:MM:SSZ`, numbers as numbers. */
function rowJson(name: EntityName): string {
  const fields = entityColumns(name).map((c) => {
    const col = q(c.name);
    switch (c.kind) {
      case 'date':
        return `${col}: strftime(${col}, '%Y-%m-%d')`;
      case 'instant':
        return `${col}: strftime(${col}, '%Y-%m-%dT%H:%M:%SZ')`;
      case 'int':
      case 'num':
        return `${col}: ${col}::DOUBLE`;
      default:
        return `${col}: ${col}`;
    }
  });
  return `to_json({${fields.join(', ')}})::VARCHAR`;
}

/**
 * One string per distinct value of a column. JSON.parse makes a new string for every value, and rows
 * repeat their statuses, systems, releases and sources hundreds of thousands of times: the enterprise
 * model step held ~400 MB of deployments and changes, a third of that in copies of the same few strings.
 * A column whose values are mostly distinct (ids, summaries, instants) stops being interned after its
 * first rows: hashing and keeping each of its strings once more took the enterprise model step ~4 s of CPU.
 */
const TRIAL_VALUES = 4096;
function interner(): (s: string) => string {
  let seen: Map<string, string> | null = new Map();
  let count = 0;
  return (s) => {
    if (!seen) return s;
    const kept = seen.get(s);
    if (kept !== undefined) return kept;
    seen.set(s, s);
    if (++count === TRIAL_VALUES && seen.size > TRIAL_VALUES / 4) seen = null;
    return s;
  };
}

/** Every row of an entity's table, ordered by its key, validated against the model. */
export async function loadRows<N extends EntityName>(db: Db, name: N, where = ''): Promise<Row<N>[]> {
  const { table, key, schema } = ENTITIES[name];
  const rows: Row<N>[] = [];
  const interners = new Map<string, (s: string) => string>();
  // One JSON text per row rather than a value per column: the DuckDB client reads each string longer
  // than 12 bytes with a native call, which made reading 200,000 changes take 4 s instead of 2. Rows
  // are parsed chunk by chunk as the query streams, so the texts of all rows are never held at once.
  await db.eachValue(`SELECT ${rowJson(name)} AS row FROM ${q(table)} ${where} ORDER BY ${key.map(q).join(', ')}`, (text) => {
    const parsed = schema.safeParse(JSON.parse(text as string));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`table ${table}, row ${rows.length + 1}: ${issue.path.join('.')}: ${issue.message} — the database does not match the model; re-run ingest`);
    }
    const row = parsed.data as Record<string, unknown>;
    for (const k in row) {
      const value = row[k];
      if (typeof value !== 'string') continue;
      let intern = interners.get(k);
      if (!intern) interners.set(k, (intern = interner()));
      row[k] = intern(value);
    }
    rows.push(row as Row<N>);
  });
  return rows;
}
