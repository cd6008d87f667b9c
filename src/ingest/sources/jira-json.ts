// Jira REST search results (`/rest/api/2|3/search`, `{startAt, maxResults, total, issues}`), or a bare
// array of issue objects (as tools that page through the API store them) → work items, the status
// changes of their changelogs (`expand=changelog`) → work item transitions, and their dependency links
// (`fields.issuelinks`) → work item links.
import { quoteIdent } from '../../db/schema.ts';
import { applyMapping, type FieldSource } from '../map/mapper.ts';
import type { ParseOptions } from '../map/convert.ts';
import { stageRecords, type RawRecord, type RawValue } from '../stage/records.ts';
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import {
  configuredStatus, dependencySide, foundInParse, isFieldId, issueTypeParse, mapLinks, projectOfIssueKey, releaseId, statusCategoryParse, timeZoneOf,
  unwrapCustom, type LinkSide,
} from './jira-common.ts';
import { display } from './jira-json-values.ts';
import { arr, listIn, obj, pointer, str, type Json } from './json-values.ts';

const looksLikeIssue = (v: unknown) => typeof obj(v)?.key === 'string' && obj(obj(v)?.fields) !== undefined;

interface IssueList {
  items: unknown[];
  base: string[];
  /** Field id → field name, when the search asked for `expand=names`. */
  names?: Json;
}

function issueList(json: unknown): IssueList | null {
  const list = listIn(json, 'issues');
  if (!list) return null;
  const page = obj(json);
  // An empty result page still says what it is; a bare empty array says nothing.
  const isPage = page !== undefined && ['total', 'startAt', 'isLast', 'nextPageToken'].some((k) => k in page);
  if (list.items.length === 0 ? !isPage : !looksLikeIssue(list.items[0])) return null;
  return { ...list, names: obj(page?.names) };
}

/**
 * Custom fields are `customfield_NNNNN` in the API: a configured field is found by its id, or by its
 * name through the `names` map of a search made with `expand=names`. Without either (as in most
 * stored extractions) the field cannot be read, and a configured name says so.
 */
function customFieldIds(ctx: FileContext, names: Json | undefined) {
  const byName = new Map(Object.entries(names ?? {}).map(([id, n]) => [String(n).toLowerCase(), id]));
  const find = (candidates: readonly string[]) =>
    candidates.map((c) => (isFieldId(c) ? c.trim() : byName.get(unwrapCustom(c).toLowerCase()))).find(Boolean);
  const { storyPointsField, teamField, foundInField } = ctx.config.jira;
  if (storyPointsField && !isFieldId(storyPointsField) && !find([storyPointsField])) {
    ctx.warn(
      'custom-field',
      `story points not read: the config's jira.storyPointsField ${JSON.stringify(storyPointsField)} is a field name, and this file ${names ? 'names no such field' : 'has no "names" map (search with expand=names)'}; set the field id instead, e.g. "customfield_10016"`,
    );
  }
  return {
    storyPoints: find(storyPointsField ? [storyPointsField] : ['Story Points', 'Story point estimate']),
    team: find([teamField]),
    foundIn: find([foundInField]),
    sprint: find(['Sprint']),
    epicLink: find(['Epic Link']),
  };
}

type FieldIds = ReturnType<typeof customFieldIds>;

const first = (v: unknown) => display(Array.isArray(v) ? v[0] : v);

/** Sprint names from the Agile API's fields and the Sprint custom field (objects, or the legacy `…[id=1,name=Sprint 1,…]` strings). */
function sprintNames(f: Json, ids: FieldIds): string[] {
  const all = [f.sprint, ...arr(f.closedSprints), ...arr(ids.sprint ? f[ids.sprint] : undefined)];
  const names = all.map((s) => (typeof s === 'string' ? /\bname=([^,\]]*)/.exec(s)?.[1] : display(s)));
  return [...new Set(names.filter((n): n is string => Boolean(n)))];
}

function issueValues(issue: Json, ids: FieldIds, byConfig: (status: string) => boolean): Record<string, RawValue> {
  const f = obj(issue.fields) ?? {};
  const key = str(issue.key);
  const project = str(obj(f.project)?.key) ?? (key ? projectOfIssueKey(key) : undefined);
  const status = display(f.status);
  const category = str(obj(obj(f.status)?.statusCategory)?.key);
  const releases = (list: unknown) => {
    const names = arr(list).map(display).filter((n): n is string => Boolean(n));
    return project ? names.map((v) => releaseId(project, v)) : names;
  };
  return {
    key,
    project_id: project,
    type: display(f.issuetype),
    summary: str(f.summary),
    status,
    // The language-neutral category key, unless the config maps this status itself.
    status_category: status && byConfig(status) ? status : (category ?? status),
    priority: display(f.priority),
    release_ids: releases(f.fixVersions),
    affects_release_ids: releases(f.versions),
    team: ids.team ? first(f[ids.team]) : undefined,
    assignee: str(obj(f.assignee)?.displayName) ?? display(f.assignee),
    created: str(f.created),
    resolved: str(f.resolutiondate),
    updated: str(f.updated),
    story_points: ids.storyPoints ? first(f[ids.storyPoints]) : undefined,
    labels: arr(f.labels).map(str),
    components: arr(f.components).map(display),
    sprints: sprintNames(f, ids),
    parent_key: str(obj(f.parent)?.key) ?? str(obj(f.epic)?.key) ?? (ids.epicLink ? str(f[ids.epicLink]) : undefined),
    found_in: ids.foundIn ? first(f[ids.foundIn]) : undefined,
  };
}

/** Issue types the file itself marks as sub-tasks or as above stories (epics), whatever their language. */
function typesByHierarchy(issues: readonly unknown[]): Record<string, string> {
  const types: Record<string, string> = {};
  for (const issue of issues) {
    const t = obj(obj(obj(issue)?.fields)?.issuetype);
    const name = str(t?.name);
    if (!name) continue;
    if (t?.subtask === true) types[name] = 'task';
    else if (typeof t?.hierarchyLevel === 'number' && t.hierarchyLevel >= 1) types[name] = 'epic';
  }
  return types;
}

function* transitionRecords(list: IssueList, truncated: { n: number }): Generator<RawRecord> {
  for (const [i, issue] of list.items.entries()) {
    const changelog = obj(obj(issue)?.changelog);
    if (!changelog) continue;
    const histories = arr(changelog.histories);
    if (typeof changelog.total === 'number' && changelog.total > histories.length) truncated.n++;
    for (const [h, history] of histories.entries()) {
      for (const [j, item] of arr(obj(history)?.items).entries()) {
        const it = obj(item);
        if (it?.field !== 'status' && it?.fieldId !== 'status') continue;
        yield {
          pointer: pointer(...list.base, i, 'changelog', 'histories', h, 'items', j),
          values: { key: str(obj(issue)?.key), at: str(obj(history)?.created), from_status: str(it.fromString), to_status: str(it.toString) },
        };
      }
    }
  }
}

/**
 * Dependency links: an item with `outwardIssue` reads "this issue <type.outward> that one", with
 * `inwardIssue` "this issue <type.inward> that one"; the link type says which of the two comes first.
 * An item that names neither issue is kept, to be rejected with its pointer.
 */
function* linkRecords(list: IssueList, side: (linkType: string) => LinkSide | undefined): Generator<RawRecord> {
  for (const [i, issue] of list.items.entries()) {
    const self = str(obj(issue)?.key);
    // An issue without a key is rejected itself; its links go with it.
    if (self === undefined) continue;
    for (const [j, item] of arr(obj(obj(issue)?.fields)?.issuelinks).entries()) {
      const link = obj(item);
      const type = str(obj(link?.type)?.name);
      const prerequisite = type === undefined ? undefined : side(type);
      if (!prerequisite) continue;
      const outward = str(obj(link?.outwardIssue)?.key);
      const other = outward ?? str(obj(link?.inwardIssue)?.key);
      const selfFirst = (outward !== undefined ? 'outward' : 'inward') === prerequisite;
      yield {
        pointer: pointer(...list.base, i, 'fields', 'issuelinks', j),
        values: { key: selfFirst ? self : other, dependent_key: selfFirst ? other : self, link_type: type },
      };
    }
  }
}

/** Field sources over a staged record table whose columns are named after the canonical fields. */
function sources(columns: Record<string, string>, parse: Record<string, ParseOptions> = {}): Record<string, FieldSource> {
  return Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, { sql: quoteIdent(field), column, parse: parse[field] }]));
}

const LISTS = ['release_ids', 'affects_release_ids', 'labels', 'components', 'sprints'];

export const jiraJsonSearch: Adapter = {
  id: 'jira-json-search',
  title: 'Jira REST search results (issues, with changelog)',
  kind: 'json',
  signature: 'a search result {startAt, total, issues: [{key, fields}]}, or an array of issues [{key, fields}]',
  detect(_file, probe) {
    if (probe.kind !== 'json') return 0;
    const list = issueList(probe.json);
    return list ? (list.base.length ? 0.95 : 0.9) : 0;
  },
  async load(ctx, probe) {
    const list = issueList((probe as JsonProbe).json)!;
    const ids = customFieldIds(ctx, list.names);
    const byConfig = configuredStatus(ctx);
    const columns: Record<string, string> = {
      key: 'key', project_id: 'fields.project.key', type: 'fields.issuetype.name', summary: 'fields.summary',
      status: 'fields.status.name', status_category: 'fields.status.statusCategory.key', priority: 'fields.priority.name',
      release_ids: 'fields.fixVersions', affects_release_ids: 'fields.versions', assignee: 'fields.assignee.displayName',
      created: 'fields.created', resolved: 'fields.resolutiondate', updated: 'fields.updated',
      labels: 'fields.labels', components: 'fields.components', sprints: 'fields.sprint', parent_key: 'fields.parent.key',
    };
    for (const [name, id] of [['team', ids.team], ['story_points', ids.storyPoints], ['found_in', ids.foundIn]] as const) {
      if (id) columns[name] = `fields.${id}`;
    }
    const instant: ParseOptions = { timeZone: timeZoneOf(ctx) };
    const issues = await stageRecords(
      ctx,
      Object.keys(columns),
      list.items.map((issue, i) => ({ pointer: pointer(...list.base, i), values: issueValues(obj(issue) ?? {}, ids, byConfig) })),
      LISTS,
    );
    const fields = sources(columns, {
      type: issueTypeParse(ctx, typesByHierarchy(list.items)),
      status_category: statusCategoryParse(ctx),
      found_in: foundInParse(ctx),
      created: instant, resolved: instant, updated: instant,
    });
    const items = await applyMapping(ctx, { entity: 'work_item', from: issues, fields, updated: fields.updated, pointer: '_pointer', seq: '_seq' });

    const truncated = { n: 0 };
    const changes = await stageRecords(ctx, ['key', 'at', 'from_status', 'to_status'], transitionRecords(list, truncated));
    if (truncated.n) {
      ctx.warn('truncated-changelog', `${truncated.n} issue(s) carry only part of their changelog (Jira embeds at most 100 histories); their earlier status changes are missing`, truncated.n);
    }
    const transitions = await applyMapping(ctx, {
      entity: 'work_item_transition',
      from: changes,
      fields: sources({ key: 'key (of the issue)', at: 'created (of the history)', from_status: 'fromString', to_status: 'toString' }, { at: instant }),
      pointer: '_pointer',
      seq: '_seq',
    });
    const linkRows = await stageRecords(ctx, ['key', 'dependent_key', 'link_type'], linkRecords(list, dependencySide(ctx)));
    const issueKey = 'key, fields.issuelinks[].inwardIssue.key / outwardIssue.key';
    const links = await mapLinks(ctx, linkRows, { pointer: '_pointer', seq: '_seq' }, { key: issueKey, dependent_key: issueKey, link_type: 'fields.issuelinks[].type.name' });
    return { records: list.items.length, results: [items, transitions, links] };
  },
};
