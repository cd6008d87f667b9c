// dist/data/metrics.csv and metrics.json: every number the site shows, one tidy row each (CONTRACT.md).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { MetricRow } from '../metrics/types.ts';

export const METRIC_COLUMNS = ['metric', 'scope_kind', 'scope_id', 'period', 'value', 'unit', 'detail'] as const;

/** CSV with text cells that start with = + - @ or a tab neutralised (numbers stay numbers). */
export function metricsCsv(rows: readonly MetricRow[]): string {
  return Papa.unparse(
    { fields: [...METRIC_COLUMNS], data: rows.map((r) => METRIC_COLUMNS.map((c) => r[c] ?? '')) },
    { escapeFormulae: true, newline: '\n' },
  ) + '\n';
}

export function writeMetrics(dir: string, rows: readonly MetricRow[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'metrics.csv'), metricsCsv(rows));
  fs.writeFileSync(path.join(dir, 'metrics.json'), JSON.stringify(rows, null, 1) + '\n');
}
