// A model that fails before the operations thread has the release and environment references stops
// that thread, which would otherwise wait for them for ever (report/build-model.ts).
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { openDb } from '../../src/db/duckdb.ts';
import { schemaDdl } from '../../src/db/schema.ts';
import { buildModel } from '../../src/report/build-model.ts';
import type { OperationsRun } from '../../src/report/operations-thread.ts';
import { tempDir } from '../helpers/ingest.ts';

const runs = vi.hoisted(() => [] as OperationsRun[]);
vi.mock('../../src/report/operations-thread.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/report/operations-thread.ts')>();
  return { operationsInThread: (...args: Parameters<typeof original.operationsInThread>) => runs[runs.push(original.operationsInThread(...args)) - 1]! };
});

it('stops the operations thread when the model fails before handing it the references', async () => {
  const file = path.join(tempDir(), 'bad-project.duckdb');
  const db = await openDb(file);
  for (const ddl of schemaDdl()) await db.run(ddl);
  // Read first on the main thread, never by the operations thread: the model fails before the references.
  await db.run(`INSERT INTO project (id, source) VALUES ('', 'canonical-csv')`);
  await expect(buildModel(db, { asOf: '2026-03-31' })).rejects.toThrow(/table project, row : id: expected a non-empty id/);
  db.close();
  expect(runs).toHaveLength(1);
  await expect(runs[0]!.result).rejects.toThrow(/stopped: the model failed before the release and environment references/);
}, 20_000);
