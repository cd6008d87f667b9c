// writeMetrics writes metrics.csv in pieces: the same file as the whole CSV in one string, header once.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { metricsCsv, writeMetrics } from '../../src/publish/metrics-export.ts';
import type { MetricRow } from '../../src/metrics/types.ts';
import { tempDir } from '../helpers/ingest.ts';

it('writes metrics.csv and metrics.json of more rows than one piece as whole files would be', () => {
  const rows = Array.from({ length: 45_001 }, (_, i) => ({
    metric: 'changes.count', scope_kind: 'system', scope_id: i % 5 ? `sys-${i}` : '=cmd|x', period: '2026-10',
    value: i, unit: 'count', detail: i % 2 ? null : 'a, "quoted"\ndetail',
  })) as unknown as MetricRow[];
  const dir = tempDir();
  writeMetrics(dir, rows);
  const csv = fs.readFileSync(path.join(dir, 'metrics.csv'), 'utf8');
  expect(csv).toBe(metricsCsv(rows));
  expect(csv.match(/^metric,/gm)).toHaveLength(1);
  expect(fs.readFileSync(path.join(dir, 'metrics.json'), 'utf8')).toBe(`${JSON.stringify(rows, null, 1)}\n`);
});
