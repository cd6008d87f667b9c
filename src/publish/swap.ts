// Replacing a published folder: the new one is complete before it takes the old one's name, and an
// interrupted swap is finished (or undone) by the next run.
import fs from 'node:fs';
import path from 'node:path';

function leftovers(target: string, tag: string): string[] {
  const dir = path.dirname(path.resolve(target));
  const base = `${path.basename(target)}.${tag}-`;
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => n.startsWith(base)).map((n) => path.join(dir, n)).sort();
}

/**
 * Puts back a folder whose swap was interrupted after the old copy moved aside, and removes what killed
 * runs left beside `target` (work folders, a database's half-written `.next-` file). Only under the lock.
 */
export function recoverSwap(target: string): void {
  const old = leftovers(target, 'old');
  if (!fs.existsSync(target) && old.length) fs.renameSync(old[old.length - 1]!, target);
  for (const o of leftovers(target, 'old')) fs.rmSync(o, { recursive: true, force: true });
  for (const n of leftovers(target, 'next')) fs.rmSync(n, { recursive: true, force: true });
}

/** A fresh work folder beside `target`, on the same file system so the final rename is atomic. */
export function workDir(target: string): string {
  const dir = `${path.resolve(target)}.next-${process.pid}`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function swapIn(work: string, target: string): void {
  const old = `${path.resolve(target)}.old-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(work, target);
  fs.rmSync(old, { recursive: true, force: true });
}
