// Azure DevOps classic release deployments (`GET {org}/{project}/_apis/release/deployments`:
// `{count, value: […]}` or the array) → deployments: one per attempt of a release to a stage, with the
// id `azure:<project>/release-deployment/<id>`.
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { RawRecord } from '../stage/records.ts';
import { ciTarget, isProduction, sortRuns } from './ci-deployments.ts';
import { mapDeployments, warnUnfinished, warnUnknownStatuses } from './github-gitlab-common.ts';
import { listIn, obj, pointer, str, type Json } from './json-values.ts';

/**
 * A partially succeeded deployment ended with warnings: it deployed. A deployment not deployed never
 * ran (its approval was rejected, or it was cancelled): like a cancelled one, it deployed nothing.
 */
const STATUS_MAP = { succeeded: 'success', partiallysucceeded: 'success', failed: 'failure', notdeployed: 'cancelled' };

const looksLikeDeployment = (v: unknown) => {
  const o = obj(v);
  return typeof o?.deploymentStatus === 'string' && obj(o.releaseEnvironment) !== undefined && obj(o.release) !== undefined;
};

function deploymentList(json: unknown) {
  const list = listIn(json, 'value');
  return list && list.items.length > 0 && looksLikeDeployment(list.items[0]) ? list : null;
}

function record(ctx: FileContext, d: Json, at: string): RawRecord {
  const project = str(obj(d.projectReference)?.name) ?? str(obj(obj(d.releaseDefinition)?.projectReference)?.name);
  const definition = str(obj(d.releaseDefinition)?.name);
  const stage = str(obj(d.releaseEnvironment)?.name);
  const target = ciTarget(ctx.config.azure.pipelines, [
    definition && stage && `${definition}/${stage}`, project && definition && `${project}/${definition}`, definition,
  ]);
  const environment = target.environment ?? stage;
  return {
    pointer: at,
    values: {
      id: str(d.id) === undefined ? undefined : `azure:${project ? `${project}/` : ''}release-deployment/${str(d.id)}`,
      system_id: target.system ?? definition,
      environment_id: environment,
      version: str(obj(d.release)?.name),
      started_at: str(d.startedOn) ?? str(d.queuedOn),
      finished_at: str(d.completedOn),
      status: str(d.deploymentStatus),
      production: isProduction(target, environment, definition),
      trigger: str(obj(d.requestedFor)?.displayName) ?? str(d.reason),
      updated: str(d.lastModifiedOn),
    },
  };
}

const LABELS = {
  id: 'projectReference.name and id',
  system_id: 'azure.pipelines (else releaseDefinition.name)',
  environment_id: 'azure.pipelines (else releaseEnvironment.name)',
  version: 'release.name',
  started_at: 'startedOn (else queuedOn)',
  finished_at: 'completedOn',
  status: 'deploymentStatus',
  production: 'azure.pipelines (else the stage name)',
  trigger: 'requestedFor.displayName',
  updated: 'lastModifiedOn',
};

export const azureReleaseDeployments: Adapter = {
  id: 'azure-release-deployments',
  title: 'Azure DevOps release deployments (REST _apis/release/deployments)',
  kind: 'json',
  signature: '{count, value: […]} or an array of deployments [{id, release: {name}, releaseDefinition: {name}, releaseEnvironment: {name}, deploymentStatus, startedOn, completedOn}]',
  detect(_file, probe) {
    return probe.kind === 'json' && deploymentList(probe.json) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const list = deploymentList((probe as JsonProbe).json)!;
    const deployments = list.items.map((value, i) => ({ d: obj(value) ?? {}, at: pointer(...list.base, i) }));
    const runs = sortRuns(ctx, deployments, STATUS_MAP, ({ d }) => {
      const status = str(d.deploymentStatus);
      return { status, running: status?.toLowerCase() === 'inprogress' ? status : null };
    });
    warnUnfinished(ctx, runs.running);
    warnUnknownStatuses(ctx, 'Azure DevOps', runs.unknown);
    const result = await mapDeployments(ctx, runs.ended.map(({ d, at }) => record(ctx, d, at)), LABELS, STATUS_MAP);
    return { records: deployments.length, results: [result] };
  },
};
