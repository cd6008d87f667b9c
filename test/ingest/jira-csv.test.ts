// Jira issue CSV exports: the real Cloud export, a hand-made Server/DC export, the config's say over
// custom fields, statuses and types, and detection.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { JIRA, WORK_ITEM_COLUMNS, config } from './jira-helpers.ts';

const COLUMNS = `${WORK_ITEM_COLUMNS}, source_line`;

describe('Jira Cloud CSV (real export)', () => {
  it('reads the 22 issues of the TES project', async () => {
    const r = await ingestFiles([path.join(JIRA, 'cloud-csv', 'Jira.csv')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.warnings).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-csv', entities: ['work_item'], records: 22, rows: 22, rejected: 0 });
    const [tes19] = await r.query(`SELECT ${COLUMNS} FROM work_item WHERE key = 'TES-19'`);
    expect(tes19).toEqual({
      key: 'TES-19', project_id: 'TES', type: 'task', type_raw: 'Task', summary: 'Create a Network Architecture diagram for TAG',
      status: 'Done', status_category: 'done', priority: 'Medium', release_ids: null, team: null, assignee: 'Saicharan Basireddy',
      created: '2025-09-03 09:21:00', resolved: '2025-09-12 09:05:00', updated: '2025-09-12 09:05:00', story_points: null,
      labels: null, components: null, sprints: ['TES Sprint 1'], parent_key: null, found_in: null, source: 'jira-csv', source_line: 8,
    });
    // Escaped quotes in a cell; physical lines after records whose descriptions span several lines.
    expect(await r.query(`SELECT key, summary, source_line FROM work_item WHERE key IN ('TES-23', 'TES-9', 'TES-7', 'TES-4') ORDER BY source_line`)).toEqual([
      { key: 'TES-23', summary: 'Need to discuss "Login" steps in the "test plan/selinum" even if not included in User Story', source_line: 4 },
      { key: 'TES-9', summary: 'Enable SSO Login', source_line: 20 },
      { key: 'TES-7', summary: 'Dockerize the final package for customer install', source_line: 25 },
      { key: 'TES-4', summary: 'Change Cancel to Done', source_line: 28 },
    ]);
    expect(await r.query(`SELECT type, status_category, count(*)::INTEGER AS n FROM work_item GROUP BY ALL ORDER BY ALL`)).toEqual([
      { type: 'story', status_category: 'done', n: 8 },
      { type: 'story', status_category: 'in_progress', n: 2 },
      { type: 'story', status_category: 'todo', n: 5 },
      { type: 'task', status_category: 'done', n: 2 },
      { type: 'task', status_category: 'in_progress', n: 1 },
      { type: 'task', status_category: 'todo', n: 4 },
    ]);
  });
});

describe('Jira Server/Data Center CSV (hand-made)', () => {
  const file = path.join(JIRA, 'handmade', 'server-dc.csv');

  it('reads Server spellings, repeated columns, custom fields and parents', async () => {
    const r = await ingestFiles([file]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-csv', records: 5, rows: 5, rejected: 0 });
    expect(await r.query(`SELECT ${COLUMNS} FROM work_item ORDER BY key`)).toEqual([
      {
        key: 'PAY-1', project_id: 'PAY', type: 'epic', type_raw: 'Epic', summary: 'Checkout revamp', status: 'In Progress', status_category: 'in_progress',
        priority: 'High', release_ids: ['PAY:2.4.0'], team: 'Falcons', assignee: 'Ann Lee', created: '2020-11-03 12:17:00', resolved: null,
        updated: '2020-11-05 09:00:00', story_points: null, labels: null, components: ['Payments'], sprints: null, parent_key: null, found_in: null,
        source: 'jira-csv', source_line: 2,
      },
      {
        key: 'PAY-2', project_id: 'PAY', type: 'story', type_raw: 'Story', summary: 'Card "3-D Secure" flow, part 1', status: 'Done', status_category: 'done',
        priority: 'Medium', release_ids: ['PAY:2.4.0', 'PAY:2.4.1'], team: 'Falcons', assignee: 'Bob Roy', created: '2020-11-04 08:05:00',
        resolved: '2020-11-20 17:45:00', updated: '2020-11-20 17:45:00', story_points: 5, labels: ['checkout', 'pci'], components: ['Payments', 'Web'],
        sprints: ['PAY Sprint 1', 'PAY Sprint 2'], parent_key: 'PAY-1', found_in: null, source: 'jira-csv', source_line: 3,
      },
      {
        key: 'PAY-3', project_id: 'PAY', type: 'task', type_raw: 'Sub-task', summary: 'Write the 3DS callback', status: 'In Review', status_category: 'in_progress',
        priority: 'Low', release_ids: null, team: null, assignee: null, created: '2020-11-05 10:00:00', resolved: null, updated: '2020-11-06 11:30:00',
        story_points: 1.5, labels: null, components: null, sprints: ['PAY Sprint 2'], parent_key: 'PAY-2', found_in: null, source: 'jira-csv', source_line: 6,
      },
      {
        key: 'PAY-4', project_id: 'PAY', type: 'bug', type_raw: 'Bug', summary: 'Crash on refund', status: 'Closed', status_category: 'done',
        priority: 'Highest', release_ids: ['PAY:2.4.1'], team: null, assignee: 'Ann Lee', created: '2020-11-21 23:59:00', resolved: '2020-11-22 00:10:00',
        updated: '2020-11-22 00:10:00', story_points: null, labels: ['hotfix'], components: ['Refunds'], sprints: null, parent_key: null,
        found_in: 'production', source: 'jira-csv', source_line: 7,
      },
      {
        key: 'PAY-5', project_id: 'PAY', type: 'feature', type_raw: 'Improvement', summary: 'Pay by bank transfer', status: 'Parked', status_category: null,
        priority: 'Medium', release_ids: null, team: null, assignee: null, created: '2020-11-23 14:30:00', resolved: null, updated: '2020-11-23 14:30:00',
        story_points: null, labels: null, components: null, sprints: null, parent_key: null, found_in: 'test', source: 'jira-csv', source_line: 9,
      },
    ]);
    expect(r.summary.warnings.map((w) => [w.code, w.message])).toEqual([
      ['unmapped-value', 'Status: value "Parked" has no status_category mapping (kept as unknown; map it in the config)'],
    ]);
  });

  it('lets the config map statuses, issue types and custom fields', async () => {
    const cfg = config({ jira: { statusCategories: { parked: 'todo', 'In-Review': 'done' }, issueTypes: { Improvement: 'story' } } });
    const r = await ingestFiles([file], { config: cfg });
    expect(r.summary.warnings).toEqual([]);
    expect(await r.query(`SELECT key, type, status_category FROM work_item WHERE key IN ('PAY-3', 'PAY-5') ORDER BY key`)).toEqual([
      { key: 'PAY-3', type: 'task', status_category: 'done' },
      { key: 'PAY-5', type: 'story', status_category: 'todo' },
    ]);
  });

  it('joins fix versions to the versions export of the same project', async () => {
    const dir = writeFixture({
      'server-dc.csv': fs.readFileSync(file),
      'PAY-versions.json': fs.readFileSync(path.join(JIRA, 'handmade', 'PAY-versions.json')),
    });
    const r = await ingestFiles([dir]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.warnings.filter((w) => w.code === 'unknown-reference')).toEqual([]);
    expect(await r.query(`SELECT w.key, r.id, r.actual_release FROM work_item w, unnest(w.release_ids) AS u(rid) JOIN release r ON r.id = u.rid ORDER BY 1, 2`)).toEqual([
      { key: 'PAY-1', id: 'PAY:2.4.0', actual_release: '2020-11-20' },
      { key: 'PAY-2', id: 'PAY:2.4.0', actual_release: '2020-11-20' },
      { key: 'PAY-2', id: 'PAY:2.4.1', actual_release: '2020-11-25' },
      { key: 'PAY-4', id: 'PAY:2.4.1', actual_release: '2020-11-25' },
    ]);
  });
});

describe('Jira CSV default meanings of statuses and issue types', () => {
  it('maps the common workflow statuses and issue type names', async () => {
    const pairs: Array<[string, string, string, string]> = [
      ['Open', 'todo', 'User Story', 'story'], ['Backlog', 'todo', 'Technical task', 'task'], ['Selected for Development', 'todo', 'Subtask', 'task'],
      ['In Development', 'in_progress', 'Defect', 'bug'], ['Code Review', 'in_progress', 'New Feature', 'feature'], ['QA', 'in_progress', 'Enhancement', 'feature'],
      ['Blocked', 'in_progress', 'Initiative', 'epic'], ["Won't Do", 'done', 'Spike', 'task'], ['Cancelled', 'done', 'Epic', 'epic'],
      ['Released', 'done', 'Task', 'task'], ['Resolved', 'done', 'Bug', 'bug'],
    ];
    const rows = pairs.map(([status, , type], i) => `X-${i + 1},"${status}",${type},2024-05-01`);
    const r = await ingestFiles([writeFixture({ 'export.csv': ['Issue key,Status,Issue Type,Created', ...rows].join('\n') })]);
    expect(r.summary.warnings).toEqual([]);
    const got = await r.query<{ status: string; status_category: string; type_raw: string; type: string }>(
      `SELECT status, status_category, type_raw, type FROM work_item ORDER BY split_part(key, '-', 2)::INTEGER`,
    );
    expect(got.map((g) => [g.status, g.status_category, g.type_raw, g.type])).toEqual(pairs);
  });
});

describe('Jira CSV custom fields by config', () => {
  const csv = [
    'Issue key,Summary,Status,Status Category,Created,Custom field (Story Points),Custom field (Story point estimate),Custom field (Estimate),Team,Custom field (Squad),Parent,Custom field (Epic Link)',
    'OPS-1,One,Waiting,In Progress,2024-05-01 10:00,,3,8,Blue,Red,OPS-9,OPS-7',
    'OPS-2,Two,Waiting,,2024-05-02 10:00,2,5,,Blue,,10001,OPS-7',
  ].join('\n');
  const query = 'SELECT key, story_points, team, parent_key, status_category FROM work_item ORDER BY key';

  it('takes Story Points, then Story point estimate, a plain Team column, Parent when it is a key, else Epic Link', async () => {
    const r = await ingestFiles([writeFixture({ 'export.csv': csv })]);
    expect(await r.query(query)).toEqual([
      { key: 'OPS-1', story_points: 3, team: 'Blue', parent_key: 'OPS-9', status_category: 'in_progress' },
      { key: 'OPS-2', story_points: 2, team: 'Blue', parent_key: 'OPS-7', status_category: null },
    ]);
    expect(r.summary.warnings.map((w) => w.message)).toEqual([
      'Status Category (else Status): value "Waiting" has no status_category mapping (kept as unknown; map it in the config)',
    ]);
  });

  it('reads the configured story point and team fields, with or without the Custom field wrapper', async () => {
    for (const storyPointsField of ['Estimate', 'Custom field (Estimate)']) {
      const r = await ingestFiles([writeFixture({ 'export.csv': csv })], {
        config: config({ jira: { storyPointsField, teamField: 'Squad', statusCategories: { Waiting: 'todo' } } }),
      });
      expect(await r.query(query)).toEqual([
        // The config's mapping of the status itself wins over the export's Status Category.
        { key: 'OPS-1', story_points: 8, team: 'Red', parent_key: 'OPS-9', status_category: 'todo' },
        { key: 'OPS-2', story_points: null, team: 'Blue', parent_key: 'OPS-7', status_category: 'todo' },
      ]);
    }
  });

  it('warns when the configured story points column is missing', async () => {
    const r = await ingestFiles([writeFixture({ 'export.csv': csv })], { config: config({ jira: { storyPointsField: 'Effort' } }) });
    expect(r.summary.warnings.map((w) => w.code)).toContain('missing-column');
    expect(await r.query('SELECT story_points FROM work_item ORDER BY key')).toEqual([{ story_points: 3 }, { story_points: 2 }]);
  });
});

describe('Jira CSV detection', () => {
  it('does not claim a file without "Issue key"', async () => {
    const r = await ingestFiles([writeFixture({ 'Jira.csv': 'Summary,Issue Type,Status,Created\nOne,Bug,Open,2024-05-01\n' })]);
    expect(r.summary.ok).toBe(false);
    expect(r.summary.errors[0]).toMatch(/Jira\.csv: format not recognised; found columns: Summary, Issue Type, Status, Created; tried: .*Jira issue CSV export/);
  });

  it('says which column is missing when "Created" is absent', async () => {
    const r = await ingestFiles([writeFixture({ 'export.csv': 'Issue key,Summary\nPAY-1,One\n' })]);
    expect(r.summary.errors).toEqual([
      expect.stringMatching(/export\.csv:1: field "Created": missing column \(expected a Jira issue export with the "Issue key" and "Created" columns\)/),
    ]);
  });
});
