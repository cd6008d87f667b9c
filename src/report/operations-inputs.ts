// What the changes and delivery pages read from the database besides whole canonical rows: where each
// row came from (file and line or JSON pointer), and the start of work of done work items, grouped.
import type { Db } from '../db/duckdb.ts';
import { quoteIdent as q } from '../db/schema.ts';
import type { ItemStart } from '../metrics/delivery-lead-time.ts';
import type { SourceRef } from './model-changes.ts';

export interface Sources {
  change: Map<string, SourceRef>;
  incident: Map<string, SourceRef>;
  deployment: Map<string, SourceRef>;
  release: Map<string, SourceRef>;
}

/**
 * Where each row of `table` came from, by key. `ids` are the table's keys in key order (as loadRows
 * reads them): the sources are read in the same order and matched by position, as reading a key
 * string per row back from DuckDB took longer than the rest of the query (~0.6 s at enterprise scale).
 */
async function sourcesOf(db: Db, table: string, key: string, ids: readonly string[]): Promise<Map<string, SourceRef>> {
  // Files by number: hundreds of thousands of rows share a few file names, each read and kept once.
  const numbered = `(SELECT (row_number() OVER (ORDER BY source_file) - 1)::INTEGER AS i, source_file FROM (SELECT DISTINCT source_file FROM ${q(table)} WHERE source_file IS NOT NULL))`;
  const name = (await db.all<{ file: string }>(`SELECT source_file AS file FROM ${numbered} ORDER BY i`)).map((f) => f.file);
  const rows = await db.all<{ fi: number | null; line: number | null; pointer: string | null }>(
    `SELECT f.i AS fi, t.source_line AS line, t.source_pointer AS pointer FROM ${q(table)} t LEFT JOIN ${numbered} f ON f.source_file = t.source_file ORDER BY t.${q(key)}`,
  );
  if (rows.length !== ids.length) throw new Error(`table ${table} has ${rows.length} rows where ${ids.length} were read: was the database changed during the build?`);
  return new Map(rows.map(({ fi, line, pointer }, i) => [ids[i]!, { file: fi === null ? null : name[fi]!, line, pointer }]));
}

/** The keys of the rows whose sources the pages show, each table's in key order. */
export interface SourceIds {
  change: readonly string[];
  incident: readonly string[];
  deployment: readonly string[];
  release: readonly string[];
}

export async function rowSources(db: Db, ids: SourceIds): Promise<Sources> {
  return {
    change: await sourcesOf(db, 'change', 'number', ids.change),
    incident: await sourcesOf(db, 'incident', 'number', ids.incident),
    deployment: await sourcesOf(db, 'deployment', 'id', ids.deployment),
    release: await sourcesOf(db, 'release', 'id', ids.release),
  };
}

/**
 * Done work items (epics excluded) of releases with a successful deployment, grouped by releases and
 * start of work: the first transition into a status that the export files under category in_progress
 * (statuses are compared without case), else the item's creation.
 */
export async function itemStarts(db: Db): Promise<ItemStart[]> {
  // Release ids travel joined by the ASCII unit separator and instants as epoch milliseconds: reading a
  // list or a formatted string per row costs seconds at a million items.
  const rows = await db.all<{ ids: string; start: number; items: number }>(
    `WITH working AS (SELECT DISTINCT lower(status) AS status FROM work_item WHERE status_category = 'in_progress' AND status IS NOT NULL),
     started AS (SELECT t.key, min(t.at) AS at FROM work_item_transition t JOIN working w ON lower(t.to_status) = w.status GROUP BY t.key),
     shipped AS (SELECT DISTINCT release_id AS id FROM deployment WHERE status = 'success' AND release_id IS NOT NULL),
     done AS (SELECT key, release_ids, created FROM work_item WHERE type IS DISTINCT FROM 'epic' AND status_category = 'done'),
     delivered AS (SELECT DISTINCT d.key FROM (SELECT key, unnest(release_ids) AS r FROM done) d JOIN shipped ON shipped.id = d.r)
     SELECT array_to_string(list_sort(i.release_ids), chr(31)) AS ids, epoch_ms(coalesce(s.at, i.created))::DOUBLE AS start, count(*)::INTEGER AS items
     FROM done i JOIN delivered USING (key) LEFT JOIN started s ON s.key = i.key
     GROUP BY ALL ORDER BY start, ids`,
  );
  // Start times are nearly unique, so there are almost as many groups as items (927,000 of 1,000,000 at
  // enterprise scale), but few lists of releases: groups share theirs (142 MB held → 64 MB).
  const lists = new Map<string, readonly string[]>();
  const releases = (ids: string) => lists.get(ids) ?? lists.set(ids, ids.split('\u001f')).get(ids)!;
  return rows.map((r) => ({ releaseIds: releases(r.ids), start: r.start, items: r.items }));
}
