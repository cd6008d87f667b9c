// A production defect names the release it escaped from in Affects versions, and the release that
// fixes it in Fix versions: both are kept, as release ids.
import { describe, expect, it } from 'vitest';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';

describe('Jira affects versions', () => {
  it('keeps affects versions beside fix versions (CSV, both spellings)', async () => {
    const cloud = 'Summary,Issue key,Issue Type,Status,Project key,Created,Affects versions,Affects versions,Fix versions\n' +
      'Crash on login,PAY-7,Bug,Done,PAY,11/May/24 03:26 PM,2.4.0,2.4.1,2.5.0\n';
    const server = 'Summary,Issue key,Issue Type,Status,Project key,Created,Affects Version/s,Fix Version/s\n' +
      'Wrong total,CARD-3,Bug,Done,CARD,11/May/24 03:26 PM,1.0,1.1\n';
    const r = await ingestFiles([writeFixture({ 'cloud.csv': cloud, 'server.csv': server })]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT key, affects_release_ids, release_ids FROM work_item ORDER BY key')).toEqual([
      { key: 'CARD-3', affects_release_ids: ['CARD:1.0'], release_ids: ['CARD:1.1'] },
      { key: 'PAY-7', affects_release_ids: ['PAY:2.4.0', 'PAY:2.4.1'], release_ids: ['PAY:2.5.0'] },
    ]);
  });

  it('reads fields.versions of a REST issue', async () => {
    const issue = { key: 'PAY-8', fields: { issuetype: { name: 'Bug' }, project: { key: 'PAY' }, created: '2024-05-11T15:26:00.000+0000', versions: [{ name: '2.4.0' }], fixVersions: [{ name: '2.5.0' }] } };
    const r = await ingestFiles([writeFixture({ 'search.json': JSON.stringify({ startAt: 0, maxResults: 50, total: 1, issues: [issue] }) })]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT key, affects_release_ids, release_ids FROM work_item')).toEqual([
      { key: 'PAY-8', affects_release_ids: ['PAY:2.4.0'], release_ids: ['PAY:2.5.0'] },
    ]);
  });
});
