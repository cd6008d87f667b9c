// Property tests for the value conversions every adapter shares (src/ingest/map/convert.ts): numbers
// and dates written the way exports write them read back exactly; anything else is rejected, never
// misread.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conversion } from '../../src/ingest/map/convert.ts';
import { lit } from '../../src/db/duckdb.ts';
import { memoryDb } from '../helpers/context.ts';

const db = await memoryDb();
afterAll(() => db.close());

async function read(kind: 'num' | 'int' | 'date' | 'instant', raw: string): Promise<unknown> {
  const sql = conversion(kind, {}).sql(lit(raw));
  const cast = kind === 'date' ? `strftime(${sql}, '%Y-%m-%d')` : kind === 'instant' ? `strftime(${sql}, '%Y-%m-%dT%H:%M:%S')` : `${sql}::DOUBLE`;
  const [row] = await db.all<{ v: unknown }>(`SELECT ${cast} AS v`);
  return row?.v ?? null;
}

const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

describe('value conversions', () => {
  it('reads any finite number written in plain or exponent notation exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), async (x) => {
        expect(await read('num', String(x))).toBe(Object.is(x, -0) ? 0 : x);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects what is not a finite number', async () => {
    for (const bad of ['1e309', '-1e309', 'NaN', 'inf', 'twelve', '12abc', '']) expect(await read('num', bad), bad).toBeNull();
  });

  it('reads whole numbers, and rejects fractions where a whole number is expected', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -1e9, max: 1e9 }), async (n) => {
        expect(await read('int', String(n))).toBe(n);
        expect(await read('int', `${n}.5`)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('reads every real calendar date YYYY-MM-DD, and no impossible one', async () => {
    await fc.assert(
      fc.asyncProperty(day, async (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(await read('date', iso)).toBe(iso);
      }),
      { numRuns: 150 },
    );
    for (const bad of ['2023-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '26-03-01', '2026/03/01x']) expect(await read('date', bad), bad).toBeNull();
    for (const bad of ['26-03-01T10:00:00Z', '2026-02-30T10:00:00Z', 'yesterday']) expect(await read('instant', bad), bad).toBeNull();
  });

  it('reads an instant with any UTC offset as the same moment in UTC', async () => {
    await fc.assert(
      fc.asyncProperty(day, fc.integer({ min: -12 * 60, max: 14 * 60 }), async (d, offsetMin) => {
        const t = new Date(Math.floor(d.getTime() / 1000) * 1000);
        const local = new Date(t.getTime() + offsetMin * 60_000).toISOString().slice(0, 19);
        const sign = offsetMin < 0 ? '-' : '+';
        const abs = Math.abs(offsetMin);
        const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(await read('instant', `${local}${offset}`)).toBe(t.toISOString().slice(0, 19));
      }),
      { numRuns: 150 },
    );
  });
});
