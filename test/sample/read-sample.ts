// Test helper: generates a sample once per test file and reads its files back with papaparse, by
// column position (Jira repeats column names), with the time spellings of each tool.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { generateSample, DEFAULT_SEED, type SampleResult } from '../../src/sample/generate.ts';
import type { ScaleSpec } from '../../src/sample/build-world.ts';
import { tempDir } from '../helpers/ingest.ts';

const made: string[] = [];

export function sample(seed = DEFAULT_SEED, spec?: ScaleSpec): SampleResult {
  const dir = tempDir('almanac-sample-');
  made.push(dir);
  return generateSample({ scale: 'small', seed, out: path.join(dir, 'exports'), spec });
}

/** Removes the samples this test file generated (each small sample is several megabytes). */
export function removeSamples(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface Table {
  header: string[];
  rows: string[][];
  /** The `nth` column called `name` (0 = the first). */
  col(name: string, nth?: number): number;
  /** Every value of every column called `name`, non-empty. */
  all(row: string[], name: string): string[];
  get(row: string[], name: string): string;
}

export function readCsv(dir: string, file: string): Table {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${file}: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const [header, ...rows] = parsed.data;
  const col = (name: string, nth = 0) => {
    const at = header!.flatMap((h, i) => (h === name ? [i] : []))[nth];
    if (at === undefined) throw new Error(`${file}: no column ${name} #${nth}`);
    return at;
  };
  return {
    header: header!,
    rows,
    col,
    all: (row, name) => header!.flatMap((h, i) => (h === name && row[i] ? [row[i]!] : [])),
    get: (row, name) => row[col(name)]!,
  };
}

export const readJson = (dir: string, file: string): any => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parses the time spellings of the exports into epoch milliseconds (UTC); throws on anything else. */
export function instant(value: string): number {
  let m = /^(\d{1,2})\/([A-Z][a-z]{2})\/(\d{2}) (\d{1,2}):(\d{2})(?: (AM|PM))?$/.exec(value);
  if (m) {
    let h = Number(m[4]);
    if (m[6]) h = (h % 12) + (m[6] === 'PM' ? 12 : 0);
    return Date.UTC(2000 + Number(m[3]), MONTHS.indexOf(m[2]!), Number(m[1]), h, Number(m[5]));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})Z?)?$/.exec(value);
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  throw new Error(`not a time of the exports: ${JSON.stringify(value)}`);
}

export const dayOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
