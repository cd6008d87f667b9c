// GitHub deployments (REST or GraphQL, see github-deployment-items.ts) → deployments. The id is
// `github:<database id>`, the same in both APIs, so the two exports of one deployment are kept once.
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { RawRecord } from '../stage/records.ts';
import { deploymentOutcome } from './github-deployment-outcome.ts';
import { deploymentList, readDeployment, statusesFileName, type GhDeployment } from './github-deployment-items.ts';
import { forgeTarget, isProductionName, mapDeployments, mappedByRule, warnUnfinished } from './github-gitlab-common.ts';
import { pointer } from './json-values.ts';

/** GitHub states → outcome. An inactive deployment was replaced by a newer one after it succeeded. */
const STATUS_MAP = { success: 'success', failure: 'failure', error: 'failure', inactive: 'success', active: 'success', abandoned: 'cancelled' };

const LABELS = {
  id: 'id (DatabaseId)',
  system_id: 'repository',
  environment_id: 'environment',
  version: 'ref (else sha)',
  started_at: 'first in_progress status (else created_at)',
  finished_at: 'time of the final status (success, failure or error)',
  status: 'latest status state',
  production: 'production_environment (else the environment name)',
  trigger: 'creator.login',
  updated: 'updated_at',
};

function record(ctx: FileContext, d: GhDeployment, at: Array<string | number>, state: string, startedAt: string | undefined, finishedAt: string | undefined): RawRecord {
  const target = forgeTarget(ctx.config.github.repositories, [d.repository], d.repositoryName);
  return {
    pointer: pointer(...at),
    values: {
      id: d.id === undefined ? undefined : `github:${d.id}`,
      system_id: target.system,
      environment_id: d.environment,
      version: d.ref ?? d.sha,
      started_at: startedAt ?? d.createdAt,
      finished_at: finishedAt,
      status: state || undefined,
      production: d.production ?? (d.environment === undefined ? undefined : isProductionName(d.environment)),
      trigger: d.creator,
      updated: d.updatedAt,
    },
  };
}

export const githubDeployments: Adapter = {
  id: 'github-deployments',
  title: 'GitHub deployments with their statuses (REST or GraphQL)',
  kind: 'json',
  signature: 'REST deployments [{id, sha, ref, environment, task, statuses?}] (statuses inside, or in deployment-<id>-statuses.json beside), or GraphQL deployment nodes [{databaseId, environment, statuses, latestStatus}]',
  detect(_file, probe) {
    return probe.kind === 'json' && deploymentList(probe.json) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const list = deploymentList((probe as JsonProbe).json)!;
    const mapped = mappedByRule(ctx);
    const records: RawRecord[] = [];
    const running: string[] = [];
    let unknown = 0;
    for (const item of list.items) {
      const d = readDeployment(ctx, list.shape, item.value);
      const outcome = deploymentOutcome(d.statuses ?? [], d.state, mapped);
      if (outcome.kind === 'unfinished') running.push(outcome.state);
      else if (outcome.kind === 'unknown') unknown++;
      else records.push(record(ctx, d, item.at, outcome.state, outcome.startedAt, outcome.finishedAt));
    }
    warnUnfinished(ctx, running);
    if (unknown) {
      ctx.warn(
        'no-statuses',
        `${unknown} deployment${unknown === 1 ? ' has' : 's have'} no statuses, so no outcome, and ${unknown === 1 ? 'is' : 'are'} left out: export /deployments/{id}/statuses with them, as "statuses" in each deployment or as ${statusesFileName('<id>')} beside this file`,
        unknown,
      );
    }
    const result = await mapDeployments(ctx, records, LABELS, STATUS_MAP);
    return { records: list.items.length, results: [result] };
  },
};
