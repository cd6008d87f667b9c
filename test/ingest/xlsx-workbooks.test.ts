// Excel workbooks: each sheet read by the adapter of its columns — a ServiceNow Excel export with label
// headers and date serials, several sheets (canonical files, a notes sheet, an empty one), a Jira
// export saved from Excel, a canonical file named after its entity — and unreadable workbooks.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { config } from './jira-helpers.ts';

const XLSX = path.join(FIXTURES, 'xlsx');
const fixture = (name: string) => path.join(XLSX, name);

const SN_COLUMNS = `number, type, state, risk, system_id, planned_start, planned_end, actual_start, actual_end, opened_at, approved_at, closed_at,
  close_code, close_notes, source, source_line, source_pointer, source_updated`;

describe('Excel workbooks', () => {
  it('reads a ServiceNow change_request export: label headers, date cells and bare date serials, rows on their sheet rows', async () => {
    const r = await ingestFiles([fixture('servicenow-change_request.xlsx')], { maxRejectRatio: 0.5 });
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'xlsx', entities: ['change'], records: 4, rows: 3, rejected: 1, encoding: null });
    const change = (number: string, type: string, state: string, risk: string, system: string, times: Array<string | null>, closeCode: string | null, notes: string | null, line: number, updated: string) => {
      const [plannedStart, plannedEnd, actualStart, actualEnd, opened, approved, closed] = times;
      return {
        number, type, state, risk, system_id: system, planned_start: plannedStart, planned_end: plannedEnd, actual_start: actualStart, actual_end: actualEnd,
        opened_at: opened, approved_at: approved, closed_at: closed, close_code: closeCode, close_notes: notes, source: 'servicenow-csv', source_line: line,
        source_pointer: null, source_updated: updated,
      };
    };
    expect(await r.query(`SELECT ${SN_COLUMNS} FROM change ORDER BY number`)).toEqual([
      // "Closed" holds only serials: its label names a date. A newline inside a cell keeps the row on its line.
      change('CHG0060001', 'normal', 'closed', 'High', 'Payments DB', [
        '2024-03-02 22:00:00', '2024-03-03 02:00:00', '2024-03-02 22:05:00', '2024-03-03 01:40:00', '2024-02-20 09:15:00', '2024-02-27 16:30:00', '2024-03-04 10:00:00',
      ], 'successful', 'Done.\nNo issues.', 2, '2024-03-04 10:00:00'),
      // "Approval set" as a serial among the column's date cells.
      change('CHG0060002', 'emergency', 'review', 'Moderate', 'Web Portal', [
        '2024-03-05 01:00:00', '2024-03-05 03:00:00', null, null, '2024-03-04 23:00:00', '2024-03-04 23:20:00', null,
      ], null, null, 3, '2024-03-05 04:30:00'),
      // Rejected: "Approval set" says when it was rejected, so it was never approved. Row 4 is empty.
      change('CHG0060003', 'standard', 'canceled', 'Low', 'Security GW', [
        '2024-03-06 08:00:00', '2024-03-06 09:00:00', null, null, '2024-03-01 12:00:00', null, '2024-03-02 08:30:00',
      ], 'cancelled', 'Rejected by CAB', 5, '2024-03-02 08:30:00'),
    ]);
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/servicenow-change_request\.xlsx$/), line: 6, pointer: null, field: 'Planned start date', value: 'soon', expected: expect.stringMatching(/^an ISO 8601 date or time/) },
    ]);
    expect(r.summary.warnings).toEqual([]);
  });

  it('reads Excel times as wall-clock times in the configured time zone', async () => {
    const r = await ingestFiles([fixture('servicenow-change_request.xlsx')], { maxRejectRatio: 0.5, config: config({ timeZone: 'Europe/Paris' }) });
    expect(await r.query(`SELECT opened_at, approved_at, closed_at FROM change WHERE number = 'CHG0060001'`)).toEqual([
      { opened_at: '2024-02-20 08:15:00', approved_at: '2024-02-27 15:30:00', closed_at: '2024-03-04 09:00:00' },
    ]);
  });

  it('reads every sheet of a workbook by its own adapter, naming the sheet in rows, rejects and warnings', async () => {
    const r = await ingestFiles([fixture('release-workbook.xlsx')], { maxRejectRatio: 0.5 });
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'xlsx', entities: ['release', 'deployment'], records: 5, rows: 4, rejected: 1 });
    expect(await r.query('SELECT id, planned_release, actual_release, type, source, source_line, source_pointer FROM release ORDER BY id')).toEqual([
      { id: 'PAY-2.4', planned_release: '2026-03-20', actual_release: '2026-03-24', type: 'minor', source: 'canonical-csv', source_line: 2, source_pointer: '/Releases' },
      // A date written as a serial, in a column of dates.
      { id: 'PAY-2.5', planned_release: '2026-04-17', actual_release: null, type: 'minor', source: 'canonical-csv', source_line: 3, source_pointer: '/Releases' },
    ]);
    expect(await r.query('SELECT id, version, started_at, finished_at, status, production, source_line, source_pointer FROM deployment ORDER BY id')).toEqual([
      { id: 'D-1', version: '2.4', started_at: '2026-03-24 21:00:00', finished_at: '2026-03-24 21:12:30', status: 'success', production: true, source_line: 2, source_pointer: '/Deployments' },
      // 0.1 + 0.2, stored as 0.30000000000000004: written as Excel shows it.
      { id: 'D-3', version: '0.3', started_at: '2026-03-26 08:00:00', finished_at: '2026-03-26 08:05:00', status: 'failure', production: true, source_line: 4, source_pointer: '/Deployments' },
    ]);
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/release-workbook\.xlsx$/), line: 3, pointer: '/Deployments', field: 'status', value: 'exploded', expected: 'one of success, failure, rolled_back, cancelled' },
    ]);
    // The empty sheet is no table; the notes sheet is named and left out.
    expect(r.summary.warnings.map((w) => [w.code, w.message])).toEqual([
      ['unread-sheet', 'sheet "Notes" (columns: Exported by hand from the release calendar) is no export format this tool reads: it is left out'],
    ]);
  });

  it('reads a Jira export saved from Excel, and a canonical file named after its entity', async () => {
    const r = await ingestFiles([fixture('jira-saved-from-excel.xlsx'), fixture('systems.xlsx')]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT key, type, status_category, created, resolved, release_ids, story_points, source, source_line FROM work_item ORDER BY key')).toEqual([
      { key: 'PAY-1', type: 'story', status_category: 'done', created: '2026-02-02 09:30:00', resolved: '2026-03-01 17:45:10', release_ids: ['PAY:2.4', 'PAY:2.5'], story_points: 0.5, source: 'jira-csv', source_line: 2 },
      { key: 'PAY-2', type: 'bug', status_category: 'in_progress', created: '2026-02-10 11:00:00', resolved: null, release_ids: ['PAY:2.5'], story_points: 3, source: 'jira-csv', source_line: 3 },
    ]);
    // An id typed as a number is its digits.
    expect(await r.query('SELECT id, name, criticality, source FROM system ORDER BY id')).toEqual([
      { id: '1042', name: 'Ledger', criticality: null, source: 'canonical-csv' },
      { id: 'PAY', name: 'Payments', criticality: 'tier 1', source: 'canonical-csv' },
    ]);
    expect(r.summary.warnings).toEqual([]);
  });

  it('applies the file\'s rule to its sheets: a forced adapter and renamed columns', async () => {
    const cfg = config({ sources: [{ match: 'jira-saved-from-excel.xlsx', adapter: 'canonical:work_items', columns: { 'Issue key': 'key', Created: 'created', Summary: 'summary' } }] });
    const r = await ingestFiles([fixture('jira-saved-from-excel.xlsx')], { config: cfg });
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT key, summary, created, source FROM work_item ORDER BY key')).toEqual([
      { key: 'PAY-1', summary: 'Card payments', created: '2026-02-02 09:30:00', source: 'canonical-csv' },
      { key: 'PAY-2', summary: 'Refunds', created: '2026-02-10 11:00:00', source: 'canonical-csv' },
    ]);
  });

  it('skips the lock file Excel keeps beside an open workbook', async () => {
    const dir = writeFixture({ '~$systems.xlsx': Buffer.from('owner') });
    fs.copyFileSync(fixture('systems.xlsx'), path.join(dir, 'systems.xlsx'));
    const r = await ingestFiles([dir]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files.map((f) => path.basename(f.path))).toEqual(['systems.xlsx']);
    expect(r.summary.skipped.map((f) => path.basename(f))).toEqual(['~$systems.xlsx']);
  });

  describe('unreadable workbooks are errors that say why', () => {
    const bytes = fs.readFileSync(fixture('systems.xlsx'));
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

    it.each([
      ['a truncated file', 'cut.xlsx', bytes.subarray(0, bytes.length >> 1), /cut\.xlsx: not a readable \.xlsx workbook: .*\(expected an Excel workbook \(\.xlsx\) saved by Excel/],
      ['a text file', 'notes.xlsx', Buffer.from('id,name\n1,x\n'), /notes\.xlsx: not a readable \.xlsx workbook/],
      // The start of an OLE2 file as Office writes an encrypted workbook: its signature and the EncryptedPackage stream's name.
      ['an encrypted workbook', 'secret.xlsx', Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]), /secret\.xlsx: the workbook is encrypted \(protected with a password to open\) \(expected a workbook saved without a password\)/],
      ['a legacy .xls renamed', 'old.xlsx', Buffer.concat([ole, Buffer.from('Workbook', 'utf16le')]), /old\.xlsx: this is a legacy Excel 97–2003 workbook \(\.xls\) with an \.xlsx name/],
    ])('%s', async (_what, name, content, message) => {
      const r = await ingestFiles([writeFixture({ [name]: content })]);
      expect(r.summary.errors).toEqual([expect.stringMatching(message)]);
      expect(r.summary.files[0]!.adapter).toBe('xlsx');
    });

    it('a workbook no sheet of which is an export', async () => {
      const dir = writeFixture({});
      fs.copyFileSync(fixture('release-workbook.xlsx'), path.join(dir, 'book.xlsx'));
      const cfg = config({ sources: [{ match: 'book.xlsx', columns: { id: 'ident', name: 'title', system_id: 'sys' } }] });
      const r = await ingestFiles([dir], { config: cfg });
      expect(r.summary.errors).toEqual([expect.stringMatching(/book\.xlsx: sheet "Releases": format not recognised; found columns: ident, title, planned_release, actual_release, type; tried: /)]);
    });
  });
});
