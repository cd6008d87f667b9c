// Azure DevOps builds (`GET {org}/{project}/_apis/build/builds`: `{count, value: […]}` or the array)
// → deployments, one per run of a pipeline (see ci-deployments.ts), with the id `azure:<project>/build/<id>`.
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { RawRecord } from '../stage/records.ts';
import { ciTarget, environmentParameter, isProduction, sortRuns, versionParameter } from './ci-deployments.ts';
import { mapDeployments, warnUnfinished, warnUnknownStatuses } from './github-gitlab-common.ts';
import { listIn, obj, pointer, str, type Json } from './json-values.ts';

/** A partially succeeded run ended with warnings (a step allowed to fail): it deployed. */
const STATUS_MAP = { succeeded: 'success', partiallysucceeded: 'success', failed: 'failure', canceled: 'cancelled' };
/** Runs not yet completed; a cancelling one ends cancelled, but only its next export says when. */
const RUNNING = new Set(['inprogress', 'notstarted', 'postponed', 'cancelling']);

const looksLikeBuild = (v: unknown) => {
  const o = obj(v);
  return typeof o?.buildNumber === 'string' && typeof o.status === 'string' && obj(o.definition) !== undefined;
};

function buildList(json: unknown) {
  const list = listIn(json, 'value');
  return list && list.items.length > 0 && looksLikeBuild(list.items[0]) ? list : null;
}

/** Run parameters: `templateParameters` (YAML) and `parameters` (classic, a JSON text), by lower-case name. */
function parametersOf(b: Json): Map<string, string> {
  const params = new Map<string, string>();
  let classic: unknown;
  try {
    classic = typeof b.parameters === 'string' ? JSON.parse(b.parameters) : undefined;
  } catch {
    classic = undefined;
  }
  for (const source of [obj(classic), obj(b.templateParameters)]) {
    for (const [k, v] of Object.entries(source ?? {})) {
      const value = str(v);
      if (value !== undefined) params.set(k.toLowerCase(), value);
    }
  }
  return params;
}

function record(ctx: FileContext, b: Json, at: string): RawRecord {
  const project = str(obj(b.project)?.name);
  const definition = str(obj(b.definition)?.name);
  const target = ciTarget(ctx.config.azure.pipelines, [project && definition && `${project}/${definition}`, definition]);
  const params = parametersOf(b);
  const environment = target.environment ?? environmentParameter(params);
  const tag = /^refs\/tags\/(.+)$/.exec(str(b.sourceBranch) ?? '')?.[1];
  const completed = str(b.status)?.toLowerCase() === 'completed';
  return {
    pointer: at,
    values: {
      id: str(b.id) === undefined ? undefined : `azure:${project ? `${project}/` : ''}build/${str(b.id)}`,
      system_id: target.system ?? definition,
      environment_id: environment,
      version: versionParameter(params) ?? tag ?? str(b.buildNumber),
      started_at: str(b.startTime) ?? str(b.queueTime),
      finished_at: str(b.finishTime),
      // The outcome of a completed run; otherwise its status, which only a `values` rule maps.
      status: completed ? str(b.result) : str(b.status),
      production: isProduction(target, environment, definition),
      trigger: str(obj(b.requestedFor)?.displayName) ?? str(b.reason),
      updated: str(b.lastChangedDate),
    },
  };
}

const LABELS = {
  id: 'project.name and id',
  system_id: 'azure.pipelines (else definition.name)',
  environment_id: 'azure.pipelines (else the environment parameter)',
  version: 'VERSION, TAG or RELEASE parameter (else the tag of sourceBranch, else buildNumber)',
  started_at: 'startTime (else queueTime)',
  finished_at: 'finishTime',
  status: 'result',
  production: 'azure.pipelines (else the environment or pipeline name)',
  trigger: 'requestedFor.displayName',
  updated: 'lastChangedDate',
};

export const azureBuilds: Adapter = {
  id: 'azure-builds',
  title: 'Azure DevOps builds (REST _apis/build/builds)',
  kind: 'json',
  signature: '{count, value: […]} or an array of builds [{id, buildNumber, status, result, definition: {name}, project: {name}, startTime, finishTime}]',
  detect(_file, probe) {
    return probe.kind === 'json' && buildList(probe.json) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const list = buildList((probe as JsonProbe).json)!;
    const builds = list.items.map((value, i) => ({ b: obj(value) ?? {}, at: pointer(...list.base, i) }));
    const runs = sortRuns(ctx, builds, STATUS_MAP, ({ b }) => {
      const status = str(b.status);
      const running = status !== undefined && RUNNING.has(status.toLowerCase()) ? status : null;
      return { status: status?.toLowerCase() === 'completed' ? str(b.result) : status, running };
    });
    warnUnfinished(ctx, runs.running);
    warnUnknownStatuses(ctx, 'Azure DevOps', runs.unknown);
    const result = await mapDeployments(ctx, runs.ended.map(({ b, at }) => record(ctx, b, at)), LABELS, STATUS_MAP);
    return { records: builds.length, results: [result] };
  },
};
