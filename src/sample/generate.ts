// `almanac sample`: builds the fictional enterprise for a seed and writes its exports. Small records
// (releases, bookings, lessons…) are built in memory; work items, deployments, changes and incidents
// stream to their files.
import fs from 'node:fs';
import { byText } from './order.ts';
import { buildWorld, SCALES, type ScaleName, type ScaleSpec } from './build-world.ts';
import { generateBookings } from './bookings.ts';
import { generateCosts, generateLessons } from './governance.ts';
import { generateOperations } from './operations.ts';
import { Rng } from './random.ts';
import { generateCapacity, generateTestCycles } from './testing.ts';
import { DeploymentsCsv, writeCanonical, type FileReport } from './write/canonical.ts';
import { writeJira } from './write/jira.ts';
import { writeReadme } from './write/readme.ts';
import { ServiceNowFiles } from './write/servicenow.ts';

export const DEFAULT_SEED = 20261015;

export interface SampleOptions {
  scale: ScaleName;
  seed: number;
  out: string;
  /** Overrides the scale's volumes (tests use a lighter world). */
  spec?: ScaleSpec;
}

export interface SampleResult {
  out: string;
  files: FileReport[];
  /** Files in the folder that the sample did not write (ingest would read them too). */
  foreign: string[];
}

export function generateSample(opts: SampleOptions): SampleResult {
  fs.mkdirSync(opts.out, { recursive: true });
  const world = buildWorld(opts.seed, opts.spec ?? SCALES[opts.scale]);
  const rng = new Rng(opts.seed, 'records');
  const bookings = generateBookings(rng.fork('bookings'), world);
  const cycles = generateTestCycles(rng.fork('test-cycles'), world);
  const files = writeCanonical(opts.out, world, {
    bookings, cycles, capacity: generateCapacity(rng.fork('capacity'), world, cycles),
    lessons: generateLessons(rng.fork('lessons'), world), costs: generateCosts(rng.fork('costs'), world),
  });

  files.push(...writeJira(opts.out, world, rng));

  const deployments = new DeploymentsCsv(opts.out);
  const snow = new ServiceNowFiles(opts.out, world.timeline.exportAt);
  generateOperations(rng.fork('operations'), world, bookings, {
    deployment: (d) => deployments.add(d),
    change: (c) => snow.change(c),
    incident: (i) => snow.incident(i),
  });
  files.push(deployments.close(), ...snow.close());
  files.push(writeReadme(opts.out, world, files, opts.seed, opts.scale));

  const written = new Set(files.map((f) => f.file));
  const foreign = fs.readdirSync(opts.out).filter((f) => !written.has(f) && !f.startsWith('.')).sort();
  return { out: opts.out, files: files.sort((a, b) => byText(a.file, b.file)), foreign };
}
