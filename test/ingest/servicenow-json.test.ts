// ServiceNow JSON: the classic `{"records": […]}` export and the Table API `{"result": …}`, with
// reference objects, numeric codes, pointers in rejects, and JSON that is not ServiceNow's.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';

const fixture = (name: string) => path.join(FIXTURES, 'servicenow', name);

const INCIDENT = {
  number: 'INC1', short_description: 'Down', caller_id: 'Abel', urgency: '1', priority: '2 - High', opened_at: '2024-01-01 10:00:00',
  sys_id: 'f00', sys_updated_on: '2024-01-01 10:00:00',
};

describe('ServiceNow change_request JSON {"records": …}', () => {
  it('reads raw codes and plain values, and rejects an impossible date naming pointer, field, value and format', async () => {
    const r = await ingestFiles([fixture('change_request.json')], { maxRejectRatio: 0.5 });
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'servicenow-json', entities: ['change'], records: 3, rows: 2, rejected: 1 });
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/change_request\.json$/), line: null, pointer: '/records/2', field: 'start_date', value: '2024-02-30 22:00:00', expected: expect.stringMatching(/^an ISO 8601 date or time/) },
    ]);
    const rows = await r.query(`SELECT number, short_description, type, state, state_raw, risk, impact, system_id, release_id, assignment_group, planned_start, planned_end,
      actual_start, actual_end, opened_at, closed_at, close_code, unauthorized, source, source_line, source_pointer FROM change ORDER BY number`);
    expect(rows).toEqual([
      {
        number: 'CHG0060001', short_description: 'Migrate reports to new cluster', type: 'normal', state: 'implement', state_raw: '-1', risk: 'Moderate', impact: 'Medium',
        system_id: 'Reporting', release_id: 'REL-2024.06', assignment_group: 'BI Team', planned_start: '2024-06-01 20:00:00', planned_end: '2024-06-02 02:00:00',
        actual_start: '2024-06-01 20:15:00', actual_end: null, opened_at: '2024-05-20 09:00:00', closed_at: null, close_code: null, unauthorized: false,
        source: 'servicenow-json', source_line: null, source_pointer: '/records/0',
      },
      {
        number: 'CHG0060002', short_description: 'Renew TLS certificate', type: 'standard', state: 'closed', state_raw: '3', risk: 'Low', impact: 'Low',
        system_id: 'Web Portal', release_id: null, assignment_group: 'Security', planned_start: '2024-06-03 07:00:00', planned_end: '2024-06-03 07:30:00',
        actual_start: '2024-06-03 07:00:00', actual_end: '2024-06-03 07:10:00', opened_at: '2024-06-02 16:00:00', closed_at: '2024-06-03 08:00:00',
        close_code: 'successful', unauthorized: false, source: 'servicenow-json', source_line: null, source_pointer: '/records/1',
      },
    ]);
  });
});

describe('ServiceNow incident Table API JSON {"result": …}', () => {
  it('prefers display values of reference objects, else their value; caused_by (not rfc) is the causing change', async () => {
    const r = await ingestFiles([fixture('incident-table-api.json')]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT * EXCLUDE (source_file, source_line) FROM incident ORDER BY number`)).toEqual([
      {
        number: 'INC0070001', short_description: 'Checkout returns <script>alert(1)</script> 500s', priority: '1', priority_raw: '1 - Critical', state: 'Resolved',
        system_id: 'Web Portal', assignment_group: 'Web Ops', opened_at: '2024-03-05 05:00:00', resolved_at: '2024-03-05 06:30:00', closed_at: null,
        caused_by_change: 'CHG0030002', caused_by_deployment: null, source: 'servicenow-json', source_pointer: '/result/0', source_updated: '2024-03-05 06:30:00',
      },
      {
        number: 'INC0070002', short_description: 'Nightly report late', priority: '4', priority_raw: '4', state: 'Closed',
        system_id: 'Reporting', assignment_group: 'BI Team', opened_at: '2024-03-06 02:00:00', resolved_at: '2024-03-06 04:00:00', closed_at: '2024-03-09 04:00:00',
        caused_by_change: null, caused_by_deployment: null, source: 'servicenow-json', source_pointer: '/result/1', source_updated: '2024-03-09 04:00:00',
      },
      {
        number: 'INC0070003', short_description: 'VPN flaps', priority: null, priority_raw: 'Urgent', state: 'Awaiting Vendor',
        system_id: null, assignment_group: 'Network', opened_at: '2024-03-07 09:00:00', resolved_at: null, closed_at: null,
        caused_by_change: null, caused_by_deployment: null, source: 'servicenow-json', source_pointer: '/result/2', source_updated: '2024-03-07 09:30:00',
      },
    ]);
    expect(r.summary.warnings.map((w) => [w.code, w.message])).toEqual([
      ['unmapped-value', 'priority: value "Urgent" is not a known priority (1 - Critical … 5 - Planning) (kept as unknown)'],
    ]);
  });

  it('reads a single record {"result": {…}} at pointer /result', async () => {
    const r = await ingestFiles([writeFixture({ 'one.json': JSON.stringify({ result: INCIDENT }) })]);
    expect(await r.query(`SELECT number, priority, source_pointer FROM incident`)).toEqual([{ number: 'INC1', priority: '2', source_pointer: '/result' }]);
  });

  it('rejects a record that is not an object at its pointer', async () => {
    const r = await ingestFiles([writeFixture({ 'x.json': JSON.stringify({ result: [INCIDENT, 'oops'] }) })], { maxRejectRatio: 1 });
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/x\.json$/), line: null, pointer: '/result/1', field: 'number', value: null, expected: 'a value (the field is required)' },
      { path: expect.stringMatching(/x\.json$/), line: null, pointer: '/result/1', field: 'opened_at', value: null, expected: 'a value (the field is required)' },
    ]);
  });

  it('accepts an empty answer, and does not claim JSON that is not ServiceNow\'s', async () => {
    const empty = await ingestFiles([writeFixture({ 'changes.json': '{"result": []}' })]);
    expect(empty.summary.ok).toBe(true);
    expect(empty.summary.files[0]).toMatchObject({ adapter: 'servicenow-json', records: 0, rows: 0 });
    // A file without rows once crashed the run's bookkeeping (an empty list cannot be bound).
    expect(await empty.query(`SELECT entities FROM ingest_files`)).toEqual([{ entities: [] }]);
    for (const other of [{ result: [{ id: 1, name: 'x' }] }, { records: [{ number: 'CHG1', short_description: 'x' }] }, [INCIDENT], { result: [], total: 0 }]) {
      const r = await ingestFiles([writeFixture({ 'x.json': JSON.stringify(other) })]);
      expect(r.summary.files[0]!.adapter).not.toBe('servicenow-json');
    }
  });
});
