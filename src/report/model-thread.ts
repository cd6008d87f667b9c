// A part of the report model computed on a thread of its own, with its own connection to the database,
// while the main thread builds the rest: a two-core machine does both at once. Its result crosses back
// by structured clone (Maps and typed arrays intact).
import { Worker, type ResourceLimits } from 'node:worker_threads';

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
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the thread ${script.pathname.split('/').pop()} stopped (exit ${code})`));
    });
  });
  // Handled where it is awaited; until then a failure must not count as unhandled.
  result.catch(() => {});
  return { result, post: (value) => worker.postMessage(value) };
}
