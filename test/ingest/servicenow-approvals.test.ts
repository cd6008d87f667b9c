// ServiceNow change approvals: `approval_set` (label "Approval set") is when the approval was decided;
// it becomes `approved_at` unless the change was rejected, and a file without it gives no approval time.
import { describe, expect, it } from 'vitest';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';

describe('ServiceNow change approvals', () => {
  it('reads approval_set as the approval time, in field names and display values, but not for a rejected change', async () => {
    const csv = [
      'number,short_description,type,approval,approval_set,opened_at,sys_updated_on',
      'CHG1,Move DB,normal,Approved,2024-03-02 16:30:00,2024-03-01 09:00:00,2024-03-02 16:30:00',
      'CHG2,Patch,emergency,rejected,2024-03-03 08:00:00,2024-03-03 07:00:00,2024-03-03 08:00:00',
      'CHG3,Rotate,standard,Not Yet Requested,,2024-03-04 10:00:00,2024-03-04 10:00:00',
      // No approval column value: the time stands.
      'CHG4,Renew,standard,,2024-03-05 11:00:00,2024-03-05 10:00:00,2024-03-05 11:00:00',
    ].join('\n');
    const r = await ingestFiles([writeFixture({ 'change_request.csv': csv })]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT number, opened_at, approved_at FROM change ORDER BY number')).toEqual([
      { number: 'CHG1', opened_at: '2024-03-01 09:00:00', approved_at: '2024-03-02 16:30:00' },
      { number: 'CHG2', opened_at: '2024-03-03 07:00:00', approved_at: null },
      { number: 'CHG3', opened_at: '2024-03-04 10:00:00', approved_at: null },
      { number: 'CHG4', opened_at: '2024-03-05 10:00:00', approved_at: '2024-03-05 11:00:00' },
    ]);
    expect(r.summary.warnings).toEqual([]);
  });

  it('reads the label "Approval set" in the file\'s date format, and rejects a time it cannot read', async () => {
    const csv = [
      'Number,Short description,Risk,Approval set,Opened,Updated',
      'CHG1,Move DB,High,02/03/2024 16:30,01/03/2024 09:00,02/03/2024 16:30',
      'CHG2,Patch,Low,tomorrow,21/03/2024 09:00,21/03/2024 09:00',
    ].join('\n');
    const r = await ingestFiles([writeFixture({ 'changes.csv': csv })], { maxRejectRatio: 0.5 });
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT number, approved_at FROM change')).toEqual([{ number: 'CHG1', approved_at: '2024-03-02 16:30:00' }]);
    expect(r.summary.rejects.map((x) => [x.line, x.field, x.value, x.expected])).toEqual([[3, 'Approval set', 'tomorrow', 'a date and time like dd/MM/yyyy HH:mm']]);
  });

  it('reads the Table API\'s reference values, and leaves approved_at empty without approval_set', async () => {
    const json = {
      result: [
        { number: 'CHG9', type: 'normal', approval: { display_value: 'Approved', value: 'approved' }, approval_set: { display_value: '2024-03-02 16:30:00', value: '2024-03-02 16:30:00' }, opened_at: '2024-03-01 09:00:00', start_date: '2024-03-05 22:00:00' },
      ],
    };
    const r = await ingestFiles([writeFixture({ 'change.json': JSON.stringify(json) })]);
    expect(await r.query('SELECT number, approved_at FROM change')).toEqual([{ number: 'CHG9', approved_at: '2024-03-02 16:30:00' }]);
    const without = await ingestFiles([writeFixture({ 'c.csv': 'number,short_description,risk,opened_at\nCHG1,x,High,2024-03-01 09:00:00\n' })]);
    expect(await without.query('SELECT number, approved_at FROM change')).toEqual([{ number: 'CHG1', approved_at: null }]);
  });
});
