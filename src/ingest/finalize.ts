// After every file is staged: one row per record (the latest wins), references resolved, the
// reference date found. All set-based SQL.
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../model/catalog.ts';
import { tableColumns, quoteIdent as q } from '../db/schema.ts';
import type { Db } from '../db/duckdb.ts';
import { lit } from '../db/duckdb.ts';
import type { Warning } from './context.ts';
import { reportDependencyCycles } from './derive/dependency-cycles.ts';
import { REFERENCE_RULES } from '../model/rules.ts';
import { deriveReleaseDependencies } from './derive/release-dependencies.ts';
import { linkDeploymentReleases } from './derive/deployment-releases.ts';

/** Staging tables hold the canonical columns plus the file's order and the record's order in it. */
export async function createStaging(db: Db): Promise<void> {
  for (const n of ENTITY_NAMES) {
    const cols = [...tableColumns(n), { name: '_file_order', sql: 'INTEGER' }, { name: '_seq', sql: 'BIGINT' }];
    await db.run(`CREATE TEMP TABLE ${q(`stg_${ENTITIES[n].table}`)} (${cols.map((c) => `${q(c.name)} ${c.sql}`).join(', ')})`);
  }
}

const RANK = 'row_number() OVER (PARTITION BY %s ORDER BY source_updated DESC NULLS LAST, _file_order DESC, _seq DESC)';

/**
 * Says how many records came more than once: from one tool (overlapping exports, audit logs), and
 * how many of those disagree with no later update time to tell; or from several tools (merged).
 * `repeated`: the staged rows whose key comes more than once.
 */
async function reportDuplicates(db: Db, n: EntityName, repeated: string, warnings: Warning[]): Promise<void> {
  const { key, label } = ENTITIES[n];
  const keyList = key.map(q).join(', ');
  const fields = tableColumns(n).filter((c) => !c.name.startsWith('source')).map((c) => q(c.name));
  const dupes = await db.all<{ source_file: string; repeated: number; conflicting: number; merged: number }>(
    `WITH r AS (SELECT ${keyList}, source, source_file, source_updated, hash(${fields.join(', ')}) AS h,
                       max(source_updated) OVER (PARTITION BY ${keyList}, source) AS top FROM ${repeated}),
          g AS (SELECT ${keyList}, max(source_file) AS source_file, count(*) - count(DISTINCT source) AS repeats, count(DISTINCT source) AS tools,
                       count(DISTINCT (source, h)) FILTER (WHERE source_updated IS NOT DISTINCT FROM top) - count(DISTINCT source) AS conflicts
                FROM r GROUP BY ALL)
     SELECT source_file, (count(*) FILTER (WHERE repeats > 0))::INTEGER AS repeated, (count(*) FILTER (WHERE conflicts > 0))::INTEGER AS conflicting,
            (count(*) FILTER (WHERE tools > 1))::INTEGER AS merged
     FROM g GROUP BY 1 ORDER BY 1`,
  );
  for (const d of dupes) {
    if (d.repeated) {
      const conflict = d.conflicting ? `; ${d.conflicting} of them differ with no later update time to tell (the later file, then the later row, wins)` : '';
      warnings.push({
        path: d.source_file,
        code: 'duplicates',
        message: `${d.repeated} ${label} appear more than once (in several exports, or one row per update); the latest of each is kept${conflict}`,
        count: d.repeated,
      });
    }
    if (d.merged) {
      warnings.push({
        path: d.source_file,
        code: 'merged',
        message: `${d.merged} ${label} are in the exports of several tools: each is kept once, with the fields the kept row leaves empty taken from the other tool`,
        count: d.merged,
      });
    }
  }
}

/**
 * Whether the staged rows already lie in read order: each row's (file, record, key) after the one
 * before it, with no gap between row ids. Adjacent rows are compared by row id, which costs a tenth of
 * the sort it spares. Ties and NULLs count as out of order.
 */
async function inReadOrder(db: Db, stg: string, key: readonly string[]): Promise<boolean> {
  const order = ['_file_order', '_seq', ...key].map(q);
  const before = order.reduceRight((rest, c) => `(a.${c} < b.${c}${rest ? ` OR (a.${c} = b.${c} AND ${rest})` : ''})`, '');
  const [r] = await db.all<{ rows: number; pairs: number; ordered: number }>(
    `SELECT (SELECT count(*) FROM ${stg})::INTEGER AS rows, count(*)::INTEGER AS pairs, (count(*) FILTER (WHERE coalesce(${before}, false)))::INTEGER AS ordered
     FROM ${stg} a JOIN ${stg} b ON b.rowid = a.rowid + 1`,
  );
  return !!r && r.pairs === Math.max(r.rows - 1, 0) && r.ordered === r.pairs;
}

/**
 * Where no key repeats and the staged rows already lie in read order, copies them as they are (the
 * sort was half of a million work items' insert). Checked, not assumed, before and after: DuckDB may
 * write a parallel copy's row groups in another order (seen with a third of a million deployments).
 * Returns false, with the table left empty, where the rows must be sorted.
 */
async function copiedInReadOrder(db: Db, n: EntityName, repeats: string, same: (a: string, b: string) => string): Promise<boolean> {
  const { table, key } = ENTITIES[n];
  const stg = q(`stg_${table}`);
  const [{ repeated, stored } = { repeated: 1, stored: 1 }] = await db.all<{ repeated: number; stored: number }>(
    `SELECT (SELECT count(*) FROM ${repeats})::INTEGER AS repeated, (SELECT count(*) FROM ${q(table)})::INTEGER AS stored`,
  );
  if (repeated > 0 || stored > 0 || !(await inReadOrder(db, stg, key))) return false;
  await db.run(`INSERT INTO ${q(table)} SELECT ${tableColumns(n).map((c) => q(c.name)).join(', ')} FROM ${stg}`);
  const [{ moved } = { moved: 1 }] = await db.all<{ moved: number }>(
    `SELECT (count(*) FILTER (WHERE NOT (${same('s', 't')})) + (SELECT count(*) FROM ${stg}) - count(*))::INTEGER AS moved
     FROM ${q(table)} t JOIN ${stg} s ON s.rowid = t.rowid`,
  );
  if (moved === 0) return true;
  await db.run(`DELETE FROM ${q(table)}`);
  return false;
}

/**
 * Keeps one row per key: the latest `source_updated`, then the later file, then the later record.
 * Fields the kept row leaves empty are filled from other tools' rows for the same record (a release
 * plan from the ERM tool, its actual date from Jira); rows of the same tool never fill each other,
 * as an older audit-log row would bring back a value that was cleared since. Most keys come once:
 * only the repeated ones are ranked and merged (a window over a million rows costs more than the
 * insert itself). Rows are stored in read order (by file, then record, then key where one file's
 * mappings meet), the same on every run: sorting a million work items by key cost a quarter of their
 * insert, by read order about half that, and rows staged in that order are not sorted at all
 * (copiedInReadOrder); every reader orders what it reads.
 */
async function dedupe(db: Db, n: EntityName, warnings: Warning[]): Promise<void> {
  const { table, key } = ENTITIES[n];
  const keyList = key.map(q).join(', ');
  const cols = tableColumns(n);
  const stg = q(`stg_${table}`);
  const keys = q(`repeated_${table}`);
  const same = (a: string, b: string) => key.map((k) => `${a}.${q(k)} IS NOT DISTINCT FROM ${b}.${q(k)}`).join(' AND ');
  await db.run(`CREATE OR REPLACE TEMP TABLE ${keys} AS SELECT ${keyList} FROM ${stg} GROUP BY ALL HAVING count(*) > 1`);
  if (await copiedInReadOrder(db, n, keys, same)) {
    await db.run(`DROP TABLE ${keys}`);
    return;
  }
  const repeated = `(SELECT s.* FROM ${stg} s SEMI JOIN ${keys} k ON ${same('s', 'k')})`;
  await reportDuplicates(db, n, repeated, warnings);
  const fillable = cols.filter((c) => !key.includes(c.name) && !c.name.startsWith('source'));
  await db.run(
    `INSERT INTO ${q(table)}
     WITH ranked AS (SELECT *, ${RANK.replace('%s', keyList)} AS _rank FROM ${repeated}),
          winner AS (SELECT * FROM ranked WHERE _rank = 1),
          fill AS (SELECT ${key.map((k) => `w.${q(k)}`).join(', ')},
                          ${fillable.map((c) => `arg_min(r.${q(c.name)}, r._rank) FILTER (WHERE r.${q(c.name)} IS NOT NULL) AS ${q(c.name)}`).join(', ')}
                   FROM ranked r JOIN winner w ON ${same('r', 'w')} AND r.source <> w.source GROUP BY ALL)
     SELECT ${cols.map((c) => q(c.name)).join(', ')} FROM (
       SELECT ${cols.map((c) => q(c.name)).join(', ')}, _file_order, _seq FROM ${stg} s ANTI JOIN ${keys} k ON ${same('s', 'k')}
       UNION ALL
       SELECT ${cols.map((c) => (fillable.includes(c) ? `coalesce(w.${q(c.name)}, f.${q(c.name)})` : `w.${q(c.name)}`)).join(', ')}, w._file_order, w._seq
       FROM winner w LEFT JOIN fill f ON ${same('f', 'w')})
     ORDER BY _file_order, _seq, ${keyList}`,
  );
  await db.run(`DROP TABLE ${keys}`);
}

/**
 * References may use a record's name instead of its id (a ServiceNow CI's display value, an environment
 * as a booking tool names it): a name that belongs to exactly one record is replaced by its id.
 */
const NAMED_REFERENCES: ReadonlyArray<{ target: string; refs: ReadonlyArray<[table: string, column: string]>; lists?: ReadonlyArray<[string, string]> }> = [
  { target: 'system', refs: [['change', 'system_id'], ['incident', 'system_id'], ['deployment', 'system_id']], lists: [['release', 'system_ids']] },
  { target: 'environment', refs: [['booking', 'environment_id'], ['deployment', 'environment_id']] },
];

async function resolveNames(db: Db): Promise<void> {
  for (const { target, refs, lists = [] } of NAMED_REFERENCES) {
    const byName = `(SELECT lower(name) AS k, min(id) AS id FROM ${q(target)} WHERE name IS NOT NULL GROUP BY 1 HAVING count(*) = 1)`;
    for (const [t, c] of refs) {
      await db.run(
        `UPDATE ${q(t)} SET ${q(c)} = s.id FROM ${byName} s
         WHERE lower(${q(t)}.${q(c)}) = s.k AND ${q(t)}.${q(c)} NOT IN (SELECT id FROM ${q(target)})`,
      );
    }
    for (const [t, c] of lists) {
      await db.run(
        `UPDATE ${q(t)} SET ${q(c)} = list_transform(${q(c)}, x -> CASE WHEN list_contains(m.ids, x) THEN x ELSE coalesce(map_extract_value(m.names, lower(x)), x) END)
         FROM (SELECT (SELECT list(id) FROM ${q(target)}) AS ids, (SELECT map_from_entries(list({'k': k, 'v': id})) FROM ${byName}) AS names) m
         WHERE ${q(c)} IS NOT NULL`,
      );
    }
  }
}

/** References the model requires (a booking's environment): rows naming no known record are rejected. */
async function enforceReferences(db: Db): Promise<void> {
  for (const rule of REFERENCE_RULES) {
    const table = q(ENTITIES[rule.entity].table);
    const dangling = `${q(rule.field)} IS NOT NULL AND ${q(rule.field)} NOT IN (SELECT ${q(ENTITIES[rule.target].key[0]!)} FROM ${q(ENTITIES[rule.target].table)})`;
    await db.run(
      `INSERT INTO rejects SELECT source_file, source_line, source_pointer, ${lit(rule.entity)}, ${lit(rule.field)}, ${q(rule.field)}, ${lit(rule.expected)} FROM ${table} WHERE ${dangling}`,
    );
    await db.run(`DELETE FROM ${table} WHERE ${dangling}`);
  }
}

/** Other references to records no export holds: reported, not rejected (exports are often partial). */
async function danglingReferences(db: Db, warnings: Warning[]): Promise<void> {
  const checks: Array<[string, string, string, string]> = [
    ['work_item', 'unnest(release_ids)', 'release', 'release'],
    ['release', 'project_id', 'project', 'project'],
    ['change', 'release_id', 'release', 'release'],
    ['deployment', 'release_id', 'release', 'release'],
    ['release_dependency', 'depends_on_id', 'release', 'release'],
    ['release_dependency', 'release_id', 'release', 'release'],
    ['test_cycle', 'release_id', 'release', 'release'],
  ];
  for (const [table, expr, target, label] of checks) {
    const rows = await db.all<{ n: number; sample: string }>(
      `WITH refs AS (SELECT DISTINCT ${expr} AS ref FROM ${q(table)})
       SELECT count(*)::INTEGER AS n, string_agg(ref, ', ' ORDER BY ref) FILTER (WHERE ref IS NOT NULL) AS sample
       FROM (SELECT ref FROM refs WHERE ref IS NOT NULL AND ref NOT IN (SELECT id FROM ${q(target)}) ORDER BY ref LIMIT 10000)`,
    );
    const r = rows[0];
    const total = (await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${q(target)}`))[0]?.n ?? 0;
    if (r && r.n > 0 && total > 0) {
      const sample = r.sample.split(', ').slice(0, 5).join(', ');
      warnings.push({ path: '', code: 'unknown-reference', message: `${table}: ${r.n} ${label} id(s) not found in any export (e.g. ${sample})`, count: r.n });
    }
  }
}

/** Observed events (plans are not): the newest is the default as-of date (docs/metrics.md, Conventions). */
const EVENTS: ReadonlyArray<[table: string, columns: readonly string[]]> = [
  ['work_item', ['created', 'resolved', 'updated']],
  ['work_item_transition', ['at']],
  ['change', ['opened_at', 'closed_at', 'actual_end']],
  ['incident', ['opened_at', 'resolved_at', 'closed_at']],
  ['deployment', ['started_at', 'finished_at']],
  ['release', ['actual_release']],
  ['lesson', ['date']],
];

/** How long after the exports were written an event may seem to lie: clocks and time zones differ. */
export const EVENT_SLACK_DAYS = 7;

/**
 * The newest observed event, as a date in the configured time zone. An event dated more than
 * EVENT_SLACK_DAYS after `written` (when the exports were written) has not happened: a "never"
 * placeholder such as 9999-12-31, or a typo. It is left out, with a warning saying where, as one
 * such date would otherwise move every "today" of the report.
 */
export async function newestEventDate(db: Db, timeZone: string, written: Date, warnings: Warning[]): Promise<string | null> {
  const events = EVENTS.flatMap(([table, cols]) => cols.map((c) =>
    `SELECT ${lit(`${table}.${c}`)} AS field, ${q(c)}::TIMESTAMP AS t, source_file, source_line, source_pointer FROM ${q(table)} WHERE ${q(c)} IS NOT NULL`,
  )).join(' UNION ALL ');
  const late = `t > ${lit(new Date(written.getTime() + EVENT_SLACK_DAYS * 86_400_000).toISOString())}::TIMESTAMPTZ::TIMESTAMP`;
  const [row] = await db.all<{ d: string | null; late: number }>(
    `SELECT strftime(timezone(${lit(timeZone)}, (max(t) FILTER (WHERE NOT (${late})))::TIMESTAMPTZ), '%Y-%m-%d') AS d, (count(*) FILTER (WHERE ${late}))::INTEGER AS late FROM (${events})`,
  );
  if (row?.late) {
    type Latest = { field: string; value: string; file: string | null; line: number | null; pointer: string | null };
    const [{ field, value, file, line, pointer }] = (await db.all<Latest>(
      `SELECT field, strftime(t, '%Y-%m-%d') AS value, source_file AS file, source_line AS line, source_pointer AS pointer FROM (${events})
       WHERE ${late} ORDER BY t DESC, file, line, pointer LIMIT 1`,
    )) as [Latest];
    const where = line !== null ? `line ${line}` : (pointer ?? '?') || '/';
    warnings.push({
      path: file ?? '',
      code: 'future-event',
      message: `${row.late} event date(s) lie more than ${EVENT_SLACK_DAYS} days after the exports were written (${written.toISOString().slice(0, 10)}), like ${field} ${value} at ${where}: a placeholder or a typo, left out of the as-of date`,
      count: row.late,
    });
  }
  return row?.d ?? null;
}

export async function finalize(db: Db, warnings: Warning[]): Promise<void> {
  for (const n of ENTITY_NAMES) await dedupe(db, n, warnings);
  await deriveReleaseDependencies(db, warnings);
  await resolveNames(db);
  await linkDeploymentReleases(db, warnings);
  await enforceReferences(db);
  await danglingReferences(db, warnings);
  await reportDependencyCycles(db, warnings);
}
