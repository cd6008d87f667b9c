// Jira project versions → releases: the array of `/rest/api/2/project/{key}/versions`, its paginated
// form `{values, startAt, maxResults, total, isLast}`, and the project object `/rest/api/2/project/{key}`
// with its `versions`. A release's id is `<project key>:<version name>`, as fix versions name it.
import path from 'node:path';
import { quoteIdent } from '../../db/schema.ts';
import { IngestError } from '../errors.ts';
import { applyMapping, type FieldSource } from '../map/mapper.ts';
import { stageRecords, type RawValue } from '../stage/records.ts';
import type { RELEASE_TYPES } from '../../model/entities.ts';
import type { Adapter, FileInfo, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import { releaseId } from './jira-common.ts';
import { listIn, obj, pointer, str, type Json } from './json-values.ts';

type ReleaseType = (typeof RELEASE_TYPES)[number];

/**
 * Jira versions have no type; it is read from the name. "hotfix" or "emergency" anywhere → emergency.
 * Otherwise the first dotted number X.Y[.Z[.W]] decides: a non-zero Z or W → patch, else a non-zero Y
 * → minor, else major (1.0, 2.0.0). A name without a dotted number (Sprint 5, Q3 release) has no type.
 */
export function releaseTypeFromName(name: string): ReleaseType | null {
  if (/hot[\s_-]?fix|emergency/i.test(name)) return 'emergency';
  const m = /(?<![\d.])(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(?!\.?\d)/.exec(name);
  if (!m) return null;
  if (Number(m[3] ?? 0) > 0 || Number(m[4] ?? 0) > 0) return 'patch';
  return Number(m[2]) > 0 ? 'minor' : 'major';
}

const looksLikeVersion = (v: unknown) => {
  const o = obj(v);
  return typeof o?.name === 'string' && (typeof o.released === 'boolean' || typeof o.archived === 'boolean') && !('key' in o) && !('fields' in o);
};

interface VersionList {
  items: unknown[];
  base: string[];
  /** The key of the project object that wraps the versions. */
  projectKey?: string;
}

function versionList(json: unknown): VersionList | null {
  const project = obj(json);
  if (project && typeof project.key === 'string' && Array.isArray(project.versions)) {
    return { items: project.versions, base: ['versions'], projectKey: project.key };
  }
  const list = listIn(json, 'values');
  return list && looksLikeVersion(list.items[0]) ? list : null;
}

/** `PAY-versions.json`, `PAY_versions.json`, `versions-PAY.json`: the project key in the file name. */
function keyFromFileName(file: string): string | undefined {
  const stem = path.basename(file, path.extname(file));
  const m = /^([A-Za-z][A-Za-z0-9_]*)[-_]versions$/i.exec(stem) ?? /^versions[-_]([A-Za-z][A-Za-z0-9_]*)$/i.exec(stem);
  return m?.[1]?.toUpperCase();
}

/** The project key of each version: the wrapping project, the config's `jira.projectKeys[projectId]`, or the file name. */
function projectKeys(ctx: FileContext, list: VersionList): Array<string | undefined> {
  const byName = keyFromFileName(ctx.path);
  return list.items.map((item, i) => {
    if (list.projectKey) return list.projectKey;
    const id = str(obj(item)?.projectId);
    // Own keys only: a project id like "constructor" names no entry of the config.
    const key = (id === undefined || !Object.hasOwn(ctx.config.jira.projectKeys, id) ? undefined : ctx.config.jira.projectKeys[id]) ?? byName;
    if (key === undefined && obj(item)) {
      throw new IngestError({
        file: ctx.path,
        pointer: pointer(...list.base, i, 'projectId'),
        field: 'projectId',
        value: id ?? '(none)',
        message: 'cannot tell which project these versions belong to (a versions list carries only the project id)',
        expected: `the project key in the config, "jira": {"projectKeys": {${JSON.stringify(id ?? '<project id>')}: "<KEY>"}}, or a file name like <KEY>-versions.json`,
      });
    }
    return key;
  });
}

function releaseValues(v: Json, key: string | undefined): Record<string, RawValue> {
  const name = str(v.name);
  const released = v.released === true;
  const date = str(v.releaseDate) ?? str(v.userReleaseDate);
  return {
    id: key && name ? releaseId(key, name) : undefined,
    name,
    project_id: key,
    type: name ? releaseTypeFromName(name) : undefined,
    status: released ? 'released' : v.archived === true ? 'archived' : 'unreleased',
    planned_start: str(v.startDate) ?? str(v.userStartDate),
    // Jira keeps one release date. Before release it is the plan; once released it is the date the
    // version went out, and the plan it replaced is gone: the plan stays unknown (a release plan
    // from another export of the same release fills it, see finalize.ts), rather than claiming the
    // release was on time.
    planned_release: released ? undefined : date,
    actual_release: released ? date : undefined,
  };
}

/** `releaseDate` is yyyy-mm-dd; `userReleaseDate` is the user's format, Jira's default `dd/MMM/yy`. */
const JIRA_DATES = { formats: ['%Y-%m-%d', '%d/%b/%y', '%d/%b/%Y'] };
const COLUMNS: Record<string, [string, FieldSource['parse']?]> = {
  id: ['name (with the project key)'],
  name: ['name'],
  project_id: ['projectId'],
  type: ['name (release type)'],
  status: ['released / archived', { map: { released: 'released', archived: 'cancelled', unreleased: 'planned' } }],
  planned_start: ['startDate (else userStartDate)', JIRA_DATES],
  planned_release: ['releaseDate (else userReleaseDate) of an unreleased version', JIRA_DATES],
  actual_release: ['releaseDate of a released version', JIRA_DATES],
};

export const jiraJsonVersions: Adapter = {
  id: 'jira-json-versions',
  title: 'Jira REST project versions',
  kind: 'json',
  signature: 'a versions array [{name, released, archived, projectId}], its page {values: […]}, or a project {key, versions: […]}',
  detect(_file: FileInfo, probe) {
    if (probe.kind !== 'json') return 0;
    const list = versionList(probe.json);
    return list ? (list.base.length ? 0.95 : 0.9) : 0;
  },
  async load(ctx, probe) {
    const list = versionList((probe as JsonProbe).json)!;
    const keys = projectKeys(ctx, list);
    const table = await stageRecords(
      ctx,
      Object.keys(COLUMNS),
      list.items.map((item, i) => ({ pointer: pointer(...list.base, i), values: releaseValues(obj(item) ?? {}, keys[i]) })),
    );
    const fields = Object.fromEntries(Object.entries(COLUMNS).map(([f, [column, parse]]) => [f, { sql: quoteIdent(f), column, parse }]));
    const result = await applyMapping(ctx, { entity: 'release', from: table, fields, pointer: '_pointer', seq: '_seq' });
    return { records: list.items.length, results: [result] };
  },
};
