// The thread operations-thread.ts starts: the changes and delivery pages and their metric rows, built
// from its own connection. It loads the rows at once and waits for the release and environment
// references (posted by the main thread once it has built those pages) before it builds the pages.
import { parentPort, workerData } from 'node:worker_threads';
import { openThreadDb } from './model-thread.ts';
import { operations, type OperationsJob, type OperationsRefs } from './operations.ts';

const job = workerData as OperationsJob;
// null: the model failed before it had them (operations-thread.ts, stop).
const refs = new Promise<OperationsRefs>((resolve, reject) =>
  parentPort!.once('message', (refs: OperationsRefs | null) => (refs ? resolve(refs) : reject(new Error('stopped: the model failed before the release and environment references')))),
);
// Seen where operations() awaits it: an unhandled rejection would end the thread in the middle of a DuckDB call.
refs.catch(() => {});
const db = await openThreadDb(job.db);
parentPort!.postMessage(await operations(db, job, refs).finally(() => db.close()));
