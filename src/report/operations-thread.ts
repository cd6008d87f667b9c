// Change management and delivery are the model's biggest tables (changes, deployments, incidents) and
// need of the rest only how releases and environments are linked: a thread of their own loads and
// analyses them beside the main thread (after the forecasts, the model step's longest work).
import { modelThread } from './model-thread.ts';
import type { Operations, OperationsJob, OperationsRefs } from './operations.ts';

export interface OperationsRun {
  /** Lets the thread build its pages: until then it only loads rows. */
  supply(refs: OperationsRefs): void;
  result: Promise<Operations>;
  /**
   * Ends a thread that will not be given its references (it would wait for them for ever): it stops
   * once it has loaded its rows, and its result rejects. Not Worker.terminate(): stopping a thread in
   * the middle of a DuckDB call aborted the whole process.
   */
  stop(): void;
}

export function operationsInThread(job: OperationsJob): OperationsRun {
  // A small young generation, as the forecasts thread's: three heaps grow at once in the model step
  // (~1.9 GB at its peak at enterprise scale), and this one's rows live to the end anyway.
  const thread = modelThread<Operations>(new URL('./operations-worker.ts', import.meta.url), job, { maxYoungGenerationSizeMb: 48 });
  return { supply: (refs) => thread.post(refs), result: thread.result, stop: () => thread.post(null) };
}
