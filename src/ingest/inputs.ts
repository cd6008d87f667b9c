// Which files an ingest reads: the named files, and the data files under the named folders.
import fs from 'node:fs';
import path from 'node:path';
import { IngestError } from './errors.ts';
import { DATA_EXTENSIONS } from './detect.ts';

export interface InputFile {
  /** Absolute path. */
  file: string;
  /** Path shown in reports: relative to the working directory when inside it. */
  path: string;
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return shown.split(path.sep).join('/');
}

function walk(dir: string, out: string[], skipped: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out, skipped);
    // `~$name.xlsx` is the lock file Excel keeps beside a workbook it has open, not a workbook.
    else if (DATA_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && !entry.name.startsWith('~$')) out.push(full);
    else skipped.push(full);
  }
}

/** Files to read, sorted by path so that every run sees them in the same order. */
export function listInputs(inputs: readonly string[]): { files: InputFile[]; skipped: string[] } {
  const found: string[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    if (!fs.existsSync(abs)) throw new IngestError({ file: input, message: 'no such file or folder', expected: 'an export file or a folder of exports' });
    if (fs.statSync(abs).isDirectory()) walk(abs, found, skipped);
    else found.push(abs);
  }
  const files = [...new Set(found)].sort().map((file) => ({ file, path: displayPath(file) }));
  return { files, skipped: skipped.sort().map((f) => displayPath(f)) };
}
