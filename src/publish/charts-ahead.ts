// Renders the release pages' charts on a worker thread (charts-worker.ts) while Astro renders pages on
// this one: Plot's work for 1,500 release pages moves to the machine's second core. A page asks for
// its release's charts (release-charts.ts); if the worker fails, pages render their own charts.
import { Worker } from 'node:worker_threads';
import { CHARTS_AHEAD, type ReleaseCharts } from '../components/charts/release-charts.ts';

export function renderChartsAhead(reportFile: string): void {
  const done = new Map<string, ReleaseCharts>();
  const waiting = new Map<string, (charts: ReleaseCharts | null) => void>();
  let running = true;
  const worker = new Worker(new URL('./charts-worker.ts', import.meta.url), { workerData: { reportFile } });
  worker.on('message', ({ id, charts }: { id: string; charts: ReleaseCharts }) => {
    const resolve = waiting.get(id);
    waiting.delete(id);
    if (resolve) resolve(charts);
    else done.set(id, charts);
  });
  const stop = () => {
    running = false;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  // A failure here is not the build's: the page renders the chart itself, and fails there if it must.
  worker.on('error', stop);
  worker.on('exit', stop);
  (globalThis as Record<symbol, unknown>)[CHARTS_AHEAD] = (id: string): Promise<ReleaseCharts | null> => {
    const charts = done.get(id);
    if (charts) {
      done.delete(id);
      return Promise.resolve(charts);
    }
    return running ? new Promise((resolve) => waiting.set(id, resolve)) : Promise.resolve(null);
  };
}
