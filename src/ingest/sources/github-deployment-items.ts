// The two shapes of GitHub deployments, read into one: the REST listing (`GET /repos/{o}/{r}/deployments`,
// snake_case, statuses from `/deployments/{id}/statuses` either inside each item as `statuses` or in a
// file `deployment-<id>-statuses.json` beside it), and GraphQL `repository.deployments.nodes` (camelCase,
// or PascalCase as Apache DevLake stores it), whose statuses come with each node.
import fs from 'node:fs';
import path from 'node:path';
import { IngestError } from '../errors.ts';
import { readJson } from '../detect.ts';
import type { FileContext } from '../context.ts';
import type { GhStatus } from './github-deployment-outcome.ts';
import { listItems, type Located } from './github-gitlab-common.ts';
import { arr, obj, str, type Json } from './json-values.ts';

export interface GhDeployment {
  id: string | undefined;
  /** `owner/repo`, and the repository's name alone. */
  repository: string | undefined;
  repositoryName: string | undefined;
  environment: string | undefined;
  /** GitHub's `production_environment` flag (REST only). */
  production: boolean | undefined;
  ref: string | undefined;
  sha: string | undefined;
  createdAt: string | undefined;
  updatedAt: string | undefined;
  creator: string | undefined;
  /** Undefined when none were exported. */
  statuses: GhStatus[] | undefined;
  /** GraphQL's own deployment state (ACTIVE, INACTIVE, FAILURE…), lower case. */
  state: string | undefined;
}

/** A GraphQL field, camelCase as GitHub answers or PascalCase as DevLake re-serialises it. */
function g(o: Json | undefined, name: string): unknown {
  return o?.[name] ?? o?.[name[0]!.toUpperCase() + name.slice(1)];
}

export const looksLikeRest = (v: unknown) => {
  const o = obj(v);
  return typeof o?.environment === 'string' && typeof o.sha === 'string' && ('task' in o || 'production_environment' in o || 'statuses_url' in o);
};

const looksLikeGraphql = (v: unknown) => {
  const o = obj(v);
  return typeof g(o, 'environment') === 'string' && (g(o, 'databaseId') !== undefined || g(o, 'commitOid') !== undefined)
    && ['state', 'latestStatus', 'statuses'].some((k) => g(o, k) !== undefined);
};

export interface DeploymentList {
  shape: 'rest' | 'graphql';
  items: Located[];
}

/** The deployments of a document: a REST listing (or its pages), GraphQL nodes, or a GraphQL response. */
export function deploymentList(json: unknown): DeploymentList | null {
  const nodes = obj(obj(obj(obj(json)?.data)?.repository)?.deployments)?.nodes;
  if (Array.isArray(nodes)) return { shape: 'graphql', items: nodes.map((value, i) => ({ value, at: ['data', 'repository', 'deployments', 'nodes', i] })) };
  const items = listItems(json);
  const first = items?.[0]?.value;
  if (!items || first === undefined) return null;
  if (looksLikeRest(first)) return { shape: 'rest', items };
  return looksLikeGraphql(first) ? { shape: 'graphql', items } : null;
}

/** `owner/repo` from a repository's page or API url. */
function repositoryFromUrl(url: string | undefined): string | undefined {
  const m = /\/repos\/([^/]+)\/([^/]+)(?:\/|$)/.exec(url ?? '') ?? /^https?:\/\/[^/]+\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url ?? '');
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** REST statuses (`/deployments/{id}/statuses`): `{state, created_at, deployment_url, …}`. */
export function restStatuses(list: unknown[]): GhStatus[] {
  return list.map((s) => ({ state: str(obj(s)?.state)?.toLowerCase() ?? '', at: str(obj(s)?.created_at) ?? str(obj(s)?.updated_at) }));
}

/** The name of the file that holds a deployment's statuses, beside its deployments file. */
export const statusesFileName = (id: string) => `deployment-${id}-statuses.json`;

function siblingStatuses(ctx: FileContext, id: string): GhStatus[] | undefined {
  const name = statusesFileName(id);
  const file = path.join(path.dirname(ctx.file), name);
  if (!fs.existsSync(file)) return undefined;
  const shown = path.join(path.dirname(ctx.path), name);
  const json = readJson({ file, path: shown });
  if (!Array.isArray(json)) {
    throw new IngestError({ file: shown, message: 'the statuses of a deployment must be the array /deployments/{id}/statuses returns', expected: 'a JSON array of statuses [{state, created_at}]' });
  }
  return restStatuses(json);
}

function restDeployment(ctx: FileContext, d: Json): GhDeployment {
  const id = str(d.id);
  const repository = repositoryFromUrl(str(d.repository_url)) ?? repositoryFromUrl(str(d.url));
  return {
    id,
    repository,
    repositoryName: repository?.split('/')[1],
    environment: str(d.environment) ?? str(d.original_environment),
    production: typeof d.production_environment === 'boolean' ? d.production_environment : undefined,
    ref: str(d.ref),
    sha: str(d.sha),
    createdAt: str(d.created_at),
    updatedAt: str(d.updated_at),
    creator: str(obj(d.creator)?.login),
    statuses: Array.isArray(d.statuses) ? restStatuses(d.statuses) : id === undefined ? undefined : siblingStatuses(ctx, id),
    state: undefined,
  };
}

function graphqlStatus(s: unknown): GhStatus {
  const o = obj(s);
  return { state: str(g(o, 'state'))?.toLowerCase() ?? '', at: str(g(o, 'createdAt')) ?? str(g(o, 'updatedAt')) };
}

function graphqlDeployment(d: Json): GhDeployment {
  const repo = obj(g(d, 'repository'));
  const connection = obj(g(d, 'statuses'));
  const nodes = [...arr(connection?.nodes), ...arr(connection?.edges).map((e) => obj(e)?.node)].map(graphqlStatus);
  const latest = obj(g(d, 'latestStatus'));
  // The latest status alone is what DevLake keeps of older deployments; add it unless the list has it.
  if (latest) {
    const l = graphqlStatus(latest);
    if (!nodes.some((s) => s.state === l.state && s.at === l.at)) nodes.push(l);
  }
  const repository = repositoryFromUrl(str(g(repo, 'url')));
  return {
    id: str(g(d, 'databaseId')) ?? str(g(d, 'id')),
    repository,
    repositoryName: str(g(repo, 'name')) ?? repository?.split('/')[1],
    environment: str(g(d, 'environment')),
    production: undefined,
    ref: str(g(obj(g(d, 'ref')), 'name')),
    sha: str(g(d, 'commitOid')) ?? str(g(obj(g(d, 'commit')), 'oid')),
    createdAt: str(g(d, 'createdAt')),
    updatedAt: str(g(d, 'updatedAt')),
    creator: str(g(obj(g(d, 'creator')), 'login')),
    statuses: connection || latest ? nodes : undefined,
    state: str(g(d, 'state'))?.toLowerCase(),
  };
}

export function readDeployment(ctx: FileContext, shape: DeploymentList['shape'], value: unknown): GhDeployment {
  const d = obj(value) ?? {};
  return shape === 'rest' ? restDeployment(ctx, d) : graphqlDeployment(d);
}
