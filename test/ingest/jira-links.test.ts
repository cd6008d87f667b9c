// Jira issue links → work item links: the CSV's repeated `Inward/Outward issue link (<type>)` columns and
// the REST `fields.issuelinks`, both directions of Blocks and Dependency, other types ignored unless the
// config names them, each link once however many issues list it.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { JIRA, config } from './jira-helpers.ts';

const LINKS = path.join(JIRA, 'links');
const csv = path.join(LINKS, 'issues.csv');
const search = path.join(LINKS, 'search.json');
const query = 'SELECT "key", dependent_key, link_type, source, source_line, source_pointer FROM work_item_link ORDER BY "key", dependent_key';

/** The fixture's dependency links: prerequisite first. */
const EXPECTED = [
  ['MOB-9', 'MOB-8', 'Dependency'], // MOB-9 "is depended on by" MOB-8; MOB-8 "depends on" MOB-9 too
  ['MOB-9', 'PAY-6', 'Blocks'], // MOB-9 "blocks" PAY-6; PAY-6 "is blocked by" MOB-9 too
  ['PAY-1', 'MOB-7', 'Blocks'], // MOB-7 "is blocked by" PAY-1, first; PAY-1 "blocks" MOB-7 later
  ['PAY-1', 'PAY-2', 'Blocks'],
  ['PAY-3', 'CARD-4', 'Blocks'],
  ['PAY-3', 'MOB-8', 'Dependency'], // MOB-8 "depends on" PAY-3
  ['PAY-5', 'MOB-7', 'Blocks'], // PAY-5 is not in the file: the link still is
] as const;

describe('Jira CSV issue links', () => {
  it('reads Blocks and Dependency links in both directions, once each, from the line that first lists them', async () => {
    const r = await ingestFiles([csv]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.warnings.map((w) => w.code)).toEqual(['derived-dependencies']);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-csv', entities: ['work_item', 'work_item_link'], records: 8, rows: 15, rejected: 0 });
    const lines = [2, 2, 4, 7, 5, 3, 4];
    expect(await r.query(query)).toEqual(
      EXPECTED.map(([key, dependent_key, link_type], i) => ({ key, dependent_key, link_type, source: 'jira-csv', source_line: lines[i], source_pointer: null })),
    );
  });

  it('reads a link type the config names, in the direction it gives', async () => {
    const precedes = await ingestFiles([csv], { config: config({ jira: { dependencyLinkTypes: { precedes: 'outward' } } }) });
    expect(await precedes.query(`SELECT "key", dependent_key, link_type, source_line FROM work_item_link WHERE link_type = 'Precedes'`)).toEqual([
      { key: 'PAY-2', dependent_key: 'MOB-9', link_type: 'Precedes', source_line: 7 },
    ]);
    // The config also overrides a default: read backwards, "blocks" would make the blocked issue come first.
    const reversed = await ingestFiles([csv], { config: config({ jira: { dependencyLinkTypes: { Blocks: 'inward' } } }) });
    expect(await reversed.query(`SELECT "key", dependent_key FROM work_item_link WHERE link_type = 'Blocks' ORDER BY ALL`)).toEqual([
      { key: 'CARD-4', dependent_key: 'PAY-3' }, { key: 'MOB-7', dependent_key: 'PAY-1' }, { key: 'MOB-7', dependent_key: 'PAY-5' },
      { key: 'PAY-2', dependent_key: 'PAY-1' }, { key: 'PAY-6', dependent_key: 'MOB-9' },
    ]);
  });

  it('rejects the config when a link type has no valid side', async () => {
    await expect(ingestFiles([csv], { config: config({ jira: { dependencyLinkTypes: { Precedes: 'forward' } } }) }))
      .rejects.toThrow(/at \/jira\/dependencyLinkTypes\/Precedes: Invalid option: expected one of "outward"\|"inward"/);
  });

  it('keeps a file without dependency link columns to work items', async () => {
    const r = await ingestFiles([writeFixture({ 'export.csv': 'Issue key,Summary,Created,Outward issue link (Relates)\nX-1,One,2024-05-01,X-2\n' })]);
    expect(r.summary.files[0]).toMatchObject({ entities: ['work_item'], rows: 1 });
    expect(await r.query('SELECT count(*)::INTEGER AS n FROM work_item_link')).toEqual([{ n: 0 }]);
  });
});

describe('Jira REST issue links', () => {
  it('reads fields.issuelinks into the same links as the CSV, with their pointers', async () => {
    const r = await ingestFiles([search]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.warnings.map((w) => w.code)).toEqual(['derived-dependencies']);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-json-search', entities: ['work_item', 'work_item_link'], records: 8, rows: 15, rejected: 0 });
    const pointers = ['/issues/0/fields/issuelinks/1', '/issues/0/fields/issuelinks/0', '/issues/2/fields/issuelinks/0', '/issues/5/fields/issuelinks/0',
      '/issues/3/fields/issuelinks/0', '/issues/1/fields/issuelinks/0', '/issues/2/fields/issuelinks/1'];
    expect(await r.query(query)).toEqual(
      EXPECTED.map(([key, dependent_key, link_type], i) => ({ key, dependent_key, link_type, source: 'jira-json-search', source_line: null, source_pointer: pointers[i] })),
    );
  });

  it('rejects a dependency link that names no linked issue, with its pointer', async () => {
    const page = JSON.parse(fs.readFileSync(search, 'utf8'));
    delete page.issues[3].fields.issuelinks[0].inwardIssue;
    const r = await ingestFiles([writeFixture({ 'search.json': JSON.stringify(page) })], { maxRejectRatio: 1 });
    expect(r.summary.rejects).toEqual([
      {
        path: expect.stringMatching(/search\.json$/), line: null, pointer: '/issues/3/fields/issuelinks/0',
        field: 'key, fields.issuelinks[].inwardIssue.key / outwardIssue.key', value: null, expected: 'a value (the field is required)',
      },
    ]);
    // PAY-3 still lists the link from its side.
    expect(await r.query(`SELECT "key", dependent_key, source_pointer FROM work_item_link WHERE dependent_key = 'CARD-4'`)).toEqual([
      { key: 'PAY-3', dependent_key: 'CARD-4', source_pointer: '/issues/4/fields/issuelinks/0' },
    ]);
  });
});
