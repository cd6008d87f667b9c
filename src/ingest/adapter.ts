// The adapter contract: each source format detects its files and maps them onto the canonical model
// through `applyMapping`. Adapters never leak tool-specific names past the mapping.
import type { CsvScan } from './text/csv-scan.ts';
import type { PreparedText } from './text/encoding.ts';
import type { FileContext } from './context.ts';
import type { MapResult } from './map/mapper.ts';

export interface CsvProbe {
  kind: 'csv';
  text: PreparedText;
  scan: CsvScan;
  /** Header cells after the config's column renames, trimmed. */
  header: string[];
}

export interface JsonProbe {
  kind: 'json';
  /** The parsed document. */
  json: unknown;
}

/** An Excel workbook: its sheets are read (asynchronously) when it is loaded, each as a CSV. */
export interface WorkbookProbe {
  kind: 'xlsx';
}

export type Probe = CsvProbe | JsonProbe | WorkbookProbe;

export interface FileInfo {
  /** File name, lower case. */
  name: string;
  /** Path as reports show it. */
  path: string;
}

export interface LoadResult {
  /** Records found in the file (rows, or JSON objects), rejected or not. */
  records: number;
  results: MapResult[];
}

export interface Adapter {
  /** Stable id, used in reports and to force an adapter from the config. */
  id: string;
  /** What the user calls the format. */
  title: string;
  kind: Probe['kind'];
  /** How sure the adapter is that it reads this file: 0 (not its format) to 1. */
  detect(file: FileInfo, probe: Probe): number;
  /** A short description of what the adapter looks for, for the "not recognised" error. */
  signature: string;
  load(ctx: FileContext, probe: Probe): Promise<LoadResult>;
}
