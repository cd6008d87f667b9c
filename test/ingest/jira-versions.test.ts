// Jira versions → releases and the project list → projects: real Apache Jira responses, the shapes of
// a versions list (bare, paginated, inside the project), where the project key comes from, and the
// version name → release type heuristic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { releaseTypeFromName } from '../../src/ingest/sources/jira-json-versions.ts';
import { JIRA, config } from './jira-helpers.ts';

const RELEASE = 'id, name, project_id, type, status, status_raw, planned_start, planned_release, actual_release, source_pointer';
const payVersions = fs.readFileSync(path.join(JIRA, 'handmade', 'PAY-versions.json'), 'utf8');

const PAY_RELEASES = [
  { id: 'PAY:2.4.0', name: '2.4.0', project_id: 'PAY', type: 'minor', status: 'released', status_raw: 'released', planned_start: '2020-10-01', planned_release: null, actual_release: '2020-11-20', source_pointer: '/0' },
  { id: 'PAY:2.4.1', name: '2.4.1', project_id: 'PAY', type: 'patch', status: 'released', status_raw: 'released', planned_start: null, planned_release: null, actual_release: '2020-11-25', source_pointer: '/1' },
  // Only the user-format dates: read as dd/MMM/yy.
  { id: 'PAY:2.5.0', name: '2.5.0', project_id: 'PAY', type: 'minor', status: 'planned', status_raw: 'unreleased', planned_start: '2024-05-01', planned_release: '2024-06-15', actual_release: null, source_pointer: '/2' },
  { id: 'PAY:3.0', name: '3.0', project_id: 'PAY', type: 'major', status: 'planned', status_raw: 'unreleased', planned_start: null, planned_release: null, actual_release: null, source_pointer: '/3' },
  { id: 'PAY:2.3.9 hotfix', name: '2.3.9 hotfix', project_id: 'PAY', type: 'emergency', status: 'cancelled', status_raw: 'archived', planned_start: null, planned_release: '2020-09-01', actual_release: null, source_pointer: '/4' },
  { id: 'PAY:Backlog bucket', name: 'Backlog bucket', project_id: 'PAY', type: null, status: 'planned', status_raw: 'unreleased', planned_start: null, planned_release: null, actual_release: null, source_pointer: '/5' },
];

describe('Jira project versions', () => {
  it('reads the versions inside a real project object (Apache ABDERA)', async () => {
    const r = await ingestFiles([path.join(JIRA, 'apache-json', 'project.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-json-versions', entities: ['release'], records: 9, rows: 9, rejected: 0 });
    const rows = await r.query(`SELECT ${RELEASE} FROM release ORDER BY source_pointer`);
    expect(rows.map((x) => [x.name, x.type, x.status])).toEqual([
      ['0.2.2', 'patch', 'released'], ['0.3.0', 'minor', 'released'], ['0.4.0', 'minor', 'released'], ['1.0', 'major', 'released'],
      ['1.1', 'minor', 'released'], ['1.1.1', 'patch', 'released'], ['1.1.2', 'patch', 'released'], ['1.1.3', 'patch', 'planned'], ['1.2', 'minor', 'planned'],
    ]);
    expect(rows[0]).toEqual({
      id: 'ABDERA:0.2.2', name: '0.2.2', project_id: 'ABDERA', type: 'patch', status: 'released', status_raw: 'released',
      planned_start: null, planned_release: null, actual_release: '2007-02-19', source_pointer: '/versions/0',
    });
    // Unreleased versions without dates are valid releases.
    expect(rows[8]).toEqual({
      id: 'ABDERA:1.2', name: '1.2', project_id: 'ABDERA', type: 'minor', status: 'planned', status_raw: 'unreleased',
      planned_start: null, planned_release: null, actual_release: null, source_pointer: '/versions/8',
    });
  });

  it('takes the project key of a bare versions list from the file name', async () => {
    const r = await ingestFiles([writeFixture({ 'PAY-versions.json': payVersions })]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT ${RELEASE} FROM release ORDER BY source_pointer`)).toEqual(PAY_RELEASES);
  });

  it('takes it from the config\'s jira.projectKeys, which wins over the file name', async () => {
    for (const name of ['versions.json', 'OLD-versions.json']) {
      const r = await ingestFiles([writeFixture({ [name]: payVersions })], { config: config({ jira: { projectKeys: { 10100: 'PAY' } } }) });
      expect(await r.query('SELECT id FROM release ORDER BY source_pointer')).toEqual(PAY_RELEASES.map((x) => ({ id: x.id })));
    }
  });

  it('says how to name the project when nothing does', async () => {
    const r = await ingestFiles([writeFixture({ 'versions.json': payVersions })]);
    expect(r.summary.ok).toBe(false);
    expect(r.summary.errors).toEqual([
      expect.stringMatching(/versions\.json at \/0\/projectId: field "projectId" value "10100": cannot tell which project these versions belong to .*\(expected the project key in the config, "jira": \{"projectKeys": \{"10100": "<KEY>"\}\}, or a file name like <KEY>-versions\.json\)$/),
    ]);
  });

  it('reads a paginated page, rejecting an impossible date with its pointer', async () => {
    const values = JSON.parse(payVersions).slice(0, 2);
    values[1].releaseDate = '2020-13-01';
    const page = { self: 'https://jira.example.com/rest/api/2/project/PAY/version?startAt=0', maxResults: 50, startAt: 0, total: 2, isLast: true, values };
    const r = await ingestFiles([writeFixture({ 'versions-PAY.json': JSON.stringify(page) })], { maxRejectRatio: 1 });
    expect(await r.query('SELECT id, source_pointer FROM release')).toEqual([{ id: 'PAY:2.4.0', source_pointer: '/values/0' }]);
    expect(r.summary.rejects.map((x) => [x.pointer, x.field, x.value, x.expected])).toEqual([
      ['/values/1', 'releaseDate of a released version', '2020-13-01', 'a date like yyyy-MM-dd'],
    ]);
    expect(r.summary.files[0]).toMatchObject({ records: 2, rows: 1, rejected: 1 });
  });
});

describe('Jira project list', () => {
  it('reads the real Apache project list (first 40): key, trimmed name, category as portfolio', async () => {
    const r = await ingestFiles([path.join(JIRA, 'apache-json', 'all_projects.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-json-projects', entities: ['project'], records: 40, rows: 40, rejected: 0 });
    expect(await r.query(`SELECT id, name, portfolio, owner, source_pointer FROM project WHERE id IN ('AGILA', 'AAR', 'AMQ', 'GORA') ORDER BY source_pointer`)).toEqual([
      { id: 'AGILA', name: 'Agila', portfolio: 'Retired', owner: null, source_pointer: '/0' },
      { id: 'AAR', name: 'aardvark', portfolio: null, owner: null, source_pointer: '/1' },
      { id: 'GORA', name: 'Apache Gora', portfolio: 'Gora', owner: null, source_pointer: '/39' },
      { id: 'AMQ', name: 'ActiveMQ', portfolio: 'ActiveMQ', owner: null, source_pointer: '/6' },
    ]);
    expect(await r.query(`SELECT count(*)::INTEGER AS n FROM project WHERE portfolio = 'Incubator'`)).toEqual([{ n: 10 }]);
  });

  it('reads a /project/search page with leads', async () => {
    const page = {
      startAt: 0, maxResults: 50, total: 1, isLast: true,
      values: [{ self: 'https://x.atlassian.net/rest/api/3/project/10000', id: '10000', key: 'PAY', name: 'Payments ', projectTypeKey: 'software', lead: { displayName: 'Ann Lee' }, projectCategory: { name: 'Retail' } }],
    };
    const r = await ingestFiles([writeFixture({ 'projects.json': JSON.stringify(page) })]);
    expect(await r.query('SELECT id, name, portfolio, owner, source_pointer FROM project')).toEqual([
      { id: 'PAY', name: 'Payments', portfolio: 'Retail', owner: 'Ann Lee', source_pointer: '/values/0' },
    ]);
  });
});

describe('release type from a version name', () => {
  it.each([
    ['1.0', 'major'], ['2.0.0', 'major'], ['v3.0', 'major'], ['2.4', 'minor'], ['2.4.0', 'minor'], ['Release 2.4.0-RC1', 'minor'],
    ['2.4.1', 'patch'], ['1.2.0.7', 'patch'], ['v2.5.4', 'patch'], ['2.3.9 hotfix', 'emergency'], ['Emergency fix May', 'emergency'],
    ['HOTFIX-17', 'emergency'], ['Backlog', null], ['Sprint 5', null], ['2024-05', null],
  ])('%s → %s', (name, type) => {
    expect(releaseTypeFromName(name)).toBe(type);
  });

  it('reads X.0(.0) as major, X.Y(.0) as minor and X.Y.Z as patch, whatever surrounds the number', () => {
    const parts = fc.tuple(fc.nat(99), fc.nat(99), fc.option(fc.nat(99), { nil: undefined }));
    const prefix = fc.constantFrom('', 'v', 'V', 'Release ', 'PAY ', 'web-');
    const suffix = fc.constantFrom('', '-rc1', ' (beta)', '-SNAPSHOT', ' final', '+build');
    fc.assert(
      fc.property(prefix, parts, suffix, (pre, [x, y, z], post) => {
        const name = `${pre}${x}.${y}${z === undefined ? '' : `.${z}`}${post}`;
        const want = (z ?? 0) > 0 ? 'patch' : y > 0 ? 'minor' : 'major';
        expect(releaseTypeFromName(name)).toBe(want);
      }),
      { seed: 7 },
    );
  });

  it('reads any name with "hotfix" or "emergency" as an emergency release', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('hotfix', 'Hotfix', 'hot-fix', 'EMERGENCY'), fc.string(), (a, word, b) => {
        expect(releaseTypeFromName(`${a}${word}${b}`)).toBe('emergency');
      }),
      { seed: 7 },
    );
  });
});
