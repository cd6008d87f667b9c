// GitHub releases → releases: drafts, prereleases, the day of an instant in the configured time zone,
// where the repository comes from, the config's systems and projects, and a release calendar that
// fills in the plan GitHub does not keep.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { config } from './jira-helpers.ts';

const RELEASES = fs.readFileSync(path.join(FIXTURES, 'github', 'handmade', 'releases.json'), 'utf8');
const COLUMNS = 'id, name, project_id, system_ids, type, status, status_raw, planned_release, actual_release, source_pointer';

const release = (id: string, name: string, type: string | null, status: string, raw: string, actual: string | null, pointer: string, system = 'payments') => ({
  id, name, project_id: null, system_ids: [system], type, status, status_raw: raw, planned_release: null, actual_release: actual, source_pointer: pointer,
});

const EXPECTED = [
  release('acme/ledger@1.0', 'Ledger one', 'major', 'released', 'published', '2026-02-02', '/5', 'ledger'),
  release('acme/payments@v2.4.0', 'Payments 2.4', 'minor', 'released', 'published', '2026-03-01', '/0'),
  // 07:30 at +08:00 is 23:30 UTC the day before.
  release('acme/payments@v2.4.1', 'v2.4.1', 'patch', 'released', 'published', '2026-03-04', '/1'),
  release('acme/payments@v2.4.2-hotfix', 'v2.4.2-hotfix', 'emergency', 'released', 'published', '2026-03-08', '/4'),
  release('acme/payments@v3.0.0', 'Payments 3.0', 'major', 'planned', 'draft', null, '/3'),
  release('acme/payments@v3.0.0-rc.1', '3.0 release candidate', 'major', 'in_progress', 'prerelease', null, '/2'),
];

describe('GitHub releases', () => {
  it('reads every release: drafts are planned, prereleases in progress, the rest released on their publication day', async () => {
    const r = await ingestFiles([writeFixture({ 'releases.json': RELEASES })]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'github-releases', entities: ['release'], records: 6, rows: 6, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM release ORDER BY id`)).toEqual(EXPECTED);
  });

  it('takes the publication day in the configured time zone', async () => {
    const r = await ingestFiles([writeFixture({ 'releases.json': RELEASES })], { config: config({ timeZone: 'Europe/Paris' }) });
    expect(await r.query(`SELECT id, actual_release FROM release WHERE id IN ('acme/payments@v2.4.0', 'acme/payments@v2.4.1') ORDER BY id`)).toEqual([
      { id: 'acme/payments@v2.4.0', actual_release: '2026-03-02' },
      { id: 'acme/payments@v2.4.1', actual_release: '2026-03-05' },
    ]);
  });

  it('gives a repository the system and project the config names (repository names in any case)', async () => {
    const cfg = config({ github: { repositories: { 'ACME/Payments': 'PAY', 'acme/ledger': { system: 'LEDGER', project: 'FIN' } } } });
    const r = await ingestFiles([writeFixture({ 'releases.json': RELEASES })], { config: cfg });
    expect(await r.query(`SELECT DISTINCT split_part(id, '@', 1) AS repo, system_ids, project_id FROM release ORDER BY repo`)).toEqual([
      { repo: 'acme/ledger', system_ids: ['LEDGER'], project_id: 'FIN' },
      { repo: 'acme/payments', system_ids: ['PAY'], project_id: null },
    ]);
  });

  it('keeps the plan of a release calendar with the same id: GitHub has none', async () => {
    const dir = writeFixture({ 'github-releases.json': RELEASES, 'releases.csv': 'id,planned_release\nacme/payments@v2.4.0,2026-02-27\n' });
    const r = await ingestFiles([dir]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT id, name, status, planned_release, actual_release FROM release WHERE id = 'acme/payments@v2.4.0'`)).toEqual([
      { id: 'acme/payments@v2.4.0', name: 'Payments 2.4', status: 'released', planned_release: '2026-02-27', actual_release: '2026-03-01' },
    ]);
  });

  it('reads the pages of gh api --paginate --slurp, and rejects a release whose repository is unknown', async () => {
    const [first, second] = JSON.parse(RELEASES) as Array<Record<string, unknown>>;
    const orphan = { ...second, html_url: undefined, url: undefined };
    const r = await ingestFiles([writeFixture({ 'releases.json': JSON.stringify([[first], [orphan]]) })], { maxRejectRatio: 1 });
    expect(await r.query('SELECT id, source_pointer FROM release')).toEqual([{ id: 'acme/payments@v2.4.0', source_pointer: '/0/0' }]);
    expect(r.summary.rejects.map((x) => [x.pointer, x.field, x.value, x.expected])).toEqual([
      ['/1/0', 'tag_name (with the repository from html_url)', null, 'a value (the field is required)'],
    ]);
  });

  it('rejects a publication time that is not a time, naming it', async () => {
    const [first] = JSON.parse(RELEASES) as Array<Record<string, unknown>>;
    const r = await ingestFiles([writeFixture({ 'releases.json': JSON.stringify([{ ...first, published_at: '1st of March' }]) })], { maxRejectRatio: 1 });
    expect(r.summary.rejects.map((x) => [x.pointer, x.field, x.value, x.expected])).toEqual([['/0', 'published_at', '1st of March', 'a date YYYY-MM-DD']]);
  });
});
