// Jenkins build history (`/job/<path>/api/json?tree=builds[…]` or `allBuilds[…]`, or a bare array of
// builds, as Apache DevLake stores them) → deployments, one per build (see ci-deployments.ts), with the
// id `jenkins:<job path>#<number>`.
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { RawRecord } from '../stage/records.ts';
import { ciTarget, environmentParameter, epochMs, isProduction, sortRuns, versionParameter } from './ci-deployments.ts';
import { mapDeployments, warnUnfinished, warnUnknownStatuses, type Located } from './github-gitlab-common.ts';
import { arr, obj, pointer, str, type Json } from './json-values.ts';

/** UNSTABLE builds ran to the end (tests failed after the deploy step): they deployed. NOT_BUILT ones deployed nothing. */
const STATUS_MAP = { success: 'success', unstable: 'success', failure: 'failure', aborted: 'cancelled', not_built: 'cancelled' };

const looksLikeBuild = (v: unknown) => {
  const o = obj(v);
  return typeof o?.number === 'number' && typeof o.timestamp === 'number' && ('result' in o || 'building' in o);
};

/** The builds of a job's answer (`builds` or `allBuilds`) or of a bare array, and the job when the answer names it. */
function buildList(json: unknown): { items: Located[]; job: Json | undefined } | null {
  const o = obj(json);
  const key = ['builds', 'allBuilds'].find((k) => Array.isArray(o?.[k]));
  const items = Array.isArray(json)
    ? json.map((value, i) => ({ value, at: [i] }))
    : key ? arr(o![key]).map((value, i) => ({ value, at: [key, i] })) : null;
  return items && items.length > 0 && looksLikeBuild(items[0]!.value) ? { items, job: key ? o : undefined } : null;
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** `folder/job` from a job's or a build's page (`https://<host>/job/folder/job/job/42/`, views skipped). */
function jobPathFromUrl(url: string | undefined): string[] | undefined {
  const names = [...(url ?? '').matchAll(/\/job\/([^/?#]+)/g)].map((m) => decode(m[1]!));
  return names.length ? names : undefined;
}

/** `folder » job #42` → folder, job: the display names, which are the names unless someone renamed them. */
const jobPathFromDisplayName = (name: string | undefined) => name?.replace(/\s*#\d+\s*$/, '').split(/\s+»\s+/).filter(Boolean);

interface Job {
  path: string[];
  /** A branch of a multibranch pipeline: the pipeline is the job's parent. */
  branch: boolean;
}

function jobOf(build: Json, job: Json | undefined): Job | undefined {
  const path = jobPathFromUrl(str(build.url)) ?? str(job?.fullName)?.split('/') ?? jobPathFromUrl(str(job?.url)) ?? jobPathFromDisplayName(str(build.fullDisplayName));
  if (!path?.length) return undefined;
  const branch = arr(build.actions).some((a) => str(obj(a)?._class) === 'jenkins.scm.api.SCMRevisionAction');
  return { path, branch: branch && path.length > 1 };
}

/** Parameters of the build (`ParametersAction`), by lower-case name. */
function parametersOf(build: Json): Map<string, string> {
  const params = new Map<string, string>();
  for (const a of arr(build.actions)) {
    for (const p of arr(obj(a)?.parameters)) {
      const name = str(obj(p)?.name);
      const value = str(obj(p)?.value);
      if (name !== undefined && value !== undefined) params.set(name.toLowerCase(), value);
    }
  }
  return params;
}

/** The first git revision built (`BuildData.lastBuiltRevision`): the job's own checkout comes before shared libraries'. */
const revisionOf = (build: Json) => arr(build.actions).map((a) => str(obj(obj(a)?.lastBuiltRevision)?.SHA1)).find((s) => s !== undefined);

/** Who or what started it: the first cause's user, else its description ("Started by timer"). */
function triggerOf(build: Json): string | undefined {
  const cause = arr(build.actions).flatMap((a) => arr(obj(a)?.causes)).map(obj).find((c) => c !== undefined);
  return str(cause?.userName) ?? str(cause?.userId) ?? str(cause?.shortDescription);
}

function record(ctx: FileContext, item: Located, job: Json | undefined): RawRecord {
  const b = obj(item.value) ?? {};
  const j = jobOf(b, job);
  const path = j?.path.join('/');
  // A branch of a multibranch pipeline is known by the pipeline: its own name is the branch's.
  const owner = j?.branch ? j.path.slice(0, -1) : j?.path;
  const target = ciTarget(ctx.config.jenkins.jobs, [path, owner?.join('/'), owner?.at(-1)]);
  const params = parametersOf(b);
  const environment = target.environment ?? environmentParameter(params);
  const started = typeof b.timestamp === 'number' ? b.timestamp : undefined;
  return {
    pointer: pointer(...item.at),
    values: {
      id: path === undefined || b.number === undefined ? undefined : `jenkins:${path}#${str(b.number) ?? JSON.stringify(b.number)}`,
      system_id: target.system ?? owner?.at(-1),
      environment_id: environment,
      version: versionParameter(params) ?? revisionOf(b),
      started_at: epochMs(b.timestamp),
      finished_at: started !== undefined && typeof b.duration === 'number' && b.duration >= 0 ? epochMs(started + b.duration) : undefined,
      status: str(b.result),
      production: isProduction(target, environment, path),
      trigger: triggerOf(b),
    },
  };
}

const LABELS = {
  id: 'url (else fullDisplayName) and number',
  system_id: 'jenkins.jobs (else the job name)',
  environment_id: 'jenkins.jobs (else the ENVIRONMENT parameter)',
  version: 'VERSION, TAG or RELEASE parameter (else lastBuiltRevision.SHA1)',
  started_at: 'timestamp (epoch milliseconds)',
  finished_at: 'timestamp + duration',
  status: 'result',
  production: 'jenkins.jobs (else the environment or job name)',
  trigger: 'causes',
};

export const jenkinsBuilds: Adapter = {
  id: 'jenkins-builds',
  title: 'Jenkins builds (/job/<name>/api/json?tree=builds[…])',
  kind: 'json',
  signature: '{builds: […]} or {allBuilds: […]} or an array of builds [{number, result, timestamp, duration, url or fullDisplayName, actions}]',
  detect(_file, probe) {
    return probe.kind === 'json' && buildList(probe.json) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const { items, job } = buildList((probe as JsonProbe).json)!;
    const runs = sortRuns(ctx, items, STATUS_MAP, (item) => {
      const b = obj(item.value);
      // A build's result can be set before it ends (a pipeline step sets it): only `building: false` is final.
      const running = b?.building === true || b?.result === null;
      return { status: str(b?.result), running: running ? 'building' : null };
    });
    warnUnfinished(ctx, runs.running);
    warnUnknownStatuses(ctx, 'Jenkins', runs.unknown);
    // `record` leaves the finish of a negative duration empty (a clock step, a corrupt build.xml):
    // say so, or the deployment silently loses its duration.
    const negative = runs.ended.filter((item) => { const d = obj(item.value)?.duration; return typeof d === 'number' && d < 0; }).length;
    if (negative) ctx.warn('negative-duration', `${negative} build(s) have a negative duration: their finish time is left empty`, negative);
    const result = await mapDeployments(ctx, runs.ended.map((item) => record(ctx, item, job)), LABELS, STATUS_MAP);
    return { records: items.length, results: [result] };
  },
};
