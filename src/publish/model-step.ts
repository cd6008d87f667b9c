// The model step of a site build, in a process of its own (model-child.ts): the database is read and
// the report model built there, and what the later steps need is left in files, so the model's
// memory is gone before Astro starts.
import fs from 'node:fs';
import path from 'node:path';
import type { ModelOptions } from '../report/build-model.ts';
import type { StatusSnapshot } from '../report/status-history.ts';
import type { MonthlyPage } from '../report/model-monthly.ts';
import { runNodeChild } from './node-child.ts';

export interface ModelStepInput {
  db: string;
  /** Folder the step writes into (see ModelStepOutput). */
  dir: string;
  options: ModelOptions;
}

/** What the model step leaves in its folder besides `report.json` (the pages' model) and `data/` (metrics.csv, metrics.json). */
export interface ModelStepOutput {
  asOf: string;
  metrics: number;
  status: StatusSnapshot;
  /** Closed months to freeze once the site is in place. */
  freeze: MonthlyPage[];
  warnings: string[];
}

export const modelFiles = (dir: string) => ({
  report: path.join(dir, 'report.json'),
  data: path.join(dir, 'data'),
  outcome: path.join(dir, 'outcome.json'),
  error: path.join(dir, 'error.txt'),
});

export async function runModelStep(input: ModelStepInput): Promise<ModelStepOutput> {
  const files = modelFiles(input.dir);
  // The child runs in the project folder: paths relative to where the user stands must not move.
  const abs = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p));
  const resolved: ModelStepInput = {
    db: path.resolve(input.db), dir: path.resolve(input.dir),
    options: { ...input.options, statusDir: abs(input.options.statusDir), monthlyDir: abs(input.options.monthlyDir) },
  };
  await runNodeChild(
    path.join(import.meta.dirname, 'model-child.ts'), resolved, (code, stderr) =>
      // The child's own message when it gave one (a damaged snapshot, no reference date…), as if thrown here.
      new Error(fs.existsSync(files.error) ? fs.readFileSync(files.error, 'utf8') : `the report model could not be built (exit ${code}): ${stderr || 'no message'}`),
    // Three heaps grow at once here (the model's and its two threads', see build-model.ts). With 64 MB
    // semispaces the enterprise model step alone peaked at 2,030–2,036 MB, with 32 MB at 1,636–1,673 MB
    // (2 alternating pairs; 52–58 s against 52–54 s), and the build at 2,061 MB, over its budget.
    { semiSpaceMb: 32 },
  );
  return JSON.parse(fs.readFileSync(files.outcome, 'utf8')) as ModelStepOutput;
}
