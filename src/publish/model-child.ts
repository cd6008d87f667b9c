// The process model-step.ts starts: database → report model → files. Argument: a ModelStepInput (JSON).
import fs from 'node:fs';
import { openDb } from '../db/duckdb.ts';
import { buildModel, type EarlyParts } from '../report/build-model.ts';
import { describeCycle } from '../ingest/derive/dependency-cycles.ts';
import { statusSnapshot } from '../report/status-history.ts';
import { openJsonObject } from './json-file.ts';
import { writeMetrics } from './metrics-export.ts';
import { modelFiles, type ModelStepInput, type ModelStepOutput } from './model-step.ts';
import { stopWithParent } from './node-child.ts';

stopWithParent();
const input = JSON.parse(process.argv[2] ?? '{}') as ModelStepInput;
const files = modelFiles(input.dir);
try {
  const db = await openDb(input.db, { readOnly: true });
  // The largest parts are written while the model's other threads finish theirs: the pages' model
  // took ~4.5 s to write at enterprise scale, ~3 s of it these parts.
  const report = openJsonObject(files.report, { ascii: true });
  const written = new Set<string>();
  const early = (parts: EarlyParts) => {
    for (const [key, value] of Object.entries(parts)) {
      report.member(key, value);
      written.add(key);
    }
  };
  const { metrics, ...site } = await buildModel(db, input.options, early)
    .catch((err: unknown) => {
      report.abandon();
      throw err;
    })
    .finally(() => db.close());
  // The pages never read the metric rows: they go to data/ only.
  for (const [key, value] of Object.entries(site)) if (!written.has(key)) report.member(key, value);
  report.close();
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
