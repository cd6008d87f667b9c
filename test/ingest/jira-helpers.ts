// Shared by the Jira adapter tests: a config file, and the work item columns they compare.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, tempDir } from '../helpers/ingest.ts';

export const JIRA = path.join(FIXTURES, 'jira');

export const WORK_ITEM_COLUMNS = `key, project_id, type, type_raw, summary, status, status_category, priority, release_ids, team, assignee,
  created, resolved, updated, story_points, labels, components, sprints, parent_key, found_in, source`;

/** Writes an almanac.config.json outside the input folders and returns its path. */
export function config(json: object): string {
  const file = path.join(tempDir(), 'almanac.config.json');
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}
