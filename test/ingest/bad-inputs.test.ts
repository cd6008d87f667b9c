// The bad-input corpus (test/fixtures/bad/, each case noted in its README.md): every broken export
// ends in a clear error (file, line or pointer, field, expected) or a documented warning, within a
// time limit, and a failed run leaves the previous database byte for byte. Huge inputs (a 20 MB cell,
// a million columns, a sparse gigabyte) and symlinks are generated here, not committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { IngestError } from '../../src/ingest/errors.ts';
import { FIXTURES, ingestFiles, tempDir, writeFixture } from '../helpers/ingest.ts';
import type { IngestSummary, RejectSample } from '../../src/ingest/pipeline.ts';

const BAD = path.join(FIXTURES, 'bad');
const LIMIT_MS = 60_000;

interface Case {
  /** A folder of test/fixtures/bad (with `exports/` and `almanac.config.json` for config cases), or a generator of a temp folder. */
  input: string | (() => string);
  /** The run fails with an error (in the summary, or a thrown IngestError) matching this. */
  error?: RegExp;
  /** The run warns: code and message. */
  warning?: [code: string, message: RegExp];
  /** A reject the run records (its file, line or pointer, field, value and expected). */
  reject?: Partial<Omit<RejectSample, 'expected'>> & { expected?: RegExp };
  /** The run succeeds with no error (a warning, if any, is named above). */
  ok?: boolean;
  /** The as-of date the run found. */
  asOf?: string;
}

const rejected = (file: string) => new RegExp(`${file.replace('.', '\\.')}: \\d+ of \\d+ records rejected`);
const reject = (r: Case['reject']) => r;

const generated: string[] = [];
const gen = (make: (dir: string) => void) => () => {
  const dir = tempDir('almanac-bad-');
  generated.push(dir);
  make(dir);
  return dir;
};
const inside = (files: Record<string, string>, extra: (dir: string) => void) => () => {
  const dir = writeFixture(files);
  generated.push(dir);
  extra(dir);
  return dir;
};

const CASES: Record<string, Case> = {
  // Canonical CSV: structure.
  'csv-unterminated-quote': { input: 'csv-unterminated-quote', error: /releases\.csv:3: field "name": a quoted value starts here and is never closed/ },
  'csv-ragged-rows': { input: 'csv-ragged-rows', error: rejected('releases.csv'), reject: reject({ line: 5, value: '7 fields', expected: /5 fields, as in the header/ }) },
  'csv-ragged-one-row': { input: 'csv-ragged-one-row', ok: true, reject: reject({ line: 32, value: '2 fields' }) },
  'csv-trailing-delimiter': { input: 'csv-trailing-delimiter', ok: true, warning: ['trailing-delimiter', /2 record\(s\) have more fields than the header, all the extra ones empty/] },
  'csv-wrong-delimiter-rows': { input: 'csv-wrong-delimiter-rows', error: rejected('releases.csv'), reject: reject({ line: 2, value: '1 fields', expected: /3 fields/ }) },
  'csv-header-only': { input: 'csv-header-only', ok: true, warning: ['empty', /holds no records/] },
  'csv-empty': { input: 'csv-empty', error: /releases\.csv:1: the file is empty \(no header line\)/ },
  'csv-blank-lines-only': { input: 'csv-blank-lines-only', error: /releases\.csv:1: the file is empty/ },
  'csv-bom-only': { input: 'csv-bom-only', error: /releases\.csv:1: the file is empty/ },
  'csv-missing-required': { input: 'csv-missing-required', error: /changes\.csv:1: field "opened_at": missing required column; found: number, short_description/ },
  'csv-duplicate-column': { input: 'csv-duplicate-column', ok: true, warning: ['duplicate-column', /column "name" appears twice/] },
  'csv-unrecognised': { input: 'csv-unrecognised', error: /notes\.csv: format not recognised; found columns: foo, bar; tried:/ },
  'csv-20mb-cell': {
    input: gen((d) => fs.writeFileSync(path.join(d, 'releases.csv'), `id,name,planned_release\nR1,"${'x'.repeat(20 << 20)}",2026-01-01\n`)),
    ok: true,
    warning: ['long-record', /longest record is 2097\d{4} bytes/],
  },
  'csv-1m-columns-header': {
    input: gen((d) => fs.writeFileSync(path.join(d, 'releases.csv'), `id,planned_release${',c'.repeat(999_998)}\n`)),
    error: /releases\.csv:1: the header has 1000000 columns \(expected at most 16384 columns/,
  },
  'csv-1m-fields-in-a-row': {
    input: gen((d) => fs.writeFileSync(path.join(d, 'releases.csv'), `id,planned_release\nR1,2026-01-01${',x'.repeat(999_998)}\n`)),
    error: /releases\.csv:2: a record has 1000000 fields \(expected the header's 2 fields/,
  },
  'csv-sparse-1gb-of-nul': {
    input: gen((d) => {
      fs.writeFileSync(path.join(d, 'releases.csv'), 'id,name,planned_release\nR1,"');
      fs.truncateSync(path.join(d, 'releases.csv'), 1 << 30); // a hole: no disk used
    }),
    error: /releases\.csv: it contains NUL bytes/,
  },

  // Binary files and encodings.
  'binary-png-named-csv': { input: 'binary-png-named-csv', error: /^test\/fixtures\/bad\/binary-png-named-csv\/releases\.csv: it contains NUL bytes/ },
  'binary-pdf-named-txt': { input: 'binary-pdf-named-txt', error: /changes\.txt: it contains NUL bytes/ },
  'nul-bytes': { input: 'nul-bytes', error: /releases\.csv: it contains NUL bytes: .*expected a text file/ },
  'utf16le-no-bom': { input: 'utf16le-no-bom', ok: true, warning: ['encoding', /read as UTF-16LE \(no byte order mark/] },
  'utf16be-no-bom': { input: 'utf16be-no-bom', ok: true, warning: ['encoding', /read as UTF-16BE/] },
  'utf16le-no-bom-cjk': { input: 'utf16le-no-bom-cjk', ok: true, warning: ['encoding', /read as UTF-16LE \(no byte order mark/] },
  'utf16be-no-bom-cjk': { input: 'utf16be-no-bom-cjk', ok: true, warning: ['encoding', /read as UTF-16BE \(no byte order mark/] },
  'windows-1252': { input: 'windows-1252', ok: true, warning: ['encoding', /not valid UTF-8: read as Windows-1252/] },
  'mac-roman': { input: 'mac-roman', ok: true, warning: ['encoding', /read as Windows-1252/] },
  'mojibake-utf8': { input: 'mojibake-utf8', ok: true, warning: ['mojibake', /2 place\(s\) look like UTF-8 text that was read as Windows-1252/] },
  'json-utf16-bom': { input: 'json-utf16-bom', ok: true },

  // Dates.
  'date-29-feb-2023': { input: 'date-29-feb-2023', error: rejected('releases.csv'), reject: reject({ line: 5, field: 'planned_release', value: '2023-02-29', expected: /a date YYYY-MM-DD/ }) },
  'date-31-april': { input: 'date-31-april', error: rejected('releases.csv'), reject: reject({ line: 2, field: 'planned_release', value: '31-04-2026' }) },
  'date-month-13': { input: 'date-month-13', error: rejected('releases.csv'), reject: reject({ line: 2, field: 'planned_release', value: '2026-13-01' }) },
  'date-two-digit-year': { input: 'date-two-digit-year', error: rejected('releases.csv'), reject: reject({ line: 2, value: '26-03-01' }) },
  'date-far-future': {
    input: 'date-far-future',
    error: rejected('releases.csv'),
    warning: ['implausible-date', /planned_release: 1 value\(s\) like "9999-12-31" lie before 1971 or after 2199/],
    reject: reject({ line: 4, field: 'actual_release', value: '275760-09-13' }),
  },
  'date-epoch-zero': { input: 'date-epoch-zero', ok: true, warning: ['implausible-date', /actual_release: 1 value\(s\) like "1970-01-01"/] },
  'instant-hour-25': { input: 'instant-hour-25', error: rejected('changes.csv'), reject: reject({ line: 2, field: 'opened_at', expected: /ISO 8601/ }) },
  'jira-csv-feb-29-2023': { input: 'jira-csv-feb-29-2023', error: rejected('jira.csv'), reject: reject({ line: 3, field: 'Created', value: '29/Feb/23 10:00', expected: /dd\/MMM\/yy/ }) },
  'date-far-future-event': {
    input: 'date-far-future-event',
    ok: true,
    warning: ['future-event', /^1 event date\(s\) lie more than 7 days after the exports were written \(\d{4}-\d\d-\d\d\), like release\.actual_release 9999-12-31 at line 3: .*left out of the as-of date/],
    asOf: '2026-01-10',
  },
  'github-releases-far-future': { input: 'github-releases-far-future', ok: true, warning: ['implausible-date', /published_at: 1 value\(s\) like "9999-12-31/], asOf: '2026-03-01' },
  'jenkins-epoch-zero': { input: 'jenkins-epoch-zero', ok: true, warning: ['implausible-date', /timestamp \(epoch milliseconds\): 1 value\(s\) like "1970-01-01/] },

  // Numbers.
  'number-1e309': { input: 'number-1e309', error: rejected('environments.csv'), reject: reject({ line: 2, field: 'cost_per_day', value: '1e309', expected: /a finite number/ }) },
  'number-nan': { input: 'number-nan', error: rejected('environments.csv'), reject: reject({ field: 'cost_per_day', value: 'NaN' }) },
  'number-infinity': { input: 'number-infinity', error: rejected('environments.csv'), reject: reject({ field: 'cost_per_day', value: '-Infinity' }) },
  'number-thousands-comma': { input: 'number-thousands-comma', error: rejected('environments.csv'), reject: reject({ field: 'cost_per_day', value: '1,234.5' }) },
  'number-decimal-comma': { input: 'number-decimal-comma', error: rejected('environments.csv'), reject: reject({ field: 'cost_per_day', value: '1.234,5' }) },
  'number-int-overflow': { input: 'number-int-overflow', error: rejected('incidents.csv'), reject: reject({ field: 'priority', value: '99999999999999999999', expected: /a whole number/ }) },
  'number-fraction-for-int': { input: 'number-fraction-for-int', error: rejected('test_cycles.csv'), reject: reject({ field: 'planned_cases', value: '12.5' }) },
  'jenkins-timestamp-1e309': { input: 'jenkins-timestamp-1e309', error: rejected('builds.json'), reject: reject({ pointer: '/0', field: 'timestamp (epoch milliseconds)', value: 'Infinity' }) },
  'jenkins-timestamp-string': { input: 'jenkins-timestamp-string', error: /builds\.json: format not recognised; found JSON shape: \[\{.*timestamp: string/ },

  // Negative durations and order.
  'jenkins-negative-duration': { input: 'jenkins-negative-duration', ok: true, warning: ['negative-duration', /1 build\(s\) have a negative duration/] },
  'deployment-finished-before-started': { input: 'deployment-finished-before-started', error: rejected('deployments.csv'), reject: reject({ line: 2, field: 'finished_at', expected: /a finish at or after the start \(started_at 2026-03-01T10:00:00Z\)/ }) },
  'negative-capacity-period': { input: 'negative-capacity-period', error: rejected('capacity.csv'), reject: reject({ line: 2, field: 'period_end', expected: /on or after its start/ }) },
  'booking-end-before-start': { input: 'booking-end-before-start', error: rejected('bookings.csv'), reject: reject({ line: 2, field: 'end', expected: /an end after the start/ }) },
  'booking-unknown-environment': { input: 'booking-unknown-environment', error: rejected('bookings.csv'), reject: reject({ line: 2, field: 'environment_id', value: 'NOPE' }) },

  // Duplicates and values no mapping knows.
  'duplicate-keys-conflicting': { input: 'duplicate-keys-conflicting', ok: true, warning: ['duplicates', /1 releases appear more than once.*1 of them differ/] },
  'servicenow-json-duplicate-numbers': { input: 'servicenow-json-duplicate-numbers', ok: true, warning: ['duplicates', /1 changes appear more than once.*differ/] },
  'unknown-enum-release-type': { input: 'unknown-enum-release-type', error: rejected('releases.csv'), reject: reject({ line: 2, field: 'type', value: 'hotfixx', expected: /one of major, minor, patch, emergency/ }) },
  'unknown-enum-deployment-status': { input: 'unknown-enum-deployment-status', error: rejected('deployments.csv'), reject: reject({ field: 'status', value: 'sorta-worked' }) },
  'bool-not-boolean': { input: 'bool-not-boolean', error: rejected('changes.csv'), reject: reject({ field: 'unauthorized', value: 'perhaps', expected: /true or false/ }) },
  'jira-csv-unknown-type': { input: 'jira-csv-unknown-type', ok: true, warning: ['unmapped-value', /Issue Type: value "Quest" has no type mapping/] },
  'jira-csv-no-issue-key': { input: 'jira-csv-no-issue-key', error: /jira\.csv: format not recognised; found columns: Issue id, Summary/ },
  'servicenow-json-unknown-state': { input: 'servicenow-json-unknown-state', ok: true, warning: ['unmapped-value', /state: value "Wibbling" has no state mapping/] },
  'servicenow-csv-unknown-state': { input: 'servicenow-csv-unknown-state', ok: true, warning: ['unmapped-value', /state: value "Wibbling"/] },
  'gitlab-deployments-unknown-status': { input: 'gitlab-deployments-unknown-status', ok: true, warning: ['unknown-status', /1 "exploded"/] },

  // ServiceNow, GitHub, GitLab values.
  'servicenow-csv-bad-opened': { input: 'servicenow-csv-bad-opened', error: rejected('change_request.csv'), reject: reject({ line: 2, field: 'opened_at', value: 'yesterday' }) },
  'servicenow-json-bad-date': { input: 'servicenow-json-bad-date', error: rejected('change_request.json'), reject: reject({ pointer: '/records/0', field: 'opened_at', value: '2023-02-29 10:00:00' }) },
  'servicenow-json-scalar-fields': { input: 'servicenow-json-scalar-fields', error: rejected('change_request.json'), reject: reject({ pointer: '/records/0', field: 'opened_at' }) },
  'github-releases-bad-date': { input: 'github-releases-bad-date', error: rejected('releases.json'), reject: reject({ pointer: '/0', field: 'published_at', value: 'last tuesday' }) },
  'gitlab-deployments-bad-started': { input: 'gitlab-deployments-bad-started', error: rejected('deployments.json'), reject: reject({ pointer: '/0', field: 'deployable.started_at (else created_at)', value: '2026-02-30T01:02:00Z' }) },

  // JSON structure.
  'servicenow-json-truncated': { input: 'servicenow-json-truncated', error: /change_request\.json:14: not valid JSON: Unterminated string .*expected a complete JSON document/ },
  'servicenow-json-wrong-shape': { input: 'servicenow-json-wrong-shape', error: /change_request\.json: format not recognised; found JSON shape: \{records: \{number: string\}\}/ },
  'github-releases-not-array': { input: 'github-releases-not-array', error: /releases\.json: format not recognised; found JSON shape: \{message: string/ },
  'json-empty': { input: 'json-empty', error: /change_request\.json:1: not valid JSON: Unexpected end of JSON input \(column 1\): the file is empty/ },
  // Cut between two values, as a download that stopped: the line and column where the text stops.
  'json-cut-between-values': {
    input: gen((d) => fs.writeFileSync(path.join(d, 'change_request.json'), '{\n "records": [\n  {"number": "CHG1", "opened_at": "2026-01-01 10:00:00"},\n  ')),
    error: /change_request\.json:4: not valid JSON: Unexpected end of JSON input \(column 3\): the file ends before the document does \(cut short\?\)/,
  },
  'json-null': { input: 'json-null', error: /change_request\.json: format not recognised; found JSON shape: null/ },
  'json-trailing-garbage': { input: 'json-trailing-garbage', error: /releases\.json:2: not valid JSON: Unexpected non-whitespace character/ },
  'json-huge-string-truncated': { input: 'json-huge-string-truncated', error: /change_request\.json:1: not valid JSON: Unterminated string/ },
  'json-nested-10000-deep': {
    input: gen((d) => fs.writeFileSync(path.join(d, 'change_request.json'), `{"records":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)),
    error: /change_request\.json at \/records\/0\/0\/0.*…: nested more than 256 levels deep \(expected JSON nested at most 256 levels\)/,
  },
  'json-objects-100000-deep': {
    input: gen((d) => fs.writeFileSync(path.join(d, 'builds.json'), `[${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]`)),
    error: /builds\.json at \/0\/a\/a\/a.*: nested more than 256 levels deep/,
  },
  'json-sparse-1gb': {
    input: gen((d) => {
      fs.writeFileSync(path.join(d, 'change_request.json'), '{"records":[{"number":"');
      fs.truncateSync(path.join(d, 'change_request.json'), 1 << 30);
    }),
    error: /change_request\.json: the JSON file is 1073741824 bytes \(expected JSON files under 536870912 bytes/,
  },

  // Workbooks.
  'xlsx-corrupt-zip': { input: 'xlsx-corrupt-zip', error: /releases\.xlsx: not a readable \.xlsx workbook: Couldn't unzip/ },
  'xlsx-truncated-zip': { input: 'xlsx-truncated-zip', error: /releases\.xlsx: not a readable \.xlsx workbook/ },
  'xlsx-is-csv-text': { input: 'xlsx-is-csv-text', error: /releases\.xlsx: not a readable \.xlsx workbook: Doesn't look like an `\.xlsx` file/ },
  'xlsx-empty': { input: 'xlsx-empty', error: /releases\.xlsx: not a readable \.xlsx workbook/ },
  'xlsx-sheet-part-unlinked': { input: 'xlsx-sheet-part-unlinked', error: /releases\.xlsx: the sheet "Releases" is unreadable: a part of the workbook is missing or damaged/ },

  // Paths outside the inputs: config rules and symlinks.
  'config-match-parent-path': { input: 'config-match-parent-path', error: /almanac\.config\.json at \/sources\/0\/match: "\.\.\/\.\.\/etc\/passwd" points outside the input folder/ },
  'config-match-absolute-path': { input: 'config-match-absolute-path', error: /almanac\.config\.json at \/sources\/0\/match: "\/etc\/passwd" points outside the input folder/ },
  'config-invalid-json': { input: 'config-invalid-json', error: /almanac\.config\.json: cannot read the config: .*\(expected a JSON object\)/ },
  'config-unknown-adapter': { input: 'config-unknown-adapter', error: /releases\.csv: the config forces adapter "excel-magic", which does not exist/ },
  'symlink-to-file-outside': {
    input: inside({ 'releases.csv': 'id,planned_release\nR1,2026-01-01\n' }, (d) => {
      const outside = writeFixture({ 'secret.csv': 'id\nS1\n' });
      generated.push(outside);
      fs.symlinkSync(path.join(outside, 'secret.csv'), path.join(d, 'systems.csv'));
    }),
    error: /systems\.csv: a symbolic link to .*secret\.csv, outside the input folder/,
  },
  'symlink-to-folder-outside': {
    input: inside({ 'releases.csv': 'id,planned_release\nR1,2026-01-01\n' }, (d) => fs.symlinkSync('/etc', path.join(d, 'more'))),
    error: /more: a symbolic link to \/etc, outside the input folder/,
  },
  'symlink-broken': {
    input: inside({ 'releases.csv': 'id,planned_release\nR1,2026-01-01\n' }, (d) => fs.symlinkSync('/nonexistent/x.csv', path.join(d, 'systems.csv'))),
    error: /systems\.csv: a broken symbolic link \(to \/nonexistent\/x\.csv\)/,
  },
  'symlink-inside-is-read': {
    input: inside({ 'data/releases.csv': 'id,planned_release\nR1,2026-01-01\n', 'data/systems.csv': 'id\nS1\n' }, (d) => {
      fs.symlinkSync(path.join(d, 'data', 'systems.csv'), path.join(d, 'systems-link.csv'));
    }),
    ok: true,
    warning: ['duplicates', /1 systems appear more than once/],
  },
};

/** Runs an ingest into `db` with a time limit; a thrown IngestError counts as the run's error. */
async function run(c: Case, db: string): Promise<{ summary: IngestSummary | null; errors: string[]; ms: number }> {
  const dir = typeof c.input === 'string' ? path.join(BAD, c.input) : c.input();
  const config = path.join(dir, 'almanac.config.json');
  const hasConfig = fs.existsSync(config);
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${LIMIT_MS} ms`)), LIMIT_MS);
  });
  try {
    const r = await Promise.race([ingestFiles([hasConfig ? path.join(dir, 'exports') : dir], { db, ...(hasConfig ? { config } : {}) }), limit]);
    return { summary: r.summary, errors: r.summary.errors, ms: Date.now() - started };
  } catch (err) {
    // The tool's own error type is a clear answer (the CLI prints its message); anything else is a crash.
    if (!(err instanceof IngestError)) throw err;
    return { summary: null, errors: [err.message], ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

describe('bad inputs', () => {
  let goodDb = '';
  let good: Buffer;

  beforeAll(async () => {
    goodDb = path.join(tempDir(), 'good.duckdb');
    const r = await ingestFiles([writeFixture({ 'releases.csv': 'id,name,planned_release\nR1,First,2026-01-01\n' })], { db: goodDb });
    expect(r.summary.ok).toBe(true);
    good = fs.readFileSync(goodDb);
  });

  afterAll(() => {
    for (const dir of generated) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a README line for every committed case, and a test for every case folder', () => {
    const folders = fs.readdirSync(BAD).filter((f) => fs.statSync(path.join(BAD, f)).isDirectory());
    const readme = fs.readFileSync(path.join(BAD, 'README.md'), 'utf8');
    expect(folders.filter((f) => !CASES[f])).toEqual([]);
    expect(Object.keys(CASES).filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(60);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(name, { timeout: LIMIT_MS + 30_000 }, async () => {
      // Each case starts from a copy of a good database: a failed run must leave it as it was.
      const db = path.join(tempDir(), 'case.duckdb');
      fs.copyFileSync(goodDb, db);
      const { summary, errors, ms } = await run(c, db);
      expect(ms).toBeLessThan(LIMIT_MS);
      // Never the pipeline's catch-all for unexpected exceptions (a stack overflow, ENOENT…).
      for (const e of errors) expect(e).not.toMatch(/could not be read: |\n\s+at /);
      if (c.error) {
        expect(summary?.ok ?? false).toBe(false);
        expect(errors.join('\n')).toMatch(c.error);
        expect(fs.readFileSync(db).equals(good), 'previous database unchanged').toBe(true);
      }
      if (c.ok) expect(errors).toEqual([]);
      if (c.asOf) expect(summary?.asOf).toBe(c.asOf);
      if (c.warning) {
        const [code, message] = c.warning;
        expect(summary?.warnings.filter((w) => w.code === code).map((w) => w.message)).toContainEqual(expect.stringMatching(message));
      }
      if (c.reject) {
        const { expected, ...where } = c.reject;
        expect(summary?.rejects).toContainEqual(expect.objectContaining({ ...where, ...(expected ? { expected: expect.stringMatching(expected) } : {}) }));
      }
      expect(process.memoryUsage().rss).toBeLessThan(3 * 2 ** 30);
    });
  }
});
