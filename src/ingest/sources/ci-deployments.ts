// What the CI adapters (Jenkins builds, Azure DevOps builds and release deployments) share. A CI tool
// does not say which runs deploy: every run of a job or pipeline in the export is taken as a
// deployment of it (a deploy job's history is what users export), and the config says what the job
// deploys where the names do not.
import { enumKey } from '../map/convert.ts';
import type { Config } from '../config.ts';
import type { FileContext } from '../context.ts';
import { isProductionName, mappedByRule } from './github-gitlab-common.ts';

type Entry = Config['jenkins']['jobs'][string];

export interface CiTarget {
  system?: string;
  environment?: string;
  production?: boolean;
}

/** The config's entry under the first of `keys` it has (compared case-insensitively), as a target. */
export function ciTarget(entries: Record<string, Entry>, keys: Array<string | undefined>): CiTarget {
  const byKey = new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
  const found = keys.map((k) => (k === undefined ? undefined : byKey.get(k.toLowerCase()))).find((e) => e !== undefined);
  return typeof found === 'string' ? { system: found } : { ...found };
}

/** Production: the config's word, else "prod" in the environment's name, else in the job's. */
export function isProduction(target: CiTarget, environment: string | undefined, jobName: string | undefined): boolean | undefined {
  if (target.production !== undefined) return target.production;
  const name = environment ?? jobName;
  return name === undefined ? undefined : isProductionName(name);
}

/** Run parameters naming the version deployed, and the environment deployed to (any case). */
const VERSION_PARAMETERS = ['version', 'tag', 'release'];
const ENVIRONMENT_PARAMETERS = ['environment', 'env', 'target_environment', 'target_env', 'deploy_env'];

function parameter(params: ReadonlyMap<string, string>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = params.get(n)?.trim();
    if (v) return v;
  }
  return undefined;
}

export const versionParameter = (params: ReadonlyMap<string, string>) => parameter(params, VERSION_PARAMETERS);
export const environmentParameter = (params: ReadonlyMap<string, string>) => parameter(params, ENVIRONMENT_PARAMETERS);

export interface Sorted<T> {
  /** Runs with an outcome (or a status the mapper will reject with its value). */
  ended: T[];
  /** Tool statuses of the runs still queued or running. */
  running: string[];
  /** Statuses the tool does not document and no `values` rule maps. */
  unknown: string[];
}

/**
 * Sorts runs by what their status says: still running (left out until an export shows the outcome),
 * ended, or unknown. `status` is the tool's outcome; a `values` rule that maps it decides, even for a
 * run the tool shows as running.
 */
export function sortRuns<T>(
  ctx: FileContext, runs: readonly T[], statusMap: Readonly<Record<string, string>>,
  status: (run: T) => { status: string | undefined; running: string | null },
): Sorted<T> {
  const mapped = mappedByRule(ctx);
  const known = new Set(Object.keys(statusMap).map(enumKey));
  const out: Sorted<T> = { ended: [], running: [], unknown: [] };
  for (const run of runs) {
    const s = status(run);
    if (s.status !== undefined && mapped(s.status)) out.ended.push(run);
    else if (s.running !== null) out.running.push(s.running);
    else if (s.status !== undefined && !known.has(enumKey(s.status))) out.unknown.push(s.status);
    else out.ended.push(run);
  }
  return out;
}

/** An instant from epoch milliseconds, as ISO 8601 UTC; anything else as it is, for the mapper to reject. */
export function epochMs(v: unknown): string | undefined {
  if (typeof v === 'number' && Math.abs(v) <= MAX_EPOCH_MS) return new Date(v).toISOString();
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** The largest time a JavaScript date holds. */
const MAX_EPOCH_MS = 8.64e15;
