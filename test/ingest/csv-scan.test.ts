// The byte scan and DuckDB's reader must agree on every record: its cells (DuckDB) and the line it
// starts on (scan). Checked on random CSV text with quotes, delimiters and newlines inside cells.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { probeCsv, stageCsv, col } from '../../src/ingest/stage/csv.ts';
import { detectDelimiter, lineOfRow, scanCsv } from '../../src/ingest/text/csv-scan.ts';
import { fileContext, memoryDb } from '../helpers/context.ts';
import { tempDir } from '../helpers/ingest.ts';

const dir = tempDir();
const db = await memoryDb();
afterAll(() => db.close());

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function stage(file: string) {
  const ctx = fileContext(db, file);
  const staged = await stageCsv(ctx, probeCsv(ctx));
  const rows = await db.all<Record<string, string | number | null>>(`SELECT * FROM ${staged.relation} ORDER BY _row`);
  return { staged, rows, ctx };
}

describe('CSV scan', () => {
  it('finds the delimiter from the header', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;"c,d"')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('gives each record its first physical line, past multi-line cells and blank lines', async () => {
    const file = write('lines.csv', 'a,b\n1,"x\ny\nz"\n\n2,"q ""w"""\n3,last');
    const { rows, staged } = await stage(file);
    expect(rows.map((r) => [r[col(0)], r[col(1)], r._line])).toEqual([
      ['1', 'x\ny\nz', 2],
      ['2', 'q "w"', 6],
      ['3', 'last', 7],
    ]);
    expect(staged.scan.blankLines).toBe(1);
  });

  it('reports ragged records with their lines and keeps the others', async () => {
    const file = write('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    const { rows, staged } = await stage(file);
    expect(rows.map((r) => [r[col(0)], r._line])).toEqual([['1', 2], ['10', 5]]);
    expect(staged.scan.ragged).toEqual([{ line: 3, fields: 2 }, { line: 4, fields: 4 }]);
  });

  it('finds an unterminated quote and its field', () => {
    const file = write('open.csv', 'id,name,note\n1,ok,fine\n2,"broken,note\n3,x,y\n');
    const scan = scanCsv(file);
    expect(scan.unterminatedQuoteLine).toBe(3);
    expect(scan.unterminatedQuoteField).toBe('name');
  });

  it('treats a quote inside an unquoted cell as a character', async () => {
    const file = write('inch.csv', 'a,b\n1,5" screen\n2,x\n');
    const { rows } = await stage(file);
    expect(rows.map((r) => [r[col(1)], r._line])).toEqual([['5" screen', 2], ['x', 3]]);
  });

  it('agrees with DuckDB on random CSV (cells and lines)', async () => {
    const cell = fc.stringMatching(/^[a-z ,"\n;é]{0,6}$/);
    const table = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(table, fc.boolean(), async (data, crlf) => {
        // Rows whose cells are all empty would be blank lines, which readers skip; keep one non-empty cell.
        const records = data.map((r) => (r.every((c) => c === '') ? ['x', ...r.slice(1)] : r));
        const newline = crlf ? '\r\n' : '\n';
        const body = Papa.unparse([['h1', 'h2', 'h3'], ...records], { newline, quotes: false });
        const file = write(`prop-${Math.random().toString(36).slice(2)}.csv`, body);
        const { rows, staged } = await stage(file);
        expect(rows.map((r) => [0, 1, 2].map((i) => r[col(i)] ?? ''))).toEqual(records.map((r) => r.map((c) => c.replace(/\r\n/g, '\n'))));
        // Each record starts one line after the previous record's last line.
        const expected: number[] = [];
        let line = 2;
        for (const r of records) {
          expected.push(line);
          line += 1 + (Papa.unparse([r], { newline }).match(/\n/g)?.length ?? 0);
        }
        expect(rows.map((r) => r._line)).toEqual(expected);
        expect(rows.map((_, i) => lineOfRow(staged.scan, i))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
