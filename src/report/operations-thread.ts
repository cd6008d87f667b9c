// Change management and delivery are the model's biggest tables (changes, deployments, incidents) and
// need of the rest only how releases and environments are linked: a thread of their own loads and
// analyses them beside the main thread (after the forecasts, the model step's longest work).
import { modelThread } from './model-thread.ts';
import type { Operations, OperationsJob, OperationsRefs } from './operations.ts';

export interface OperationsRun {
  /** Lets the thread build its pages: until then it only loads rows. */
  supply(refs: OperationsRefs): void;
  result: Promise<Operations>;
}

export function operationsInThread(job: OperationsJob): OperationsRun {
  const thread = modelThread<Operations>(new URL('./operations-worker.ts', import.meta.url), job);
  return { supply: (refs) => thread.post(refs), result: thread.result };
}
