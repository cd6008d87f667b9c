// Replacing a published folder: the new one is complete before it takes the old one's name, and an
// interrupted swap is finished (or undone) by the next run.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
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
 * runs left beside `target` (work folders, a database's half-written `.next-` file, old sites whose
 * removal stopped). Only under the lock.
 */
export function recoverSwap(target: string): void {
  const old = leftovers(target, 'old');
  if (!fs.existsSync(target) && old.length) fs.renameSync(old[old.length - 1]!, target);
  for (const o of leftovers(target, 'old')) fs.rmSync(o, { recursive: true, force: true });
  for (const n of leftovers(target, 'next')) fs.rmSync(n, { recursive: true, force: true });
  for (const t of removalsPending(target)) {
    try {
      fs.rmSync(t, { recursive: true, force: true });
    } catch {
      // A removal still running (removeInBackground) may take entries from under this one: it finishes.
    }
  }
}

/** Replaced folders beside `target` still being removed (or whose removal stopped). */
export const removalsPending = (target: string): string[] => leftovers(target, 'trash');

/**
 * Removes a replaced folder in a process of its own, which outlives this one: the old enterprise site
 * is 48,000 files, 6–10 s of disk work on this project's machine that nothing needs to wait for once
 * the new site is in place. Renamed first, so a removal cut short is never taken for a site to put
 * back: the next run removes what is left.
 */
function removeInBackground(dir: string, target: string): void {
  // Unique: a process that builds again (almanac schedule) may still be removing its last one.
  const trash = `${path.resolve(target)}.trash-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  fs.renameSync(dir, trash);
  const remove = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })';
  spawn(process.execPath, ['-e', remove, trash], { detached: true, stdio: 'ignore' }).unref();
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
  const replacing = fs.existsSync(target);
  if (replacing) fs.renameSync(target, old);
  fs.renameSync(work, target);
  if (replacing) removeInBackground(old, target);
}
