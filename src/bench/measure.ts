// Runs one `almanac` command in a child process and measures it from outside: wall time, and peak
// memory as the largest sum of resident set sizes of its process tree (the build runs Astro in a
// child of its own, so the command's own peak alone would miss it). Memory is sampled from /proc every
// 50 ms: Linux only, and a spike shorter than that can be missed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CLI = path.resolve(import.meta.dirname, '../../scripts/almanac.ts');

export interface Measured {
  seconds: number;
  peakRssMb: number;
  /** Its standard output, for the counts it prints. */
  stdout: string;
}

function children(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and all its descendants, in kB. */
export function treeRssKb(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rssKb(p);
    stack.push(...children(p));
  }
  return total;
}

export function runMeasured(args: string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid!))), 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`almanac ${args.join(' ')} failed (exit ${code}):\n${stderr.slice(-2000)}`));
      resolve({ seconds: (performance.now() - started) / 1000, peakRssMb: peak / 1024, stdout });
    });
  });
}
