// Excel cells as CSV text (src/ingest/sources/xlsx-cells.ts): numbers as Excel shows them, dates as
// wall-clock times, and which bare numbers are dates written as serials.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { namesDate, plainDecimal, serialToMs, sheetTable, wallClock, type XlsxCell } from '../../src/ingest/sources/xlsx-cells.ts';

const n = (number: string) => ({ number });
const utc = (iso: string) => new Date(`${iso}Z`);

describe('numbers', () => {
  it.each([
    ['42', '42'], ['-007', '-7'], ['12345678901234567890', '12345678901234567890'], ['0.30000000000000004', '0.3'], ['2.41', '2.41'],
    ['1E-7', '0.0000001'], ['1.5E+21', '1500000000000000000000'], ['-0.5', '-0.5'], ['-1E-20', '-0.00000000000000000001'], ['0.0', '0'],
  ])('%s is written %s', (stored, shown) => {
    expect(plainDecimal(stored)).toBe(shown);
  });

  it('writes any finite number in plain decimals: whole numbers as stored, others to 15 significant digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const stored = String(x);
        const text = plainDecimal(stored);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe((/^-?\d+$/.test(stored) ? x : Number(x.toPrecision(15))) || 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dates', () => {
  it('writes midnight as the day alone, and a time to the second, snapping a serial\'s rounding error', () => {
    expect(wallClock(utc('2026-03-01T00:00:00').getTime())).toBe('2026-03-01');
    expect(wallClock(utc('2026-03-01T18:55:03').getTime())).toBe('2026-03-01 18:55:03');
    expect(wallClock(utc('2026-03-01T18:55:03.250').getTime())).toBe('2026-03-01 18:55:03.250');
    expect(wallClock(utc('2026-03-01T07:59:59.999').getTime())).toBe('2026-03-01 08:00:00');
    // 1900 date system: serial 1 is 1900-01-01, with Excel's phantom 29 February 1900 before March.
    expect(wallClock(serialToMs(45353.91666666667))).toBe('2024-03-02 22:00:00');
    expect(wallClock(serialToMs(61))).toBe('1900-03-01');
  });

  it('reads any time to the millisecond back from its serial', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const serial = d.getTime() / 86_400_000 + 25_569;
        expect(Math.abs(serialToMs(serial) - d.getTime())).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it.each([['Created Date', true], ['opened_at', true], ['sys_updated_on', true], ['Approval set', true], ['Planned start date', true], ['planned_release', true],
    ['Closed', true], ['Story Points', false], ['Time Spent', false], ['Reason', false], ['Version', false]])('header %s names a date: %s', (header, yes) => {
    expect(namesDate(header)).toBe(yes);
  });
});

describe('sheets as tables', () => {
  const serial = (iso: string) => n(String(utc(iso).getTime() / 86_400_000 + 25_569));

  it('takes the first non-empty row as the header, leaves out empty rows, and keeps each row\'s number', () => {
    const data: XlsxCell[][] = [[null, null], ['Number', 'Opened'], [null, null], ['CHG1', utc('2024-03-01T10:00:00')], [null, null], ['CHG2', null]];
    expect(sheetTable(data)).toEqual({ header: ['Number', 'Opened'], rows: [['CHG1', '2024-03-01 10:00:00'], ['CHG2', '']], lines: [4, 6] });
    expect(sheetTable([[null], []])).toBeNull();
  });

  it('reads bare numbers as dates in a column of dates or under a date\'s name, and nowhere else', () => {
    const data: XlsxCell[][] = [
      ['Number', 'Opened', 'Resolved', 'Time Spent', 'Count', 'Due', 'Mixed'],
      ['A', utc('2024-03-01T10:00:00'), serial('2024-03-04T10:00:00'), n('28800'), n('45000'), utc('2024-03-09T00:00:00'), 'n/a'],
      ['B', serial('2024-03-02T11:30:00'), null, n('45000'), n('2'), n('3'), serial('2024-03-02T11:30:00')],
    ];
    expect(sheetTable(data)!.rows).toEqual([
      // Opened: a serial among date cells. Resolved: serials under a date's name.
      ['A', '2024-03-01 10:00:00', '2024-03-04 10:00:00', '28800', '45000', '2024-03-09', 'n/a'],
      // Time Spent and Count name no date and hold no date cell; Due's 3 is no serial of 1950–2099; Mixed holds text.
      ['B', '2024-03-02 11:30:00', '', '45000', '2', '3', '45353.4791666667'],
    ]);
  });

  it('pads short rows and names no header for data beyond it', () => {
    expect(sheetTable([['a'], ['1', 'extra'], [true]])).toEqual({ header: ['a', ''], rows: [['1', 'extra'], ['true', '']], lines: [2, 3] });
  });
});
