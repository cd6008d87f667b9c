// What the Jira adapters (CSV and REST JSON) share: the default meaning of Jira's status, issue type,
// "found in" and issue link type names, the release id scheme that joins fix versions to versions,
// and the parse options that honour the config (its maps extend and override the defaults).
import type { Config } from '../config.ts';
import type { FileContext } from '../context.ts';
import { enumKey, type ParseOptions } from '../map/convert.ts';
import { applyMapping, type MapResult } from '../map/mapper.ts';
import { quoteIdent } from '../../db/schema.ts';
import type { FOUND_IN, STATUS_CATEGORIES, WORK_ITEM_TYPES } from '../../model/entities.ts';

type Category = (typeof STATUS_CATEGORIES)[number];
type ItemType = (typeof WORK_ITEM_TYPES)[number];
type FoundIn = (typeof FOUND_IN)[number];

/** Status names of Jira's default and common workflows. Canonical names (Done…) map to themselves. */
const STATUS_DEFAULTS: Record<string, Category> = {
  'to do': 'todo', open: 'todo', backlog: 'todo', new: 'todo', 'selected for development': 'todo', reopened: 'todo',
  'in progress': 'in_progress', 'in review': 'in_progress', 'code review': 'in_progress', 'in test': 'in_progress',
  qa: 'in_progress', testing: 'in_progress', blocked: 'in_progress', 'in development': 'in_progress',
  done: 'done', closed: 'done', resolved: 'done', released: 'done', "won't do": 'done', 'wont do': 'done',
  cancelled: 'done', canceled: 'done',
};

/**
 * Status category names (CSV "Status Category" column, English UI) and keys (REST
 * `statusCategory.key`). The two Chinese names are those seen in a real zh_CN Jira Cloud export.
 */
const CATEGORY_NAMES: Record<string, Category> = {
  'to do': 'todo', 'in progress': 'in_progress', done: 'done',
  new: 'todo', indeterminate: 'in_progress',
  新建: 'todo', 完成: 'done',
};

/**
 * Issue types. Improvement, Enhancement and New Feature are features (a change the users see, smaller
 * or larger); Initiative sits above Epic in Jira's hierarchy, so it counts as an epic — a container,
 * kept out of delivered-item counts. Spike is a task. The Chinese names are those of a real zh_CN
 * Jira Cloud export.
 */
const ISSUE_TYPE_DEFAULTS: Record<string, ItemType> = {
  epic: 'epic', initiative: 'epic',
  story: 'story', 'user story': 'story',
  task: 'task', 'sub-task': 'task', subtask: 'task', 'technical task': 'task', spike: 'task',
  bug: 'bug', defect: 'bug',
  feature: 'feature', 'new feature': 'feature', improvement: 'feature', enhancement: 'feature',
  史诗: 'epic', 故事: 'story', 任务: 'task', 子任务: 'task', 缺陷: 'bug',
};

/** Where a defect was found: anything before production counts as test. */
const FOUND_IN_DEFAULTS: Record<string, FoundIn> = {
  production: 'production', prod: 'production', live: 'production', customer: 'production',
  'production environment': 'production',
  test: 'test', testing: 'test', qa: 'test', uat: 'test', sit: 'test', staging: 'test', 'pre-production': 'test',
  preprod: 'test', development: 'test', dev: 'test', internal: 'test', integration: 'test',
};

/** Time zone of times written without an offset: the file's rule, else the config's. */
export function timeZoneOf(ctx: FileContext): string {
  return ctx.rule?.timeZone ?? ctx.config.timeZone;
}

/** An enum parse whose unknown values are kept as NULL and reported: defaults, then config, then the file's rule. */
function enumParse(ctx: FileContext, field: string, ...maps: Array<Readonly<Record<string, string>> | undefined>): ParseOptions {
  const map: Record<string, string> = {};
  for (const m of [...maps, ctx.rule?.values?.[field]]) Object.assign(map, m ?? {});
  return { map, unknown: 'null' };
}

export function statusCategoryParse(ctx: FileContext): ParseOptions {
  return enumParse(ctx, 'status_category', STATUS_DEFAULTS, CATEGORY_NAMES, ctx.config.jira.statusCategories);
}

/** `extra`: what the file itself says about its types (e.g. those flagged as sub-tasks). */
export function issueTypeParse(ctx: FileContext, extra?: Record<string, string>): ParseOptions {
  return enumParse(ctx, 'type', ISSUE_TYPE_DEFAULTS, extra, ctx.config.jira.issueTypes);
}

export function foundInParse(ctx: FileContext): ParseOptions {
  return enumParse(ctx, 'found_in', FOUND_IN_DEFAULTS);
}

/** Release ids join Jira fix versions to Jira versions: `<project key>:<version name>`. */
export function releaseId(projectKey: string, versionName: string): string {
  return `${projectKey.trim()}:${versionName.trim()}`;
}

export function releaseIdSql(projectKeySql: string, versionNameSql: string): string {
  return `trim(${projectKeySql}) || ':' || trim(${versionNameSql})`;
}

/** The project key inside an issue key (`PAY-12` → `PAY`). */
export function projectOfIssueKey(key: string): string | undefined {
  return /^(.+)-\d+$/.exec(key.trim())?.[1];
}

export function projectOfIssueKeySql(keySql: string): string {
  return `nullif(regexp_extract(trim(${keySql}), '^(.+)-[0-9]+$', 1), '')`;
}

/** A configured custom field given by id (`customfield_10016`) rather than by name. */
export const isFieldId = (name: string) => /^customfield_\d+$/i.test(name.trim());

/** A custom field's name as configured, with or without the CSV header's `Custom field (…)` wrapper. */
export const unwrapCustom = (name: string) => /^custom field \((.*)\)$/i.exec(name.trim())?.[1] ?? name.trim();

/**
 * Whether the config maps this status name itself (compared the way enum values are: case, spaces,
 * hyphens): then the config wins over the category Jira gives.
 */
export function configuredStatus(ctx: FileContext): (status: string) => boolean {
  const keys = new Set(Object.keys({ ...ctx.config.jira.statusCategories, ...ctx.rule?.values?.status_category }).map(enumKey));
  return (status) => keys.has(enumKey(status));
}

/** The two descriptions of a Jira issue link type: "X <outward> Y", "Y <inward> X". */
export type LinkSide = Config['jira']['dependencyLinkTypes'][string];

/**
 * Link types that mean "must be done first", and the side the prerequisite is on. Jira's default
 * Blocks type reads outward "blocks", inward "is blocked by": the outward issue comes first. The
 * common Dependency / Depends types read outward "depends on", inward "is depended on by": the inward
 * issue comes first. Relates, Duplicate, Cloners… are not dependencies.
 */
const DEPENDENCY_LINK_TYPES: Record<string, LinkSide> = { blocks: 'outward', dependency: 'inward', depends: 'inward' };

/** The prerequisite's side of a link type by its name (the defaults, then `jira.dependencyLinkTypes`), or undefined when it is no dependency. */
export function dependencySide(ctx: FileContext): (linkType: string) => LinkSide | undefined {
  const sides = new Map(Object.entries({ ...DEPENDENCY_LINK_TYPES, ...ctx.config.jira.dependencyLinkTypes }).map(([k, v]) => [k.trim().toLowerCase(), v]));
  return (linkType) => sides.get(linkType.trim().toLowerCase());
}

/**
 * Maps link rows (columns `key` = prerequisite, `dependent_key`, `link_type`) to work item links.
 * Both issues of a link list it, so a file names most links twice: each is kept once, from where it
 * first appears (`seq` orders the rows).
 */
export async function mapLinks(ctx: FileContext, relation: string, provenance: { line?: string; pointer?: string; seq: string }, labels: { key: string; dependent_key: string; link_type: string }): Promise<MapResult> {
  // A table: the mapping reads its rows more than once, and would rank them again each time.
  const from = ctx.tempName('links');
  await ctx.db.run(`CREATE OR REPLACE TEMP TABLE ${from} AS SELECT * FROM ${relation} QUALIFY "key" IS NULL OR dependent_key IS NULL
    OR row_number() OVER (PARTITION BY "key", dependent_key ORDER BY ${provenance.seq}) = 1`);
  const fields = Object.fromEntries(Object.entries(labels).map(([field, column]) => [field, { sql: quoteIdent(field), column }]));
  return applyMapping(ctx, { entity: 'work_item_link', from, fields, ...provenance });
}
