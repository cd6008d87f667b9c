// DevLake raw tables: each row's `data` is unwrapped and read by the adapter of its API, provenance is
// put back on the CSV line, rows without JSON are rejects, and payloads no adapter reads are an error.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';

const DEVLAKE = path.join(FIXTURES, 'devlake');
const HEADER = 'id,params,data,url,input,created_at';
const cell = (s: string) => `"${s.replaceAll('"', '""')}"`;
const rawTable = (payloads: string[]) =>
  [HEADER, ...payloads.map((data, i) => [String(i + 1), cell('{"ConnectionId":1}'), cell(data), cell('https://gitlab.example.com/api/v4/x'), 'null', '2026-03-14 10:00:00.000'].join(','))].join('\n') + '\n';
const gitlabDeployments = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'gitlab', 'handmade', 'deployments.json'), 'utf8')) as Array<Record<string, unknown>>;

describe('DevLake raw tables', () => {
  it('reads Jira issues from the raw table as from their JSON, each on its CSV line', async () => {
    const raw = await ingestFiles([path.join(DEVLAKE, '_raw_jira_api_issues.csv')]);
    expect(raw.summary.errors).toEqual([]);
    expect(raw.summary.files[0]).toMatchObject({ adapter: 'devlake-raw', records: 2, rejected: 0 });
    expect(raw.summary.files[0]!.entities).toEqual(expect.arrayContaining(['work_item', 'work_item_transition']));
    expect(await raw.query('SELECT key, source, source_line, source_pointer FROM work_item ORDER BY key')).toEqual([
      { key: 'EE-1', source: 'jira-json-search', source_line: 2, source_pointer: null },
      { key: 'EE-2', source: 'jira-json-search', source_line: 3, source_pointer: null },
    ]);
    expect(await raw.query(`SELECT source_line, source_pointer FROM work_item_transition WHERE key = 'EE-1' ORDER BY "at" LIMIT 1`)).toEqual([
      // The first status change of EE-1 (2020-06-12 09:45 +0800) is its history 21.
      { source_line: 2, source_pointer: '/changelog/histories/21/items/0' },
    ]);
    // The same issue from the extraction of the same table: the same canonical values.
    const json = await ingestFiles([path.join(FIXTURES, 'jira', 'devlake-json', 'jira_issues.data.json')]);
    const values = `SELECT * EXCLUDE (source_file, source_line, source_pointer) FROM work_item WHERE key = 'EE-1'`;
    expect(await raw.query(values)).toEqual(await json.query(values));
  });

  it('rejects a row whose data is not JSON, naming its line, and reads the others (a payload may span lines)', async () => {
    const pretty = JSON.stringify(gitlabDeployments[0], null, 1);
    const r = await ingestFiles([writeFixture({ '_raw_gitlab_api_deployments.csv': rawTable([pretty, '{"id": 302, "status": ', '', JSON.stringify(gitlabDeployments[1])]) })], {
      maxRejectRatio: 1,
    });
    expect(r.summary.errors).toEqual([]);
    const lines = pretty.split('\n').length;
    expect(await r.query('SELECT id, source, source_line, source_pointer FROM deployment ORDER BY id')).toEqual([
      { id: 'gitlab:301', source: 'gitlab-deployments', source_line: 2, source_pointer: null },
      { id: 'gitlab:302', source: 'gitlab-deployments', source_line: lines + 4, source_pointer: null },
    ]);
    expect(r.summary.rejects.map((x) => [x.line, x.field, x.value, x.expected])).toEqual([
      [lines + 2, 'data', '{"id": 302, "status": ', expect.stringMatching(/^one API response as JSON \(.*JSON.*\)$/)],
      [lines + 3, 'data', '', 'one API response as JSON (the cell is empty)'],
    ]);
    expect(r.summary.files[0]).toMatchObject({ records: 4, rows: 2, rejected: 2 });
  });

  it('puts the rejects and errors of the payload\'s adapter on the CSV line', async () => {
    const late = { ...gitlabDeployments[0], deployable: { ...(gitlabDeployments[0]!.deployable as object), started_at: 'yesterday' } };
    const rejected = await ingestFiles([writeFixture({ 'raw.csv': rawTable([JSON.stringify(gitlabDeployments[1]), JSON.stringify(late)]) })], { maxRejectRatio: 1 });
    expect(rejected.summary.rejects.map((x) => [x.line, x.pointer, x.field, x.value])).toEqual([[3, null, 'deployable.started_at (else created_at)', 'yesterday']]);

    const release = { name: 'x', tag_name: 'v1.0.0', released_at: '2026-03-01T00:00:00Z', upcoming_release: false };
    const failed = await ingestFiles([writeFixture({ 'raw.csv': rawTable([JSON.stringify(release)]) })]);
    expect(failed.summary.errors).toEqual([expect.stringMatching(/raw\.csv:2 at \/_links: field "_links\.self" value "\(none\)": cannot tell which project/)]);
  });

  it('reads a table with an unquoted header (real Azure DevOps builds)', async () => {
    const r = await ingestFiles([path.join(DEVLAKE, '_raw_azuredevops_go_api_builds.csv')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'devlake-raw', records: 2, rows: 2, rejected: 0 });
    expect(await r.query('SELECT id, source, source_line FROM deployment ORDER BY id')).toEqual([
      { id: 'azure:Testproject/build/12', source: 'azure-builds', source_line: 2 },
      { id: 'azure:Testproject/build/13', source: 'azure-builds', source_line: 3 },
    ]);
  });

  it('leaves GitLab pipelines unread: they are not deployments', async () => {
    const r = await ingestFiles([path.join(FIXTURES, 'gitlab', 'devlake', '_raw_gitlab_api_pipeline.csv')]);
    expect(r.summary.errors).toEqual([
      expect.stringMatching(/_raw_gitlab_api_pipeline\.csv: the API responses in its data column: format not recognised; found JSON shape: \[\{id: number, iid: number, project_id: number, sha: string, ref: string, status: string, source: string, created_at: string, …\}, …\]/),
    ]);
  });

  it('reads an empty table as no records, with a warning', async () => {
    const r = await ingestFiles([writeFixture({ 'raw.csv': `${HEADER}\n` })]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.warnings.map((w) => [w.code, w.message])).toEqual([['empty', 'the table holds no rows']]);
  });
});
