// The ServiceNow field table, table detection and value parsing, with property tests for the choice
// values ("N - Label", codes ↔ labels), record pointers, and the date format order errors show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDb, lit, type Db } from '../../src/db/duckdb.ts';
import { conversion } from '../../src/ingest/map/convert.ts';
import { detectDateFormat } from '../../src/ingest/map/formats.ts';
import { CHANGE_STATES as CANONICAL_CHANGE_STATES } from '../../src/model/entities.ts';
import {
  CHANGE_STATES, PRIORITY_LABELS, RISKS, looksLikeServiceNow, resolveColumns, tableFromFields,
} from '../../src/ingest/sources/servicenow-fields.ts';
import { choiceLabelSql, prioritySql } from '../../src/ingest/sources/servicenow-map.ts';
import { snRecords, snText } from '../../src/ingest/sources/servicenow-json.ts';

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
});
afterAll(() => db.close());

async function value(sql: string): Promise<unknown> {
  const [row] = await db.all<{ v: unknown }>(`SELECT ${sql} AS v`);
  return row?.v;
}

const label = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,18}[A-Za-z]$/);

describe('ServiceNow headers', () => {
  it('reads field names and labels case-insensitively, reporting unknown and repeated columns', () => {
    const r = resolveColumns(['Number', 'SHORT DESCRIPTION', 'Actual start date', 'Actual end', 'Caused by Change', 'sys_updated_at', 'number', 'u_symptom', '']);
    expect(Object.fromEntries(r.fields)).toEqual({ number: 0, short_description: 1, work_start: 2, work_end: 3, caused_by: 4, sys_updated_at: 5 });
    expect(r.duplicates).toEqual(['number']);
    expect(r.unknown).toEqual(['u_symptom', 'column 9']);
    expect(resolveColumns(['Actual start']).fields.get('work_start')).toBe(0);
    expect(resolveColumns(['u_release_name'], ['U_Release_Name']).fields.has('U_Release_Name')).toBe(true);
  });

  it('tells change_request from incident by the fields only one of them has', () => {
    const table = (names: string[]) => tableFromFields(resolveColumns(names).fields);
    expect(table(['number', 'caller_id', 'incident_state', 'urgency', 'close_code'])).toBe('incident');
    expect(table(['Number', 'Type', 'Risk', 'Close code', 'Planned start date'])).toBe('change');
    expect(table(['number', 'short_description', 'opened_at', 'close_code'])).toBeNull();
  });

  it('claims ServiceNow headers, not canonical or Jira ones', () => {
    expect(looksLikeServiceNow(['Number', 'Short description', 'Type', 'State', 'Opened'])).toBe(true);
    expect(looksLikeServiceNow(['number', 'incident_state', 'caller_id', 'opened_at'])).toBe(true);
    expect(looksLikeServiceNow(['number', 'type', 'state', 'risk', 'system_id', 'opened_at', 'close_code', 'unauthorized'])).toBe(false);
    expect(looksLikeServiceNow(['Summary', 'Issue key', 'Issue Type', 'Status', 'Priority', 'Created', 'Updated'])).toBe(false);
  });
});

describe('ServiceNow choice values', () => {
  it('strips the "N - " of any display value, and leaves a plain label alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 99 }), label, async (n, l) => {
        expect(await value(`[${choiceLabelSql(lit(`${n} - ${l}`), {})}, ${choiceLabelSql(lit(l), RISKS)}]`)).toEqual([l, l]);
      }),
    );
  });

  it('turns codes into labels', async () => {
    for (const [code, name] of Object.entries(RISKS)) expect(await value(choiceLabelSql(lit(code), RISKS))).toBe(name);
  });

  it('reads a priority from "N - Label", the bare code, or the label', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), label, async (n, l) => {
        expect(await value(`[${prioritySql(lit(`${n} - ${l}`))}, ${prioritySql(lit(String(n)))}]`)).toEqual([String(n), String(n)]);
      }),
    );
    for (const [name, n] of Object.entries(PRIORITY_LABELS)) expect(await value(prioritySql(lit(name.toUpperCase())))).toBe(n);
    expect(await value(prioritySql(lit('Urgent')))).toBeNull();
  });

  it('maps every change state code to its label, and every label (any case) to itself', async () => {
    const { sql } = conversion('enum', { map: CHANGE_STATES }, CANONICAL_CHANGE_STATES);
    const expected: Record<string, string> = { '-5': 'new', '-4': 'assess', '-3': 'authorize', '-2': 'scheduled', '-1': 'implement', '0': 'review', '3': 'closed', '4': 'canceled' };
    for (const [code, state] of Object.entries(expected)) expect(await value(sql(lit(code)))).toBe(state);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CANONICAL_CHANGE_STATES), fc.boolean(), async (state, upper) => {
        const shown = upper ? state.toUpperCase() : state[0]!.toUpperCase() + state.slice(1);
        expect(await value(sql(lit(shown)))).toBe(state);
      }),
    );
    expect(await value(sql(lit('Cancelled')))).toBe('canceled');
    expect(await value(sql(lit('7')))).toBeNull();
  });
});

describe('ServiceNow JSON values', () => {
  it('names each record by its array index', () => {
    fc.assert(
      fc.property(fc.constantFrom('records', 'result'), fc.array(fc.jsonValue(), { maxLength: 30 }), (key, items) => {
        const found = snRecords({ [key]: items })!;
        expect(found.map((r) => r.pointer)).toEqual(items.map((_, i) => `/${key}/${i}`));
        found.forEach((r, i) => expect(r.value).toBe(items[i]));
      }),
    );
    expect(snRecords({ result: { number: 'INC1' } })).toEqual([{ pointer: '/result', value: { number: 'INC1' } }]);
    expect(snRecords({ issues: [] })).toBeNull();
    expect(snRecords([{ number: 'INC1' }])).toBeNull();
  });

  it('reads plain values and reference objects, preferring the display value', () => {
    expect(snText({ display_value: 'Web Portal', value: 'abc', link: 'https://x' })).toBe('Web Portal');
    expect(snText({ display_value: '', value: 'abc' })).toBe('abc');
    expect(snText({ link: 'https://x', value: 'abc' })).toBe('abc');
    expect(snText(-5)).toBe('-5');
    expect(snText(false)).toBe('false');
    expect(snText(null)).toBeNull();
    expect(snText({ display_value: null, value: null })).toBeNull();
    expect(snText(['a'])).toBe('["a"]');
  });
});

describe('date formats (shared detectDateFormat: the format errors show)', () => {
  it('names the format most values are written in, while two-digit years are still tried first', async () => {
    await db.run(`CREATE OR REPLACE TABLE uci AS SELECT * FROM (VALUES ('29-02-2016 01:16'), ('05-03-2016 12:00'), ('?')) t(d)`);
    const found = await detectDateFormat(db, 'uci', [`nullif(d, '?')`]);
    expect(found.usual).toBe('%d-%m-%Y %H:%M');
    expect(found.formats.indexOf('%d-%m-%y %H:%M')).toBeLessThan(found.formats.indexOf('%d-%m-%Y %H:%M'));
    const { sql, expected } = conversion('instant', { formats: found.formats, usual: found.usual }, undefined);
    expect(expected).toBe('a date and time like dd-MM-yyyy HH:mm');
    expect(await value(`[${sql(lit('31-12-16 23:59'))}, ${sql(lit('31-12-2016 23:59'))}, ${sql(lit('30-02-2016 11:29'))}]::VARCHAR[]`)).toEqual([
      '2016-12-31 23:59:00', '2016-12-31 23:59:00', null,
    ]);
  });

  it('names the usual format of any mix of time-of-day variants', async () => {
    const variants = ['%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(0, 1, 2), { minLength: 1, maxLength: 40 }), async (picks) => {
        // Day 13 keeps the order unambiguous; each value is written in one of the variants.
        const values = picks.map((p, i) => `strftime(TIMESTAMP '2024-01-13 10:20:30' + INTERVAL (${i}) DAY, ${lit(variants[p]!)})`);
        await db.run(`CREATE OR REPLACE TABLE mix AS SELECT unnest([${values.join(', ')}]) AS d`);
        const found = await detectDateFormat(db, 'mix', ['d']);
        const counts = variants.map((_, v) => picks.filter((p) => p === v).length);
        expect(counts[variants.indexOf(found.usual!)]).toBe(Math.max(...counts));
      }),
      { numRuns: 30 },
    );
  });
});
