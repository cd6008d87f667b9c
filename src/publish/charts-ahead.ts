// Renders the release and environment pages' charts on a worker thread (charts-worker.ts) while Astro
// renders pages on this one: Plot's work for those pages moves to the machine's second core. A page
// asks for its charts by key (page-charts.ts); if the worker fails, pages render their own charts.
import { Worker } from 'node:worker_threads';
import { CHARTS_AHEAD, type ChartsAhead } from '../components/charts/page-charts.ts';

export function renderChartsAhead(reportFile: string): void {
  const done = new Map<string, unknown>();
  const waiting = new Map<string, (charts: unknown) => void>();
  let running = true;
  const worker = new Worker(new URL('./charts-worker.ts', import.meta.url), { workerData: { reportFile } });
  worker.on('message', ({ key, charts }: { key: string; charts: unknown }) => {
    const resolve = waiting.get(key);
    waiting.delete(key);
    if (resolve) resolve(charts);
    else done.set(key, charts);
  });
  const stop = () => {
    running = false;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  // A failure here is not the build's: the page renders the chart itself, and fails there if it must.
  worker.on('error', stop);
  worker.on('exit', stop);
  const ahead: ChartsAhead = (key) => {
    if (done.has(key)) {
      const charts = done.get(key);
      done.delete(key);
      return Promise.resolve(charts);
    }
    return running ? new Promise((resolve) => waiting.set(key, resolve)) : Promise.resolve(null);
  };
  (globalThis as Record<symbol, unknown>)[CHARTS_AHEAD] = ahead;
}
