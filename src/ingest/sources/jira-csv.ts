// Jira's issue CSV export ("Export CSV (all fields)" or "current fields"), Cloud and Server/Data
// Center → work items, and their dependency links → work item links. Columns are read by position: a
// multi-valued field repeats its header once per value (Sprint, Labels, Fix versions, Inward issue
// link (Blocks)…), and those repeats become lists.
import { lit } from '../../db/duckdb.ts';
import { IngestError } from '../errors.ts';
import { applyMapping, type FieldSource } from '../map/mapper.ts';
import { stageCsv, col, type StagedCsv } from '../stage/csv.ts';
import type { Adapter, CsvProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import {
  configuredStatus, dependencySide, foundInParse, issueTypeParse, mapLinks, projectOfIssueKeySql, releaseIdSql, statusCategoryParse, timeZoneOf,
  unwrapCustom,
} from './jira-common.ts';
import { fileDateFormats } from '../map/file-dates.ts';

/**
 * Header positions by name, case-insensitively, repeats kept in file order. It remembers every
 * position it gave out (`used`): only those columns are staged, as a wide export is mostly columns
 * the adapter never reads.
 */
function headerIndex(header: readonly string[]) {
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => positions.set(h.toLowerCase(), [...(positions.get(h.toLowerCase()) ?? []), i]));
  const used = new Set<number>();
  const note = (i: number | undefined) => (i !== undefined && used.add(i), i);
  return {
    used,
    /** Every column of every name given (Cloud and Server spellings of one field). */
    all: (...names: string[]) => names.flatMap((n) => positions.get(n.toLowerCase()) ?? []).map((i) => note(i)!),
    /** The first column of the first name present. */
    first: (...names: string[]) => note(names.map((n) => positions.get(n.toLowerCase())?.[0]).find((i) => i !== undefined)),
  };
}
type HeaderIndex = ReturnType<typeof headerIndex>;

/** A cell's value, NULL when blank; `alias` qualifies the column inside a join. */
const cell = (i: number, alias = '') => `nullif(trim(${alias}${col(i)}), '')`;
const firstFilled = (cols: readonly number[], alias = '') =>
  cols.length === 1 ? cell(cols[0]!, alias) : `coalesce(${cols.map((i) => cell(i, alias)).join(', ')})`;
const listOf = (cols: readonly number[]) => `list_value(${cols.map(col).join(', ')})`;
/** Excel in European locales writes 2,5 for 2.5. */
const decimal = (sql: string) => `regexp_replace(${sql}, '^(-?[0-9]+),([0-9]+)$', '\\1.\\2')`;

/** Story points: the configured field, else the Story Points field of company-managed projects, then the estimate of team-managed ones. */
function storyPointColumns(ctx: FileContext, h: HeaderIndex): number[] {
  const configured = ctx.config.jira.storyPointsField;
  if (configured) {
    const name = unwrapCustom(configured);
    const cols = h.all(`Custom field (${name})`, name);
    if (cols.length) return cols;
    ctx.warn('missing-column', `the config's jira.storyPointsField ${JSON.stringify(configured)} is not a column of this file; story points read from the default columns`);
  }
  return h.all('Custom field (Story Points)', 'Custom field (Story point estimate)');
}

/**
 * Parent key: `Parent key`, `Parent` when it is a key, the parent's `Issue id` found in the file, then
 * `Epic Link`. `prepare` looks the parents up by id where the file needs it.
 */
function parentSource(h: HeaderIndex, keyCol: number): { prepare: (ctx: FileContext, staged: StagedCsv) => Promise<void>; sql?: string } {
  const parts: string[] = h.all('Parent key').map((i) => cell(i));
  for (const i of h.all('Parent')) parts.push(`CASE WHEN regexp_full_match(${cell(i)}, '[A-Za-z][A-Za-z0-9_]*-[0-9]+') THEN ${cell(i)} END`);
  const idCols = h.all('Parent id', 'Parent');
  const issueId = h.first('Issue id');
  let prepare: (ctx: FileContext, staged: StagedCsv) => Promise<void> = async () => {};
  if (idCols.length && issueId !== undefined) {
    // Server exports name a sub-task's parent by its numeric id only. Stored beside the row's values
    // (the relation shows the new column) by an UPDATE in place, which keeps the read order a join
    // would shuffle.
    prepare = async (ctx, { values }) => {
      await ctx.db.run(
        `ALTER TABLE ${values} ADD COLUMN _parent_by_id VARCHAR;
         UPDATE ${values} SET _parent_by_id = p._key
         FROM (SELECT ${cell(issueId)} AS _id, min(${cell(keyCol)}) AS _key FROM ${values} GROUP BY 1) p
         WHERE p._id = ${firstFilled(idCols, `${values}.`)}`,
      );
    };
    parts.push('_parent_by_id');
  }
  parts.push(...h.all('Custom field (Epic Link)').map((i) => cell(i)));
  return { prepare, sql: parts.length ? `coalesce(${parts.join(', ')})` : undefined };
}

/** Status category: a status the config maps, else the export's `Status Category`, else the status's default meaning. */
function statusCategorySource(ctx: FileContext, h: HeaderIndex): ((values: string) => Promise<FieldSource>) | undefined {
  const status = h.first('Status');
  const category = h.first('Status Category');
  if (status === undefined) return category === undefined ? undefined : async () => ({ sql: col(category), column: 'Status Category', parse: statusCategoryParse(ctx) });
  if (category === undefined) return async () => ({ sql: col(status), column: 'Status', parse: statusCategoryParse(ctx) });
  return async (values) => {
    const names = await ctx.db.all<{ s: string }>(`SELECT DISTINCT ${cell(status)} AS s FROM ${values} WHERE ${cell(status)} IS NOT NULL`);
    const overridden = names.map((n) => n.s).filter(configuredStatus(ctx));
    const byConfig = overridden.length ? `WHEN ${cell(status)} IN (${overridden.map(lit).join(', ')}) THEN ${col(status)} ` : '';
    return {
      sql: `CASE ${byConfig}WHEN ${cell(category)} IS NOT NULL THEN ${col(category)} ELSE ${col(status)} END`,
      column: 'Status Category (else Status)',
      parse: statusCategoryParse(ctx),
    };
  };
}

/**
 * The issue's dependency links, one row each: a column `Outward issue link (<type>)` holds an issue
 * this one "<outward description>" (blocks, depends on…), `Inward issue link (<type>)` one this issue
 * "<inward description>" (is blocked by…); the link type says which of the two comes first. Columns
 * of other link types are not read.
 */
function linkRows(ctx: FileContext, header: readonly string[], keyCol: number): { columns: number[]; rows: (relation: string) => string } | null {
  const side = dependencySide(ctx);
  const self = cell(keyCol);
  const columns: number[] = [];
  const links = header.flatMap((name, i) => {
    const m = /^(inward|outward) issue link \((.+)\)$/i.exec(name.trim());
    const prerequisite = m && side(m[2]!);
    if (!prerequisite) return [];
    columns.push(i);
    const selfFirst = m[1]!.toLowerCase() === prerequisite;
    return [`{'pre': ${selfFirst ? self : cell(i)}, 'dep': ${selfFirst ? cell(i) : self}, 'type': ${lit(m[2]!.trim())}}`];
  });
  if (!links.length) return null;
  // A row without its own key is rejected as a work item already; its links go with it.
  return {
    columns,
    rows: (relation) => `(SELECT _line, _row, l.pre AS "key", l.dep AS dependent_key, l.type AS link_type
      FROM (SELECT _line, _row, unnest([${links.join(', ')}]) AS l FROM ${relation}) WHERE l.pre IS NOT NULL AND l.dep IS NOT NULL)`,
  };
}

function hasJiraHeader(header: readonly string[]): boolean {
  const names = new Set(header.map((x) => x.toLowerCase()));
  return names.has('issue key') && ['summary', 'issue type', 'status'].some((n) => names.has(n));
}

export const jiraCsv: Adapter = {
  id: 'jira-csv',
  title: 'Jira issue CSV export (Cloud, Server/Data Center)',
  kind: 'csv',
  signature: 'a header with "Issue key" and "Summary", "Issue Type" or "Status"',
  detect(_file, probe) {
    return probe.kind === 'csv' && hasJiraHeader(probe.header) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const p = probe as CsvProbe;
    const h = headerIndex(p.header);
    const keyCol = h.first('Issue key');
    const createdCol = h.first('Created');
    if (keyCol === undefined || createdCol === undefined) {
      throw new IngestError({
        file: ctx.path,
        line: 1,
        field: keyCol === undefined ? 'Issue key' : 'Created',
        message: 'missing column',
        expected: 'a Jira issue export with the "Issue key" and "Created" columns',
      });
    }
    // Every column the mapping reads is looked up before staging (`h.used`), the file's own queries after.
    const dateCols = ['Created', 'Updated', 'Resolved'].flatMap((n) => {
      const i = h.first(n);
      return i === undefined ? [] : [{ name: p.header[i]!, sql: col(i) }];
    });
    const project = h.first('Project key');
    const projectSql = project === undefined ? projectOfIssueKeySql(col(keyCol)) : `coalesce(${cell(project)}, ${projectOfIssueKeySql(col(keyCol))})`;

    const fields: Record<string, FieldSource> = {};
    const put = (field: string, sql: string | undefined, column: string, parse?: FieldSource['parse']) => {
      if (sql !== undefined) fields[field] = { sql, column, parse };
    };
    const one = (field: string, name: string, parse?: FieldSource['parse']) => {
      const i = h.first(name);
      if (i !== undefined) put(field, col(i), p.header[i]!, parse);
    };
    const list = (field: string, names: string[], wrap = (s: string) => s) => {
      const cols = h.all(...names);
      if (cols.length) put(field, wrap(listOf(cols)), p.header[cols[0]!]!);
    };

    put('key', col(keyCol), p.header[keyCol]!);
    put('project_id', projectSql, 'Project key');
    one('type', 'Issue Type', issueTypeParse(ctx));
    one('summary', 'Summary');
    one('status', 'Status');
    const category = statusCategorySource(ctx, h);
    one('priority', 'Priority');
    one('assignee', 'Assignee');
    const releases = (l: string) => `list_transform(list_filter(${l}, v -> nullif(trim(v), '') IS NOT NULL), v -> ${releaseIdSql(projectSql, 'v')})`;
    list('release_ids', ['Fix versions', 'Fix Version/s'], releases);
    list('affects_release_ids', ['Affects versions', 'Affects Version/s'], releases);
    list('labels', ['Labels']);
    list('components', ['Components', 'Component/s']);
    list('sprints', ['Sprint']);
    const team = h.all(`Custom field (${ctx.config.jira.teamField})`, 'Team');
    const names = (cols: number[]) => [...new Set(cols.map((i) => p.header[i]!))].join(' / ');
    if (team.length) put('team', firstFilled(team), names(team));
    const points = storyPointColumns(ctx, h);
    if (points.length) put('story_points', decimal(firstFilled(points)), names(points));
    one('found_in', `Custom field (${ctx.config.jira.foundInField})`, foundInParse(ctx));
    const parent = parentSource(h, keyCol);
    put('parent_key', parent.sql, 'Parent key / Parent / Epic Link');
    const links = linkRows(ctx, p.header, keyCol);

    const staged = await stageCsv(ctx, p, [...h.used, ...(links?.columns ?? [])]);
    const instant = { ...(await fileDateFormats(ctx, staged.values, dateCols)), timeZone: timeZoneOf(ctx) };
    for (const [field, name] of [['created', 'Created'], ['updated', 'Updated'], ['resolved', 'Resolved']] as const) one(field, name, instant);
    if (category) fields.status_category = await category(staged.values);

    await parent.prepare(ctx, staged);
    const result = await applyMapping(ctx, {
      entity: 'work_item',
      from: staged.relation,
      fields,
      updated: fields.updated,
      line: '_line',
      seq: '_row',
    });
    if (!links) return { records: staged.records, results: [result] };
    const column = 'Inward / Outward issue link (…)';
    const linked = await mapLinks(ctx, links.rows(staged.relation), { line: '_line', seq: '_row' }, { key: column, dependent_key: column, link_type: column });
    return { records: staged.records, results: [result, linked] };
  },
};
