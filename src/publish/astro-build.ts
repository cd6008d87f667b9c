// The Astro step of a site build: the pages for one report model, rendered into `outDir`, in a child
// process (see astro-child.ts). Astro writes intermediate modules inside the output folder when that
// lies in its working directory, and into one folder shared by every build otherwise; those modules
// must also resolve the project's packages. So the child runs in the project, and an output folder
// elsewhere is built inside the project first, then moved.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { alive } from '../db/lock.ts';
import { moveOrCopy } from './move.ts';
import { PROJECT_ROOT, runNodeChild } from './node-child.ts';

const CHILD = path.join(import.meta.dirname, 'astro-child.ts');

function build(outDir: string, cacheDir: string, reportFile: string): Promise<void> {
  return runNodeChild(CHILD, { root: PROJECT_ROOT, outDir, cacheDir, reportFile }, (code, stderr) => new Error(`the Astro build failed (exit ${code}): ${stderr || 'no message'}`));
}

/** Sites that builds killed before moving them out left in the project (their process is gone). */
function removeKilledBuilds(dir: string): void {
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const pid = /^build-(\d+)-/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

export async function runAstroBuild(opts: { reportFile: string; outDir: string; cacheDir: string }): Promise<void> {
  const outDir = path.resolve(opts.outDir);
  const reportFile = path.resolve(opts.reportFile);
  const cacheDir = path.resolve(opts.cacheDir);
  if (outDir.startsWith(PROJECT_ROOT + path.sep)) return build(outDir, cacheDir, reportFile);
  removeKilledBuilds(path.join(PROJECT_ROOT, '.astro'));
  const inside = path.join(PROJECT_ROOT, '.astro', `build-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    await build(inside, cacheDir, reportFile);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(outDir), { recursive: true });
    moveOrCopy(inside, outDir);
  } finally {
    fs.rmSync(inside, { recursive: true, force: true });
  }
}
