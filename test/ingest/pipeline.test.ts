// The ingest guarantees (DESIGN.md §5) on canonical CSV files: clear errors, nothing half-written,
// idempotent and deduplicated, encodings and line ends.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingestFiles, tempDir, writeFixture } from '../helpers/ingest.ts';

const RELEASES = `id,name,project_id,system_ids,type,status,planned_start,planned_release,actual_release
R1,First,P1,S1;S2,major,released,2026-01-01,2026-02-01,2026-02-03
R2,"Second, ""quoted""",P1,S1,minor,planned,2026-02-01,2026-03-01,
`;

describe('ingest pipeline', () => {
  it('loads canonical rows with provenance', async () => {
    const dir = writeFixture({ 'releases.csv': RELEASES });
    const r = await ingestFiles([dir]);
    expect(r.summary.ok).toBe(true);
    expect(r.summary.asOf).toBe('2026-02-03');
    const rows = await r.query(`SELECT id, name, system_ids, type, strftime(actual_release, '%Y-%m-%d') AS actual, source, source_line FROM release ORDER BY id`);
    expect(rows).toEqual([
      { id: 'R1', name: 'First', system_ids: ['S1', 'S2'], type: 'major', actual: '2026-02-03', source: 'canonical-csv', source_line: 2 },
      { id: 'R2', name: 'Second, "quoted"', system_ids: ['S1'], type: 'minor', actual: null, source: 'canonical-csv', source_line: 3 },
    ]);
  });

  it('rejects bad values with file, line, field, value and what was expected', async () => {
    const rows = ['id,planned_release,type', ...Array.from({ length: 30 }, (_, i) => `R${i},2026-01-${String(i % 28 + 1).padStart(2, '0')},minor`), 'RX,2026-02-30,minor'];
    const dir = writeFixture({ 'releases.csv': rows.join('\n') });
    const r = await ingestFiles([dir]);
    expect(r.summary.ok).toBe(true); // 1 of 31 is under the 5 % limit
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/releases\.csv$/), line: 32, pointer: null, field: 'planned_release', value: '2026-02-30', expected: 'a date YYYY-MM-DD' },
    ]);
    const strict = await ingestFiles([dir], { maxRejectRatio: 0 });
    expect(strict.summary.ok).toBe(false);
    expect(strict.summary.errors[0]).toMatch(/1 of 31 records rejected .* above the limit of 0\.0%/);
  });

  it('leaves the previous database byte for byte when a file is broken', async () => {
    const db = path.join(tempDir(), 'keep.duckdb');
    const good = await ingestFiles([writeFixture({ 'releases.csv': RELEASES })], { db });
    expect(good.summary.ok).toBe(true);
    const before = fs.readFileSync(db);
    const broken = {
      'unterminated quote': { 'releases.csv': 'id,name,planned_release\nR1,"open,2026-01-01\nR2,x,2026-01-02\n' },
      'missing required column': { 'releases.csv': 'id,name\nR1,x\n' },
      'wrong JSON': { 'versions.json': '{"values": [' },
      'impossible date': { 'releases.csv': 'id,planned_release\nR1,2026-02-30\n' },
      'unrecognised format': { 'notes.csv': 'foo,bar\n1,2\n' },
    };
    for (const [what, files] of Object.entries(broken)) {
      const r = await ingestFiles([writeFixture(files)], { db });
      expect(r.summary.ok, what).toBe(false);
      expect(r.summary.errors.join('\n'), what).toMatch(/\.(csv|json)/);
      expect(fs.readFileSync(db).equals(before), what).toBe(true);
    }
  });

  it('names the line and field of an unterminated quote and of a missing column', async () => {
    const r1 = await ingestFiles([writeFixture({ 'releases.csv': 'id,name,planned_release\nR1,ok,2026-01-01\nR2,"open,2026-01-01\n' })]);
    expect(r1.summary.errors[0]).toMatch(/releases\.csv:3: field "name": a quoted value starts here and is never closed/);
    const r2 = await ingestFiles([writeFixture({ 'releases.csv': 'id,name\nR1,x\n' })]);
    expect(r2.summary.errors[0]).toMatch(/releases\.csv:1: field "planned_release": missing required column; found: id, name/);
  });

  it('gives the same rows twice, and keeps a record found in overlapping exports once', async () => {
    const a = 'id,planned_release,name\nR1,2026-01-01,old name\nR2,2026-02-01,two\n';
    const b = 'id,planned_release,name\nR2,2026-02-01,two\nR1,2026-01-01,new name\nR3,2026-03-01,three\n';
    const dir = writeFixture({ 'releases-a.csv': a, 'releases-b.csv': b });
    const q = `SELECT id, name, strftime(planned_release, '%Y-%m-%d') AS p FROM release ORDER BY id`;
    const first = await (await ingestFiles([dir])).query(q);
    const second = await (await ingestFiles([dir])).query(q);
    expect(first).toEqual(second);
    expect(first).toEqual([
      { id: 'R1', name: 'new name', p: '2026-01-01' },
      { id: 'R2', name: 'two', p: '2026-02-01' },
      { id: 'R3', name: 'three', p: '2026-03-01' },
    ]);
  });

  /** The releases as stored (by row id): id, file name, line. */
  const storedReleases = async (files: Record<string, string>) =>
    (await (await ingestFiles([writeFixture(files)])).query(`SELECT id, source_file, source_line FROM release ORDER BY rowid`))
      .map((r) => [r.id, path.basename(String(r.source_file)), r.source_line]);

  it('stores the rows in read order: by file, then record (a merged record where its kept row was read)', async () => {
    const a = 'id,planned_release\nR9,2026-01-01\nR1,2026-01-01\nR5,2026-01-01\n';
    const b = 'id,planned_release\nR7,2026-02-01\nR1,2026-02-01\nR0,2026-02-01\n';
    expect(await storedReleases({ 'releases-a.csv': a, 'releases-b.csv': b })).toEqual([
      ['R9', 'releases-a.csv', 2], ['R5', 'releases-a.csv', 4], ['R7', 'releases-b.csv', 2], ['R1', 'releases-b.csv', 3], ['R0', 'releases-b.csv', 4],
    ]);
  });

  it('stores the rows of files without repeats in read order too, with the lines of records that span lines', async () => {
    const a = 'id,name,planned_release\nR9,"two\nlines",2026-01-01\nR1,one,2026-01-01\nR5,"three\nmore\nlines",2026-01-01\nR3,one,2026-01-01\n';
    const b = 'id,planned_release\nR7,2026-02-01\nR0,2026-02-01\n';
    expect(await storedReleases({ 'releases-a.csv': a, 'releases-b.csv': b })).toEqual([
      ['R9', 'releases-a.csv', 2], ['R1', 'releases-a.csv', 4], ['R5', 'releases-a.csv', 5], ['R3', 'releases-a.csv', 8],
      ['R7', 'releases-b.csv', 2], ['R0', 'releases-b.csv', 3],
    ]);
  });

  it('reads UTF-8 with BOM, UTF-16, Windows-1252 and mixed line ends', async () => {
    const text = 'id,name,planned_release\r\nR1,Café,2026-01-01\nR2,"multi\r\nline",2026-01-02\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const cp1252 = Buffer.from(text.replace('é', '\u0000'), 'latin1');
    cp1252[cp1252.indexOf(0)] = 0xe9;
    for (const [name, bytes] of [['bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])], ['utf16', utf16], ['cp1252', cp1252]] as const) {
      const r = await ingestFiles([writeFixture({ 'releases.csv': bytes })]);
      expect(r.summary.ok, name).toBe(true);
      expect(await r.query(`SELECT id, name, source_line FROM release ORDER BY id`), name).toEqual([
        { id: 'R1', name: 'Café', source_line: 2 },
        { id: 'R2', name: 'multi\nline', source_line: 3 },
      ]);
      if (name === 'cp1252') expect(r.summary.warnings.map((w) => w.message).join()).toMatch(/Windows-1252/);
    }
  });

  it('reads locale dates of a canonical file saved from Excel, and says so', async () => {
    const dir = writeFixture({ 'releases.csv': 'id,planned_release,actual_release\nR1,3/14/2026,3/20/2026\nR2,4/1/2026,\n' });
    const r = await ingestFiles([dir]);
    expect(r.summary.ok).toBe(true);
    expect(await r.query(`SELECT id, strftime(planned_release, '%Y-%m-%d') AS p FROM release ORDER BY id`)).toEqual([
      { id: 'R1', p: '2026-03-14' },
      { id: 'R2', p: '2026-04-01' },
    ]);
    expect(r.summary.warnings.map((w) => w.message).join()).toMatch(/not ISO 8601.*MM\/dd\/yyyy/);
  });

  it('reports unknown columns and skips files that are not exports', async () => {
    const dir = writeFixture({ 'releases.csv': 'id,planned_release,colour\nR1,2026-01-01,blue\n', 'README.md': '# notes' });
    const r = await ingestFiles([dir]);
    expect(r.summary.ok).toBe(true);
    expect(r.summary.warnings.map((w) => w.message)).toContain('unknown column(s) kept out: colour');
    expect(r.summary.skipped).toEqual([expect.stringMatching(/README\.md$/)]);
  });

  it('refuses an unrecognised file, naming its columns and the formats tried', async () => {
    const r = await ingestFiles([writeFixture({ 'notes.csv': 'foo,bar\n1,2\n' })]);
    expect(r.summary.errors[0]).toMatch(/notes\.csv: format not recognised; found columns: foo, bar; tried: .*canonical CSV file/);
  });
});

describe('records from several tools', () => {
  it('fills what the kept row leaves empty from another tool’s row for the same record', async () => {
    // The ERM plan has the planned date; Jira has the actual date of the released version.
    const plan = 'id,planned_start,planned_release,system_ids,type\nPAY:2.4.0,2026-01-05,2026-02-01,S1,minor\n';
    const versions = JSON.stringify([{ id: '1', name: '2.4.0', released: true, archived: false, releaseDate: '2026-02-09', projectId: '10' }]);
    const r = await ingestFiles([writeFixture({ 'releases-plan.csv': plan, 'PAY-versions.json': versions })]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT id, strftime(planned_release, '%Y-%m-%d') AS planned, strftime(actual_release, '%Y-%m-%d') AS actual, status, system_ids FROM release`)).toEqual([
      { id: 'PAY:2.4.0', planned: '2026-02-01', actual: '2026-02-09', status: 'released', system_ids: ['S1'] },
    ]);
  });

  it('never fills a field from an older row of the same tool', async () => {
    const older = 'id,planned_release,actual_release\nR1,2026-02-01,2026-02-03\n';
    const newer = 'id,planned_release,actual_release\nR1,2026-03-01,\n';
    const r = await ingestFiles([writeFixture({ 'releases-1.csv': older, 'releases-2.csv': newer })]);
    expect(await r.query(`SELECT strftime(planned_release, '%Y-%m-%d') AS p, actual_release AS a FROM release`)).toEqual([{ p: '2026-03-01', a: null }]);
  });
});
