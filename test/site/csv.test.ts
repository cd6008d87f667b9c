import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cellValue, encodeCsv, neutralise, tableCsv, type CsvValue } from '../../src/components/csv.ts';
import { offerCsv, offeredCsv, writeCsvAsOffered } from '../../src/components/downloads.ts';
import { countCell, listCell, percentCell, textCell, type Column } from '../../src/components/table.ts';

const BOM = '\uFEFF';
/** The fields of a CSV as a spreadsheet reads them (papaparse strips the BOM; the last CRLF ends the last row; no guessing the delimiter from the content). */
const parse = (csv: string): string[][] => Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n' }).data.slice(0, -1);
const TRIGGER = /^[=+\-@\t\r]/;

describe('encodeCsv', () => {
  it('starts with a BOM, ends every line with CRLF and quotes only what needs it (RFC 4180)', () => {
    const csv = encodeCsv(['Name', 'Note'], [['plain', 'a, b'], ['say "hi"', 'two\nlines'], ['', 'x\ry']]);
    expect(csv).toBe(`${BOM}Name,Note\r\nplain,"a, b"\r\n"say ""hi""","two\nlines"\r\n,"x\ry"\r\n`);
  });

  it('writes numbers as numbers, negatives included, and unknown or not finite values empty', () => {
    expect(encodeCsv(['n'], [[0.253], [-3], [12873], [null], [Number.NaN], [Infinity]])).toBe(`${BOM}n\r\n0.253\r\n-3\r\n12873\r\n\r\n\r\n\r\n`);
  });

  it('neutralises text a spreadsheet would run as a formula, and only that', () => {
    for (const t of ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(t)).toBe(`'${t}`);
    for (const t of ['', 'a=b', ' =1', '1-2', "'=1", '−3']) expect(neutralise(t)).toBe(t);
    expect(encodeCsv(['=cmd'], [['-3'], [-3], ['=1+2,3']])).toBe(`${BOM}'=cmd\r\n'-3\r\n-3\r\n"'=1+2,3"\r\n`);
  });

  const value: fc.Arbitrary<CsvValue> = fc.oneof(
    fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' ', 'a', 'é', '1', '.') }),
    fc.string({ unit: 'grapheme' }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constant(null),
  );
  const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.record({
      header: fc.array(fc.string(), { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 8 }),
    }),
  );
  const expected = (v: CsvValue) => (typeof v === 'number' ? String(v) : v === null ? '' : neutralise(v));

  it('round-trips through a CSV parser to the same cells, text neutralised', () => {
    fc.assert(
      fc.property(table, ({ header, rows }) => {
        expect(parse(encodeCsv(header, rows))).toEqual([header.map(expected), ...rows.map((r) => r.map(expected))]);
      }),
    );
  });

  it('never gives a cell that starts with a formula trigger unless it is a plain number', () => {
    fc.assert(
      fc.property(table, ({ header, rows }) => {
        const cells = parse(encodeCsv(header, rows));
        [header, ...rows].forEach((row, i) =>
          row.forEach((v, j) => {
            if (TRIGGER.test(cells[i]![j]!)) expect(typeof v === 'number' && cells[i]![j] === String(v)).toBe(true);
          }),
        );
      }),
    );
  });
});

describe('tableCsv', () => {
  const columns: Column[] = [{ label: 'Release' }, { label: 'Work items', kind: 'number' }, { label: 'On time', kind: 'number' }, { label: 'Systems' }, { label: 'Slip' }];
  it('gives numeric columns their raw number, everything else the visible text, a note on its second line', () => {
    const csv = tableCsv(columns, [
      [textCell('=HYPERLINK("x")'), countCell(12873), percentCell(0.253), listCell([{ text: 'CRM', href: 'crm/' }, { text: 'Payments' }]), { text: '-3 days', sort: -3 }],
      [textCell(null), countCell(null), { text: '-2', sort: -2, note: 'dropped' }, listCell([]), { text: 'on plan', note: '=under it' }],
    ]);
    expect(parse(csv)).toEqual([
      ['Release', 'Work items', 'On time', 'Systems', 'Slip'],
      ["'=HYPERLINK(\"x\")", '12873', '0.253', 'CRM, Payments', "'-3 days"],
      ['—', '', '-2', '—', 'on plan\n=under it'],
    ]);
  });

  it('keeps the text of a number column whose cells sort by text', () => {
    expect(cellValue({ text: 'n/a', sort: 'zzz' }, { label: 'x', kind: 'number' })).toBe('n/a');
    expect(cellValue({ text: '3' }, { label: 'x', kind: 'number' })).toBe('3');
  });
});

describe('offerCsv', () => {
  it('files a download beside its page and links to it relatively', () => {
    expect(offerCsv('/releases/crm-r13/', 'burnup', 'a')).toBe('burnup.csv');
    expect(offeredCsv().get('releases/crm-r13/burnup.csv')).toBe('a');
    expect(offerCsv('/', 'releases-per-month', 'b')).toBe('releases-per-month.csv');
    expect(offeredCsv().get('releases-per-month.csv')).toBe('b');
    // An id is made a safe file name: no folder, no way out of the page's.
    expect(offerCsv('/x/', 'a b/../c', 'c')).toBe('a_b____c.csv');
  });

  it('refuses two different downloads of one name on a page in a build', () => {
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(offerCsv('/twice/', 'table', 'a')).toBe('table.csv');
      expect(offerCsv('/twice/', 'table', 'a')).toBe('table.csv');
      expect(() => offerCsv('/twice/', 'table', 'b')).toThrow('two downloads named table.csv on the page /twice/');
    } finally {
      process.env.NODE_ENV = env;
    }
  });

  it('in a build, writes each file once as it is registered, and still refuses a different one of the same name', () => {
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const written: Array<[string, string]> = [];
    writeCsvAsOffered((file, csv) => written.push([file, csv]));
    try {
      expect(offerCsv('/built/', 'table', 'a,b\n1,2\n')).toBe('table.csv');
      expect(offerCsv('/built/', 'table', 'a,b\n1,2\n')).toBe('table.csv');
      expect(() => offerCsv('/built/', 'table', 'a,b\n1,3\n')).toThrow('two downloads named table.csv on the page /built/');
      expect(written).toEqual([['built/table.csv', 'a,b\n1,2\n']]);
    } finally {
      writeCsvAsOffered(undefined);
      process.env.NODE_ENV = env;
    }
  });
});
