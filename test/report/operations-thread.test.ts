// The operations thread (report/operations-thread.ts) gives what operations() gives on this thread, it
// builds nothing before it has the release and environment references, and a thread that cannot read
// its database fails the model.
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDb } from '../../src/db/duckdb.ts';
import { operations, type OperationsRefs } from '../../src/report/operations.ts';
import { operationsInThread } from '../../src/report/operations-thread.ts';
import { FIXTURES, ingestFiles, tempDir } from '../helpers/ingest.ts';

const DIR = path.join(FIXTURES, 'metrics/delivery');
const asOf = '2026-03-31';
const job = (db: string) => ({ db, timeZone: 'UTC', asOf, reportYear: 2024 });
const refs: OperationsRefs = {
  releaseRefs: [{ id: 'PAY-1', slug: 'pay-1', name: 'Payments 1' }],
  environmentRefs: [{ id: 'PROD', slug: 'prod', name: 'Production' }],
};

it('builds the changes and delivery pages on its thread exactly as on this one, once given the references', async () => {
  const run = await ingestFiles(['changes.csv', 'deployments.csv', 'environments.csv', 'incidents.csv', 'releases.csv', 'systems.csv', 'work_items.csv'].map((f) => path.join(DIR, f)), { asOf });
  expect(run.summary.errors).toEqual([]);
  const db = await openDb(run.db, { readOnly: true });
  const here = await operations(db, job(run.db), Promise.resolve(refs)).finally(() => db.close());
  expect(here.changes.rows.length).toBeGreaterThan(0);
  expect(here.delivery.attributions.length).toBeGreaterThan(0);

  const threaded = operationsInThread(job(run.db));
  let settled = false;
  void threaded.result.finally(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(settled).toBe(false);
  threaded.supply(refs);
  expect(await threaded.result).toEqual(here);
});

it('rejects when the thread cannot open the database', async () => {
  const missing = path.join(tempDir(), 'sub', 'none.duckdb');
  await expect(operationsInThread(job(missing)).result).rejects.toThrow(/none\.duckdb/);
});
