// The process model-step.ts starts: database → report model → files. Argument: a ModelStepInput (JSON).
import fs from 'node:fs';
import { openDb } from '../db/duckdb.ts';
import { buildModel } from '../report/build-model.ts';
import { describeCycle } from '../ingest/derive/dependency-cycles.ts';
import { statusSnapshot } from '../report/status-history.ts';
import { writeJsonFile } from './json-file.ts';
import { writeMetrics } from './metrics-export.ts';
import { modelFiles, type ModelStepInput, type ModelStepOutput } from './model-step.ts';
import { stopWithParent } from './node-child.ts';

stopWithParent();
const input = JSON.parse(process.argv[2] ?? '{}') as ModelStepInput;
const files = modelFiles(input.dir);
try {
  const db = await openDb(input.db, { readOnly: true });
  const { metrics, ...site } = await buildModel(db, input.options).finally(() => db.close());
  // The pages never read the metric rows: they go to data/ only.
  writeJsonFile(files.report, site, { ascii: true });
  writeMetrics(files.data, metrics);
  const outcome: ModelStepOutput = {
    asOf: site.meta.asOf,
    metrics: metrics.length,
    status: statusSnapshot(site.portfolio, site.meta.asOf),
    freeze: site.monthly.months.filter((m) => site.monthly.toFreeze.includes(m.month)),
    warnings: site.dependencies.cycles.map((c) => `dependency cycle between releases ${describeCycle(c.map((r) => r.id))} (listed on the dependencies page)`),
  };
  fs.writeFileSync(files.outcome, JSON.stringify(outcome));
} catch (err) {
  fs.writeFileSync(files.error, err instanceof Error ? err.message : String(err));
  // Now, not once the forecasts thread has finished work nobody will read.
  process.exit(1);
}
