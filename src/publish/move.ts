// Moves a built file or folder into place: a rename where source and target share a file system
// (instant, nothing written again), a copy where they do not.
import fs from 'node:fs';

export function moveOrCopy(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.cpSync(from, to, { recursive: true });
  }
}
