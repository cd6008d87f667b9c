// The thread backtest-thread.ts starts: one backtest, its result posted back (Maps and typed arrays
// cross intact: structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import { backtest } from '../metrics/backtest.ts';
import type { BacktestJob } from './backtest-thread.ts';

const { history, asOf, settings } = workerData as BacktestJob;
parentPort!.postMessage(backtest(history, asOf, settings));
