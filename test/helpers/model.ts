// Test helper: the report model of fixture exports, ingested for real into a temporary database.
import { expect } from 'vitest';
import { openDb } from '../../src/db/duckdb.ts';
import type { IngestOptions } from '../../src/ingest/pipeline.ts';
import { buildModel, type ModelOptions } from '../../src/report/build-model.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { ingestFiles } from './ingest.ts';

export async function modelOf(inputs: string[], ingestOpts: Partial<IngestOptions> = {}, modelOpts: ModelOptions = {}): Promise<ReportModel> {
  const run = await ingestFiles(inputs, ingestOpts);
  expect(run.summary.errors).toEqual([]);
  const db = await openDb(run.db, { readOnly: true });
  return buildModel(db, modelOpts).finally(() => db.close());
}
