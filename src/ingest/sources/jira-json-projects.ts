// The Jira project list (`/rest/api/2/project`, or the pages `{values: […]}` of `/project/search`) →
// projects. The project's category is the closest thing Jira has to a portfolio: it groups projects
// for the organisation (e.g. Apache's "Retired", "Hadoop"), so it is read as the portfolio.
import { quoteIdent } from '../../db/schema.ts';
import { applyMapping } from '../map/mapper.ts';
import { stageRecords } from '../stage/records.ts';
import type { Adapter, JsonProbe } from '../adapter.ts';
import { display } from './jira-json-values.ts';
import { listIn, obj, pointer, str } from './json-values.ts';

const looksLikeProject = (v: unknown) => {
  const o = obj(v);
  if (typeof o?.key !== 'string' || typeof o.name !== 'string' || 'fields' in o || 'versions' in o) return false;
  return ['projectTypeKey', 'projectCategory', 'avatarUrls', 'lead'].some((k) => k in o) || /\/rest\/api\/\d+\/project\//.test(str(o.self) ?? '');
};

function projectList(json: unknown) {
  const list = listIn(json, 'values');
  return list && looksLikeProject(list.items[0]) ? list : null;
}

const COLUMNS: Record<string, string> = { id: 'key', name: 'name', portfolio: 'projectCategory.name', owner: 'lead.displayName' };

export const jiraJsonProjects: Adapter = {
  id: 'jira-json-projects',
  title: 'Jira REST project list',
  kind: 'json',
  signature: 'a project list [{key, name, projectCategory, lead}] or its page {values: […]}',
  detect(_file, probe) {
    if (probe.kind !== 'json') return 0;
    const list = projectList(probe.json);
    return list ? (list.base.length ? 0.95 : 0.9) : 0;
  },
  async load(ctx, probe) {
    const list = projectList((probe as JsonProbe).json)!;
    const table = await stageRecords(
      ctx,
      Object.keys(COLUMNS),
      list.items.map((item, i) => {
        const p = obj(item) ?? {};
        const lead = obj(p.lead);
        return {
          pointer: pointer(...list.base, i),
          values: { id: str(p.key), name: str(p.name)?.trim(), portfolio: display(p.projectCategory), owner: str(lead?.displayName) ?? display(lead) },
        };
      }),
    );
    const fields = Object.fromEntries(Object.entries(COLUMNS).map(([f, column]) => [f, { sql: quoteIdent(f), column }]));
    const result = await applyMapping(ctx, { entity: 'project', from: table, fields, pointer: '_pointer', seq: '_seq' });
    return { records: list.items.length, results: [result] };
  },
};
