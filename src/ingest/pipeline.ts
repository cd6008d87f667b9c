// `almanac ingest`: exports → adapters → a new DuckDB file that replaces the old one only when the
// whole run succeeded. A bad export leaves the previous database exactly as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { openDb, lit, type Db } from '../db/duckdb.ts';
import { schemaDdl } from '../db/schema.ts';
import { acquireLock } from '../db/lock.ts';
import { recoverSwap } from '../publish/swap.ts';
import { loadConfig, ruleFor, type Config } from './config.ts';
import { IngestError, formatLocation } from './errors.ts';
import { listInputs } from './inputs.ts';
import { DATA_EXTENSIONS, detect, probedAsCsv } from './detect.ts';
import { createStaging, finalize, newestEventDate } from './finalize.ts';
import { createProgress, type Progress } from './progress.ts';
import { scanAhead, type ScanAhead } from './text/scan-ahead.ts';
import type { FileContext, Warning } from './context.ts';
import { TOOL_VERSION } from '../version.ts';
import { pseudonymizePeople, resolveSalt, type PseudonymizeKind } from './pseudonymize.ts';

export interface IngestOptions {
  inputs: string[];
  db: string;
  config?: string;
  asOf?: string;
  maxRejectRatio?: number;
  /** Replace the person fields by stable pseudonyms (src/ingest/pseudonymize.ts). */
  pseudonymize?: PseudonymizeKind;
  /** No progress output (tests, --json). */
  quiet?: boolean;
}

export interface FileSummary {
  path: string;
  adapter: string | null;
  entities: string[];
  records: number;
  rows: number;
  rejected: number;
  encoding: string | null;
  format: string | null;
  bytes: number;
}

export interface RejectSample {
  path: string;
  line: number | null;
  pointer: string | null;
  field: string | null;
  value: string | null;
  expected: string;
}

export interface IngestSummary {
  ok: boolean;
  db: string;
  asOf: string | null;
  files: FileSummary[];
  skipped: string[];
  warnings: Warning[];
  errors: string[];
  /** The first rejects of each file, to show what went wrong. */
  rejects: RejectSample[];
}

async function dropTemps(db: Db, prefix: string): Promise<void> {
  const objs = await db.all<{ name: string; kind: string }>(
    `SELECT table_name AS name, 'TABLE' AS kind FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ${lit(prefix)})
     UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE temporary AND starts_with(view_name, ${lit(prefix)})`,
  );
  for (const o of objs.sort((a, b) => (a.kind === 'VIEW' ? -1 : 1) - (b.kind === 'VIEW' ? -1 : 1))) {
    await db.run(`DROP ${o.kind} IF EXISTS "${o.name}"`);
  }
}

/** What every file of a run shares. */
interface Run {
  db: Db;
  config: Config;
  tmpDir: string;
  progress: Progress;
  warnings: Warning[];
  scans: ScanAhead;
}

async function ingestFile(run: Run, input: { file: string; path: string }, order: number): Promise<{ summary: FileSummary; error: string | null }> {
  const { db, config, tmpDir, progress, warnings, scans } = run;
  let counter = 0;
  const prefix = `t${order}_`;
  const summary: FileSummary = {
    path: input.path, adapter: null, entities: [], records: 0, rows: 0, rejected: 0, encoding: null, format: null, bytes: fs.statSync(input.file).size,
  };
  const ctx: FileContext = {
    db, config, rule: ruleFor(config, input.path), file: input.file, path: input.path, adapter: '', fileOrder: order, tmpDir, progress, scans,
    tempName: (p) => `${prefix}${p}_${counter++}`,
    warn: (code, message, count = 1) => warnings.push({ path: input.path, code, message, count }),
  };
  progress.step(input.path);
  await scans.settled(input.file);
  try {
    const { adapter, probe } = detect(ctx);
    ctx.adapter = summary.adapter = adapter.id;
    summary.format = adapter.title;
    if (probe.kind === 'csv') summary.encoding = probe.text.encoding;
    const result = await adapter.load(ctx, probe);
    // A header alone or an empty list is no error (an export of a quiet month), but worth a word:
    // the report would otherwise show nothing with no hint why. Some adapters say it themselves.
    if (result.records === 0 && !warnings.some((w) => w.path === input.path && w.code === 'empty')) ctx.warn('empty', 'the file holds no records (a header only, or an empty list): nothing is read from it');
    summary.records = result.records;
    summary.rows = result.results.reduce((s, r) => s + r.rows, 0);
    summary.entities = [...new Set(result.results.filter((r) => r.rows > 0).map((r) => r.entity))];
    return { summary, error: null };
  } catch (err) {
    if (err instanceof IngestError) return { summary, error: err.message };
    const e = err as Error;
    if (process.env.ALMANAC_DEBUG) console.error(e.stack);
    return { summary, error: formatLocation({ file: input.path, message: `could not be read: ${e.message.split('\n')[0]}` }) };
  } finally {
    await dropTemps(db, prefix);
  }
}

/** Inserts `rows` (each bound to `tuple`'s parameters) in statements of up to 500 rows. */
async function insertRows(db: Db, table: string, tuple: string, rows: DuckDBValue[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await db.run(`INSERT INTO ${table} VALUES ${batch.map(() => tuple).join(', ')}`, batch.flat());
  }
}

/** Records rejected per file (a record counts once, whatever fields failed); errors above the limit. */
async function countRejects(db: Db, files: FileSummary[], maxRatio: number): Promise<string[]> {
  const counts = new Map(
    (await db.all<{ path: string; n: number }>(`SELECT path, count(DISTINCT coalesce(line::VARCHAR, pointer, ''))::INTEGER AS n FROM rejects GROUP BY 1`)).map((r) => [r.path, r.n]),
  );
  const errors: string[] = [];
  for (const f of files) {
    f.rejected = counts.get(f.path) ?? 0;
    const ratio = f.records ? f.rejected / f.records : 0;
    if (ratio > maxRatio) {
      errors.push(`${f.path}: ${f.rejected} of ${f.records} records rejected (${(ratio * 100).toFixed(1)}%), above the limit of ${(maxRatio * 100).toFixed(1)}% (--max-reject-ratio)`);
    }
  }
  return errors;
}

export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const { config } = loadConfig(opts.config);
  const maxRatio = opts.maxRejectRatio ?? config.maxRejectRatio;
  const summary: IngestSummary = { ok: false, db: opts.db, asOf: null, files: [], skipped: [], warnings: [], errors: [], rejects: [] };
  const { files, skipped } = listInputs(opts.inputs);
  summary.skipped = skipped;
  if (files.length === 0) {
    summary.errors.push(`no export files found in ${opts.inputs.join(', ')} (looked for ${DATA_EXTENSIONS.join(', ')})`);
    return summary;
  }
  fs.mkdirSync(path.dirname(path.resolve(opts.db)), { recursive: true });
  const salt = opts.pseudonymize === 'people' ? resolveSalt(config.privacy.salt, opts.db) : null;
  const release = acquireLock(opts.db, 'ingest');
  const next = `${opts.db}.next-${process.pid}`;
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-'));
  const progress = createProgress(process.stderr, opts.quiet);
  let db: Db | null = null;
  // All but the first file: it is probed at once, while the thread starts (a run of one small export
  // would otherwise wait for it).
  const scans = scanAhead(files.slice(1).filter((f) => probedAsCsv(f.file)).map((f) => f.file));
  try {
    // Under the lock every `.next-*` file is a killed run's half-written database (and its WAL).
    recoverSwap(opts.db);
    db = await openDb(next, { keepMemory: true });
    await db.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
    await db.run(`SET temp_directory = ${lit(path.join(tmpDir, 'duckdb'))}`);
    for (const ddl of schemaDdl()) await db.run(ddl);
    await createStaging(db);
    const started = new Date();
    for (const [i, input] of files.entries()) {
      const { summary: fs1, error } = await ingestFile({ db, config, tmpDir, progress, warnings: summary.warnings, scans }, input, i);
      summary.files.push(fs1);
      if (error) summary.errors.push(error);
      progress.line(`${error ? 'FAILED' : 'read  '} ${input.path}  ${fs1.adapter ?? '-'}  ${fs1.rows} rows`);
    }
    // Rejects come from the files and, after finalize, from references between them (a booking of
    // an environment no export holds): the limit applies to both.
    if (!summary.errors.length) await finalize(db, summary.warnings);
    // Before anything is read back (the rejects shown below included): nothing downstream sees a name.
    if (!summary.errors.length && salt !== null) await pseudonymizePeople(db, salt);
    summary.errors.push(...(await countRejects(db, summary.files, maxRatio)));
    summary.rejects = await db.all<RejectSample>(
      `SELECT path, line, pointer, field, value, expected FROM (SELECT *, row_number() OVER (PARTITION BY path ORDER BY line, pointer) AS k FROM rejects) WHERE k <= 20 ORDER BY path, line, pointer`,
    );
    if (summary.errors.length) return summary;

    // No event can postdate the exports: the newest file's time, or now if later.
    const written = new Date(files.reduce((t, f) => Math.max(t, fs.statSync(f.file).mtimeMs), Date.now()));
    summary.asOf = opts.asOf ?? (await newestEventDate(db, config.timeZone, written, summary.warnings));
    const totals = summary.files.reduce((t, f) => ({ rows: t.rows + f.rows, rejected: t.rejected + f.rejected }), { rows: 0, rejected: 0 });
    await db.run(
      `INSERT INTO ingest_runs VALUES (?, ?::TIMESTAMP, now()::TIMESTAMP, ?::DATE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        started.toISOString(), started.toISOString(), summary.asOf, config.timeZone, config.delivery.reportYear,
        config.forecast.seed, config.forecast.windowDays, config.monthly.graceDays, listValue(opts.inputs),
        files.length, totals.rows, totals.rejected, summary.warnings.length, TOOL_VERSION, opts.pseudonymize ?? null,
      ],
    );
    // One statement per table, not per row: a hundred files' rows took 0.2 s one at a time.
    // DuckDB cannot bind an empty list (its item type is unknown): a file without rows stores [].
    await insertRows(db, 'ingest_files', '(?, ?, ?, coalesce(?, []::VARCHAR[]), ?, ?, ?, ?, ?)', summary.files.map((f) => [
      f.path, f.adapter, f.format, f.entities.length ? listValue(f.entities) : null, f.records, f.rows, f.rejected, f.bytes, f.encoding,
    ]));
    await insertRows(db, 'ingest_warnings', '(?, ?, ?, ?)', summary.warnings.map((w) => [w.path, w.code, w.message, w.count]));
    await db.run('CHECKPOINT');
    db.close();
    db = null;
    fs.renameSync(next, opts.db);
    summary.ok = true;
    return summary;
  } finally {
    scans.close();
    progress.finish();
    if (db) db.close();
    fs.rmSync(next, { force: true });
    fs.rmSync(`${next}.wal`, { force: true });
    fs.rmSync(tmpDir, { recursive: true, force: true });
    release();
  }
}
