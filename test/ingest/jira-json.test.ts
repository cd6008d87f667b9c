// Jira REST search results: a hand-made v3 page (custom fields through `names`, changelog, an
// impossible date), the real DevLake extraction (a bare array, Chinese names, +0800 offsets), and
// JSON that is not Jira's.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { JIRA, WORK_ITEM_COLUMNS, config } from './jira-helpers.ts';

const COLUMNS = `${WORK_ITEM_COLUMNS}, source_pointer`;
const search = path.join(JIRA, 'handmade', 'search-v3.json');

describe('Jira REST search result (hand-made v3 page)', () => {
  it('maps issues and their status changes, and rejects an impossible date with its pointer', async () => {
    const r = await ingestFiles([search], { maxRejectRatio: 1 });
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-json-search', entities: ['work_item', 'work_item_transition'], records: 3, rows: 5, rejected: 1 });
    expect(await r.query(`SELECT ${COLUMNS} FROM work_item ORDER BY key`)).toEqual([
      {
        key: 'PAY-10', project_id: 'PAY', type: 'story', type_raw: 'Story', summary: 'Refund API <b>v2</b>', status: 'In Review',
        status_category: 'in_progress', priority: 'High', release_ids: ['PAY:2.5.0'], team: 'Falcons', assignee: 'Ann Lee',
        created: '2024-05-11 13:26:00', resolved: null, updated: '2024-05-20 07:00:00', story_points: 3, labels: ['api'], components: ['Refunds'],
        sprints: ['PAY Sprint 5'], parent_key: 'PAY-1', found_in: 'test', source: 'jira-json-search', source_pointer: '/issues/0',
      },
      {
        key: 'PAY-11', project_id: 'PAY', type: 'bug', type_raw: 'Bug', summary: 'Refund rounding', status: 'Verified', status_category: 'done',
        priority: 'Medium', release_ids: ['PAY:2.4.1', 'PAY:2.5.0'], team: null, assignee: null, created: '2024-05-13 08:00:00',
        resolved: '2024-05-14 08:00:00', updated: '2024-05-14 08:00:00', story_points: null, labels: null, components: null, sprints: null,
        parent_key: 'PAY-10', found_in: 'production', source: 'jira-json-search', source_pointer: '/issues/1',
      },
    ]);
    expect(await r.query('SELECT key, "at", from_status, to_status, source_pointer FROM work_item_transition ORDER BY "at"')).toEqual([
      { key: 'PAY-10', at: '2024-05-12 08:00:00', from_status: 'To Do', to_status: 'In Progress', source_pointer: '/issues/0/changelog/histories/0/items/0' },
      { key: 'PAY-11', at: '2024-05-14 08:00:00', from_status: 'In Progress', to_status: 'Verified', source_pointer: '/issues/1/changelog/histories/0/items/0' },
      { key: 'PAY-10', at: '2024-05-19 14:30:00', from_status: 'In Progress', to_status: 'In Review', source_pointer: '/issues/0/changelog/histories/1/items/0' },
    ]);
    expect(r.summary.rejects).toEqual([
      {
        path: expect.stringMatching(/search-v3\.json$/), line: null, pointer: '/issues/2', field: 'fields.created', value: '2024-02-30T10:00:00.000+0000',
        expected: 'an ISO 8601 date or time like 2026-03-01 or 2026-03-01T10:00:00Z',
      },
    ]);
    expect(r.summary.warnings.map((w) => [w.code, w.message])).toEqual([
      ['truncated-changelog', '1 issue(s) carry only part of their changelog (Jira embeds at most 100 histories); their earlier status changes are missing'],
    ]);
  });

  it('reads custom fields by the configured id, and lets the config map a status over its category', async () => {
    const cfg = config({ jira: { storyPointsField: 'customfield_10016', teamField: 'customfield_10001', statusCategories: { 'In Review': 'done' } } });
    const page = JSON.parse(fs.readFileSync(search, 'utf8'));
    delete page.names;
    const r = await ingestFiles([writeFixture({ 'search.json': JSON.stringify(page) })], { config: cfg, maxRejectRatio: 1 });
    expect(await r.query(`SELECT key, story_points, team, status_category, found_in, sprints, parent_key FROM work_item WHERE key = 'PAY-10'`)).toEqual([
      // Without `names`, Found In, Sprint and Epic Link cannot be found by name.
      { key: 'PAY-10', story_points: 3, team: 'Falcons', status_category: 'done', found_in: null, sprints: null, parent_key: null },
    ]);
  });

  it('says why a story points field given by name cannot be read', async () => {
    const page = JSON.parse(fs.readFileSync(search, 'utf8'));
    delete page.names;
    const r = await ingestFiles([writeFixture({ 'search.json': JSON.stringify(page) })], {
      config: config({ jira: { storyPointsField: 'Story point estimate' } }),
      maxRejectRatio: 1,
    });
    expect(r.summary.warnings.find((w) => w.code === 'custom-field')?.message).toBe(
      'story points not read: the config\'s jira.storyPointsField "Story point estimate" is a field name, and this file has no "names" map (search with expand=names); set the field id instead, e.g. "customfield_10016"',
    );
  });
});

describe('Jira issues extracted by DevLake (real, bare array)', () => {
  it('reads Chinese issue types and statuses through the hierarchy and the category keys', async () => {
    const r = await ingestFiles([path.join(JIRA, 'devlake-json', 'jira_issues.data.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-json-search', records: 6, rejected: 0 });
    expect(await r.query(`SELECT key, type, type_raw, status, status_category, release_ids, parent_key, created, source_pointer FROM work_item ORDER BY source_pointer`)).toEqual([
      // 已完成 ("completed") sits in the "new" category for EE-1 and EE-37 in this instance: the category is what counts.
      { key: 'EE-1', type: 'story', type_raw: '故事', status: '已完成', status_category: 'todo', release_ids: ['EE:v2.7.0'], parent_key: null, created: '2020-06-12 00:13:13.36', source_pointer: '/0' },
      { key: 'EE-23', type: 'bug', type_raw: '缺陷', status: '已完成', status_category: 'done', release_ids: ['EE:v2.5.4'], parent_key: null, created: '2020-06-12 00:33:57.204', source_pointer: '/1' },
      { key: 'EE-25', type: 'task', type_raw: '子任务', status: '已完成', status_category: 'done', release_ids: ['EE:v2.7.0'], parent_key: 'EE-1', created: '2020-06-12 00:40:54.21', source_pointer: '/2' },
      { key: 'EE-37', type: null, type_raw: 'Test Execution', status: '已完成', status_category: 'todo', release_ids: ['EE:v2.7.0'], parent_key: 'EE-3', created: '2020-06-12 00:52:23.456', source_pointer: '/3' },
      { key: 'K5-2', type: 'story', type_raw: 'Story', status: 'To Do', status_category: 'todo', release_ids: null, parent_key: 'K5-1', created: '2022-07-15 22:29:49.026', source_pointer: '/4' },
      { key: 'K5-4', type: 'epic', type_raw: 'Epic', status: 'To Do', status_category: 'todo', release_ids: null, parent_key: null, created: '2022-07-15 22:31:15.981', source_pointer: '/5' },
    ]);
    expect(await r.query('SELECT key, count(*)::INTEGER AS n FROM work_item_transition GROUP BY 1 ORDER BY 1')).toEqual([
      { key: 'EE-1', n: 5 }, { key: 'EE-23', n: 9 }, { key: 'EE-25', n: 7 }, { key: 'EE-37', n: 4 },
    ]);
    expect(await r.query(`SELECT "at", from_status, to_status FROM work_item_transition WHERE key = 'EE-1' ORDER BY "at" DESC LIMIT 1`)).toEqual([
      { at: '2021-03-28 08:06:08.715', from_status: 'Closed', to_status: '已完成' },
    ]);
    expect(r.summary.warnings.map((w) => w.message)).toEqual([
      'fields.issuetype.name: value "Test Execution" has no type mapping (kept as unknown; map it in the config)',
    ]);
  });
});

describe('JSON that is not a Jira search result', () => {
  it.each([
    ['a changelog list without issue keys', [{ id: '1', created: '2020-06-12T08:13:13.360+0800', items: [{ field: 'status' }] }]],
    ['a sprint list', [{ id: 7, name: 'EE Sprint 7', state: 'closed', startDate: '2020-06-12T00:38:51.882Z' }]],
    ['an empty array', []],
    ['an object with an issues list of something else', { issues: [{ id: 1, title: 'GitHub issue' }] }],
  ])('does not claim %s', async (_name, json) => {
    const r = await ingestFiles([writeFixture({ 'export.json': JSON.stringify(json) })]);
    expect(r.summary.errors).toEqual([expect.stringMatching(/export\.json: format not recognised; found JSON shape/)]);
  });

  it('loads an empty result page as no rows', async () => {
    const r = await ingestFiles([writeFixture({ 'search.json': JSON.stringify({ startAt: 0, maxResults: 50, total: 0, issues: [] }) })]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-json-search', records: 0, rows: 0 });
  });
});
