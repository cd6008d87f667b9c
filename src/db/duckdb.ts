// Opening DuckDB the one way the tool uses it: UTC session, no extension downloads (the machine may be
// offline; ICU, JSON and Parquet are built into the bindings).
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export interface Db {
  /** The database file (as opened): another thread opens its own connection by it. */
  path: string;
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  /** Runs one or more statements; returns the rows the last one inserted, updated or deleted. */
  run(sql: string, params?: DuckDBValue[]): Promise<number>;
  /** Runs a query and returns its rows as JSON-compatible objects (BIGINT arrives as a string). */
  all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  /** Runs a query and hands each value of its first column to `each`, chunk by chunk: the whole result is never held. */
  eachValue(sql: string, each: (value: DuckDBValue) => void): Promise<void>;
  /** A second connection to the same database: its queries run beside this one's (DuckDB works on its own threads meanwhile). */
  connect(): Promise<Db>;
  /** Closes the connection, and the database with the connection that opened it. */
  close(): void;
}

/** `ALMANAC_TRACE_SQL=<ms>`: statements slower than that are written to stderr (finding where an ingest or build spends its time). */
const TRACE_MS = Number(process.env.ALMANAC_TRACE_SQL) || 0;

async function traced<T>(sql: string, work: Promise<T>): Promise<T> {
  if (!TRACE_MS) return work;
  const t0 = performance.now();
  const out = await work;
  const ms = performance.now() - t0;
  if (ms >= TRACE_MS) process.stderr.write(`[sql ${Math.round(ms)} ms] ${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.ALMANAC_TRACE_LEN) || 400)}\n`);
  return out;
}

/**
 * DuckDB's own memory budget (it spills sorts, joins and big temp tables to disk beyond it). Its
 * default, 80 % of the machine's memory, lets an ingest take gigabytes on a laptop where it runs beside
 * everything else; the JavaScript side and Astro come on top (README, Performance).
 */
export const MEMORY_LIMIT = '768MB';

/**
 * For a run that fills DuckDB's budget again and again (the ingest), memory DuckDB keeps once it has
 * it instead of handing it back to the system after each statement: memory asked for again costs a
 * page fault per 4 kB, and a page fault on a virtual machine like this project's costs ~10 µs. At
 * enterprise scale the ingest made 700,000–870,000 page faults (~10 s of system time); with these,
 * 510,000–570,000, and in 4 alternating pairs its system time fell by 1–3.5 s (README, Performance).
 * The blocks kept stay within the budget; a read-only build gains nothing from them and holds 230–380 MB more.
 */
const KEEP_MEMORY = (budget: string) => ({
  block_allocator_memory: budget,
  allocator_flush_threshold: '2GB',
  allocator_bulk_deallocation_flush_threshold: '4GB',
});

export async function openDb(path: string, opts: { readOnly?: boolean; memoryLimit?: string | null; keepMemory?: boolean; threads?: number } = {}): Promise<Db> {
  const options: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
  };
  const memory = opts.memoryLimit === undefined ? MEMORY_LIMIT : opts.memoryLimit;
  if (memory) options.memory_limit = memory;
  if (memory && opts.keepMemory) Object.assign(options, KEEP_MEMORY(memory));
  if (opts.readOnly) options.access_mode = 'READ_ONLY';
  // DuckDB's own worker threads; by default one per core.
  if (opts.threads) options.threads = String(opts.threads);
  const instance = await DuckDBInstance.create(path, options);
  return connected(path, instance, true);
}

async function connected(path: string, instance: DuckDBInstance, owner: boolean): Promise<Db> {
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  return {
    path,
    instance,
    conn,
    async run(sql, params) {
      return (await traced(sql, conn.run(sql, params))).rowsChanged;
    },
    async all<T>(sql: string, params?: DuckDBValue[]) {
      const reader = await traced(sql, conn.runAndReadAll(sql, params));
      // The same objects as `getRowObjectsJson()`, built from columns: it visits every value through
      // its chunk's vectors one by one and takes ~12× longer (6.7 s against 0.6 s for 200,000 changes).
      const names = reader.deduplicatedColumnNames();
      const columns = reader.getColumnsJson();
      const rows: Record<string, unknown>[] = new Array(reader.currentRowCount);
      for (let i = 0; i < rows.length; i++) {
        const row: Record<string, unknown> = {};
        for (let j = 0; j < names.length; j++) row[names[j]!] = columns[j]![i];
        rows[i] = row;
      }
      return rows as T[];
    },
    async eachValue(sql, each) {
      const result = await traced(sql, conn.stream(sql));
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const column = chunk.getColumnVector(0);
        for (let i = 0; i < chunk.rowCount; i++) each(column.getItem(i));
      }
    },
    connect: () => connected(path, instance, false),
    close() {
      conn.closeSync();
      if (owner) instance.closeSync();
    },
  };
}

/** A SQL string literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
