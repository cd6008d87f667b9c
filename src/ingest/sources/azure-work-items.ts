// Azure DevOps (Boards) work item query, "Export to CSV" → work items. Headers are the fields' display
// names, dates are in the exporting user's locale (`3/4/2026 6:55:03 PM`, detected per file), people
// are `Name <email>`, area and iteration paths use `\`, tags are `; `-separated. Tree queries write the
// title in one of several columns `Title 1`, `Title 2`… by the item's level.
import { IngestError } from '../errors.ts';
import { applyMapping, type FieldSource } from '../map/mapper.ts';
import type { ParseOptions } from '../map/convert.ts';
import { fileDateFormats } from '../map/file-dates.ts';
import { col, stageCsv } from '../stage/csv.ts';
import type { Adapter, CsvProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import { foundInParse, timeZoneOf } from './jira-common.ts';

/** Work item types of the Basic, Agile, Scrum and CMMI processes. Basic's Issue is its backlog item. */
const TYPES: Record<string, string> = {
  epic: 'epic', feature: 'feature',
  'user story': 'story', 'product backlog item': 'story', requirement: 'story', issue: 'story',
  task: 'task', bug: 'bug',
};

/**
 * States of the four processes. Resolved (Agile, CMMI) is done for development but not verified — a
 * resolved bug awaits its retest — and Azure DevOps itself counts only Closed as completed: it is in
 * progress. Removed items are done with, like Jira's cancelled ones. Design and Ready are a test case's.
 */
const STATES: Record<string, string> = {
  new: 'todo', proposed: 'todo', 'to do': 'todo', approved: 'todo', design: 'todo', ready: 'todo',
  active: 'in_progress', committed: 'in_progress', 'in progress': 'in_progress', doing: 'in_progress', resolved: 'in_progress',
  closed: 'done', done: 'done', removed: 'done',
};

function enumParse(ctx: FileContext, field: string, ...maps: Array<Readonly<Record<string, string>>>): ParseOptions {
  return { map: Object.assign({}, ...maps, ctx.rule?.values?.[field]), unknown: 'null' };
}

/** The segments of a `\`-separated path (area, iteration). */
const segments = (x: string) => `list_filter(list_transform(string_split(${x}, '\\'), s -> trim(s)), s -> s <> '')`;
/** The last segment below the project's root: the root alone names no team or sprint. */
const leaf = (x: string) => `CASE WHEN len(${segments(x)}) > 1 THEN ${segments(x)}[-1] END`;
/** `Jamal Hartnett <fabrikamfiber4@hotmail.com>` → Jamal Hartnett. */
const personName = (x: string) => `nullif(trim(regexp_replace(${x}, '<[^<>]*>\\s*$', '')), '')`;

const hasWorkItemHeader = (header: readonly string[]) => {
  const names = new Set(header.map((h) => h.toLowerCase()));
  return names.has('id') && names.has('work item type');
};

export const azureWorkItems: Adapter = {
  id: 'azure-work-items',
  title: 'Azure DevOps work item query, exported to CSV',
  kind: 'csv',
  signature: 'a header with "ID" and "Work Item Type" (and Title, State, Assigned To, Area Path, Created Date…)',
  detect(_file, probe) {
    return probe.kind === 'csv' && hasWorkItemHeader(probe.header) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const p = probe as CsvProbe;
    const at = (name: string) => {
      const i = p.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
      return i < 0 ? undefined : { sql: col(i), column: p.header[i]! };
    };
    const created = at('Created Date');
    if (!created) {
      throw new IngestError({
        file: ctx.path, line: 1, field: 'Created Date', message: `missing column; found: ${p.header.join(', ')}`,
        expected: 'a work item query exported with the Created Date column (add it to the query\'s columns)',
      });
    }
    const staged = await stageCsv(ctx, p);
    const dated = ['Created Date', 'Changed Date', 'Closed Date'].flatMap((n) => (at(n) ? [{ name: at(n)!.column, sql: at(n)!.sql }] : []));
    const instant = { ...(await fileDateFormats(ctx, staged.values, dated)), timeZone: timeZoneOf(ctx) };
    const azure = ctx.config.azure;

    const fields: Record<string, FieldSource> = {};
    const put = (field: string, source: { sql: string; column: string } | undefined, parse?: ParseOptions, value = (x: string) => x) => {
      if (source) fields[field] = { sql: value(source.sql), column: source.column, parse };
    };
    const area = at('Area Path');
    const titles = p.header.flatMap((h, i) => (/^title( \d+)?$/i.test(h) ? [`nullif(trim(${col(i)}), '')`] : []));
    put('key', at('ID'));
    // The project is the area path's root, which is the project's name.
    if (at('Team Project')) put('project_id', at('Team Project'));
    else put('project_id', area, undefined, (x) => `${segments(x)}[1]`);
    put('type', at('Work Item Type'), enumParse(ctx, 'type', TYPES, azure.workItemTypes));
    if (titles.length) put('summary', { sql: `coalesce(${titles.join(', ')})`, column: 'Title' });
    put('status', at('State'));
    put('status_category', at('State'), enumParse(ctx, 'status_category', STATES, azure.workItemStates));
    put('priority', at('Priority'));
    put('team', area, undefined, leaf);
    put('assignee', at('Assigned To'), undefined, personName);
    put('created', created, instant);
    put('updated', at('Changed Date'), instant);
    put('resolved', at('Closed Date'), instant);
    put('story_points', at('Story Points') ?? at('Effort') ?? at('Size'));
    put('labels', at('Tags'), { split: ';' });
    put('sprints', at('Iteration Path'), { split: ';' }, leaf);
    put('parent_key', at('Parent'));
    put('found_in', at('Found In'), foundInParse(ctx));
    if (azure.releaseField) {
      const release = at(azure.releaseField);
      if (release) put('release_ids', release, { split: ';' });
      else ctx.warn('missing-column', `the configured azure.releaseField ${JSON.stringify(azure.releaseField)} is not a column of this file; work items get no release`);
    }
    const result = await applyMapping(ctx, { entity: 'work_item', from: staged.relation, fields, updated: fields.updated, line: '_line', seq: '_row' });
    return { records: staged.records, results: [result] };
  },
};
