// Test helper: ingest files into a fresh temporary database and read back canonical rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingest, type IngestOptions, type IngestSummary } from '../../src/ingest/pipeline.ts';
import { openDb } from '../../src/db/duckdb.ts';

export interface Ingested {
  summary: IngestSummary;
  db: string;
  /** Rows of a table (or any query), as JSON-compatible objects. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}

export function tempDir(prefix = 'almanac-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `files` (name → content) into a new temp folder and returns its path. */
export function writeFixture(files: Record<string, string | Buffer>): string {
  const dir = tempDir('almanac-fixture-');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export async function ingestFiles(inputs: string[], opts: Partial<IngestOptions> = {}): Promise<Ingested> {
  const db = opts.db ?? path.join(tempDir(), 'test.duckdb');
  const summary = await ingest({ inputs, db, quiet: true, ...opts });
  return {
    summary,
    db,
    async query<T>(sql: string) {
      if (!fs.existsSync(db)) throw new Error(`no database: ingest failed: ${summary.errors.join('; ')}`);
      const conn = await openDb(db, { readOnly: true });
      try {
        return await conn.all<T>(sql);
      } finally {
        conn.close();
      }
    },
  };
}

/** Test fixtures: small hand-made files and copies of real exports (each folder with its PROVENANCE.md). */
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
