// One writer at a time: a second ingest (or build) on the same database is refused, not interleaved.
import fs from 'node:fs';

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LockedError extends Error {}

/** Takes `${target}.lock`; a lock left by a process that no longer runs is taken over. */
export function acquireLock(target: string, what: string): () => void {
  const lock = `${target}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lock, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lock, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid?: number; what?: string; since?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lock, 'utf8'));
      } catch {
        // A lock being written right now, or garbage: treat as held unless its owner is gone.
      }
      if (holder.pid && !alive(holder.pid)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      throw new LockedError(
        `${target} is in use by another ${holder.what ?? 'almanac'} run (pid ${holder.pid ?? '?'}, since ${holder.since ?? '?'}); wait for it to finish, or remove ${lock} if no such process runs`,
      );
    }
  }
  throw new LockedError(`cannot take the lock ${lock}`);
}
