// Snapshot files (status history, frozen months) are JSON the site trusts on the next build: read them
// checked against their schema — a damaged one fails the build naming the file rather than showing
// wrong numbers — and write them beside, then rename over, so that a crash never leaves half a file.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

/** The file's JSON, checked against `schema`; `what` names it in the error ("a status snapshot"). */
export function readSnapshotFile<T extends z.ZodType>(file: string, schema: T, what: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not ${what} (${(err as Error).message}); delete it or restore it from a backup`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: /${issue.path.join('/')}: ${issue.message}: not ${what}; delete it or restore it from a backup`);
  }
  return parsed.data;
}

/** Writes `value` as `file` (JSON indented by one space, as the committed snapshots are), atomically. */
export function writeSnapshotFile(file: string, value: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 1)}\n`);
  fs.renameSync(tmp, file);
  return file;
}
