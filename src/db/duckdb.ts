// Opening DuckDB the one way the tool uses it: UTC session, no extension downloads (the machine may be
// offline; ICU, JSON and Parquet are built into the bindings).
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export interface Db {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  /** Runs one or more statements. */
  run(sql: string, params?: DuckDBValue[]): Promise<void>;
  /** Runs a query and returns its rows as JSON-compatible objects (BIGINT arrives as a string). */
  all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  close(): void;
}

export async function openDb(path: string, opts: { readOnly?: boolean } = {}): Promise<Db> {
  const options: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
  };
  if (opts.readOnly) options.access_mode = 'READ_ONLY';
  const instance = await DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  const db: Db = {
    instance,
    conn,
    async run(sql, params) {
      await conn.run(sql, params);
    },
    async all<T>(sql: string, params?: DuckDBValue[]) {
      const reader = await conn.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as T[];
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  return db;
}

/** A SQL string literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
