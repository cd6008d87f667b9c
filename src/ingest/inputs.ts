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

/**
 * A symlink inside an input folder is read only when it points inside that folder: a link to a file
 * elsewhere (or a broken link) would make the ingest read what the user never named, so it is refused
 * rather than followed. Links to folders inside are not walked (no cycles), and other links are skipped.
 */
function followLink(full: string, root: string): fs.Stats {
  let target: string;
  try {
    target = fs.realpathSync(full);
  } catch {
    throw new IngestError({ file: displayPath(full), message: `a broken symbolic link (to ${fs.readlinkSync(full)})`, expected: 'a file, or a link to a file inside the input folder' });
  }
  const rel = path.relative(root, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new IngestError({ file: displayPath(full), message: `a symbolic link to ${target}, outside the input folder ${displayPath(root)}`, expected: 'a file, or a link to a file inside the input folder (copy the export in instead)' });
  }
  return fs.statSync(target);
}

function walk(dir: string, out: string[], skipped: string[], root: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    // `~$name.xlsx` is the lock file Excel keeps beside a workbook it has open, not a workbook.
    const data = DATA_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && !entry.name.startsWith('~$');
    if (entry.isSymbolicLink()) {
      // Only a link that would be read (an export's name) or walked (a folder) must stay inside.
      const folder = fs.statSync(full, { throwIfNoEntry: false })?.isDirectory() ?? false;
      const target = data || folder ? followLink(full, root) : null;
      if (data && target?.isFile()) out.push(full);
      else skipped.push(full);
    } else if (entry.isDirectory()) walk(full, out, skipped, root);
    else if (data) out.push(full);
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
    if (fs.statSync(abs).isDirectory()) walk(abs, found, skipped, fs.realpathSync(abs));
    else found.push(abs);
  }
  const files = [...new Set(found)].sort().map((file) => ({ file, path: displayPath(file) }));
  return { files, skipped: skipped.sort().map((f) => displayPath(f)) };
}
