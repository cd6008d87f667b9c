// What the GitHub and GitLab adapters share: both extract releases and deployments in JavaScript into
// the same staged columns, then map them through the one mapper; which system a repository or project
// is; which environments are production; and what happens to deployments that have not finished.
import { lit } from '../../db/duckdb.ts';
import { quoteIdent } from '../../db/schema.ts';
import { conversion, enumKey } from '../map/convert.ts';
import { applyMapping, type FieldSource, type MapResult } from '../map/mapper.ts';
import { stageRecords, type RawRecord } from '../stage/records.ts';
import type { Config } from '../config.ts';
import type { FileContext } from '../context.ts';
import { timeZoneOf } from './jira-common.ts';
import { releaseTypeFromName } from './jira-json-versions.ts';

type Target = Config['github']['repositories'][string];

/**
 * The system (and release project) of a repository or project: the config's entry under any of
 * `keys` (compared case-insensitively, as GitHub and GitLab compare paths), else `fallback` as the
 * system — a name that finalize resolves to a system id through systems.csv.
 */
export function forgeTarget(targets: Record<string, Target>, keys: Array<string | undefined>, fallback: string | undefined): { system?: string; project?: string } {
  const byKey = new Map(Object.entries(targets).map(([k, v]) => [k.toLowerCase(), v]));
  const found = keys.map((k) => (k === undefined ? undefined : byKey.get(k.toLowerCase()))).find((t) => t !== undefined);
  if (typeof found === 'string') return { system: found };
  return { system: found?.system ?? fallback, project: found?.project };
}

/** "prod", "production", "prod-eu" are production; "preprod", "pre-production", "non-prod" are not. */
export function isProductionName(name: string): boolean {
  return /prod/i.test(name) && !/(pre|non)[\s_-]?prod/i.test(name);
}

/** Release type from the tag (v2.4.0 → minor, see `releaseTypeFromName`), else from the release's name. */
export function releaseTypeOf(tag: string | undefined, name: string | undefined): string | undefined {
  return (tag ? releaseTypeFromName(tag) : null) ?? (name ? releaseTypeFromName(name) : null) ?? undefined;
}

export interface Located {
  value: unknown;
  /** JSON pointer segments of the value in its file. */
  at: Array<string | number>;
}

/**
 * The items of an API listing: a bare array, or the pages of `gh api --paginate --slurp` (an array of
 * arrays), each item with its place in the file.
 */
export function listItems(json: unknown): Located[] | null {
  if (!Array.isArray(json)) return null;
  if (json.length > 0 && json.every(Array.isArray)) {
    return json.flatMap((page: unknown[], p) => page.map((value, i) => ({ value, at: [p, i] })));
  }
  return json.map((value, i) => ({ value, at: [i] }));
}

/** What the user calls each staged column, for errors: the export's field names. */
export type Labels = Record<string, string>;

/** The file's `values` rule extends (and overrides) the adapter's status map. */
function statusParse(ctx: FileContext, map: Record<string, string>) {
  return { map: { ...map, ...ctx.rule?.values?.status }, unknown: 'reject' as const };
}

/** Whether the file's `values` rule maps this tool status itself (then it is not left out as unfinished). */
export function mappedByRule(ctx: FileContext): (status: string) => boolean {
  const keys = new Set(Object.keys(ctx.rule?.values?.status ?? {}).map(enumKey));
  return (status) => keys.has(enumKey(status));
}

/**
 * A calendar date from an ISO instant: its day in the configured time zone. A value that is not an
 * instant goes through as it is, for the date conversion to reject with the value.
 */
function instantDay(ctx: FileContext, column: string): string {
  const tz = timeZoneOf(ctx);
  const x = `nullif(trim(${quoteIdent(column)}), '')`;
  const utc = conversion('instant', { timeZone: tz }).sql(x);
  return `coalesce(strftime(timezone(${lit(tz)}, timezone('UTC', ${utc})), '%Y-%m-%d'), ${x})`;
}

const RELEASE_FIELDS = ['id', 'name', 'project_id', 'system_ids', 'type', 'status', 'planned_release', 'actual_release'];

/** Stages and maps releases whose values hold the fields above, dates as the tool's instants. */
export async function mapReleases(ctx: FileContext, records: readonly RawRecord[], labels: Labels, statusMap: Record<string, string>): Promise<MapResult> {
  const table = await stageRecords(ctx, RELEASE_FIELDS, records, ['system_ids']);
  const field = (name: string, sql = quoteIdent(name)): FieldSource => ({ sql, column: labels[name] ?? name });
  return applyMapping(ctx, {
    entity: 'release',
    from: table,
    fields: {
      id: field('id'),
      name: field('name'),
      project_id: field('project_id'),
      system_ids: field('system_ids'),
      type: field('type'),
      status: { ...field('status'), parse: statusParse(ctx, statusMap) },
      planned_release: field('planned_release', instantDay(ctx, 'planned_release')),
      actual_release: field('actual_release', instantDay(ctx, 'actual_release')),
    },
    pointer: '_pointer',
    seq: '_seq',
  });
}

const DEPLOYMENT_FIELDS = ['id', 'system_id', 'environment_id', 'version', 'started_at', 'finished_at', 'status', 'production', 'trigger', 'updated'];

/** Stages and maps deployments whose values hold the fields above (`updated` decides which copy wins). */
export async function mapDeployments(ctx: FileContext, records: readonly RawRecord[], labels: Labels, statusMap: Record<string, string>): Promise<MapResult> {
  const table = await stageRecords(ctx, DEPLOYMENT_FIELDS, records);
  const instant = { timeZone: timeZoneOf(ctx) };
  const field = (name: string, parse?: FieldSource['parse']): FieldSource => ({ sql: quoteIdent(name), column: labels[name] ?? name, parse });
  return applyMapping(ctx, {
    entity: 'deployment',
    from: table,
    fields: {
      id: field('id'),
      system_id: field('system_id'),
      environment_id: field('environment_id'),
      version: field('version'),
      started_at: field('started_at', instant),
      finished_at: field('finished_at', instant),
      status: field('status', statusParse(ctx, statusMap)),
      production: field('production'),
      trigger: field('trigger'),
    },
    updated: field('updated', instant),
    pointer: '_pointer',
    seq: '_seq',
  });
}

/**
 * Deployments still queued or running have no outcome, and `status` (the outcome) is required: they
 * are left out, and a warning says how many, by the tool's status. The next export will hold them.
 */
export function warnUnfinished(ctx: FileContext, states: readonly string[]): void {
  if (!states.length) return;
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  const detail = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s, n]) => `${n} ${s}`).join(', ');
  ctx.warn(
    'unfinished',
    `${states.length} deployment${states.length === 1 ? ' has' : 's have'} not finished (${detail}) and ${states.length === 1 ? 'is' : 'are'} left out until an export shows the outcome`,
    states.length,
  );
}

/**
 * Deployments with a status the tool does not document say nothing sure about their outcome: they are
 * left out and named, rather than failing the whole file; a `values` rule maps them.
 */
export function warnUnknownStatuses(ctx: FileContext, tool: string, statuses: readonly string[]): void {
  if (!statuses.length) return;
  const counts = [...new Set(statuses)].sort().map((v) => `${statuses.filter((u) => u === v).length} ${JSON.stringify(v)}`).join(', ');
  ctx.warn(
    'unknown-status',
    `${statuses.length} deployment(s) have a status ${tool} does not document (${counts}) and are left out; map them with a "values": {"status": {…}} rule if you know their outcome`,
    statuses.length,
  );
}
