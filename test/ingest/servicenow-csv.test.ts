// ServiceNow CSV exports: field-name and label headers, display values and raw codes, audit logs,
// `?` as unknown, rejects and warnings, and the real (trimmed) UCI incident event log.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ingestFiles, tempDir, writeFixture } from '../helpers/ingest.ts';

const SN = path.join(FIXTURES, 'servicenow');
const fixture = (name: string) => path.join(SN, name);

const CHANGE_COLUMNS = `number, short_description, type, type_raw, state, state_raw, risk, impact, system_id, release_id, assignment_group,
  planned_start, planned_end, actual_start, actual_end, opened_at, closed_at, close_code, close_code_raw, close_notes, unauthorized, source, source_line`;

function config(json: object): string {
  const file = path.join(tempDir(), 'almanac.config.json');
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('ServiceNow change_request CSV', () => {
  it('reads field-name headers with display values, `?` and empty as unknown', async () => {
    const r = await ingestFiles([fixture('change_request.csv')]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'servicenow-csv', entities: ['change'], records: 4, rows: 4, rejected: 0 });
    expect(await r.query(`SELECT ${CHANGE_COLUMNS} FROM change ORDER BY number`)).toEqual([
      {
        number: 'CHG0030001', short_description: 'Upgrade payments DB, phase 1', type: 'normal', type_raw: 'Normal', state: 'closed', state_raw: 'Closed',
        risk: 'High', impact: 'Medium', system_id: 'Payments DB', release_id: 'REL-2024.03', assignment_group: 'DBA Team',
        planned_start: '2024-03-02 22:00:00', planned_end: '2024-03-03 02:00:00', actual_start: '2024-03-02 22:05:00', actual_end: '2024-03-03 01:40:00',
        opened_at: '2024-02-20 09:15:00', closed_at: '2024-03-04 10:00:00', close_code: 'successful', close_code_raw: 'Successful', close_notes: 'Done.',
        unauthorized: false, source: 'servicenow-csv', source_line: 2,
      },
      {
        number: 'CHG0030002', short_description: 'Patch web tier', type: 'emergency', type_raw: 'Emergency', state: 'review', state_raw: 'Review',
        risk: 'Moderate', impact: 'High', system_id: 'Web Portal', release_id: null, assignment_group: 'Web Ops',
        planned_start: '2024-03-05 01:00:00', planned_end: '2024-03-05 03:00:00', actual_start: '2024-03-05 01:10:00', actual_end: '2024-03-05 04:30:00',
        opened_at: '2024-03-04 23:00:00', closed_at: null, close_code: 'successful_with_issues', close_code_raw: 'Successful with issues',
        close_notes: 'Ran over by 1.5h; "rollback" not needed', unauthorized: true, source: 'servicenow-csv', source_line: 3,
      },
      {
        number: 'CHG0030003', short_description: 'Rotate certificates', type: 'standard', type_raw: 'Standard', state: null, state_raw: 'Work in Progress',
        risk: 'Low', impact: 'Low', system_id: null, release_id: null, assignment_group: 'Security',
        planned_start: '2024-03-06 08:00:00', planned_end: '2024-03-06 09:00:00', actual_start: null, actual_end: null,
        opened_at: '2024-03-01 12:00:00', closed_at: null, close_code: null, close_code_raw: 'Rolled back', close_notes: null,
        unauthorized: false, source: 'servicenow-csv', source_line: 4,
      },
      {
        number: 'CHG0030004', short_description: 'Decommission FTP', type: 'normal', type_raw: 'Normal', state: 'canceled', state_raw: 'Canceled',
        risk: null, impact: null, system_id: 'Legacy FTP', release_id: null, assignment_group: 'Infra',
        planned_start: '2024-03-10 08:00:00', planned_end: '2024-03-10 12:00:00', actual_start: null, actual_end: null,
        opened_at: '2024-03-02 12:00:00', closed_at: '2024-03-03 08:30:00', close_code: 'cancelled', close_code_raw: 'Canceled', close_notes: 'Not needed',
        unauthorized: null, source: 'servicenow-csv', source_line: 5,
      },
    ]);
    // Unknown state and close code: warnings, not rejects; the unknown custom column is named.
    expect(r.summary.warnings.map((w) => [w.code, w.message])).toEqual([
      ['unknown-columns', 'unknown columns kept out: u_vendor_ref'],
      ['unmapped-value', 'state: value "Work in Progress" has no state mapping (kept as unknown; map it in the config)'],
      ['unmapped-value', 'close_code: value "Rolled back" has no close_code mapping (kept as unknown; map it in the config)'],
    ]);
  });

  it('reads label headers with raw numeric codes, and rejects an impossible date naming line, column, value and format', async () => {
    const r = await ingestFiles([fixture('change-labels.csv')], { maxRejectRatio: 0.5 });
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/change-labels\.csv$/), line: 6, pointer: null, field: 'Planned start date', value: '2024-04-31 22:00:00', expected: expect.stringMatching(/^an ISO 8601 date or time/) },
    ]);
    const rows = await r.query(`SELECT number, type, state, state_raw, risk, impact, system_id, actual_start, actual_end, closed_at, close_code, close_code_raw, unauthorized, source_line FROM change ORDER BY number`);
    expect(rows).toEqual([
      { number: 'CHG0040001', type: 'normal', state: 'new', state_raw: '-5', risk: 'Low', impact: 'Low', system_id: 'Orders API', actual_start: null, actual_end: null, closed_at: null, close_code: null, close_code_raw: null, unauthorized: false, source_line: 2 },
      { number: 'CHG0040002', type: 'emergency', state: 'review', state_raw: '0', risk: 'High', impact: 'High', system_id: 'Web Portal', actual_start: '2024-04-02 01:05:00', actual_end: '2024-04-02 01:50:00', closed_at: null, close_code: 'successful_with_issues', close_code_raw: 'successful_issues', unauthorized: false, source_line: 3 },
      { number: 'CHG0040003', type: 'standard', state: 'closed', state_raw: '3', risk: 'Very High', impact: 'Medium', system_id: 'Orders API', actual_start: '2024-04-03 22:00:00', actual_end: '2024-04-03 22:40:00', closed_at: '2024-04-04 09:00:00', close_code: 'successful', close_code_raw: 'successful', unauthorized: false, source_line: 4 },
      { number: 'CHG0040004', type: 'normal', state: 'canceled', state_raw: '4', risk: 'Moderate', impact: 'Medium', system_id: 'DNS', actual_start: null, actual_end: null, closed_at: '2024-04-02 11:00:00', close_code: 'unsuccessful', close_code_raw: 'unsuccessful', unauthorized: true, source_line: 5 },
      { number: 'CHG0040006', type: 'normal', state: null, state_raw: '7', risk: 'Moderate', impact: 'Medium', system_id: 'Web Portal', actual_start: null, actual_end: null, closed_at: null, close_code: null, close_code_raw: null, unauthorized: false, source_line: 7 },
    ]);
    expect(r.summary.warnings.filter((w) => w.code === 'unmapped-value').map((w) => w.message)).toEqual([
      'State: value "7" has no state mapping (kept as unknown; map it in the config)',
    ]);
  });

  it('keeps the latest update of an audit-log file, by sys_updated_on and not by row order', async () => {
    const r = await ingestFiles([fixture('change_audit.csv')]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT number, state, closed_at, close_code, source_line, source_updated FROM change ORDER BY number`)).toEqual([
      { number: 'CHG0050001', state: 'closed', closed_at: '2024-05-11 08:00:00', close_code: 'successful', source_line: 3, source_updated: '2024-05-11 08:00:00' },
      { number: 'CHG0050002', state: 'authorize', closed_at: null, close_code: null, source_line: 6, source_updated: '2024-05-04 10:00:00' },
    ]);
    expect(r.summary.warnings.find((w) => w.code === 'duplicates')?.message).toMatch(/^2 changes appear more than once/);
  });

  it('takes the release from the configured field, and times from the configured time zone', async () => {
    const csv = 'number,short_description,risk,start_date,opened_at,u_programme_release,sys_updated_on\nCHG1,Move,High,2024-07-01 10:00:00,2024-06-01 09:00:00,R-7,2024-06-01 09:00:00\n';
    const cfg = config({ timeZone: 'Europe/Paris', servicenow: { releaseField: 'u_programme_release' } });
    const r = await ingestFiles([writeFixture({ 'x.csv': csv })], { config: cfg });
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT number, release_id, planned_start, opened_at FROM change`)).toEqual([
      { number: 'CHG1', release_id: 'R-7', planned_start: '2024-07-01 08:00:00', opened_at: '2024-06-01 07:00:00' },
    ]);
    expect(r.summary.warnings).toEqual([]);
  });

  it('warns when day and month cannot be told apart, and follows the config\'s dayFirst', async () => {
    const csv = 'number,short_description,risk,start_date,opened_at,sys_updated_on\nCHG1,Move,High,03/04/2024 10:00,02/04/2024 09:00,02/04/2024 09:00\n';
    const dir = writeFixture({ 'changes export.csv': csv });
    const monthFirst = await ingestFiles([dir]);
    expect(await monthFirst.query(`SELECT planned_start, opened_at FROM change`)).toEqual([{ planned_start: '2024-03-04 10:00:00', opened_at: '2024-02-04 09:00:00' }]);
    expect(monthFirst.summary.warnings.map((w) => w.code)).toEqual(['ambiguous-date']);
    expect(monthFirst.summary.warnings[0]!.message).toMatch(/read month first \(MM\/dd\).* as MM\/dd\/yyyy HH:mm\. Set "dayFirst": true/);
    const dayFirst = await ingestFiles([dir], { config: config({ dayFirst: true }) });
    expect(await dayFirst.query(`SELECT planned_start, opened_at FROM change`)).toEqual([{ planned_start: '2024-04-03 10:00:00', opened_at: '2024-04-02 09:00:00' }]);
  });
});

describe('ServiceNow incident CSV', () => {
  it('reads label headers and numeric codes; "Caused by Change" links the change, "Change Request" (rfc) does not', async () => {
    const csv = [
      'Number,Opened,Short description,Caller,Priority,State,Configuration item,Assignment group,Resolved,Closed,Caused by Change,Change Request,Updated',
      'INC0010001,2024-03-05 05:00:00,Checkout down,Abel Tuter,1,6,Web Portal,Web Ops,2024-03-05 06:30:00,,CHG0030002,CHG0030009,2024-03-05 06:30:00',
      'INC0010002,2024-03-06 02:00:00,Report late,?,5 - Planning,2,?,BI Team,,,?,CHG0030010,2024-03-06 02:00:00',
    ].join('\n');
    const r = await ingestFiles([writeFixture({ 'incidents export.csv': csv })]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query(`SELECT number, priority, priority_raw, state, system_id, assignment_group, opened_at, resolved_at, closed_at, caused_by_change FROM incident ORDER BY number`)).toEqual([
      { number: 'INC0010001', priority: '1', priority_raw: '1', state: 'Resolved', system_id: 'Web Portal', assignment_group: 'Web Ops', opened_at: '2024-03-05 05:00:00', resolved_at: '2024-03-05 06:30:00', closed_at: null, caused_by_change: 'CHG0030002' },
      { number: 'INC0010002', priority: '5', priority_raw: '5 - Planning', state: 'In Progress', system_id: null, assignment_group: 'BI Team', opened_at: '2024-03-06 02:00:00', resolved_at: null, closed_at: null, caused_by_change: null },
    ]);
    expect(r.summary.warnings).toEqual([]);
  });
});

describe('ServiceNow table detection (CSV)', () => {
  it('decides the table from the columns, not from the file name', async () => {
    const incidentColumns = 'number,short_description,caller_id,urgency,priority,opened_at,sys_updated_on\nINC1,Down,Abel,1,2 - High,2024-01-01 10:00:00,2024-01-01 10:00:00\n';
    const r = await ingestFiles([writeFixture({ 'change_request.csv': incidentColumns })]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'servicenow-csv', entities: ['incident'] });
  });

  it('settles a header that does not say by the record numbers, and fails clearly when they do not either', async () => {
    const header = 'number,short_description,cmdb_ci,assignment_group,opened_at,sys_updated_on\n';
    const chg = await ingestFiles([writeFixture({ 'x.csv': `${header}CHG9,Move,Web,Ops,2024-01-01 10:00:00,2024-01-01 10:00:00\n` })]);
    expect(chg.summary.files[0]!.entities).toEqual(['change']);
    const inc = await ingestFiles([writeFixture({ 'x.csv': `${header}INC9,Down,Web,Ops,2024-01-01 10:00:00,2024-01-01 10:00:00\n` })]);
    expect(inc.summary.files[0]!.entities).toEqual(['incident']);
    const neither = await ingestFiles([writeFixture({ 'x.csv': `${header}TASK9,Do,Web,Ops,2024-01-01 10:00:00,2024-01-01 10:00:00\n` })]);
    expect(neither.summary.ok).toBe(false);
    expect(neither.summary.errors[0]).toMatch(/x\.csv: field "number": cannot tell a change_request export from an incident export: found number, short_description, cmdb_ci.*\(expected incident fields/);
  });

  it('leaves canonical changes.csv and incidents.csv to the canonical adapter', async () => {
    const r = await ingestFiles([writeFixture({
      'changes.csv': 'number,type,state,risk,system_id,opened_at,close_code,unauthorized\nCHG1,normal,closed,High,S1,2024-01-01T10:00:00Z,successful,false\n',
      'incidents.csv': 'number,priority,system_id,opened_at,caused_by_change\nINC1,2,S1,2024-01-02T10:00:00Z,CHG1\n',
    })]);
    expect(r.summary.files.map((f) => f.adapter)).toEqual(['canonical-csv', 'canonical-csv']);
  });

  it('names the missing column when a change export has no opened date', async () => {
    const r = await ingestFiles([writeFixture({ 'x.csv': 'number,short_description,risk,start_date,end_date\nCHG1,Move,High,2024-01-01 10:00:00,2024-01-01 11:00:00\n' })]);
    expect(r.summary.errors[0]).toMatch(/x\.csv: field "opened_at": no column says when the change was opened \(expected a column opened_at \(label "Opened"\) or sys_created_on/);
  });
});

describe('ServiceNow incident event log (UCI, real, first 101 incidents)', () => {
  const log = fixture('uci-incident-event-log/incident_event_log.csv');

  it('keeps each incident once, with its latest state, `?` as unknown and dd-mm-yyyy dates', async () => {
    const r = await ingestFiles([log]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'servicenow-csv', entities: ['incident'], records: 607, rows: 607, rejected: 0 });
    expect(await r.query(`SELECT count(*)::INTEGER AS n, count(DISTINCT number)::INTEGER AS d, (count(*) FILTER (WHERE state = 'Closed'))::INTEGER AS closed FROM incident`)).toEqual([
      { n: 101, d: 101, closed: 101 },
    ]);
    expect(await r.query(`SELECT * EXCLUDE (source_file) FROM incident WHERE number IN ('INC0000045', 'INC0000093') ORDER BY number`)).toEqual([
      {
        number: 'INC0000045', short_description: null, priority: '3', priority_raw: '3 - Moderate', state: 'Closed', system_id: null, assignment_group: 'Group 56',
        opened_at: '2016-02-29 01:16:00', resolved_at: '2016-02-29 11:29:00', closed_at: '2016-03-05 12:00:00', caused_by_change: null, caused_by_deployment: null,
        source: 'servicenow-csv', source_line: 5, source_pointer: null, source_updated: '2016-03-05 12:00:00',
      },
      {
        number: 'INC0000093', short_description: null, priority: '3', priority_raw: '3 - Moderate', state: 'Closed', system_id: null, assignment_group: 'Group 70',
        opened_at: '2016-02-29 08:56:00', resolved_at: null, closed_at: '2016-03-05 10:00:00', caused_by_change: null, caused_by_deployment: null,
        source: 'servicenow-csv', source_line: 176, source_pointer: null, source_updated: '2016-03-05 10:00:00',
      },
    ]);
    expect(r.summary.warnings.map((w) => w.message)).toEqual([
      'unknown columns kept out: u_symptom, u_priority_confirmation, closed_code',
      '101 incidents appear more than once (in several exports, or one row per update); the latest of each is kept',
    ]);
  });

  it('rejects an impossible date with the file\'s own format as the expectation', async () => {
    const lines = fs.readFileSync(log, 'utf8').split('\r\n').slice(0, 5);
    lines[3] = lines[3]!.replace('29-02-2016 11:29,05-03-2016', '30-02-2016 11:29,05-03-2016');
    const r = await ingestFiles([writeFixture({ 'log.csv': lines.join('\r\n') + '\r\n' })], { maxRejectRatio: 1 });
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/log\.csv$/), line: 4, pointer: null, field: 'resolved_at', value: '30-02-2016 11:29', expected: 'a date and time like dd-MM-yyyy HH:mm' },
    ]);
  });
});
