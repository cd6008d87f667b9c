// The data page: what the last ingest read, rejected and warned about.
import { lit, type Db } from '../db/duckdb.ts';
import { ENTITIES, ENTITY_NAMES } from '../model/catalog.ts';
import { quoteIdent as q } from '../db/schema.ts';
import { PERSONAL_FIELDS } from '../model/personal-fields.ts';
import type { DataQuality } from './model.ts';

/** Rejects listed on the page; the count says how many there are in all. */
const REJECTS_SHOWN = 500;

export async function dataQuality(db: Db): Promise<DataQuality> {
  const [run] = await db.all<{ as_of: string | null; time_zone: string; report_year: number | null; forecast_seed: number | null; forecast_window_days: number | null; monthly_grace_days: number | null; files: number; rows_loaded: number; rows_rejected: number; tool_version: string; pseudonymized: string | null }>(
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, time_zone, report_year, forecast_seed::DOUBLE AS forecast_seed, forecast_window_days, monthly_grace_days, files, rows_loaded::DOUBLE AS rows_loaded, rows_rejected::DOUBLE AS rows_rejected, tool_version, pseudonymized
     FROM ingest_runs ORDER BY finished_at DESC LIMIT 1`,
  );
  const files = await db.all<DataQuality['files'][number]>(
    `SELECT path, adapter, format, entities, records::DOUBLE AS records, "rows"::DOUBLE AS "rows", rejected::DOUBLE AS rejected, encoding FROM ingest_files ORDER BY path`,
  );
  const warnings = await db.all<DataQuality['warnings'][number]>(
    `SELECT path, code, message, count::DOUBLE AS count FROM ingest_warnings ORDER BY path, code, message`,
  );
  const rejects = await db.all<DataQuality['rejects'][number]>(
    `SELECT path, line, pointer, entity, field, value, expected FROM rejects ORDER BY path, line NULLS LAST, pointer, field LIMIT ${REJECTS_SHOWN}`,
  );
  const [{ n: rejectCount } = { n: 0 }] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM rejects`);
  const counts = await db.all<{ table: string; rows: number }>(
    ENTITY_NAMES.map((n) => `SELECT ${lit(ENTITIES[n].table)} AS "table", count(*)::INTEGER AS "rows" FROM ${q(ENTITIES[n].table)}`).join(' UNION ALL '),
  );
  const tables = ENTITY_NAMES.map((n) => ({
    table: ENTITIES[n].table,
    label: ENTITIES[n].label,
    rows: counts.find((c) => c.table === ENTITIES[n].table)?.rows ?? 0,
  }));
  return {
    run: run
      ? { asOf: run.as_of, timeZone: run.time_zone, reportYear: run.report_year,
        forecastSeed: run.forecast_seed, forecastWindowDays: run.forecast_window_days, monthlyGraceDays: run.monthly_grace_days, files: run.files, rowsLoaded: run.rows_loaded, rowsRejected: run.rows_rejected, toolVersion: run.tool_version,
        pseudonymized: run.pseudonymized === 'people' ? PERSONAL_FIELDS.map((f) => `${f.entity}.${f.field}`) : null }
      : null,
    files,
    warnings,
    rejects,
    rejectCount,
    tables,
  };
}
