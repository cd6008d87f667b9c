// Property tests for every way CSV text becomes rows: each CSV format the detection tells apart (Jira,
// ServiceNow, Azure Boards, DevLake raw tables, every canonical file), the encodings and line ends, and
// the value conversions. Arbitrary bytes and broken copies of real exports must end in the tool's own
// terms (test/helpers/fuzz.ts), never in another exception; and canonical files written from any valid
// rows, hostile text included, must read back exactly. JSON and workbooks: parsers-property-json.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { ENTITIES, ENTITY_NAMES, entityColumns, type EntityName } from '../../src/model/catalog.ts';
import type { ColumnInfo } from '../../src/model/fields.ts';
import { ORDER_RULES } from '../../src/model/rules.ts';
import { conversion, type ParseOptions } from '../../src/ingest/map/convert.ts';
import { DATE_FAMILIES } from '../../src/ingest/map/formats.ts';
import { lit } from '../../src/db/duckdb.ts';
import { memoryDb } from '../helpers/context.ts';
import { ingestFiles, tempDir, writeFixture } from '../helpers/ingest.ts';
import { anyBytes, brokenSeeds, fixture, fixtureHead, hostileText, ingestOwnTerms, mutatedBytes, mutatedCells, seedOf, expectSeedsDetected, type Seed } from '../helpers/fuzz.ts';

const db = await memoryDb();
afterAll(() => db.close());

/**
 * Each run is one ingest (a few tenths of a second when it gets as far as the database): few runs, and
 * no shrinking, which would take more ingests than the test has time for (the seed and path printed
 * replay a failure). FUZZ_RUNS=500 searches longer.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** Generous: the machine may be busy with other tests. */
const TIMEOUT = 240_000;
const run = { numRuns: RUNS, endOnFailure: true, plugins: [fc.timeout(20_000)] };

const SEEDS: Record<string, Seed[]> = {
  'jira-csv': [
    seedOf('server-dc.csv', fixture('jira/handmade/server-dc.csv')),
    seedOf('issues.csv', fixture('jira/links/issues.csv')),
    seedOf('Jira.csv', fixtureHead('jira/cloud-csv/Jira.csv', 12)),
  ],
  'servicenow-csv': [
    seedOf('change_request.csv', fixture('servicenow/change_request.csv')),
    seedOf('change-labels.csv', fixture('servicenow/change-labels.csv')),
    seedOf('change_audit.csv', fixture('servicenow/change_audit.csv')),
    seedOf('incident_event_log.csv', fixtureHead('servicenow/uci-incident-event-log/incident_event_log.csv', 25)),
  ],
  'azure-work-items': [seedOf('work-items.csv', fixture('azure/handmade/work-items.csv'))],
  'devlake-raw': [
    seedOf('_raw_azuredevops_go_api_builds.csv', fixture('devlake/_raw_azuredevops_go_api_builds.csv')),
    seedOf('_raw_gitlab_api_pipeline.csv', fixture('gitlab/devlake/_raw_gitlab_api_pipeline.csv')),
    seedOf('_raw_github_graphql_deployment.csv', fixture('github/devlake-graphql/_raw_github_graphql_deployment.csv')),
    seedOf('_raw_jira_api_issues.csv', fixtureHead('devlake/_raw_jira_api_issues.csv', 4)),
  ],
  // Every canonical file of the contract; bookings with the environments they book.
  'canonical-csv': [
    ...[
      'delivery/systems.csv', 'status/projects.csv', 'status/releases.csv', 'status/release_dependencies.csv', 'status/release_phases.csv',
      'status/work_items.csv', 'status/changes.csv', 'delivery/incidents.csv', 'delivery/deployments.csv', 'environments/environments.csv',
      'quality/test_cycles.csv', 'quality/capacity.csv', 'status/freeze_windows.csv', 'lessons/lessons.csv', 'status/costs.csv',
    ].map((f) => seedOf(path.basename(f), fixture(`metrics/${f}`))),
    { files: { 'environments.csv': fixture('metrics/environments/environments.csv'), 'bookings.csv': fixture('metrics/environments/bookings.csv') }, target: 'bookings.csv' },
  ],
};

describe('CSV exports, broken in every way, end in the tool\'s own terms', () => {
  it('every seed is read, by the adapter it stands for', () => expectSeedsDetected(db, SEEDS));

  for (const [adapter, seeds] of Object.entries(SEEDS)) {
    it(`${adapter}: truncated, flipped, with quotes, delimiters and NULs inserted, or hostile cells`, async () => {
      const files = brokenSeeds(seeds, (bytes) => fc.oneof(mutatedBytes(bytes), mutatedCells(bytes)));
      await fc.assert(fc.asyncProperty(files, async (f) => void (await ingestOwnTerms(f))), adapter === 'canonical-csv' ? { ...run, numRuns: 2 * RUNS } : run);
    }, TIMEOUT);
  }

  it('reads header cells named like Object\'s own properties as the names they are', async () => {
    const summary = await ingestOwnTerms({ 'releases.csv': 'id,planned_release,valueOf,constructor,__proto__\nR1,2026-01-01,a,b,c\n', 'x.csv': 'toString,number\nCHG1,1\n' });
    expect(summary!.errors).toEqual([expect.stringMatching(/x\.csv: format not recognised; found columns: toString, number/)]);
    expect(summary!.warnings).toContainEqual(expect.objectContaining({ code: 'unknown-columns', message: expect.stringContaining('valueOf, constructor, __proto__') }));
  });

  it('arbitrary bytes under any export name', async () => {
    const name = fc.constantFrom('releases.csv', 'changes.tsv', 'export.txt', 'change_request.csv', 'jira.csv', '_raw_jira_api_issues.csv');
    await fc.assert(fc.asyncProperty(name, anyBytes, async (n, bytes) => void (await ingestOwnTerms({ [n]: bytes }))), run);
  }, TIMEOUT);
});

const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16le-bom', 'utf-16be-bom'] as const;

/** `text` as the bytes of an export in `encoding`, its line ends (those in cells too) made `newline`. */
function encode(text: string, encoding: (typeof ENCODINGS)[number], newline?: '\n' | '\r\n' | '\r'): Buffer {
  const t = newline ? text.replace(/\r?\n/g, newline) : text;
  const le = Buffer.from(t, 'utf16le');
  switch (encoding) {
    case 'utf-8': return Buffer.from(t, 'utf8');
    case 'utf-8-bom': return Buffer.from(`\uFEFF${t}`, 'utf8');
    case 'utf-16le': return le;
    case 'utf-16le-bom': return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    case 'utf-16be-bom': return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
  }
}

describe('encoding detection', () => {
  it('UTF-8, UTF-16 with and without BOM, Windows-1252, CR or CRLF line ends, broken anywhere, end in the tool\'s own terms', async () => {
    const texts = [['releases.csv', fixture('metrics/status/releases.csv')], ['server-dc.csv', fixture('jira/handmade/server-dc.csv')]] as const;
    const encoded = fc.oneof(
      fc.tuple(fc.constantFrom(...texts), fc.constantFrom(...ENCODINGS), fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const))
        .map(([[name, bytes], enc, nl]) => ({ name, bytes: encode(bytes.toString('utf8'), enc, nl) })),
      fc.constant({ name: 'work-items.csv', bytes: fixture('azure/handmade/work-items-cp1252.csv') }),
      fc.constant({ name: 'releases.csv', bytes: fixture('bad/windows-1252/releases.csv') }),
    );
    const files = encoded.chain(({ name, bytes }) => fc.oneof(fc.constant(bytes), mutatedBytes(bytes)).map((b) => ({ [name]: b })));
    await fc.assert(fc.asyncProperty(files, async (f) => void (await ingestOwnTerms(f))), run);
  }, TIMEOUT);
});

describe('value conversions', () => {
  const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Kiritimati'];
  const options: fc.Arbitrary<ParseOptions> = fc.record({
    formats: fc.option(fc.constantFrom(...DATE_FAMILIES.map((f) => f.formats), ['%Y-%m'], ['%d/%m/%Y %H:%M']), { nil: undefined }),
    timeZone: fc.constantFrom(...zones),
    inclusiveDayEnd: fc.boolean(),
    map: fc.option(fc.dictionary(hostileText, hostileText, { maxKeys: 3 }), { nil: undefined }),
  }, { requiredKeys: ['timeZone'] });
  const raw = fc.oneof(
    hostileText,
    fc.double().map(String),
    fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
    fc.stringMatching(/^\d{1,4}[-/.]\d{1,3}[-/.]\d{1,5}( \d{1,2}:\d{1,2}(:\d{1,2})?( [AP]M)?)?$/),
  );

  it('turn any text into a value of their kind or NULL (a reject), never a database error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('int', 'num', 'bool', 'date', 'instant', 'enum', 'list', 'text') as fc.Arbitrary<ColumnInfo['kind']>, options, raw, async (kind, opts, x) => {
        const sql = conversion(kind, opts, ['planned', 'in_progress', 'released']).sql(lit(x.trim() || 'x'));
        const [row] = await db.all<{ v: unknown }>(`SELECT (${sql}) AS v`);
        const v = row!.v;
        if (v === null) return;
        if (kind === 'num') expect(Number.isFinite(v)).toBe(true);
        if (kind === 'int') expect(Number.isInteger(Number(v))).toBe(true);
        if (kind === 'date') expect(v).toMatch(/^\d{4,}-\d\d-\d\d$/);
        if (kind === 'instant') expect(v).toMatch(/^\d{4,}-\d\d-\d\d \d\d:\d\d:\d\d/);
        if (kind === 'bool') expect(typeof v).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });
});

// Round trip: canonical files written from any valid rows read back exactly.

const CSV_ENTITIES = ENTITY_NAMES.filter((n) => ENTITIES[n].csvFile);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const moment = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2199-12-30T23:59:59Z'), noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const stored = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/** Text as the mapper keeps it: trimmed, never empty (an empty cell is unknown). */
const cellText = hostileText.map((s) => s.trim()).filter((s) => s.length > 0);

interface Cell {
  /** As written in the file. */
  written: string;
  /** As read back from the database (JSON values of the DuckDB row). */
  read: unknown;
  /** For ordering rules: the moment it stands for. */
  at?: number;
}

/** A valid value of `column` (of `entity`) written in any way the contract allows, and what it must read back as. */
function cellFor(entity: EntityName, column: ColumnInfo): fc.Arbitrary<Cell> {
  switch (column.kind) {
    case 'id':
    case 'text':
      return cellText.map((t) => ({ written: t, read: t }));
    case 'enum':
      return fc.tuple(fc.constantFrom(...column.values!), fc.constantFrom('as is', 'upper', 'spaced')).map(([v, how]) => {
        const written = how === 'upper' ? v.toUpperCase() : how === 'spaced' ? v.replace(/_/g, ' ') : v;
        return { written, read: v };
      });
    case 'date':
      // Months of costs are written YYYY-MM (their first day).
      return moment.chain((d) => fc.constantFrom(dayOf(d), ...(entity === 'cost' ? [dayOf(d).slice(0, 7)] : [])).map((written) => ({
        written, read: written.length === 7 ? `${written}-01` : written, at: Date.parse(written.length === 7 ? `${written}-01` : written),
      })));
    case 'instant': {
      const inclusiveEnd = (entity === 'booking' || entity === 'freeze_window') && column.name === 'end';
      return fc.tuple(moment, fc.constantFrom('Z', 'no offset', 'offset', 'date'), fc.integer({ min: -12 * 60, max: 14 * 60 })).map(([d, how, off]) => {
        if (how === 'date') {
          const day = new Date(`${dayOf(d)}T00:00:00Z`);
          const t = day.getTime() + (inclusiveEnd ? 86_400_000 : 0);
          return { written: dayOf(d), read: stored(new Date(t)), at: t };
        }
        if (how === 'offset') {
          const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19);
          const sign = off < 0 ? '-' : '+';
          return { written: `${local}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`, read: stored(d), at: d.getTime() };
        }
        const iso = d.toISOString().slice(0, 19);
        return { written: how === 'Z' ? `${iso}Z` : iso.replace('T', ' '), read: stored(d), at: d.getTime() };
      });
    }
    case 'int':
      return fc.integer({ min: -1e9, max: 1e9 }).map((n) => ({ written: String(n), read: String(n) }));
    case 'num':
      return fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => ({ written: String(x), read: Object.is(x, -0) ? 0 : x }));
    case 'bool':
      return fc.tuple(fc.boolean(), fc.constantFrom('word', 'upper', 'yes/no')).map(([b, how]) => ({
        written: how === 'yes/no' ? (b ? 'yes' : 'no') : how === 'upper' ? String(b).toUpperCase() : String(b), read: b,
      }));
    case 'list':
      return fc.array(cellText.filter((t) => !t.includes(';')), { minLength: 1, maxLength: 3 }).chain((items) =>
        fc.constantFrom(';', '; ', ' ;').map((sep) => ({ written: items.join(sep), read: items })));
  }
}

type Row = Record<string, Cell | null>;

/** Rows of `entity`: required columns always filled, others sometimes empty, keys unique, ordering rules kept. */
function rowsOf(entity: EntityName): fc.Arbitrary<Row[]> {
  const { key, csvRequired } = ENTITIES[entity];
  const must = new Set([...key, ...csvRequired]);
  const row = fc.record(Object.fromEntries(entityColumns(entity).map((c) => [c.name, must.has(c.name) ? cellFor(entity, c) : fc.option(cellFor(entity, c), { nil: null })]))) as fc.Arbitrary<Row>;
  const valid = row.filter((r) => ORDER_RULES.every((rule) => {
    if (rule.entity !== entity) return true;
    const [a, b] = [r[rule.before]?.at, r[rule.after]?.at];
    return a === undefined || b === undefined || (rule.strict ? b > a : b >= a);
  }));
  return fc.uniqueArray(valid, { minLength: 1, maxLength: 5, selector: (r) => key.map((k) => r[k]!.read).join('\u0000') });
}

describe('canonical CSV round trip', () => {
  it('reads back, field for field, any valid rows: hostile text, every date form, any encoding and line ends', async () => {
    const entity = fc.constantFrom(...CSV_ENTITIES);
    const file = entity.chain((e) => fc.record({ entity: fc.constant(e), rows: rowsOf(e), encoding: fc.constantFrom(...ENCODINGS), newline: fc.constantFrom('\n' as const, '\r\n' as const) }));
    await fc.assert(
      fc.asyncProperty(file, async ({ entity, rows, encoding, newline }) => {
        const columns = entityColumns(entity);
        const csv = `${Papa.unparse([columns.map((c) => c.name), ...rows.map((r) => columns.map((c) => r[c.name]?.written ?? ''))], { newline })}${newline}`;
        const files: Record<string, Buffer> = { [ENTITIES[entity].csvFile!]: encode(csv, encoding) };
        // Bookings must name an environment some export holds.
        if (entity === 'booking') {
          const ids = [...new Set(rows.map((r) => r.environment_id!.written))];
          files['environments.csv'] = Buffer.from(`${Papa.unparse([['id'], ...ids.map((id) => [id])], { newline: '\n' })}\n`);
        }
        const dir = writeFixture(files);
        const dbDir = tempDir();
        try {
          const r = await ingestFiles([dir], { db: path.join(dbDir, 'almanac.duckdb'), maxRejectRatio: 0 });
          expect(r.summary.errors).toEqual([]);
          expect(r.summary.warnings.filter((w) => !['implausible-date', 'future-event', 'mojibake', 'encoding'].includes(w.code))).toEqual([]);
          // Enumerations keep the value as written beside the canonical one.
          const read = columns.flatMap((c) => (c.raw ? [c.name, `${c.name}_raw`] : [c.name]));
          const back = await r.query(`SELECT ${read.map((c) => `"${c}"`).join(', ')} FROM "${ENTITIES[entity].table}" ORDER BY source_line`);
          // A file in UTF-16, or whose line ends are mixed (a line break in a cell unlike those between
          // records), is rewritten with LF line ends before it is read: line breaks in cells too.
          const crlf = csv.match(/\r\n/g)?.length ?? 0;
          const rewritten = encoding.startsWith('utf-16') || /\r(?!\n)/.test(csv) || (crlf > 0 && (csv.match(/\n/g)?.length ?? 0) > crlf);
          const asRead = (t: string) => (rewritten ? t.replace(/\r\n?/g, '\n') : t);
          const lf = (v: unknown) => (typeof v === 'string' ? asRead(v) : Array.isArray(v) ? v.map(asRead) : v);
          expect(back).toEqual(rows.map((row) => Object.fromEntries(columns.flatMap((c) => [
            [c.name, lf(row[c.name]?.read ?? null)],
            ...(c.raw ? [[`${c.name}_raw`, row[c.name]?.written ?? null]] : []),
          ]))));
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
          fs.rmSync(dbDir, { recursive: true, force: true });
        }
      }),
      { ...run, numRuns: RUNS + 5 },
    );
  }, TIMEOUT);
});
