// The second thread of the pages step (charts-ahead.ts): renders every release page's charts from the
// report model, in the order Astro renders the pages, and posts each as it is done.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { releaseCharts } from '../components/charts/release-charts.ts';
import type { SiteModel } from '../report/model.ts';

const { reportFile } = workerData as { reportFile: string };
// Only what the charts read is kept: the rest of the model is garbage once parsed.
const { releases, meta } = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as SiteModel;
const details = new Map(releases.details.map((d) => [d.id, d]));
for (const row of releases.rows) {
  const detail = details.get(row.id);
  if (detail) parentPort!.postMessage({ id: row.id, charts: releaseCharts(detail, row.plannedRelease, meta.asOf) });
}
