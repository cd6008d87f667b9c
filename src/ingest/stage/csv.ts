// Loads a CSV export into a DuckDB table of text columns c0…cN (by position: Jira repeats header
// names), using DuckDB's own reader; the scan supplies record lines and structural problems.
import { lit } from '../../db/duckdb.ts';
import { IngestError } from '../errors.ts';
import { prepareText, type PreparedText } from '../text/encoding.ts';
import { scanCsv, type CsvScan } from '../text/csv-scan.ts';
import type { FileContext } from '../context.ts';

export interface StagedCsv {
  /** Relation with columns c0…cN (VARCHAR; those asked for), `_row` (0-based) and `_line` (the record's first line). */
  relation: string;
  /**
   * The table `relation` is a view of (its columns without `_row`, and `_line` only where records span
   * lines), for queries that only look at values (date format detection, counts), and for columns an
   * adapter adds (a view of it shows them).
   */
  values: string;
  header: string[];
  scan: CsvScan;
  text: PreparedText;
  /** Data records in the file (kept + ragged). */
  records: number;
}

/** The column holding header cell `i`. */
export const col = (i: number) => `c${i}`;

/** Largest record DuckDB is asked to read; bigger ones are an error, not an out-of-memory. */
const MAX_RECORD_BYTES = 64 << 20;

/**
 * Most fields a record may have beyond the header's. DuckDB's reader takes time quadratic in the
 * fields of a record it rejects (100,000 fields: 40 s; a million: over an hour), so a record this
 * wide is an error before DuckDB sees it. A real ragged row has a few fields too many.
 */
const MAX_EXTRA_FIELDS = 1000;

/** A record longer than this is read, but said: no export cell holds megabytes unless something went wrong. */
const LONG_RECORD_BYTES = 1 << 20;

/** Reads the header (and structure) of a CSV export without loading it. */
export function probeCsv(ctx: Pick<FileContext, 'file' | 'path' | 'tmpDir' | 'warn' | 'progress' | 'scans'>, delimiter?: string): { text: PreparedText; scan: CsvScan } {
  const text = prepareText(ctx.file, ctx.tmpDir, ctx.warn, ctx.progress.scanning, ctx.path);
  return { text, scan: ctx.scans?.get(text.readPath, delimiter) ?? scanCsv(text.readPath, delimiter, ctx.progress.scanning) };
}

/**
 * Loads the records into a temp table. `columns`, if given, are the only ones kept (DuckDB still
 * checks every record's fields): an adapter that reads a few columns of a wide export saves most of
 * the load.
 */
export async function stageCsv(ctx: FileContext, probed: { text: PreparedText; scan: CsvScan }, columns?: Iterable<number>): Promise<StagedCsv> {
  const { text, scan } = probed;
  const { db } = ctx;
  if (scan.unterminatedQuoteLine !== null) {
    throw new IngestError({
      file: ctx.path,
      line: scan.unterminatedQuoteLine,
      field: scan.unterminatedQuoteField ?? undefined,
      message: 'a quoted value starts here and is never closed (unterminated quote)',
      expected: 'a closing " before the end of the file',
    });
  }
  if (scan.maxRecordBytes > MAX_RECORD_BYTES) {
    throw new IngestError({ file: ctx.path, message: `a record is ${scan.maxRecordBytes} bytes long`, expected: `records under ${MAX_RECORD_BYTES} bytes` });
  }
  if (scan.widest && scan.widest.fields > scan.header.length + MAX_EXTRA_FIELDS) {
    throw new IngestError({
      file: ctx.path,
      line: scan.widest.line,
      message: `a record has ${scan.widest.fields} fields`,
      expected: `the header's ${scan.header.length} fields (is a quote missing, or the delimiter wrong?)`,
    });
  }
  if (scan.maxRecordBytes > LONG_RECORD_BYTES) {
    ctx.warn('long-record', `its longest record is ${scan.maxRecordBytes} bytes (a cell of megabytes: a pasted log or attachment?); it is read as it is`);
  }
  if (scan.trailingEmpty > 0) {
    ctx.warn('trailing-delimiter', `${scan.trailingEmpty} record(s) have more fields than the header, all the extra ones empty (a delimiter at the end of the line): read without them`, scan.trailingEmpty);
  }
  const header = scan.header;
  const raw = ctx.tempName('csv');
  const types = `{${header.map((_, i) => `${lit(col(i))}: 'VARCHAR'`).join(', ')}}`;
  const rejects = ctx.tempName('csvrej');
  const options = [
    'header = true',
    'auto_detect = false',
    `delim = ${lit(scan.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    'strict_mode = true',
    'store_rejects = true',
    `rejects_table = ${lit(rejects)}`,
    `rejects_scan = ${lit(`${rejects}_scan`)}`,
    `max_line_size = ${Math.max(scan.maxRecordBytes + 1024, 2 << 20)}`,
    `columns = ${types}`,
  ];
  const kept = columns ? [...new Set(columns)].sort((a, b) => a - b).map(col).join(', ') : '*';
  await ctx.progress.track(
    db.conn,
    db.run(`CREATE OR REPLACE TEMP TABLE ${raw} AS SELECT ${kept} FROM read_csv(${lit(text.readPath)}, ${options.join(', ')})`),
    scan.rows,
  );

  // Ragged records: the scan knows their real lines; DuckDB has skipped them.
  if (scan.raggedCount > 0) {
    const values = scan.ragged
      .map((r) => `(${lit(ctx.path)}, ${r.line}, NULL, NULL, NULL, ${lit(`${r.fields} fields`)}, ${lit(`${header.length} fields, as in the header`)})`)
      .join(', ');
    await db.run(`INSERT INTO rejects VALUES ${values}`);
    if (scan.raggedCount > scan.ragged.length) {
      ctx.warn('ragged', `${scan.raggedCount - scan.ragged.length} more records with the wrong number of fields are not listed`);
    }
  }
  const [{ n } = { n: 0 }] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${raw}`);
  if (n !== scan.rows) {
    ctx.warn('line-numbers', `DuckDB read ${n} rows where ${scan.rows} were expected; line numbers of this file may be off`);
  }
  await db.run(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);

  const relation = ctx.tempName('rows');
  // Row r (0-based) starts on line r + 2 (the header is line 1), plus the extra lines of the quoted
  // line breaks before it.
  const line = (row: string, extra: string) => `(${row} + 2 + ${extra})::INTEGER`;
  if (!scan.lineJumps.length) {
    // Every record on one line: no join.
    await db.run(`CREATE OR REPLACE TEMP VIEW ${relation} AS SELECT *, rowid AS _row, ${line('rowid', '0')} AS _line FROM ${raw}`);
  } else {
    const jumps = ctx.tempName('lines');
    await db.run(`CREATE OR REPLACE TEMP TABLE ${jumps} (row_from BIGINT, off INTEGER)`);
    const appender = await db.conn.createAppender(jumps, 'main', 'temp');
    for (const [from, off] of scan.lineJumps) {
      appender.appendBigInt(BigInt(from));
      appender.appendInteger(off);
      appender.endRow();
    }
    appender.closeSync();
    // Each row's line in a narrow table (an ASOF join sorts both of its sides, and the export's side
    // is wide), then stored beside the row's values once. An UPDATE in place keeps the rows in read
    // order, where a join read by every mapping would shuffle them (and the final tables would then
    // have to be sorted back: finalize.ts).
    const lines = ctx.tempName('lines');
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${lines} AS SELECT i AS _row, ${line('i', 'coalesce(j.off, 0)')} AS _line
       FROM range(${n}) r(i) ASOF LEFT JOIN ${jumps} j ON i >= j.row_from`,
    );
    await db.run(`ALTER TABLE ${raw} ADD COLUMN _line INTEGER; UPDATE ${raw} SET _line = l._line FROM ${lines} l WHERE l._row = ${raw}.rowid`);
    await db.run(`CREATE OR REPLACE TEMP VIEW ${relation} AS SELECT * EXCLUDE (_line), rowid AS _row, _line FROM ${raw}`);
  }
  return { relation, values: raw, header, scan, text, records: scan.rows + scan.raggedCount };
}
