// Steps of a site build that run in a Node process of their own (the model, Astro): each process's
// memory is returned in full when it ends, so a big build's steps never hold their peaks at once.
import { spawn } from 'node:child_process';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The JavaScript heap of a step. V8 lets garbage pile up towards the limit before it collects, so the
 * limit is what a build's memory grows to. The enterprise sample's model fits in 1280 MB and not in 1024
 * (README, Performance); bigger data may need ALMANAC_HEAP_MB raised, which an out-of-memory says.
 */
const HEAP_MB = Number(process.env.ALMANAC_HEAP_MB) || 1280;

/**
 * The young generation's semispaces, in MB (V8's default is 16), unless a step asks for others. Both
 * steps make millions of short-lived objects (rows, chart nodes): with more room they die young
 * instead of being promoted and marked again and again. The enterprise build took 2–9 s less in
 * back-to-back pairs of runs, for 60–170 MB more at its peak.
 */
const SEMI_SPACE_MB = 64;

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in per cent. Left
 * to itself V8 grows it by up to 4 × when collections are quick, and the enterprise model step's
 * ~260–800 MB of live objects then sat in 1–1.3 GB of heap: whole builds peaked at 2.39–2.44 GB. At 30 %
 * they peaked at 2.05–2.15 GB in no more time; at 10 % the model step alone at 1.86–1.99 GB against
 * 2.09–2.12 GB at 30 % (2 alternating pairs), for ~4 s more CPU (README, Performance).
 */
const HEAP_GROWING_PERCENT = 10;

/**
 * Runs `script` with `arg` (JSON) in a child Node process, in the project folder. Resolves when it
 * exits 0; otherwise rejects with `describe(exit code, last lines of its stderr)`.
 */
export async function runNodeChild(
  script: string, arg: unknown, fail: (code: number | null, stderr: string) => Error, { semiSpaceMb = SEMI_SPACE_MB } = {},
): Promise<void> {
  const args = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', `--max-old-space-size=${HEAP_MB}`, `--max-semi-space-size=${semiSpaceMb}`, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`, script, JSON.stringify(arg)];
  // stdin: a pipe the child only watches, to stop when this process dies (stopWithParent).
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
  if (code !== 0 && /heap out of memory/.test(stderr)) {
    throw new Error(`${path.basename(script)} ran out of its ${HEAP_MB} MB JavaScript heap: set ALMANAC_HEAP_MB to more (e.g. ${HEAP_MB * 2}) and run again`);
  }
  if (code !== 0) throw fail(code, stderr.trim().split('\n').slice(-5).join(' | '));
}

/**
 * In the child: stdin ends when the parent dies, even killed; stop then, rather than finish work
 * nobody will use (the next build removes what this one wrote).
 */
export function stopWithParent(): void {
  process.stdin.on('end', () => process.exit(1)).resume().unref();
}
