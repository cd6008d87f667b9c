// Azure DevOps work item query CSV → work items: display-name headers, Name <email>, `\` paths, tags,
// locale dates detected per file, Windows-1252, tree queries, the config, and a missing column.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { config } from './jira-helpers.ts';

const HANDMADE = path.join(FIXTURES, 'azure', 'handmade');
const COLUMNS = `key, project_id, type, type_raw, summary, status, status_category, priority, team, assignee, created, resolved, updated,
  story_points, labels, sprints, found_in, source, source_line`;

const item = (
  key: string, type: string | null, typeRaw: string, summary: string, status: string, category: string | null, priority: string, team: string | null,
  assignee: string | null, created: string, resolved: string | null, updated: string, points: number | null, labels: string[] | null,
  sprints: string[] | null, foundIn: string | null, line: number,
) => ({
  key, project_id: 'Fabrikam', type, type_raw: typeRaw, summary, status, status_category: category, priority, team, assignee, created, resolved, updated,
  story_points: points, labels, sprints, found_in: foundIn, source: 'azure-work-items', source_line: line,
});

describe('Azure DevOps work item CSV', () => {
  it('reads a query export: types, states, people, paths, tags and US dates', async () => {
    const r = await ingestFiles([path.join(HANDMADE, 'work-items.csv')], { maxRejectRatio: 0.2 });
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'azure-work-items', entities: ['work_item'], records: 7, rows: 6, rejected: 1 });
    expect(await r.query(`SELECT ${COLUMNS} FROM work_item ORDER BY key`)).toEqual([
      // The area path's root is the project and names no team; the iteration root names no sprint.
      item('4021', 'epic', 'Epic', 'Payments platform', 'Active', 'in_progress', '2', 'Payments', 'Jamal Hartnett', '2026-03-04 18:55:03', null, '2026-03-20 09:01:44', null, null, null, null, 2),
      item('4022', 'story', 'User Story', 'Card payments, 3-D Secure', 'Closed', 'done', '2', 'Checkout Team', 'Christie Church', '2026-03-05 10:02:11', '2026-03-18 16:30:00', '2026-03-18 16:30:00', 5, ['web', 'security'], ['Sprint 14'], null, 3),
      // Resolved is not done: the fix awaits its retest.
      item('4023', 'bug', 'Bug', 'Refund shows "pending" forever', 'Resolved', 'in_progress', '1', 'Checkout Team', 'Raisa Pokrovskaya', '2026-03-13 13:15:00', null, '2026-03-19 11:47:12', null, ['payments'], ['Sprint 14'], 'production', 4),
      item('4024', 'task', 'Task', 'Rotate keys', 'New', 'todo', '3', null, null, '2026-03-14 08:00:00', null, '2026-03-14 08:00:00', 0.5, null, ['Release 2'], null, 5),
      item('4025', 'story', 'Product Backlog Item', 'Ledger export', 'Committed', 'in_progress', '2', 'Ledger', 'Johnnie McLeod', '2026-03-15 09:30:00', null, '2026-03-16 14:00:00', 8, ['ledger', 'export'], ['Sprint 15'], null, 6),
      item('4026', null, 'Test Case', 'Login works', 'Design', 'todo', '2', 'Ledger', null, '2026-03-16 09:30:00', null, '2026-03-16 09:30:00', null, null, null, null, 7),
    ]);
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/work-items\.csv$/), line: 8, pointer: null, field: 'Created Date', value: '13/16/2026 9:30:00 AM', expected: 'a date and time like MM/dd/yyyy h:mm:ss a' },
    ]);
    expect(r.summary.warnings.map((w) => w.message)).toEqual(['Work Item Type: value "Test Case" has no type mapping (kept as unknown; map it in the config)']);
  });

  it('reads a Windows-1252 export with day-first dates', async () => {
    const r = await ingestFiles([path.join(HANDMADE, 'work-items-cp1252.csv')]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT key, summary, assignee, created, resolved, labels, team, sprints FROM work_item ORDER BY key')).toEqual([
      { key: '5101', summary: 'Zahlungsübersicht – Summe falsch', assignee: 'José Müller', created: '2026-03-04 18:55:03', resolved: '2026-03-16 09:01:44', labels: ['Zahlung', 'Kasse'], team: 'Kasse', sprints: ['Sprint 7'] },
      { key: '5102', summary: 'Überweisung planen', assignee: 'Zoë Brontë', created: '2026-03-05 10:02:11', resolved: null, labels: null, team: 'Kasse', sprints: ['Sprint 7'] },
    ]);
    expect(r.summary.warnings.map((w) => w.code)).toEqual(['encoding']);
  });

  it('follows the config: types, states, the release field, and the time zone', async () => {
    const cfg = config({
      timeZone: 'America/New_York',
      azure: { workItemTypes: { 'Test Case': 'task' }, workItemStates: { Resolved: 'done' }, releaseField: 'Target Release' },
    });
    const csv = [
      '"ID","Work Item Type","Title","State","Created Date","Area Path","Target Release"',
      '"7","Test Case","Smoke","Design","3/4/2026 6:55:03 PM","Fabrikam","R2.4; R2.5"',
      '"8","Bug","Crash","Resolved","3/14/2026 6:55:03 PM","Fabrikam",""',
    ].join('\n');
    const r = await ingestFiles([writeFixture({ 'query.csv': csv })], { config: cfg });
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT key, type, status_category, release_ids, created FROM work_item ORDER BY key')).toEqual([
      // 18:55 in New York, before the clocks changed on 8 March; after, 4 hours behind UTC.
      { key: '7', type: 'task', status_category: 'todo', release_ids: ['R2.4', 'R2.5'], created: '2026-03-04 23:55:03' },
      { key: '8', type: 'bug', status_category: 'done', release_ids: null, created: '2026-03-14 22:55:03' },
    ]);
  });

  it('reads a tree query\'s title from its level\'s column, and the project from Team Project', async () => {
    const csv = [
      'ID,Work Item Type,Title 1,Title 2,State,Created Date,Team Project,Area Path',
      '1,Feature,Checkout,,New,2026-03-01 10:00:00,Fabrikam,Fabrikam\\Web\\Checkout',
      '2,User Story,,Pay by card,New,2026-03-02 10:00:00,Fabrikam,Fabrikam\\Web\\Checkout',
    ].join('\n');
    const r = await ingestFiles([writeFixture({ 'tree.csv': csv })]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT key, type, summary, project_id, team FROM work_item ORDER BY key')).toEqual([
      { key: '1', type: 'feature', summary: 'Checkout', project_id: 'Fabrikam', team: 'Checkout' },
      { key: '2', type: 'story', summary: 'Pay by card', project_id: 'Fabrikam', team: 'Checkout' },
    ]);
  });

  it('says which column is missing when the query has no Created Date, and warns of a missing release field', async () => {
    const r = await ingestFiles([writeFixture({ 'q.csv': 'ID,Work Item Type,Title,State\n1,Bug,x,New\n' })]);
    expect(r.summary.errors).toEqual([expect.stringMatching(/q\.csv:1: field "Created Date": missing column; found: ID, Work Item Type, Title, State \(expected a work item query exported with the Created Date column/)]);
    const cfg = config({ azure: { releaseField: 'Release' } });
    const warned = await ingestFiles([writeFixture({ 'q.csv': 'ID,Work Item Type,Created Date\n1,Bug,2026-03-01\n' })], { config: cfg });
    expect(warned.summary.warnings.map((w) => w.message)).toEqual(['the configured azure.releaseField "Release" is not a column of this file; work items get no release']);
  });
});
