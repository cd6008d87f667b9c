// Reads canonical rows back from DuckDB as plain, schema-checked objects: dates as `YYYY-MM-DD`,
// instants as `YYYY-MM-DDTHH:MM:SSZ`. Big tables are aggregated in SQL instead (see overview.ts).
import { ENTITIES, entityColumns, type EntityName, type Row } from '../model/catalog.ts';
import { quoteIdent as q } from '../db/schema.ts';
import { lit, type Db } from '../db/duckdb.ts';

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

/**
 * What the model asks of each stored value that DuckDB's column types do not already ensure, as SQL:
 * a violation's condition and what was expected. Dates and instants are formatted by DuckDB itself.
 */
function violations(name: EntityName): Array<{ cond: string; field: string; expected: string }> {
  return entityColumns(name).flatMap((c) => {
    const col = q(c.name);
    const out: Array<{ cond: string; field: string; expected: string }> = [];
    if (c.required) out.push({ cond: `${col} IS NULL`, field: c.name, expected: 'a value' });
    if (c.kind === 'id') out.push({ cond: `${col} = ''`, field: c.name, expected: 'a non-empty id' });
    if (c.kind === 'enum') out.push({ cond: `${col} NOT IN (${c.values!.map(lit).join(', ')})`, field: c.name, expected: `one of ${c.values!.join(', ')}` });
    if (c.kind === 'num') out.push({ cond: `NOT isfinite(${col})`, field: c.name, expected: 'a finite number' });
    if (c.kind === 'list') out.push({ cond: `list_contains(list_transform(${col}, s -> s IS NULL), true)`, field: c.name, expected: 'a list of texts' });
    return out;
  });
}

/**
 * Checks a table against the model in one set-based scan, before its rows are read: checking each row
 * read with the zod schema took ~2 s of the enterprise model step, and its copy of every row as much
 * again in garbage collection.
 */
async function checkTable(db: Db, name: EntityName, where: string): Promise<void> {
  const { table, key } = ENTITIES[name];
  const checks = violations(name);
  if (!checks.length) return;
  const [bad] = await db.all<{ key: string; check: number }>(
    `SELECT concat_ws(' / ', ${key.map(q).join(', ')}) AS key, CASE ${checks.map((v, i) => `WHEN coalesce(${v.cond}, false) THEN ${i}`).join(' ')} END AS "check"
     FROM (SELECT * FROM ${q(table)} ${where}) WHERE ${checks.map((v) => `coalesce(${v.cond}, false)`).join(' OR ')} LIMIT 1`,
  );
  if (!bad) return;
  const { field, expected } = checks[bad.check]!;
  throw new Error(`table ${table}, row ${bad.key}: ${field}: expected ${expected} — the database does not match the model; re-run ingest`);
}

/** Every row of an entity's table, ordered by its key, checked against the model. */
export async function loadRows<N extends EntityName>(db: Db, name: N, where = ''): Promise<Row<N>[]> {
  const { table, key } = ENTITIES[name];
  await checkTable(db, name, where);
  const rows: Row<N>[] = [];
  const interners = new Map<string, (s: string) => string>();
  // One JSON text per row rather than a value per column: the DuckDB client reads each string longer
  // than 12 bytes with a native call, which made reading 200,000 changes take 4 s instead of 2. Rows
  // are parsed chunk by chunk as the query streams, so the texts of all rows are never held at once.
  await db.eachValue(`SELECT ${rowJson(name)} AS row FROM ${q(table)} ${where} ORDER BY ${key.map(q).join(', ')}`, (text) => {
    const row = JSON.parse(text as string) as Record<string, unknown>;
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
