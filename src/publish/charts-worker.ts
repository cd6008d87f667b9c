// The second thread of the pages step (charts-ahead.ts): renders the environment and release pages'
// charts from the report model, in the order Astro renders those pages, and posts each page's as done.
import { parentPort, workerData } from 'node:worker_threads';
import { chartsKey, environmentCharts, releaseCharts } from '../components/charts/page-charts.ts';
import { releaseLabels } from '../components/release-names.ts';
import { readReport } from '../report/read-model.ts';

const { reportFile } = workerData as { reportFile: string };
// Only what the charts read is kept: the rest of the model is garbage once parsed.
const { environments, releases, meta } = readReport(reportFile);
const label = releaseLabels(releases.rows);
const environmentDetails = new Map(environments.details.map((d) => [d.id, d]));
for (const row of environments.environments) {
  const detail = environmentDetails.get(row.id);
  if (detail) parentPort!.postMessage({ key: chartsKey('environment', row.id), charts: environmentCharts(row, detail, meta.asOf, label) });
}
const releaseDetails = new Map(releases.details.map((d) => [d.id, d]));
for (const row of releases.rows) {
  const detail = releaseDetails.get(row.id);
  if (detail) parentPort!.postMessage({ key: chartsKey('release', row.id), charts: releaseCharts(detail, row.plannedRelease, meta.asOf) });
}
