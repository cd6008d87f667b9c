// The one validation path every adapter goes through: raw text values (SQL expressions over a
// staged relation) → canonical typed values, set-based in DuckDB. A value that cannot be read
// rejects its row, with file, line or pointer, field, value and what was expected.
import { ENTITIES, entityColumns, type EntityName } from '../../model/catalog.ts';
import type { ColumnInfo } from '../../model/fields.ts';
import { ORDER_RULES } from '../../model/rules.ts';
import { lit } from '../../db/duckdb.ts';
import { quoteIdent as q } from '../../db/schema.ts';
import { conversion, type ParseOptions } from './convert.ts';
import type { FileContext } from '../context.ts';

export interface FieldSource {
  /** Raw value: a SQL expression over the mapping's relation (VARCHAR; VARCHAR[] for list fields). */
  sql: string;
  /** The field as the user knows it (header name, JSON path), for errors. */
  column: string;
  parse?: ParseOptions;
  /** `sql` is trimmed and NULL when blank already: not trimmed again (a million rows' cells take a second to trim). */
  trimmed?: boolean;
}

export interface Mapping {
  entity: EntityName;
  /** Relation the raw values come from. */
  from: string;
  where?: string;
  fields: Partial<Record<string, FieldSource>>;
  /** When the source last updated the record: of duplicates, the latest is kept. */
  updated?: FieldSource;
  /** Provenance: SQL for the CSV line, or the JSON pointer, and the record's order in the file. */
  line?: string;
  pointer?: string;
  seq: string;
  /** Fields that must have a value; default: the entity's non-nullable fields. */
  required?: readonly string[];
}

export interface MapResult {
  entity: EntityName;
  rows: number;
  rejectedRows: number;
}

const raw = (name: string) => q(`r_${name}`);

function rawExpr(kind: ColumnInfo['kind'], src: FieldSource): string {
  if (kind === 'list') {
    const list = src.parse?.split ? `string_split(${src.sql}, ${lit(src.parse.split)})` : src.sql;
    const clean = `list_filter(list_transform(${list}, s -> trim(s)), s -> s IS NOT NULL AND s <> '')`;
    return `nullif(${clean}, [])`;
  }
  return src.trimmed ? `CAST(${src.sql} AS VARCHAR)` : `nullif(trim(CAST(${src.sql} AS VARCHAR)), '')`;
}

/** Maps one staged relation into the entity's staging table; returns rows kept and rejected. */
export async function applyMapping(ctx: FileContext, m: Mapping): Promise<MapResult> {
  const { db } = ctx;
  const cols = entityColumns(m.entity);
  const required = new Set(m.required ?? cols.filter((c) => c.required).map((c) => c.name));
  const present = cols.filter((c) => m.fields[c.name]);
  for (const name of required) {
    if (!m.fields[name]) throw new Error(`mapping for ${m.entity} lacks required field ${name}`);
  }
  // The update time is often a mapped field's own column, read alike (Jira's Updated): parsed once.
  const updatedField = m.updated
    ? present.find((c) => c.kind === 'instant' && m.fields[c.name]!.sql === m.updated!.sql && JSON.stringify(m.fields[c.name]!.parse ?? {}) === JSON.stringify(m.updated!.parse ?? {}))
    : undefined;

  const selects = [
    `${m.line ?? 'NULL'}::INTEGER AS _line`,
    `${m.pointer ?? 'NULL'}::VARCHAR AS _pointer`,
    `${m.seq}::BIGINT AS _seq`,
    ...present.map((c) => `${rawExpr(c.kind, m.fields[c.name]!)} AS ${raw(c.name)}`),
    `${m.updated && !updatedField ? rawExpr('instant', m.updated) : 'NULL::VARCHAR'} AS ${raw('_updated')}`,
  ];
  // Raw and converted values in one pass: the raw text is kept beside each value for the errors.
  const source = `${m.from}${m.where ? ` WHERE ${m.where}` : ''}`;
  const mapped = `(SELECT ${selects.join(', ')} FROM ${source})`;
  const conv = new Map(present.map((c) => [c.name, conversion(c.kind, m.fields[c.name]!.parse ?? {}, c.values)]));
  const updatedConv = m.updated && !updatedField ? conversion('instant', m.updated.parse ?? {}) : null;
  // A value that is its raw text (ids, text) is not stored twice: a million summaries take time to write.
  const converted = present.filter((c) => conv.get(c.name)!.sql(raw(c.name)) !== raw(c.name));
  const val = (name: string) => (converted.some((c) => c.name === name) ? q(`v_${name}`) : raw(name));
  // Failure conditions, one per field that can fail; `expected` is SQL (it may quote the row).
  const failures: Array<{ col: ColumnInfo; cond: string; expected: string; value: string }> = [];
  for (const rule of ORDER_RULES.filter((r) => r.entity === m.entity && m.fields[r.before] && m.fields[r.after])) {
    failures.push({
      col: cols.find((c) => c.name === rule.after)!,
      cond: `${val(rule.after)} ${rule.strict ? '<=' : '<'} ${val(rule.before)}`,
      expected: `${lit(`${rule.expected} (${m.fields[rule.before]!.column} `)} || ${raw(rule.before)} || ')'`,
      value: `${raw(rule.after)}::VARCHAR`,
    });
  }
  for (const c of cols) {
    const src = m.fields[c.name];
    if (required.has(c.name)) {
      failures.push({ col: c, cond: src ? `${raw(c.name)} IS NULL` : 'true', expected: lit('a value (the field is required)'), value: 'NULL' });
    }
    if (!src || c.kind === 'list' || c.kind === 'id' || c.kind === 'text') continue;
    if (c.kind === 'enum' && (src.parse?.unknown ?? 'reject') === 'null') continue;
    failures.push({
      col: c,
      cond: `${raw(c.name)} IS NOT NULL AND ${val(c.name)} IS NULL`,
      expected: lit(conv.get(c.name)!.expected),
      value: `${raw(c.name)}::VARCHAR`,
    });
  }
  // Whether the row is kept, in the same pass: the insert and the rejects below read it, not the conditions.
  const ok = failures.length ? `NOT (${failures.map((f) => `coalesce(${f.cond}, false)`).join(' OR ')})` : 'true';
  const rows = `(SELECT *, ${ok} AS _ok FROM (SELECT *, ${[
    ...converted.map((c) => `${conv.get(c.name)!.sql(raw(c.name))} AS ${val(c.name)}`),
    `${updatedConv ? updatedConv.sql(raw('_updated')) : 'NULL::TIMESTAMP'} AS _updated`,
  ].join(', ')} FROM ${mapped}))`;

  const target = ENTITIES[m.entity].table;
  const staging = q(`stg_${target}`);
  const insertCols: string[] = [];
  const insertVals: string[] = [];
  for (const c of cols) {
    insertCols.push(c.name);
    insertVals.push(m.fields[c.name] ? val(c.name) : 'NULL');
    if (c.raw) {
      insertCols.push(`${c.name}_raw`);
      insertVals.push(m.fields[c.name] ? raw(c.name) : 'NULL');
    }
  }
  insertCols.push('source', 'source_file', 'source_line', 'source_pointer', 'source_updated', '_file_order', '_seq');
  insertVals.push(lit(ctx.adapter), lit(ctx.path), '_line', '_pointer', updatedField ? val(updatedField.name) : '_updated', String(ctx.fileOrder), '_seq');
  // Enum values no mapping knows, where unknown values are allowed: say which, once per value. Each
  // distinct value is converted once, not each row's.
  for (const c of present) {
    if (c.kind !== 'enum' || (m.fields[c.name]!.parse?.unknown ?? 'reject') !== 'null') continue;
    const unknown = await db.all<{ v: string; n: number }>(
      // OFFSET 0: DuckDB would otherwise push the filter below the grouping (even out of a MATERIALIZED
      // CTE) and convert every row's value: 0.6 s instead of 0.05 s for a million work items.
      `SELECT v, n FROM (SELECT v, n, ${conv.get(c.name)!.sql('v')} AS known FROM (SELECT ${rawExpr(c.kind, m.fields[c.name]!)} AS v, count(*)::INTEGER AS n FROM ${source} GROUP BY 1) OFFSET 0)
       WHERE v IS NOT NULL AND known IS NULL ORDER BY 2 DESC, 1 LIMIT 20`,
    );
    for (const u of unknown) {
      ctx.warn('unmapped-value', `${m.fields[c.name]!.column}: value ${JSON.stringify(u.v)} has no ${c.name} mapping (kept as unknown; map it in the config)`, u.n);
    }
  }

  const [{ total } = { total: 0 }] = await db.all<{ total: number }>(`SELECT count(*)::INTEGER AS total FROM ${source}`);
  // Converted straight into staging: no table of every raw and converted value in between (at a
  // million rows, writing and reading it back took longer than the conversions). A file whose rows
  // all pass, the usual case, is read once; one with rejects is converted again to name them.
  const kept = await ctx.progress.track(db.conn, db.run(`INSERT INTO ${staging} (${insertCols.map(q).join(', ')}) SELECT ${insertVals.join(', ')} FROM ${rows} WHERE _ok`));
  if (total > kept) {
    await db.run(
      `INSERT INTO rejects ${failures
        .map(
          (f) =>
            `SELECT ${lit(ctx.path)}, _line, _pointer, ${lit(m.entity)}, ${lit(m.fields[f.col.name]?.column ?? f.col.name)}, ${f.value}, ${f.expected} FROM ${rows} WHERE NOT _ok AND ${f.cond}`,
        )
        .join(' UNION ALL ')}`,
    );
  }

  // Dates that read fine but cannot be meant: the Unix epoch (an unset time stored as 0) and
  // placeholders like 9999-12-31 ("never"). Kept — a plan may really say 9999 — but said, as one such
  // date stretches every time axis (the as-of date leaves it out: newestEventDate in finalize.ts).
  // Counted on the rows staged, in one scan; the file's own text for an example only when there is one.
  const dated = present.filter((c) => c.kind === 'date' || c.kind === 'instant');
  const odd = (v: string) => `(${v} < DATE '1971-01-01' OR ${v} >= DATE '2200-01-01')`;
  const [counts] = await db.all<Record<string, number>>(
    `SELECT ${['count(*)::INTEGER AS staged', ...dated.map((c, i) => `count(*) FILTER (WHERE ${odd(q(c.name))})::INTEGER AS n${i}`)].join(', ')} FROM ${staging} WHERE _file_order = ${ctx.fileOrder}`,
  );
  // Each file maps into an entity once: the staged rows of this file are this mapping's.
  if (counts?.staged !== kept) throw new Error(`${m.entity}: ${counts?.staged} rows staged from ${ctx.path}, ${kept} mapped (a file maps into an entity once)`);
  const oddDated = dated.map((c, i) => ({ c, i, n: Number(counts[`n${i}`]) })).filter((d) => d.n > 0);
  if (oddDated.length) {
    const [examples] = await db.all<Record<string, string>>(
      `SELECT ${oddDated.map(({ c, i }) => `min(${raw(c.name)}::VARCHAR) FILTER (WHERE ${odd(val(c.name))}) AS e${i}`).join(', ')} FROM ${rows} WHERE _ok`,
    );
    for (const { c, i, n } of oddDated) {
      ctx.warn('implausible-date', `${m.fields[c.name]!.column}: ${n} value(s) like ${JSON.stringify(examples?.[`e${i}`])} lie before 1971 or after 2199 (an unset time stored as the epoch, or a "never" placeholder): kept as found`, n);
    }
  }

  return { entity: m.entity, rows: kept, rejectedRows: total - kept };
}
