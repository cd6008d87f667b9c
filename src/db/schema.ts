// DuckDB DDL, generated from the zod model so that schema and tables cannot drift.
import { ENTITIES, ENTITY_NAMES, PROVENANCE_COLUMNS, entityColumns, type EntityName } from '../model/catalog.ts';
import { sqlType } from '../model/fields.ts';

export interface TableColumn {
  name: string;
  sql: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The stored columns of an entity's table: its fields, `<field>_raw` companions, then provenance. */
export function tableColumns(name: EntityName): TableColumn[] {
  const cols: TableColumn[] = [];
  for (const c of entityColumns(name)) {
    cols.push({ name: c.name, sql: sqlType(c.kind) });
    if (c.raw) cols.push({ name: `${c.name}_raw`, sql: 'VARCHAR' });
  }
  for (const p of PROVENANCE_COLUMNS) cols.push({ name: p.name, sql: p.sql });
  return cols;
}

function createTable(table: string, cols: readonly TableColumn[]): string {
  return `CREATE TABLE ${quoteIdent(table)} (${cols.map((c) => `${quoteIdent(c.name)} ${c.sql}`).join(', ')})`;
}

/** Bookkeeping of ingest runs: what was read, what was rejected and why. */
export const BOOKKEEPING: Record<string, TableColumn[]> = {
  ingest_runs: [
    { name: 'run_id', sql: 'VARCHAR' },
    { name: 'started_at', sql: 'TIMESTAMP' },
    { name: 'finished_at', sql: 'TIMESTAMP' },
    { name: 'as_of', sql: 'DATE' },
    { name: 'time_zone', sql: 'VARCHAR' },
    { name: 'report_year', sql: 'INTEGER' },
    { name: 'forecast_seed', sql: 'BIGINT' },
    { name: 'forecast_window_days', sql: 'INTEGER' },
    { name: 'monthly_grace_days', sql: 'INTEGER' },
    { name: 'inputs', sql: 'VARCHAR[]' },
    { name: 'files', sql: 'INTEGER' },
    { name: 'rows_loaded', sql: 'BIGINT' },
    { name: 'rows_rejected', sql: 'BIGINT' },
    { name: 'warnings', sql: 'INTEGER' },
    { name: 'tool_version', sql: 'VARCHAR' },
    // 'people' when the person fields hold pseudonyms (ingest --pseudonymize people), else NULL.
    { name: 'pseudonymized', sql: 'VARCHAR' },
  ],
  ingest_files: [
    { name: 'path', sql: 'VARCHAR' },
    { name: 'adapter', sql: 'VARCHAR' },
    { name: 'format', sql: 'VARCHAR' },
    { name: 'entities', sql: 'VARCHAR[]' },
    { name: 'records', sql: 'BIGINT' },
    { name: 'rows', sql: 'BIGINT' },
    { name: 'rejected', sql: 'BIGINT' },
    { name: 'bytes', sql: 'BIGINT' },
    { name: 'encoding', sql: 'VARCHAR' },
  ],
  ingest_warnings: [
    { name: 'path', sql: 'VARCHAR' },
    { name: 'code', sql: 'VARCHAR' },
    { name: 'message', sql: 'VARCHAR' },
    { name: 'count', sql: 'BIGINT' },
  ],
  rejects: [
    { name: 'path', sql: 'VARCHAR' },
    { name: 'line', sql: 'INTEGER' },
    { name: 'pointer', sql: 'VARCHAR' },
    { name: 'entity', sql: 'VARCHAR' },
    { name: 'field', sql: 'VARCHAR' },
    { name: 'value', sql: 'VARCHAR' },
    { name: 'expected', sql: 'VARCHAR' },
  ],
};

export function schemaDdl(): string[] {
  return [
    ...ENTITY_NAMES.map((n) => createTable(ENTITIES[n].table, tableColumns(n))),
    ...Object.entries(BOOKKEEPING).map(([t, cols]) => createTable(t, cols)),
  ];
}
