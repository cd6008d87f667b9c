// GitLab releases → releases: upcoming releases are plans, the project path from the release's links,
// the day of an offset time, and the config's systems and projects.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { config } from './jira-helpers.ts';

const RELEASES = path.join(FIXTURES, 'gitlab', 'handmade', 'releases.json');
const COLUMNS = 'id, name, project_id, system_ids, type, status, status_raw, planned_release, actual_release, source_pointer';

describe('GitLab releases', () => {
  it('reads released and upcoming releases', async () => {
    const r = await ingestFiles([RELEASES]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'gitlab-releases', entities: ['release'], records: 3, rows: 3, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM release ORDER BY id`)).toEqual([
      // Released at 02:00 +08:00: 18:00 UTC the day before.
      {
        id: 'fin/ledger@v1.4.0', name: 'Ledger 1.4', project_id: null, system_ids: ['fin/ledger'], type: 'minor', status: 'released', status_raw: 'released',
        planned_release: null, actual_release: '2026-03-09', source_pointer: '/0',
      },
      // No _links: the project path from tag_path; no name: the tag.
      {
        id: 'fin/ledger@v1.4.1', name: 'v1.4.1', project_id: null, system_ids: ['fin/ledger'], type: 'patch', status: 'released', status_raw: 'released',
        planned_release: null, actual_release: '2026-03-12', source_pointer: '/2',
      },
      // An upcoming release's released_at is its plan.
      {
        id: 'fin/ledger@v2.0.0', name: 'Ledger 2.0', project_id: null, system_ids: ['fin/ledger'], type: 'major', status: 'planned', status_raw: 'upcoming',
        planned_release: '2026-06-30', actual_release: null, source_pointer: '/1',
      },
    ]);
  });

  it('gives a project the system and project the config names', async () => {
    const r = await ingestFiles([RELEASES], { config: config({ gitlab: { projects: { 'Fin/Ledger': { system: 'LEDGER', project: 'FIN' } } } }) });
    expect(await r.query('SELECT DISTINCT system_ids, project_id FROM release')).toEqual([{ system_ids: ['LEDGER'], project_id: 'FIN' }]);
  });

  it('says which release has nothing that names its project', async () => {
    const [, second] = JSON.parse(fs.readFileSync(RELEASES, 'utf8')) as Array<Record<string, unknown>>;
    const bare = { ...second, _links: undefined, tag_path: undefined, commit_path: undefined };
    const r = await ingestFiles([writeFixture({ 'releases.json': JSON.stringify([second, bare]) })]);
    expect(r.summary.errors).toEqual([
      expect.stringMatching(/releases\.json at \/1\/_links: field "_links\.self" value "\(none\)": cannot tell which project this release belongs to \(expected the release as GitLab's API returns it, with _links\.self/),
    ]);
  });
});
