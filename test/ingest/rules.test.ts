// Rules across fields and files (src/model/rules.ts): a booking that ends before it starts, or books an
// environment no export holds, is rejected with its file, line and field.
import { describe, expect, it } from 'vitest';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';

const ENVIRONMENTS = 'id,name,kind,shared,capacity\nSIT-1,SIT one,sit,false,1\nUAT-1,UAT one,uat,true,2\n';

describe('cross-field and cross-file rules', () => {
  it('rejects a booking that ends before it starts, naming line, field and the start', async () => {
    const bookings = 'id,environment_id,status,start,end\nB1,SIT-1,approved,2026-03-02,2026-03-06\nB2,SIT-1,approved,2026-03-10,2026-03-09\nB3,SIT-1,approved,2026-03-11,2026-03-11\n';
    const r = await ingestFiles([writeFixture({ 'environments.csv': ENVIRONMENTS, 'bookings.csv': bookings })], { maxRejectRatio: 1 });
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/bookings\.csv$/), line: 3, pointer: null, field: 'end', value: '2026-03-09', expected: 'an end after the start (start 2026-03-10)' },
    ]);
    // A one-day booking (inclusive end date = start date) is valid.
    expect(await r.query('SELECT id FROM booking ORDER BY id')).toEqual([{ id: 'B1' }, { id: 'B3' }]);
  });

  it('rejects a booking of an unknown environment, across files, and counts it against its file', async () => {
    const bookings = 'id,environment_id,status,start,end\nB1,SIT-1,approved,2026-03-02,2026-03-06\nB2,PERF-9,approved,2026-03-02,2026-03-06\n';
    const dir = writeFixture({ 'environments.csv': ENVIRONMENTS, 'bookings.csv': bookings });
    const strict = await ingestFiles([dir]);
    expect(strict.summary.ok).toBe(false);
    expect(strict.summary.errors).toEqual([expect.stringMatching(/bookings\.csv: 1 of 2 records rejected \(50\.0%\)/)]);
    expect(strict.summary.rejects).toEqual([
      { path: expect.stringMatching(/bookings\.csv$/), line: 3, pointer: null, field: 'environment_id', value: 'PERF-9', expected: 'the id of an environment in environments.csv (or another environments export)' },
    ]);
    const lenient = await ingestFiles([dir], { maxRejectRatio: 1 });
    expect(await lenient.query('SELECT id FROM booking')).toEqual([{ id: 'B1' }]);
  });

  it('rejects phases, test cycles and capacity periods that end before they start', async () => {
    const files = {
      'release_phases.csv': 'release_id,phase,planned_start,planned_end\nR1,sit,2026-03-10,2026-03-01\nR1,uat,2026-03-10,2026-03-10\n',
      'test_cycles.csv': 'release_id,name,planned_start,planned_end\nR1,SIT,2026-03-10,2026-03-09\n',
      'capacity.csv': 'team,resource,period_start,period_end,available_hours\nQA,qa,2026-03-09,2026-03-08,40\n',
    };
    const r = await ingestFiles([writeFixture(files)], { maxRejectRatio: 1 });
    expect(r.summary.rejects.map((x) => [x.path.split('/').pop(), x.line, x.field])).toEqual([
      ['capacity.csv', 2, 'period_end'],
      ['release_phases.csv', 2, 'planned_end'],
      ['test_cycles.csv', 2, 'planned_end'],
    ]);
  });
});

describe('references by name', () => {
  it('reads a booking that names its environment instead of giving its id', async () => {
    const bookings = 'id,environment_id,status,start,end\nB1,uat one,approved,2026-03-02,2026-03-06\nB2,SIT-1,approved,2026-03-02,2026-03-06\n';
    const r = await ingestFiles([writeFixture({ 'environments.csv': ENVIRONMENTS, 'bookings.csv': bookings })]);
    expect(r.summary.errors).toEqual([]);
    expect(await r.query('SELECT id, environment_id FROM booking ORDER BY id')).toEqual([{ id: 'B1', environment_id: 'UAT-1' }, { id: 'B2', environment_id: 'SIT-1' }]);
  });
});
