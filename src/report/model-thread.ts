// A part of the report model computed on a thread of its own, with its own connection to the database,
// while the main thread builds the rest: a two-core machine does both at once. Its result crosses back
// by structured clone (Maps and typed arrays intact).
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { openDb, type Db } from '../db/duckdb.ts';

export interface ModelThread<T> {
  /** What the thread posts once; rejects if it fails or stops first. */
  result: Promise<T>;
  /** Hands the thread a value it waits for (see operations-worker.ts). */
  post(value: unknown): void;
}

export function modelThread<T>(script: URL, job: unknown, resourceLimits?: ResourceLimits): ModelThread<T> {
  const worker = new Worker(script, { workerData: job, resourceLimits });
  const result = new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    // After its result this changes nothing; before it (a failure, a stop, even one before the thread
    // ran and so with exit code 0) the model must not wait for ever.
    worker.once('exit', (code) => reject(new Error(`the thread ${script.pathname.split('/').pop()} stopped (exit ${code}) before its result`)));
  });
  // Handled where it is awaited; until then a failure must not count as unhandled.
  result.catch(() => {});
  return { result, post: (value) => worker.postMessage(value) };
}

/**
 * A model thread's own connection to the database, read-only and with one DuckDB thread: with the
 * model's main thread and the other model thread, its queries already have the machine's two cores to share.
 */
export const openThreadDb = (file: string): Promise<Db> => openDb(file, { readOnly: true, threads: 1 });
