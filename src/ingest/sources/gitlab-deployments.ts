// GitLab deployments (`GET /projects/:id/deployments`) → deployments, with the id `gitlab:<id>`.
// Their pipelines (`/projects/:id/pipelines`) are not read: a pipeline builds and tests as often as it
// deploys, and which of its jobs deploy to which environment is what the deployments list says.
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { RawRecord } from '../stage/records.ts';
import { forgeTarget, isProductionName, listItems, mapDeployments, mappedByRule, warnUnfinished, warnUnknownStatuses, type Located } from './github-gitlab-common.ts';
import { obj, pointer, str } from './json-values.ts';

const looksLikeDeployment = (v: unknown) => {
  const o = obj(v);
  return typeof o?.iid === 'number' && typeof o.status === 'string' && obj(o.environment) !== undefined && ('deployable' in o || 'sha' in o);
};

/** A skipped deployment never ran: like a cancelled one, it deployed nothing. */
const STATUS_MAP = { success: 'success', failed: 'failure', canceled: 'cancelled', skipped: 'cancelled' };
const UNFINISHED = new Set(['created', 'running', 'blocked']);
const ENDED = new Set(['success', 'failed', 'canceled']);

/** `group/project` from a page of the project (`https://<host>/<group>/<project>/-/pipelines/<id>`). */
const projectPathOf = (url: string | undefined) => /^https?:\/\/[^/]+\/(.+?)\/-\//.exec(url ?? '')?.[1];

function deploymentRecord(ctx: FileContext, item: Located): RawRecord {
  const d = obj(item.value) ?? {};
  const job = obj(d.deployable);
  const pipeline = obj(job?.pipeline);
  const env = obj(d.environment);
  const envName = str(env?.name);
  const tier = str(env?.tier);
  const path = projectPathOf(str(pipeline?.web_url)) ?? projectPathOf(str(obj(job?.commit)?.web_url));
  const target = forgeTarget(ctx.config.gitlab.projects, [path, str(pipeline?.project_id)], path);
  return {
    pointer: pointer(...item.at),
    values: {
      id: str(d.id) === undefined ? undefined : `gitlab:${str(d.id)}`,
      system_id: target.system,
      environment_id: envName,
      // The ref is the tag when the job ran for a tag (deployable.tag), else the branch.
      version: str(d.ref) ?? str(d.sha),
      started_at: str(job?.started_at) ?? str(d.created_at),
      // A deployment's last change is its result when GitLab records no finish time (its job never ran).
      finished_at: str(d.finished_at) ?? str(job?.finished_at) ?? (ENDED.has(str(d.status) ?? '') ? str(d.updated_at) : undefined),
      status: str(d.status),
      production: tier !== undefined ? tier === 'production' : envName === undefined ? undefined : isProductionName(envName),
      trigger: str(obj(d.user)?.username) ?? str(obj(job?.user)?.username),
      updated: str(d.updated_at),
    },
  };
}

const LABELS = {
  id: 'id',
  system_id: 'deployable.pipeline.web_url (project path)',
  environment_id: 'environment.name',
  version: 'ref',
  started_at: 'deployable.started_at (else created_at)',
  finished_at: 'finished_at (else deployable.finished_at, else updated_at)',
  status: 'status',
  production: 'environment.tier (else the environment name)',
  trigger: 'user.username',
  updated: 'updated_at',
};

export const gitlabDeployments: Adapter = {
  id: 'gitlab-deployments',
  title: 'GitLab deployments (REST /projects/:id/deployments)',
  kind: 'json',
  signature: 'an array of deployments [{id, iid, ref, sha, status, environment: {name, tier}, deployable: {…, pipeline}}]',
  detect(_file, probe) {
    if (probe.kind !== 'json') return 0;
    const items = listItems(probe.json);
    return items && items.length > 0 && looksLikeDeployment(items[0]!.value) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const items = listItems((probe as JsonProbe).json) ?? [];
    const mapped = mappedByRule(ctx);
    const running: string[] = [];
    const unknown: string[] = [];
    const records: RawRecord[] = [];
    for (const item of items) {
      const status = str(obj(item.value)?.status);
      const known = status === undefined || mapped(status) || status.toLowerCase() in STATUS_MAP;
      if (status !== undefined && UNFINISHED.has(status.toLowerCase()) && !mapped(status)) running.push(status);
      // Statuses GitLab does not document (seen in real exports: completed, undeployed).
      else if (!known) unknown.push(status);
      else records.push(deploymentRecord(ctx, item));
    }
    warnUnfinished(ctx, running);
    warnUnknownStatuses(ctx, 'GitLab', unknown);
    const result = await mapDeployments(ctx, records, LABELS, STATUS_MAP);
    return { records: items.length, results: [result] };
  },
};
