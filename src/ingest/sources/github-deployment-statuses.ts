// A file of one GitHub deployment's statuses (`GET /repos/{o}/{r}/deployments/{id}/statuses`). It holds
// no record of its own: the deployments adapter reads it with the deployment it belongs to. Read alone,
// it is checked: its name must say whose statuses it holds, and a deployments file beside it must list
// that deployment, or the statuses would go unused without anyone knowing.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/duckdb.ts';
import { IngestError } from '../errors.ts';
import { readJson } from '../detect.ts';
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import { deploymentList, statusesFileName } from './github-deployment-items.ts';
import { obj, str } from './json-values.ts';

const deploymentIdOf = (status: unknown) => /\/deployments\/(\d+)$/.exec(str(obj(status)?.deployment_url) ?? '')?.[1];

const looksLikeStatus = (v: unknown) => typeof obj(v)?.state === 'string' && deploymentIdOf(v) !== undefined;

/** Per run (one database each) and folder: the ids of the REST deployments the folder's files list. */
const listed = new WeakMap<Db, Map<string, Set<string>>>();

function deploymentIdsBeside(ctx: FileContext): Set<string> {
  const dir = path.dirname(ctx.file);
  let byDir = listed.get(ctx.db);
  if (!byDir) listed.set(ctx.db, (byDir = new Map()));
  let ids = byDir.get(dir);
  if (ids) return ids;
  ids = new Set();
  for (const name of fs.readdirSync(dir)) {
    if (!name.toLowerCase().endsWith('.json') || /^deployment-\d+-statuses\.json$/i.test(name)) continue;
    let json: unknown;
    try {
      json = readJson({ file: path.join(dir, name), path: name });
    } catch {
      // An unreadable file is reported when it is read itself.
      continue;
    }
    const list = deploymentList(json);
    if (list?.shape === 'rest') for (const item of list.items) ids.add(str(obj(item.value)?.id) ?? '');
  }
  byDir.set(dir, ids);
  return ids;
}

export const githubDeploymentStatuses: Adapter = {
  id: 'github-deployment-statuses',
  title: 'GitHub deployment statuses (read with their deployment)',
  kind: 'json',
  signature: `an array of deployment statuses [{state, created_at, deployment_url}], named ${statusesFileName('<id>')}`,
  detect(_file, probe) {
    return probe.kind === 'json' && Array.isArray(probe.json) && looksLikeStatus(probe.json[0]) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const statuses = (probe as JsonProbe).json as unknown[];
    const id = deploymentIdOf(statuses[0])!;
    const other = statuses.findIndex((s) => deploymentIdOf(s) !== id);
    if (other >= 0) {
      throw new IngestError({
        file: ctx.path, pointer: `/${other}/deployment_url`, field: 'deployment_url', value: str(obj(statuses[other])?.deployment_url) ?? '(none)',
        message: 'statuses of several deployments in one file', expected: `the statuses of deployment ${id} only, as /deployments/${id}/statuses returns them`,
      });
    }
    if (path.basename(ctx.file).toLowerCase() !== statusesFileName(id)) {
      throw new IngestError({
        file: ctx.path, message: `these are the statuses of deployment ${id}, and the deployments adapter finds them by name`,
        expected: `the file named ${statusesFileName(id)}, beside the deployments file`,
      });
    }
    if (!deploymentIdsBeside(ctx).has(id)) {
      ctx.warn('unused', `the statuses of deployment ${id} are not used: no deployments file in this folder lists deployment ${id}`, statuses.length);
    }
    return { records: statuses.length, results: [] };
  },
};
