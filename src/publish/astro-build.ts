// The Astro step of a site build: the pages for one report model, rendered into `outDir`, in a child
// process (see astro-child.ts). Astro writes intermediate modules inside the output folder when that
// lies in its working directory, and into one folder shared by every build otherwise; those modules
// must also resolve the project's packages. So the child runs in the project, and an output folder
// elsewhere is built inside the project first, then moved.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { alive } from '../db/lock.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'astro-child.ts');

async function build(outDir: string, cacheDir: string, reportFile: string): Promise<void> {
  const args = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', CHILD, JSON.stringify({ root: PROJECT_ROOT, outDir, cacheDir, reportFile })];
  // stdin: a pipe the child only watches, to stop when this process dies (astro-child.ts).
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['pipe', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`the Astro build failed (exit ${code}): ${stderr.trim().split('\n').slice(-5).join(' | ') || 'no message'}`);
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
    try {
      fs.renameSync(inside, outDir);
    } catch {
      // Another file system: copy instead.
      fs.cpSync(inside, outDir, { recursive: true });
    }
  } finally {
    fs.rmSync(inside, { recursive: true, force: true });
  }
}
