// What an adapter gets to work with while it reads one export file.
import type { Db } from '../db/duckdb.ts';
import type { Config, SourceRule } from './config.ts';
import type { Progress } from './progress.ts';
import type { ScanAhead } from './text/scan-ahead.ts';

export interface Warning {
  path: string;
  code: string;
  message: string;
  count: number;
}

export interface FileContext {
  db: Db;
  config: Config;
  /** The rule of the config that matched this file, if any (column renames, forced adapter…). */
  rule: SourceRule | null;
  /** Absolute path of the export. */
  file: string;
  /** The path as reports show it (relative to where ingest ran). */
  path: string;
  adapter: string;
  /** Position of the file in the run's sorted file list: later files win ties between duplicates. */
  fileOrder: number;
  tmpDir: string;
  progress: Progress;
  /** CSV files scanned ahead on a thread (none: each probe scans its file). */
  scans?: ScanAhead;
  /** A unique name for a temporary table. */
  tempName(prefix: string): string;
  warn(code: string, message: string, count?: number): void;
}
